#include "engine/nn/model_config.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb {

using nlohmann::json;

void ModelConfig::validate() const {
  auto positive = [](int64_t v, const char* what) {
    GB_CHECK(v > 0, std::string(what) + " must be positive, not " + std::to_string(v));
  };
  positive(vocab_size, "vocab_size");
  positive(context_length, "context length (n_positions)");
  positive(emb_dim, "embedding size (n_embd)");
  positive(n_heads, "n_head");
  positive(n_layers, "n_layer");
  GB_CHECK(ff_dim >= 0, "n_inner must not be negative");
  GB_CHECK(model_type == "gpt2" || model_type == "llama" || model_type == "mistral" || model_type == "mixtral",
           "unknown model_type \"" + model_type + "\" (supported: gpt2, llama, mistral, mixtral)");
  if (is_llama_family()) {
    positive(ff_dim, "intermediate_size");
    GB_CHECK(head_size > 0 || emb_dim % n_heads == 0, "hidden_size " + std::to_string(emb_dim) +
                                                          " does not divide into " + std::to_string(n_heads) + " heads");
    GB_CHECK(head_size >= 0 && head_dim() % 2 == 0,
             "head_dim " + std::to_string(head_dim()) + " must be even (rotary embeddings turn channel pairs)");
    GB_CHECK(n_kv_heads >= 0 && n_heads % kv_heads() == 0,
             std::to_string(n_heads) + " attention heads do not share " + std::to_string(kv_heads()) +
                 " key/value heads evenly (num_key_value_heads)");
    GB_CHECK(rope_theta > 0.0f && std::isfinite(rope_theta), "rope_theta must be positive");
    GB_CHECK(n_experts >= 0, "num_local_experts must not be negative");
    GB_CHECK(n_experts == 0 || (experts_per_token >= 1 && experts_per_token <= n_experts),
             "num_experts_per_tok " + std::to_string(experts_per_token) + " must be between 1 and " +
                 std::to_string(n_experts) + " experts");
    GB_CHECK(router_aux_loss_coef >= 0.0f && std::isfinite(router_aux_loss_coef),
             "router_aux_loss_coef must not be negative");
    GB_CHECK((model_type == "mixtral") == (n_experts > 0),
             model_type == "mixtral" ? "a mixtral model needs num_local_experts" : "only mixtral has experts");
  } else {
    GB_CHECK(emb_dim % n_heads == 0, "n_embd " + std::to_string(emb_dim) + " does not divide into " +
                                         std::to_string(n_heads) + " heads");
  }
  GB_CHECK(drop_rate >= 0.0f && drop_rate < 1.0f, "dropout must be in [0, 1)");
  GB_CHECK(layer_norm_eps > 0.0f && std::isfinite(layer_norm_eps), "layer_norm_epsilon must be positive");
}

int64_t ModelConfig::parameter_count() const {
  if (is_llama_family()) {
    const int64_t C = emb_dim, F = ff_dim, hd = head_dim(), E = n_experts;
    const int64_t attn = C * n_heads * hd + 2 * C * kv_heads() * hd + n_heads * hd * C;  // q, k, v, o
    const int64_t ffn = E > 0 ? E * C + E * 3 * C * F : 3 * C * F;                      // router + experts
    return vocab_size * C + n_layers * (2 * C + attn + ffn) + C + (tie_weights ? 0 : vocab_size * C);
  }
  const int64_t C = emb_dim, H = hidden_dim();
  const int64_t per_block = 2 * C                        // ln_1
                            + C * 3 * C + (qkv_bias ? 3 * C : 0)  // c_attn
                            + C * C + C                  // attention c_proj
                            + 2 * C                      // ln_2
                            + C * H + H                  // c_fc
                            + H * C + C;                 // mlp c_proj
  return vocab_size * C + context_length * C + n_layers * per_block + 2 * C + (tie_weights ? 0 : vocab_size * C);
}

namespace {
// The Llama family's config.json, as transformers writes it for LlamaForCausalLM,
// MistralForCausalLM and MixtralForCausalLM.
json llama_json(const ModelConfig& c) {
  const std::string arch = c.model_type == "mixtral" ? "MixtralForCausalLM"
                           : c.model_type == "mistral" ? "MistralForCausalLM"
                                                       : "LlamaForCausalLM";
  json j = {
      {"model_type", c.model_type},
      {"architectures", {arch}},
      {"vocab_size", c.vocab_size},
      {"hidden_size", c.emb_dim},
      {"intermediate_size", c.ff_dim},
      {"num_hidden_layers", c.n_layers},
      {"num_attention_heads", c.n_heads},
      {"num_key_value_heads", c.kv_heads()},
      {"max_position_embeddings", c.context_length},
      {"rms_norm_eps", c.layer_norm_eps},
      {"rope_theta", c.rope_theta},
      {"rope_scaling", nullptr},
      {"hidden_act", "silu"},
      {"attention_bias", false},
      {"attention_dropout", 0.0},
      {"initializer_range", 0.02},
      {"tie_word_embeddings", c.tie_weights},
      {"torch_dtype", "float32"},
  };
  if (c.head_size > 0) j["head_dim"] = c.head_size;
  if (c.model_type != "llama") j["sliding_window"] = nullptr;
  if (c.is_moe()) {
    j["num_local_experts"] = c.n_experts;
    j["num_experts_per_tok"] = c.experts_per_token;
    j["router_aux_loss_coef"] = c.router_aux_loss_coef;
    j["output_router_logits"] = false;
  }
  return j;
}
}  // namespace

std::string ModelConfig::to_json() const {
  if (is_llama_family()) return llama_json(*this).dump(2) + "\n";
  json j = {
      {"model_type", model_type},
      {"architectures", {"GPT2LMHeadModel"}},
      {"vocab_size", vocab_size},
      {"n_positions", context_length},
      {"n_ctx", context_length},
      {"n_embd", emb_dim},
      {"n_head", n_heads},
      {"n_layer", n_layers},
      {"n_inner", ff_dim > 0 ? json(ff_dim) : json(nullptr)},
      {"activation_function", "gelu_new"},
      {"resid_pdrop", drop_rate},
      {"embd_pdrop", drop_rate},
      {"attn_pdrop", drop_rate},
      {"layer_norm_epsilon", layer_norm_eps},
      {"tie_word_embeddings", tie_weights},
      // Not a Hugging Face field: GPT-2 always has a qkv bias. When this is false the saved
      // c_attn.bias is all zeros, so other tools load an equivalent model.
      {"qkv_bias", qkv_bias},
      {"bos_token_id", 50256},
      {"eos_token_id", 50256},
  };
  if (vocab_size <= 50256) j.erase("bos_token_id"), j.erase("eos_token_id");
  return j.dump(2) + "\n";
}

namespace {
// The Llama family's fields; what Glassbox does not compute (biases, other activations,
// rope scaling) is an error naming the field rather than a silently different model.
template <class Int, class Num, class Bool>
void read_llama_fields(const json& j, ModelConfig& c, const std::string& origin, Int& integer, Num& number,
                       Bool& boolean) {
  c.tie_weights = false;  // transformers' LlamaConfig default
  c.qkv_bias = false;
  c.drop_rate = 0.0f;
  c.layer_norm_eps = 1e-6f;
  integer("vocab_size", c.vocab_size, true);
  integer("hidden_size", c.emb_dim, true);
  integer("intermediate_size", c.ff_dim, true);
  integer("num_hidden_layers", c.n_layers, true);
  integer("num_attention_heads", c.n_heads, true);
  integer("num_key_value_heads", c.n_kv_heads, false);
  integer("head_dim", c.head_size, false);
  integer("max_position_embeddings", c.context_length, true);
  number("rms_norm_eps", c.layer_norm_eps);
  number("rope_theta", c.rope_theta);
  boolean("tie_word_embeddings", c.tie_weights);
  if (c.model_type == "mixtral") {
    integer("num_local_experts", c.n_experts, true);
    integer("num_experts_per_tok", c.experts_per_token, false);
    number("router_aux_loss_coef", c.router_aux_loss_coef);
  }
  // Mistral's sliding window: within it attention is full, so a model limited to the window
  // computes exactly what the original does.
  if (j.contains("sliding_window") && j["sliding_window"].is_number_integer() &&
      j["sliding_window"].get<int64_t>() > 0)
    c.context_length = std::min(c.context_length, j["sliding_window"].get<int64_t>());
  auto refuse_true = [&](const char* key) {
    if (j.contains(key) && j[key].is_boolean() && j[key].get<bool>())
      throw Error(origin + ": \"" + std::string(key) + "\": true is not supported (Llama has no biases)");
  };
  refuse_true("attention_bias");
  refuse_true("mlp_bias");
  if (j.contains("hidden_act") && j["hidden_act"] != "silu")
    throw Error(origin + ": hidden_act " + j["hidden_act"].dump() + " is not supported (SwiGLU uses silu)");
  if (j.contains("rope_scaling") && !j["rope_scaling"].is_null())
    throw Error(origin + ": rope_scaling " + j["rope_scaling"].dump() + " is not supported (plain RoPE only)");
}
}  // namespace

ModelConfig ModelConfig::from_json(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(origin + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!j.is_object()) throw Error(origin + ": expected a JSON object");
  ModelConfig c;
  if (!j.contains("model_type") || !j["model_type"].is_string())
    throw Error(origin + ": missing \"model_type\"");
  c.model_type = j["model_type"].get<std::string>();
  if (c.model_type != "gpt2" && c.model_type != "llama" && c.model_type != "mistral" && c.model_type != "mixtral")
    throw Error(origin + ": unknown model_type \"" + c.model_type +
                "\" (supported: gpt2, llama, mistral, mixtral)");
  auto integer = [&](const char* key, int64_t& out, bool required) {
    if (!j.contains(key) || j[key].is_null()) {
      if (required) throw Error(origin + ": missing \"" + std::string(key) + "\"");
      return;
    }
    if (!j[key].is_number_integer()) throw Error(origin + ": \"" + std::string(key) + "\" must be a whole number");
    out = j[key].get<int64_t>();
  };
  auto number = [&](const char* key, float& out) {
    if (!j.contains(key) || j[key].is_null()) return;
    if (!j[key].is_number()) throw Error(origin + ": \"" + std::string(key) + "\" must be a number");
    out = j[key].get<float>();
  };
  auto boolean = [&](const char* key, bool& out) {
    if (!j.contains(key)) return;
    if (!j[key].is_boolean()) throw Error(origin + ": \"" + std::string(key) + "\" must be true or false");
    out = j[key].get<bool>();
  };
  if (c.is_llama_family()) {
    read_llama_fields(j, c, origin, integer, number, boolean);
    try {
      c.validate();
    } catch (const Error& e) {
      throw Error(origin + ": " + e.what());
    }
    return c;
  }
  integer("vocab_size", c.vocab_size, true);
  integer("n_positions", c.context_length, true);
  integer("n_embd", c.emb_dim, true);
  integer("n_head", c.n_heads, true);
  integer("n_layer", c.n_layers, true);
  integer("n_inner", c.ff_dim, false);
  number("resid_pdrop", c.drop_rate);
  number("layer_norm_epsilon", c.layer_norm_eps);
  boolean("tie_word_embeddings", c.tie_weights);
  boolean("qkv_bias", c.qkv_bias);
  if (j.contains("activation_function") && j["activation_function"] != "gelu_new" &&
      j["activation_function"] != "gelu_pytorch_tanh")
    throw Error(origin + ": activation_function " + j["activation_function"].dump() +
                " is not supported (GPT-2 uses gelu_new)");
  try {
    c.validate();
  } catch (const Error& e) {
    throw Error(origin + ": " + e.what());
  }
  return c;
}

ModelConfig ModelConfig::load(const std::filesystem::path& config_json) {
  return from_json(read_file(config_json), config_json.string());
}

namespace {
ModelConfig gpt(int64_t vocab, int64_t ctx, int64_t emb, int64_t heads, int64_t layers, float drop) {
  ModelConfig c;
  c.vocab_size = vocab;
  c.context_length = ctx;
  c.emb_dim = emb;
  c.n_heads = heads;
  c.n_layers = layers;
  c.drop_rate = drop;
  return c;
}

// gpt-tiny's sizes as a Llama (RoPE, so no position table), with kv key/value heads and
// `experts` SwiGLU experts (a Mixtral) when experts > 0.
ModelConfig llama(int64_t kv, int64_t experts) {
  ModelConfig c;
  c.model_type = experts > 0 ? "mixtral" : "llama";
  c.vocab_size = 50257;
  c.context_length = 64;
  c.emb_dim = 64;
  c.n_heads = 4;
  c.n_kv_heads = kv;
  c.n_layers = 2;
  c.ff_dim = experts > 0 ? 128 : 176;  // ≈ 8/3 · 64 rounded to 16, as Llama sizes its SwiGLU
  c.drop_rate = 0.0f;
  c.qkv_bias = false;
  c.tie_weights = false;
  c.layer_norm_eps = 1e-5f;
  c.rope_theta = 10000.0f;
  c.n_experts = experts;
  c.experts_per_token = 2;
  return c;
}

const std::map<std::string, ModelConfig>& presets() {
  static const std::map<std::string, ModelConfig> table = {
      {"gpt2-124m", gpt(50257, 1024, 768, 12, 12, 0.1f)},
      {"gpt2-355m", gpt(50257, 1024, 1024, 16, 24, 0.1f)},
      {"gpt2-774m", gpt(50257, 1024, 1280, 20, 36, 0.1f)},
      {"gpt2-1558m", gpt(50257, 1024, 1600, 25, 48, 0.1f)},
      {"gpt-tiny", gpt(50257, 64, 64, 2, 2, 0.0f)},
      {"gpt-mini", gpt(50257, 128, 256, 4, 4, 0.0f)},
      {"gpt-midi", gpt(50257, 256, 384, 6, 6, 0.1f)},
      {"llama-tiny", llama(4, 0)},
      {"llama-tiny-gqa", llama(2, 0)},
      {"moe-tiny", llama(2, 4)},
  };
  return table;
}
}  // namespace

bool is_preset(const std::string& name) { return presets().count(name) > 0; }

ModelConfig preset(const std::string& name) {
  auto it = presets().find(name);
  if (it == presets().end()) {
    std::string known;
    for (const auto& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown model preset '" + name + "' (known: " + known + ")");
  }
  return it->second;
}

std::vector<std::string> preset_names() {
  std::vector<std::string> out;
  for (const auto& [name, c] : presets()) out.push_back(name);
  return out;
}

}  // namespace gb
