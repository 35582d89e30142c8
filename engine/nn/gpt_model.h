#pragma once
// GPT-2, built from a ModelConfig, with the parts named as "Build a Large Language Model
// (From Scratch)" names them. Weights use the Hugging Face GPT-2 layouts, so a checkpoint
// maps onto them without transposes: every linear weight is (in, out) and y = x W + b.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/nn/autograd.h"
#include "engine/nn/language_model.h"
#include "engine/nn/model_config.h"

namespace gb {

// Causal self-attention with all heads in one product: x (B·T, C) → (B·T, C).
struct MultiHeadAttention {
  Var c_attn_weight;  // (C, 3C): q, k, v side by side
  Var c_attn_bias;    // (3C); undefined without qkv bias
  Var c_proj_weight;  // (C, C)
  Var c_proj_bias;    // (C)
  int n_heads = 1;

  Var forward(const Context& ctx, const Var& x, int64_t batch, float drop_rate, Tensor* probs) const;
};

// Position-wise MLP: C → 4C → GELU → C.
struct FeedForward {
  Var c_fc_weight;    // (C, H)
  Var c_fc_bias;      // (H)
  Var c_proj_weight;  // (H, C)
  Var c_proj_bias;    // (C)

  Var forward(const Context& ctx, const Var& x) const;
};

// Pre-norm block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).
struct TransformerBlock {
  Var ln_1_weight, ln_1_bias;  // (C)
  MultiHeadAttention attn;
  Var ln_2_weight, ln_2_bias;  // (C)
  FeedForward mlp;

  Var forward(const Context& ctx, const Var& x, int64_t batch, const ModelConfig& cfg, Tensor* probs) const;
};

class GPTModel final : public LanguageModel {
 public:
  // A freshly initialised model: weights N(0, 0.02) (positions 0.01, residual projections
  // scaled by 1/√(2·layers) as in GPT-2), biases 0, layer norms 1 and 0.
  // With initialize = false the weights are allocated but left unset (a loader fills them).
  explicit GPTModel(const ModelConfig& config, uint64_t seed = 0, bool initialize = true);

  const ModelConfig& config() const override { return config_; }

  // ids (B·T) → hidden (B·T, C) after ln_f; head: → logits (B·T, V) through lm_head or wte.
  Var hidden(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const override;
  Var head(const Context& ctx, const Var& hidden) const override;

  // Generation with a cache (batch 1); the cache holds every head (n_kv_heads = n_heads).
  Tensor forward_cached(std::span<const int32_t> ids, KVCache& cache) const override;
  KVCache new_cache() const override;

  Device device() const override { return wte.value().device(); }

  Var wte, wpe;  // (V, C), (context, C)
  std::vector<TransformerBlock> blocks;
  Var ln_f_weight, ln_f_bias;
  Var lm_head;   // (V, C); undefined when tied to wte

 protected:
  // Hugging Face GPT-2 names ("h.0.attn.c_attn.weight"); a tied model has no lm_head.weight.
  std::vector<std::pair<std::string, Var*>> parameter_slots() override;
  // The blocks' (in, out) matrices are copied transposed; the token table (and an untied
  // head) as they are; the position table stays f32 (one row is read per token).
  std::optional<bool> copy_layout(const std::string& hf_name, const Tensor& value) const override;

 private:
  ModelConfig config_;
};

}  // namespace gb
