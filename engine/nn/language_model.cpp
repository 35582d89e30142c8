#include "engine/nn/language_model.h"

#include "engine/core/error.h"
#include "engine/nn/gpt_model.h"
#include "engine/nn/llama_model.h"
#include "engine/nn/ops.h"
#include "engine/backend/cpu/matvec16.h"

namespace gb {

Var LanguageModel::forward(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const {
  return head(ctx, hidden(ctx, ids, batch, time));
}

Var LanguageModel::loss(const Context& ctx, std::span<const int32_t> ids, std::span<const int32_t> targets,
                        int64_t batch, int64_t time) const {
  GB_CHECK(targets.size() == ids.size(), "loss: targets and ids differ in length");
  return cross_entropy(ctx, forward(ctx, ids, batch, time), std::vector<int32_t>(targets.begin(), targets.end()));
}

NamedParameters LanguageModel::named_parameters() const {
  NamedParameters out;
  // parameter_slots() hands out the model's own Vars; here only copies (shared handles) leave.
  for (const auto& [name, slot] : const_cast<LanguageModel*>(this)->parameter_slots()) out.emplace_back(name, *slot);
  return out;
}

int64_t LanguageModel::parameter_count() const {
  int64_t n = 0;
  for (const auto& [name, v] : named_parameters()) n += v.value().numel();
  return n;
}

Var* LanguageModel::find_parameter(const std::string& hf_name) {
  for (const auto& [name, slot] : parameter_slots())
    if (name == hf_name) return slot;
  return nullptr;
}

void LanguageModel::to(Device d) {
  const auto slots = parameter_slots();
  // Leaving the CPU: the CPU weights become the host copy (no copy is made).
  if (d != Device::CPU && device() == Device::CPU) {
    host_mirror_.clear();
    for (const auto& [name, slot] : slots) host_mirror_.push_back(slot->value());
    mirror_current_ = true;
  }
  for (const auto& [name, slot] : slots) {
    slot->value() = slot->value().to(d);
    slot->zero_grad();
  }
  if (d == Device::CPU) host_mirror_.clear();
  set_inference_weights(d == Device::CPU ? inference_dtype_ : DType::F32);  // the copies follow the weights
}

void LanguageModel::mirror_to_host() const {
  if (device() == Device::CPU) return;
  std::vector<Tensor> copy;
  for (const auto& [name, v] : named_parameters()) copy.push_back(v.value().to(Device::CPU));
  host_mirror_ = std::move(copy);  // only once every download has worked
  mirror_current_ = true;
}

void LanguageModel::fall_back_to_cpu() const {
  if (device() == Device::CPU) return;
  const auto slots = const_cast<LanguageModel*>(this)->parameter_slots();
  GB_CHECK(host_mirror_.size() == slots.size(), "the model has no host copy of its weights to fall back to");
  for (size_t i = 0; i < slots.size(); ++i) {
    slots[i].second->value() = host_mirror_[i];
    slots[i].second->zero_grad();
  }
  host_mirror_.clear();
}

void LanguageModel::set_inference_weights(DType dtype) {
  GB_CHECK(dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16,
           "inference weights must be f32, f16 or bf16");
  packed_.clear();
  GB_CHECK(dtype == DType::F32 || device() == Device::CPU, "16-bit inference weights are for the CPU");
  inference_dtype_ = dtype;
  if (dtype == DType::F32) return;
  // The copies are made by the decode step that first reads each matrix. One throwaway
  // step makes them now, so that the first generated token is not the one that waits
  // (0.3-0.45 s for GPT-2 124M: `bench generate` reports it as weights_seconds).
  KVCache cache = new_cache();
  const int32_t token = 0;
  forward_cached(std::span<const int32_t>(&token, 1), cache);
}

Var LanguageModel::decode_linear(const Var& x, const Var& w, bool transposed, const Var& bias) const {
  const Tensor& xv = x.value();
  const Tensor& wv = w.value();
  // One row (a decode step) or a few (a prompt): past kMaxPackedRows the f32 product's
  // blocking wins over reading 16 bits once.
  constexpr int64_t kMaxPackedRows = 64;
  const int64_t rows = xv.ndim() == 2 ? xv.dim(0) : 1;
  if (inference_dtype_ != DType::F32 && xv.device() == Device::CPU && wv.device() == Device::CPU &&
      xv.numel() == rows * xv.dim(-1) && rows <= kMaxPackedRows && wv.ndim() == 2) {
    auto it = packed_.find(wv.storage());
    if (it == packed_.end())  // norms and biases stay f32: only matrices are streamed
      it = packed_
               .emplace(wv.storage(), std::make_pair(wv, Weight16::from_f32(wv.data(), wv.dim(0), wv.dim(1),
                                                                           inference_dtype_, !transposed)))
               .first;
    const Weight16& p = it->second.second;  // (out, in) whichever layout the weight has
    Tensor y = Tensor::empty({rows, p.rows});
    const float* b = bias.defined() ? bias.value().data() : nullptr;
    if (rows == 1) matvec16(xv.data(), p, /*transposed=*/true, b, y.data());
    else matmul16(xv.data(), rows, p, b, y.data());
    return Var(std::move(y));
  }
  const Context none;
  if (!transposed) return linear(none, x, w, bias);
  GB_CHECK(!bias.defined(), "decode_linear: a transposed product takes no bias");
  return linear_transposed(none, x, w);
}

std::unique_ptr<LanguageModel> create_model(const ModelConfig& config, uint64_t seed, bool initialize) {
  if (config.model_type == "gpt2") return std::make_unique<GPTModel>(config, seed, initialize);
  if (config.is_llama_family()) return std::make_unique<LlamaModel>(config, seed, initialize);
  throw Error("unknown model_type \"" + config.model_type + "\" (supported: gpt2, llama, mistral, mixtral)");
}

}  // namespace gb
