#include "engine/trace/architecture.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/core/error.h"
#include "engine/nn/language_model.h"

namespace gb {

using glassbox::trace::ArchBlock;
using glassbox::trace::ArchDiagram;
using glassbox::trace::ArchTensor;
using glassbox::trace::AttentionVariant;
using glassbox::trace::BlockStats;
using glassbox::trace::WeightStats;

namespace {

ModelConfig llama_like(int64_t vocab, int64_t ctx, int64_t emb, int64_t heads, int64_t kv_heads, int64_t layers,
                       int64_t hidden, bool tied, float theta) {
  ModelConfig c;
  c.model_type = "llama";
  c.vocab_size = vocab;
  c.context_length = ctx;
  c.emb_dim = emb;
  c.n_heads = heads;
  c.n_kv_heads = kv_heads;
  c.n_layers = layers;
  c.ff_dim = hidden;
  c.qkv_bias = false;
  c.tie_weights = tied;
  c.rope_theta = theta;
  c.layer_norm_eps = 1e-5f;
  return c;
}

// The published shapes (each model's config.json on the Hugging Face Hub).
const std::map<std::string, ModelConfig>& known_models() {
  static const std::map<std::string, ModelConfig> table = [] {
    std::map<std::string, ModelConfig> t;
    t["llama2-7b"] = llama_like(32000, 4096, 4096, 32, 32, 32, 11008, false, 10000.0f);
    t["tinyllama-1.1b"] = llama_like(32000, 2048, 2048, 32, 4, 22, 5632, false, 10000.0f);
    t["smollm2-135m"] = llama_like(49152, 8192, 576, 9, 3, 30, 1536, true, 100000.0f);
    ModelConfig mixtral = llama_like(32000, 32768, 4096, 32, 8, 32, 14336, false, 1e6f);
    mixtral.model_type = "mixtral";
    mixtral.n_experts = 8;
    mixtral.experts_per_token = 2;
    t["mixtral-8x7b"] = mixtral;
    return t;
  }();
  return table;
}

int64_t numel(const ArchTensor& t) {
  int64_t n = t.copies;
  for (int64_t d : t.shape) n *= d;
  return n;
}

ArchBlock block(std::string id, std::string kind, bool per_layer, std::vector<ArchTensor> tensors) {
  ArchBlock b;
  b.id = std::move(id);
  b.kind = std::move(kind);
  b.per_layer = per_layer;
  b.tensors = std::move(tensors);
  for (const ArchTensor& t : b.tensors) b.parameters += numel(t);
  b.active_parameters = b.parameters;
  return b;
}

std::vector<ArchBlock> gpt2_blocks(const ModelConfig& c) {
  const int64_t V = c.vocab_size, C = c.emb_dim, H = c.hidden_dim(), T = c.context_length;
  std::vector<ArchBlock> out;
  out.push_back(block("token_embedding", "token_embedding", false, {{"wte.weight", {V, C}}}));
  out.push_back(block("position_embedding", "position_embedding", false, {{"wpe.weight", {T, C}}}));
  out.push_back(block("norm_1", "layer_norm", true, {{"h.{i}.ln_1.weight", {C}}, {"h.{i}.ln_1.bias", {C}}}));
  // Hugging Face's GPT-2 keeps its linear weights as (in, out) (Conv1D): y = x W + b.
  std::vector<ArchTensor> attn = {{"h.{i}.attn.c_attn.weight", {C, 3 * C}}};
  if (c.qkv_bias) attn.push_back({"h.{i}.attn.c_attn.bias", {3 * C}});
  attn.push_back({"h.{i}.attn.c_proj.weight", {C, C}});
  attn.push_back({"h.{i}.attn.c_proj.bias", {C}});
  ArchBlock a = block("attention", "attention", true, attn);
  a.heads = a.kv_heads = c.n_heads;
  a.head_dim = c.head_dim();
  out.push_back(a);
  out.push_back(block("norm_2", "layer_norm", true, {{"h.{i}.ln_2.weight", {C}}, {"h.{i}.ln_2.bias", {C}}}));
  ArchBlock ff = block("feed_forward", "feed_forward", true,
                       {{"h.{i}.mlp.c_fc.weight", {C, H}}, {"h.{i}.mlp.c_fc.bias", {H}},
                        {"h.{i}.mlp.c_proj.weight", {H, C}}, {"h.{i}.mlp.c_proj.bias", {C}}});
  ff.hidden = H;
  out.push_back(ff);
  out.push_back(block("final_norm", "final_norm", false, {{"ln_f.weight", {C}}, {"ln_f.bias", {C}}}));
  if (c.tie_weights) {
    ArchBlock head = block("lm_head", "lm_head", false, {});
    head.shared_with = "token_embedding";
    out.push_back(head);
  } else {
    out.push_back(block("lm_head", "lm_head", false, {{"lm_head.weight", {V, C}}}));
  }
  return out;
}

std::vector<ArchBlock> llama_blocks(const ModelConfig& c) {
  const int64_t V = c.vocab_size, C = c.emb_dim, H = c.hidden_dim(), D = c.head_dim();
  const int64_t Q = c.n_heads * D, KV = c.kv_heads() * D;
  const std::string p = "model.layers.{i}.";
  std::vector<ArchBlock> out;
  out.push_back(block("token_embedding", "token_embedding", false, {{"model.embed_tokens.weight", {V, C}}}));
  out.push_back(block("rope", "rope", true, {}));  // rotates q and k inside attention: no weights
  out.push_back(block("norm_1", "rms_norm", true, {{p + "input_layernorm.weight", {C}}}));
  // torch.nn.Linear keeps its weight as (out, in): y = x Wᵀ.
  ArchBlock a = block("attention", "attention", true,
                      {{p + "self_attn.q_proj.weight", {Q, C}}, {p + "self_attn.k_proj.weight", {KV, C}},
                       {p + "self_attn.v_proj.weight", {KV, C}}, {p + "self_attn.o_proj.weight", {C, Q}}});
  a.heads = c.n_heads;
  a.kv_heads = c.kv_heads();
  a.head_dim = D;
  out.push_back(a);
  out.push_back(block("norm_2", "rms_norm", true, {{p + "post_attention_layernorm.weight", {C}}}));
  if (c.n_experts > 0) {
    const int64_t E = c.n_experts, K = c.experts_per_token;
    const std::string m = p + "block_sparse_moe.";
    ArchBlock moe = block("feed_forward", "moe", true,
                          {{m + "gate.weight", {E, C}},
                           {m + "experts.{e}.w1.weight", {H, C}, E},
                           {m + "experts.{e}.w2.weight", {C, H}, E},
                           {m + "experts.{e}.w3.weight", {H, C}, E}});
    // A token passes through the router and K of the E experts.
    moe.active_parameters = E * C + K * 3 * H * C;
    moe.hidden = H;
    moe.experts = E;
    moe.experts_per_token = K;
    out.push_back(moe);
  } else {
    ArchBlock ff = block("feed_forward", "swiglu", true,
                         {{p + "mlp.gate_proj.weight", {H, C}}, {p + "mlp.up_proj.weight", {H, C}},
                          {p + "mlp.down_proj.weight", {C, H}}});
    ff.hidden = H;
    out.push_back(ff);
  }
  out.push_back(block("final_norm", "final_norm", false, {{"model.norm.weight", {C}}}));
  if (c.tie_weights) {
    ArchBlock head = block("lm_head", "lm_head", false, {});
    head.shared_with = "token_embedding";
    out.push_back(head);
  } else {
    out.push_back(block("lm_head", "lm_head", false, {{"lm_head.weight", {V, C}}}));
  }
  return out;
}

std::string expand(std::string name, const std::string& key, int64_t value) {
  const auto at = name.find(key);
  if (at != std::string::npos) name.replace(at, key.size(), std::to_string(value));
  return name;
}

}  // namespace

ModelConfig architecture_config(const std::string& name) {
  if (auto it = known_models().find(name); it != known_models().end()) return it->second;
  if (is_preset(name)) return preset(name);
  std::string known;
  for (const std::string& n : architecture_names()) known += (known.empty() ? "" : ", ") + n;
  throw UsageError("unknown architecture \"" + name + "\" (known: " + known + ")");
}

std::vector<std::string> architecture_names() {
  std::vector<std::string> names = {"llama2-7b", "tinyllama-1.1b", "smollm2-135m", "mixtral-8x7b"};
  for (const std::string& p : preset_names()) names.push_back(p);
  return names;
}

ArchDiagram describe_architecture(const ModelConfig& c, const std::string& name) {
  ArchDiagram d;
  d.name = name;
  d.family = c.is_llama_family() ? "llama" : "gpt2";
  d.layers = c.n_layers;
  d.width = c.emb_dim;
  d.vocab = c.vocab_size;
  d.context = c.context_length;
  d.tied = c.tie_weights;
  d.blocks = c.is_llama_family() ? llama_blocks(c) : gpt2_blocks(c);
  for (const ArchBlock& b : d.blocks) {
    const int64_t times = b.per_layer ? c.n_layers : 1;
    d.total_parameters += times * b.parameters;
    d.active_parameters += times * b.active_parameters;
  }
  return d;
}

int64_t kv_cache_bytes(int64_t layers, int64_t kv_heads, int64_t head_dim, int64_t context, int64_t bytes_per_value) {
  return 2 * layers * kv_heads * head_dim * context * bytes_per_value;
}

std::vector<AttentionVariant> attention_variants(const ModelConfig& c, int64_t context, int bytes_per_value) {
  const int64_t heads = c.n_heads;
  int64_t grouped = c.kv_heads();
  if (grouped == heads || grouped == 1) grouped = heads / 4 >= 2 ? heads / 4 : std::max<int64_t>(1, heads / 2);
  while (heads % grouped != 0) --grouped;  // every group the same size
  std::vector<AttentionVariant> out;
  for (const auto& [name, kv] : std::vector<std::pair<std::string, int64_t>>{{"MHA", heads}, {"GQA", grouped}, {"MQA", 1}}) {
    AttentionVariant v;
    v.name = name;
    v.layers = c.n_layers;
    v.heads = heads;
    v.kv_heads = kv;
    v.head_dim = c.head_dim();
    v.context = context;
    v.bytes_per_value = bytes_per_value;
    v.kv_cache_bytes = kv_cache_bytes(v.layers, kv, v.head_dim, context, bytes_per_value);
    out.push_back(v);
  }
  return out;
}

WeightStats value_statistics(const std::vector<float>& values, int bins) {
  WeightStats s;
  s.count = static_cast<int64_t>(values.size());
  if (values.empty()) return s;
  double sum = 0.0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (float v : values) {
    sum += v;
    lo = std::min(lo, static_cast<double>(v));
    hi = std::max(hi, static_cast<double>(v));
  }
  s.mean = sum / static_cast<double>(values.size());
  double sq = 0.0;  // second pass: no cancellation for weights far from zero
  for (float v : values) sq += (v - s.mean) * (v - s.mean);
  s.std = std::sqrt(sq / static_cast<double>(values.size()));
  s.min = lo;
  s.max = hi;
  s.histogram.assign(static_cast<size_t>(std::max(1, bins)), 0);
  const double width = (hi - lo) / static_cast<double>(s.histogram.size());
  for (float v : values) {
    size_t bin = width > 0 ? static_cast<size_t>((v - lo) / width) : 0;
    s.histogram[std::min(bin, s.histogram.size() - 1)]++;
  }
  return s;
}

BlockStats block_statistics(const LanguageModel& model, const ArchDiagram& diagram, const std::string& block_id,
                            int layer, int bins) {
  BlockStats out;
  out.block_id = block_id;
  out.layer = layer;
  out.source = diagram.name;
  const auto it = std::find_if(diagram.blocks.begin(), diagram.blocks.end(),
                               [&](const ArchBlock& b) { return b.id == block_id; });
  if (it == diagram.blocks.end()) {
    out.error = "no block \"" + block_id + "\" in " + diagram.name;
    return out;
  }
  const ArchBlock* b = &*it;
  if (!b->shared_with.empty()) {  // a tied head: its weights are the embedding's
    for (const ArchBlock& other : diagram.blocks)
      if (other.id == b->shared_with) b = &other;
  }
  if (b->tensors.empty()) {
    out.error = "this block has no weights";
    return out;
  }
  std::map<std::string, Tensor> weights;
  for (const auto& [name, var] : model.named_parameters()) weights.emplace(name, var.value());
  for (const ArchTensor& t : b->tensors) {
    const std::string name = expand(t.name, "{i}", layer);
    std::vector<float> values;
    std::vector<int64_t> shape;
    for (int64_t e = 0; e < t.copies; ++e) {
      const auto w = weights.find(expand(name, "{e}", e));
      if (w == weights.end()) continue;
      const std::vector<float> v = w->second.to_vector();
      values.insert(values.end(), v.begin(), v.end());
      shape = w->second.shape();
    }
    if (values.empty()) continue;
    WeightStats s = value_statistics(values, bins);
    s.name = t.copies > 1 ? name : expand(name, "{e}", 0);
    s.shape = shape;
    if (t.copies > 1) s.shape.insert(s.shape.begin(), t.copies);
    out.tensors.push_back(std::move(s));
  }
  if (out.tensors.empty()) out.error = "the model has none of this block's tensors (another architecture?)";
  return out;
}

}  // namespace gb
