#include "app/engine_model.h"

#include <algorithm>
#include <cmath>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/io/model_dir.h"
#include "engine/nn/forward_trace.h"
#include "engine/nn/gpt_model.h"
#include "engine/nn/language_model.h"
#include "engine/nn/ops.h"
#include "engine/tokenizer/tokenizer.h"

namespace glassbox { namespace app {

namespace fs = std::filesystem;

EngineModel::~EngineModel() = default;

std::unique_ptr<EngineModel> EngineModel::load(const fs::path& dir, gb::Device device) {
  std::unique_ptr<EngineModel> m(new EngineModel);
  m->model_ = gb::load_model(dir);
  const gb::ModelConfig& c = m->model_->config();
  std::error_code ec;
  if (fs::exists(dir / "tokenizer.json", ec)) {
    m->tokenizer_ = gb::load_tokenizer((dir / "tokenizer.json").string());
  } else if (c.vocab_size == 50257) {
    m->tokenizer_ = gb::load_tokenizer("gpt2");  // GPT-2's own checkpoints come without one
  } else {
    throw gb::Error((dir / "tokenizer.json").string() + ": missing, and the vocabulary (" +
                    std::to_string(c.vocab_size) + ") is not GPT-2's, so no tokenizer fits");
  }
  if (m->tokenizer_->vocab_size() > c.vocab_size)
    throw gb::Error((dir / "tokenizer.json").string() + ": " + std::to_string(m->tokenizer_->vocab_size()) +
                    " tokens, more than the model's vocabulary of " + std::to_string(c.vocab_size));
  m->info_.name = fs::path(dir).lexically_normal().filename().string();
  if (m->info_.name.empty()) m->info_.name = fs::path(dir).lexically_normal().parent_path().filename().string();
  m->info_.path = dir.string();
  m->place(device);
  m->describe();
  return m;
}

std::unique_ptr<EngineModel> EngineModel::random(gb::Device device, std::uint64_t seed) {
  std::unique_ptr<EngineModel> m(new EngineModel);
  gb::ModelConfig c = gb::preset("gpt-mini");  // 4 layers, 4 heads, 256 wide
  c.context_length = 1024;                     // long enough for the 1,024-token attention map
  m->model_ = gb::create_model(c, seed);
  m->tokenizer_ = gb::load_tokenizer("gpt2");
  m->info_.name = "random model";
  m->info_.random = true;
  m->place(device);
  m->describe();
  return m;
}

void EngineModel::place(gb::Device device) {
  info_.device = "CPU";
  if (device == gb::Device::CPU) return;
  std::string why;
  if (!gb::backend_available(device, &why)) {
    info_.device_note = why;
    return;
  }
  try {
    model_->to(device);
    info_.device = gb::device_name(device);
  } catch (const gb::Error& e) {
    model_->to(gb::Device::CPU);  // weights that had moved come back
    info_.device_note = e.what();
  }
}

void EngineModel::describe() {
  const gb::ModelConfig& c = model_->config();
  info_.parameters = model_->parameter_count();
  info_.weight_bytes = info_.parameters * static_cast<std::int64_t>(sizeof(float));
  info_.layers = static_cast<int>(c.n_layers);
  info_.heads = static_cast<int>(c.n_heads);
  info_.context = static_cast<int>(c.context_length);
  info_.width = static_cast<int>(c.emb_dim);
  info_.vocab = c.vocab_size;
  info_.tokenizer = tokenizer_->name();
}

std::vector<float> EngineModel::attention(std::span<const std::int32_t> ids, int layer) const {
  const gb::ModelConfig& c = model_->config();
  const auto T = static_cast<std::int64_t>(ids.size());
  GB_CHECK(T >= 1 && T <= c.context_length, "attention: " + std::to_string(T) + " tokens for a context of " +
                                                std::to_string(c.context_length));
  GB_CHECK(layer >= 0 && layer < c.n_layers, "attention: no layer " + std::to_string(layer));
  if (const auto* gpt = dynamic_cast<const gb::GPTModel*>(model_.get())) {
    // GPT-2: x (T, C) = token embedding + position embedding, then the blocks up to `layer`;
    // the later blocks cannot change this layer's attention, so they are not run (the
    // keystroke-to-repaint time of the attention view is mostly this).
    const gb::Context none;  // inference: no tape, no dropout
    std::vector<std::int32_t> positions(ids.size());
    for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<std::int32_t>(i);
    gb::Var x = gb::add(none, gb::embedding(none, gpt->wte, std::vector<std::int32_t>(ids.begin(), ids.end())),
                        gb::embedding(none, gpt->wpe, std::move(positions)));
    gb::Tensor probs;  // (1, H, T, T)
    for (int l = 0; l <= layer; ++l)
      x = gpt->blocks[static_cast<std::size_t>(l)].forward(none, x, 1, c, l == layer ? &probs : nullptr);
    return probs.to_vector();
  }
  // Any other family: the hidden states with a trace, which records every layer's weights.
  gb::ForwardTrace trace;
  gb::Context ctx;
  ctx.trace = &trace;
  model_->hidden(ctx, ids, 1, T);
  GB_CHECK(static_cast<int>(trace.attention.size()) > layer && trace.attention[static_cast<std::size_t>(layer)].defined(),
           "attention: this model does not record its attention weights");
  return trace.attention[static_cast<std::size_t>(layer)].to_vector();
}

std::vector<float> EngineModel::nextTokenProbs(std::span<const std::int32_t> ids) const {
  const gb::ModelConfig& c = model_->config();
  GB_CHECK(!ids.empty(), "next token: no tokens");
  // The model sees at most its context: the last `context` tokens.
  if (static_cast<std::int64_t>(ids.size()) > c.context_length) ids = ids.last(static_cast<std::size_t>(c.context_length));
  gb::KVCache cache;
  const std::vector<float> logits = model_->forward_cached(ids, cache).to_vector();  // (V)
  // softmax, with the maximum subtracted so that exp never overflows.
  const float top = *std::max_element(logits.begin(), logits.end());
  std::vector<float> p(logits.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) sum += p[i] = std::exp(logits[i] - top);
  for (float& v : p) v = static_cast<float>(v / sum);
  return p;
}

const gb::Tensor* EngineModel::weight(std::initializer_list<const char*> names) const {
  for (const auto& [name, var] : model_->named_parameters())
    for (const char* n : names)
      if (name == n) return &var.value();
  return nullptr;
}

std::vector<float> EngineModel::tokenEmbeddings(std::span<const std::int32_t> ids) const {
  const gb::Tensor* wte = weight({"wte.weight", "model.embed_tokens.weight", "embed_tokens.weight"});
  GB_CHECK(wte, "this model has no token embedding table the app knows by name");
  const gb::Tensor table = wte->to(gb::Device::CPU);  // (V, C); shared, not copied, on the CPU
  const std::int64_t C = table.dim(1), V = table.dim(0);
  std::vector<float> out;
  out.reserve(ids.size() * static_cast<std::size_t>(C));
  for (std::int32_t id : ids) {
    GB_CHECK(id >= 0 && id < V, "token id " + std::to_string(id) + " is outside the vocabulary");
    out.insert(out.end(), table.data() + id * C, table.data() + (id + 1) * C);
  }
  return out;
}

std::vector<float> EngineModel::positionEmbeddings(int n) const {
  const gb::Tensor* wpe = weight({"wpe.weight"});
  if (!wpe) return {};  // positions are rotations inside attention (RoPE), not a table
  const gb::Tensor table = wpe->to(gb::Device::CPU);  // (context, C)
  n = std::clamp(n, 0, static_cast<int>(table.dim(0)));
  return std::vector<float>(table.data(), table.data() + static_cast<std::int64_t>(n) * table.dim(1));
}

}}  // namespace glassbox::app
