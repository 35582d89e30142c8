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
  for (const auto& [name, slot] : parameter_slots()) {
    slot->value() = slot->value().to(d);
    slot->zero_grad();
  }
  set_inference_weights(d == Device::CPU ? inference_dtype_ : DType::F32);  // the copies follow the weights
}

void LanguageModel::set_inference_weights(DType dtype) {
  GB_CHECK(dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16,
           "inference weights must be f32, f16 or bf16");
  packed_.clear();
  GB_CHECK(dtype == DType::F32 || device() == Device::CPU, "16-bit inference weights are for the CPU");
  inference_dtype_ = dtype;
}

Var LanguageModel::decode_linear(const Var& x, const Var& w, bool transposed, const Var& bias) const {
  const Tensor& xv = x.value();
  const Tensor& wv = w.value();
  if (inference_dtype_ != DType::F32 && xv.device() == Device::CPU && wv.device() == Device::CPU &&
      xv.numel() == xv.dim(-1) && wv.ndim() == 2) {
    auto it = packed_.find(wv.storage());
    if (it == packed_.end())  // norms and biases stay f32: only matrices are streamed
      it = packed_
               .emplace(wv.storage(), std::make_pair(wv, Weight16::from_f32(wv.data(), wv.dim(0), wv.dim(1),
                                                                           inference_dtype_, !transposed)))
               .first;
    const Weight16& p = it->second.second;  // (out, in) whichever layout the weight has
    Tensor y = Tensor::empty({1, p.rows});
    matvec16(xv.data(), p, /*transposed=*/true, bias.defined() ? bias.value().data() : nullptr, y.data());
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
