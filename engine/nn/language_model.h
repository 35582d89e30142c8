#pragma once
// LanguageModel: what every model family (GPTModel, LlamaModel) offers the rest of the
// engine. Training, generation, model directories, finetuning and the views work through
// this interface and never ask which architecture they hold; a new family is a new class
// that implements it and a line in create_model().
//
// Shapes: B = batch, T = time (tokens per row), C = emb_dim, V = vocab_size.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/backend/cpu/matvec16.h"
#include "engine/io/dtype.h"
#include "engine/nn/autograd.h"
#include "engine/nn/model_config.h"

namespace gb {

// Every trainable tensor by its Hugging Face name, in a fixed order.
using NamedParameters = std::vector<std::pair<std::string, Var>>;

// Keys and values of every layer for the positions seen so far (batch 1). Each layer's
// tensors are (context_length, n_kv_heads · head_dim): with grouped-query attention several
// query heads read one cached key/value head, so the cache is n_heads / n_kv_heads times
// smaller than the queries.
struct KVCache {
  std::vector<Tensor> keys, values;  // per layer (rows ≤ context_length, n_kv_heads · head_dim)
  int64_t length = 0;                // positions filled
  // Bytes the cache has allocated (filled or not; f32). GPT-2 allocates its whole context;
  // Llama-family models grow the cache as positions fill.
  int64_t bytes() const {
    int64_t n = 0;
    for (const Tensor& t : keys) n += t.numel();
    for (const Tensor& t : values) n += t.numel();
    return n * static_cast<int64_t>(sizeof(float));
  }
};

class LanguageModel {
 public:
  virtual ~LanguageModel() = default;

  virtual const ModelConfig& config() const = 0;

  // ids (B·T) → hidden states (B·T, C) after the final norm, rows in batch-major order:
  // what the language-model head (or a classification head) reads.
  virtual Var hidden(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const = 0;
  // hidden (N, C) → logits (N, V) through the output head (tied or not).
  virtual Var head(const Context& ctx, const Var& hidden) const = 0;
  // ids (B·T) → logits (B·T, V) = head(hidden(ids)).
  virtual Var forward(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const;
  // Mean next-token cross-entropy; targets (B·T) with -100 to ignore. A model with extra
  // training terms (mixture-of-experts load balancing) adds them here when ctx.training.
  virtual Var loss(const Context& ctx, std::span<const int32_t> ids, std::span<const int32_t> targets,
                   int64_t batch, int64_t time) const;

  // Generation with a cache: feeds n new tokens after cache.length and returns the logits
  // of the last of them (V, on the CPU). Starts a new cache when cache.keys is empty.
  virtual Tensor forward_cached(std::span<const int32_t> ids, KVCache& cache) const = 0;
  virtual KVCache new_cache() const = 0;

  // Every trainable tensor with its Hugging Face name, in a fixed order. A tied model lists
  // the token embedding once and has no lm_head.weight.
  NamedParameters named_parameters() const;
  int64_t parameter_count() const;
  // The model's own slot for a parameter, by Hugging Face name, or nullptr. Assigning to it
  // replaces what the model computes with (LoRA puts W0 + s·A·B there for each step).
  Var* find_parameter(const std::string& hf_name);

  // Moves every weight to a device (dropping gradients); the model then computes there.
  // Build or load on the CPU, then move.
  void to(Device device);
  virtual Device device() const = 0;

  // Recovery from a failed device (see device_fallback_reason() in backend.h). While the
  // weights are on a device, the model keeps a host copy of them: the CPU weights it was
  // moved from (host memory the size of the model), refreshed by mirror_to_host() (the
  // trainer does that at its snapshots). fall_back_to_cpu() makes that copy the weights,
  // without reading the device (which may be lost), and drops the gradients. Var is a
  // handle, so a const model's weights can move, as to() moves them.
  // The copy is current until the weights change on the device (the trainer says so after
  // each step); generation falls back only onto a current copy.
  void mirror_to_host() const;
  void fall_back_to_cpu() const;
  void weights_changed_on_device() const { mirror_current_ = false; }
  bool host_copy_current() const { return mirror_current_ && !host_mirror_.empty(); }

  // Generation with 16-bit weights (F16 or BF16) on the CPU: every matrix gets a 16-bit copy
  // that generation (forward_cached) reads instead of the f32 one, which halves the bytes
  // streamed per generated token. F32 drops the copies. The copies are made here, not by
  // the first token (0.3-0.45 s for GPT-2 124M: `bench generate` reports weights_seconds).
  //
  // By default the f32 weights stay too (forward() and training use them); set it again
  // after the weights change (a Trainer drops the copies). With generation_only (a model
  // that will only generate: the chat's, `glassbox-cli generate --weights`), the f32
  // matrices and embedding tables are freed instead, so the weights also stay in 16 bits in
  // memory: half the f32 model's bytes. They keep their shapes (parameter_count() does not
  // change) but hold no values, so forward() and saving throw, naming why, until
  // set_inference_weights(F32) widens them back (to exactly the loaded values when the
  // file stored them in 16 bits); a Trainer, to(device) and F32WeightsForAWhile do that
  // themselves. Norms, biases and position tables stay f32.
  void set_inference_weights(DType dtype, bool generation_only = false);
  // For loaders: fills every parameter through read(name, into), which writes the named
  // weight's f32 values into a tensor of its shape. With generation_dtype F16 or BF16 the
  // model comes out generation-only in that dtype without ever holding all its f32 weights:
  // each matrix is read into a scratch tensor (one per shape) and rounded into its 16-bit
  // copy at once, so opening a model for the chat takes its 16-bit size plus a few
  // matrices, not 1.5× its f32 size.
  void load_weights(const std::function<void(const std::string& name, Tensor& into)>& read,
                    DType generation_dtype = DType::F32);
  DType inference_weights() const { return inference_dtype_; }
  bool generation_only() const { return generation_only_; }
  // Bytes the weights take in memory: the f32 values held plus the 16-bit copies.
  int64_t weight_bytes() const;
  // x (rows, in) times a weight, through its 16-bit copy when it has one: y = x W + b
  // (transposed false, GPT-2's layout) or x Wᵀ (true, Hugging Face Linear). One row (a
  // decode step) goes through matvec16, up to 64 (a prompt) through matmul16, in blocks of
  // 64 rows when the model is generation-only; otherwise more rows and other devices go
  // through linear() / linear_transposed(). Inference only (no tape).
  Var decode_linear(const Var& x, const Var& w, bool transposed, const Var& bias = Var()) const;
  // The rows of an embedding table (V, C) for ids, as embedding() gives them; from its 16-bit
  // copy when the model is generation-only. Inference only (no tape).
  Var decode_embedding(const Var& table, std::span<const int32_t> ids) const;

 protected:
  // The parameters as the model holds them; named_parameters() and find_parameter() read
  // this one list, so the names cannot disagree.
  virtual std::vector<std::pair<std::string, Var*>> parameter_slots() = 0;
  // How generation reads a parameter through a 16-bit copy: as it is (false), transposed
  // (true: GPT-2's (in, out) matrices, so that every product reads rows), or not at all
  // (nullopt: it stays f32). By default every matrix as it is (Hugging Face Linear
  // weights, embedding tables) and nothing else (norms, biases).
  virtual std::optional<bool> copy_layout(const std::string& hf_name, const Tensor& value) const;

 private:
  mutable std::vector<Tensor> host_mirror_;  // parameter_slots() order; empty on the CPU
  mutable bool mirror_current_ = false;

  DType inference_dtype_ = DType::F32;
  bool generation_only_ = false;
  // A matrix's 16-bit copy; transposed: the copy is the f32 weight's transpose (GPT-2's
  // (in, out) Conv1D weights are stored (out, in), so every product reads rows).
  struct Packed {
    Tensor weight;  // the model's tensor: its storage is the key, and cannot be freed and reused while here
    Weight16 copy;
    bool transposed = false;
  };
  // 16-bit copies by the model tensor's storage, made by set_inference_weights or
  // load_weights for every parameter copy_layout names, and on first use by decode_linear
  // for a matrix it does not (generation runs on one thread at a time per model).
  mutable std::map<const Storage*, Packed> packed_;
  // The parameter in slot `slot` (named `name`) gets its 16-bit copy, from `values` (its f32
  // values); in a generation-only model the slot then holds a stand-in without values.
  void make_copy(const std::string& name, Var& slot, const Tensor& values, bool transposed);
  // w's copy, made now if it has none (a matrix copy_layout does not name).
  const Weight16& packed(const Tensor& w, bool transpose) const;
  // A copy of values (its key tensor is values too, until make_copy gives it the slot's).
  Packed pack(const Tensor& values, bool transposed) const;
  // Generation-only → f32 again: each matrix widened back from its copy.
  void restore_f32_weights();
};

// While alive, a generation-only model has its f32 weights back, for a pass that reads them
// (the chat's attention view runs forward() with a trace); then it keeps only its 16-bit
// copies again, made anew from the widened weights, which round back to the same numbers.
// Any other model is left as it is.
class F32WeightsForAWhile {
 public:
  explicit F32WeightsForAWhile(LanguageModel& model);
  ~F32WeightsForAWhile();
  F32WeightsForAWhile(const F32WeightsForAWhile&) = delete;
  F32WeightsForAWhile& operator=(const F32WeightsForAWhile&) = delete;

 private:
  LanguageModel& model_;
  DType dtype_;
  bool generation_only_;
};

// A freshly initialised model of the family config.model_type names (gpt2, llama, …).
// With initialize = false the weights are allocated but left unset (a loader fills them).
std::unique_ptr<LanguageModel> create_model(const ModelConfig& config, uint64_t seed = 0, bool initialize = true);

}  // namespace gb
