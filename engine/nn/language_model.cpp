#include "engine/nn/language_model.h"

#include <algorithm>
#include <string>

#include "engine/core/error.h"
#include "engine/core/memory.h"
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
  const bool moving = d != device();
  if (generation_only_ && d != Device::CPU) set_inference_weights(DType::F32);  // f32 values to move
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
  // The copies follow the weights; weights that stayed where they were keep theirs.
  if (moving) set_inference_weights(d == Device::CPU ? inference_dtype_ : DType::F32);
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

void LanguageModel::set_inference_weights(DType dtype, bool generation_only) {
  GB_CHECK(dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16,
           "inference weights must be f32, f16 or bf16");
  GB_CHECK(dtype == DType::F32 || device() == Device::CPU, "16-bit inference weights are for the CPU");
  GB_CHECK(dtype != DType::F32 || !generation_only, "a generation-only model keeps 16-bit weights, not f32");
  // Already so: widening and rounding again would give the same copies.
  if (generation_only && generation_only_ && dtype == inference_dtype_) return;
  // New copies are made from f32 weights (so a change from f16 to bf16 rounds afresh).
  if (generation_only_) restore_f32_weights();
  packed_.clear();
  inference_dtype_ = dtype;
  if (dtype == DType::F32) return;
  generation_only_ = generation_only;
  for (const auto& [name, slot] : parameter_slots())
    if (const std::optional<bool> transposed = copy_layout(name, slot->value()))
      make_copy(name, *slot, slot->value(), *transposed);
  if (generation_only) release_cached_blocks();  // the freed weights go back to the system
}

void LanguageModel::load_weights(const std::function<void(const std::string& name, Tensor& into)>& read,
                                 DType generation_dtype) {
  GB_CHECK(device() == Device::CPU, "weights are loaded on the CPU");
  if (generation_dtype == DType::F32) {
    set_inference_weights(DType::F32);
    for (const auto& [name, slot] : parameter_slots()) read(name, slot->value());
    return;
  }
  GB_CHECK(generation_dtype == DType::F16 || generation_dtype == DType::BF16,
           "generation weights must be f32, f16 or bf16");
  packed_.clear();
  inference_dtype_ = generation_dtype;
  generation_only_ = true;
  // The slots' f32 tensors were allocated but never written, so they hold no memory yet;
  // the matrices go through one scratch tensor per shape instead, and the untouched
  // tensors are dropped. (Not a scratch from the block cache: it would hand back the
  // dropped tensors themselves, and writing them would make them resident.)
  std::map<Shape, Tensor> scratch;
  for (const auto& [name, slot] : parameter_slots()) {
    const std::optional<bool> transposed = copy_layout(name, slot->value());
    if (!transposed) {
      read(name, slot->value());
      continue;
    }
    auto it = scratch.find(slot->value().shape());
    if (it == scratch.end()) it = scratch.emplace(slot->value().shape(), Tensor::empty(slot->value().shape())).first;
    read(name, it->second);
    make_copy(name, *slot, it->second, *transposed);
  }
  scratch.clear();
  release_cached_blocks();
}

LanguageModel::Packed LanguageModel::pack(const Tensor& values, bool transposed) const {
  GB_CHECK(values.ndim() == 2 && values.offset() == 0, "a 16-bit copy is made of a whole matrix, not of " + values.str());
  return Packed{values, Weight16::from_f32(values.data(), values.dim(0), values.dim(1), inference_dtype_, transposed),
                transposed};
}

void LanguageModel::make_copy(const std::string& name, Var& slot, const Tensor& values, bool transposed) {
  GB_CHECK(values.shape() == slot.value().shape(), "the values for " + name + " have the shape " + values.str());
  Packed p = pack(values, transposed);
  p.weight = slot.value();
  if (generation_only_) {
    // The f32 tensor gives way to a stand-in of its shape, which becomes the copy's key;
    // with the model's slot its last holder, its memory is freed.
    p.weight = Tensor::without_values(values.shape());
    slot.value() = p.weight;
  }
  packed_.insert_or_assign(p.weight.storage(), std::move(p));
}

std::optional<bool> LanguageModel::copy_layout(const std::string&, const Tensor& value) const {
  return value.ndim() == 2 ? std::optional<bool>(false) : std::nullopt;
}

void LanguageModel::restore_f32_weights() {
  for (const auto& [name, slot] : parameter_slots()) {
    if (slot->value().has_values()) continue;
    auto it = packed_.find(slot->value().storage());
    GB_CHECK(it != packed_.end(), "the weight " + name + " has neither f32 values nor a 16-bit copy");
    Tensor w = Tensor::empty(slot->value().shape());
    it->second.copy.to_f32(w.data(), it->second.transposed);
    slot->value() = std::move(w);
    packed_.erase(it);
  }
  generation_only_ = false;
}

int64_t LanguageModel::weight_bytes() const {
  int64_t n = 0;
  for (const auto& [name, v] : named_parameters())
    if (v.value().has_values()) n += v.value().numel() * static_cast<int64_t>(sizeof(float));
  for (const auto& [key, p] : packed_) n += p.copy.bytes();
  return n;
}

const Weight16& LanguageModel::packed(const Tensor& w, bool transpose) const {
  auto it = packed_.find(w.storage());
  if (it == packed_.end()) it = packed_.emplace(w.storage(), pack(w, transpose)).first;
  GB_CHECK(it->second.transposed == transpose && it->second.weight.shape() == w.shape(),
           "the weight " + w.str() + " is read in two layouts");
  return it->second.copy;
}

Var LanguageModel::decode_linear(const Var& x, const Var& w, bool transposed, const Var& bias) const {
  const Tensor& xv = x.value();
  const Tensor& wv = w.value();
  // One row (a decode step) or a few (a prompt): past kMaxPackedRows the f32 product's
  // blocking wins over reading 16 bits once, unless the model has only the 16-bit copies.
  constexpr int64_t kMaxPackedRows = 64;
  const int64_t rows = xv.ndim() == 2 ? xv.dim(0) : 1, k = xv.dim(-1);
  if (inference_dtype_ != DType::F32 && xv.device() == Device::CPU && wv.device() == Device::CPU &&
      xv.numel() == rows * k && (rows <= kMaxPackedRows || generation_only_) && wv.ndim() == 2) {
    // norms and biases stay f32: only matrices are streamed
    const Weight16& p = packed(wv, !transposed);  // (out, in) whichever layout the weight has
    GB_CHECK(p.cols == k, "decode_linear: " + xv.str() + " times the weight " + wv.str());
    Tensor y = Tensor::empty({rows, p.rows});
    const float* b = bias.defined() ? bias.value().data() : nullptr;
    if (rows == 1) {
      matvec16(xv.data(), p, /*transposed=*/true, b, y.data());
    } else {
      for (int64_t r = 0; r < rows; r += kMaxPackedRows)
        matmul16(xv.data() + r * k, std::min(kMaxPackedRows, rows - r), p, b, y.data() + r * p.rows);
    }
    return Var(std::move(y));
  }
  const Context none;
  if (!transposed) return linear(none, x, w, bias);
  GB_CHECK(!bias.defined(), "decode_linear: a transposed product takes no bias");
  return linear_transposed(none, x, w);
}

Var LanguageModel::decode_embedding(const Var& table, std::span<const int32_t> ids) const {
  if (!generation_only_) return embedding(Context(), table, std::vector<int32_t>(ids.begin(), ids.end()));
  const Weight16& p = packed(table.value(), /*transpose=*/false);
  Tensor out = Tensor::empty({static_cast<int64_t>(ids.size()), p.cols});
  for (size_t i = 0; i < ids.size(); ++i) {
    GB_CHECK(ids[i] >= 0 && ids[i] < p.rows, "token id " + std::to_string(ids[i]) + " is outside the vocabulary (" +
                                                   std::to_string(p.rows) + " tokens)");
    p.row_to_f32(ids[i], out.data() + static_cast<int64_t>(i) * p.cols);
  }
  return Var(std::move(out));
}

F32WeightsForAWhile::F32WeightsForAWhile(LanguageModel& model)
    : model_(model), dtype_(model.inference_weights()), generation_only_(model.generation_only()) {
  if (!generation_only_) return;
  // Widening a large model could take more memory than is left (a 1.7B model needs 6.8 GB
  // of f32 beside its 3.4 GB of copies): say so rather than be killed for it.
  const int64_t needed = model.parameter_count() * static_cast<int64_t>(sizeof(float));
  if (const std::optional<int64_t> left = available_memory(); left && needed > *left)
    throw Error("this needs the model's f32 weights (" + std::to_string(needed >> 20) + " MB), more memory than is free (" +
                std::to_string(*left >> 20) + " MB); the model keeps only 16-bit weights for generation");
  model_.set_inference_weights(DType::F32);
}

F32WeightsForAWhile::~F32WeightsForAWhile() {
  if (generation_only_) model_.set_inference_weights(dtype_, /*generation_only=*/true);
}

std::unique_ptr<LanguageModel> create_model(const ModelConfig& config, uint64_t seed, bool initialize) {
  if (config.model_type == "gpt2") return std::make_unique<GPTModel>(config, seed, initialize);
  if (config.is_llama_family()) return std::make_unique<LlamaModel>(config, seed, initialize);
  throw Error("unknown model_type \"" + config.model_type + "\" (supported: gpt2, llama, mistral, mixtral)");
}

}  // namespace gb
