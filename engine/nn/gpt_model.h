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
#include "engine/nn/model_config.h"

namespace gb {

using NamedParameters = std::vector<std::pair<std::string, Var>>;

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

// Keys and values of every layer for the positions seen so far (batch 1).
struct KVCache {
  std::vector<Tensor> keys, values;  // per layer (context_length, C)
  int64_t length = 0;                // positions filled
};

class GPTModel {
 public:
  // A freshly initialised model: weights N(0, 0.02) (positions 0.01, residual projections
  // scaled by 1/√(2·layers) as in GPT-2), biases 0, layer norms 1 and 0.
  // With initialize = false the weights are allocated but left unset (a loader fills them).
  explicit GPTModel(const ModelConfig& config, uint64_t seed = 0, bool initialize = true);

  const ModelConfig& config() const { return config_; }

  // ids (B·T) → logits (B·T, V), rows in batch-major order.
  Var forward(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const;
  // Mean next-token cross-entropy; targets (B·T) with -100 to ignore.
  Var loss(const Context& ctx, std::span<const int32_t> ids, std::span<const int32_t> targets, int64_t batch,
           int64_t time) const;

  // Generation with a cache: feeds n new tokens after cache.length and returns the logits
  // of the last of them (V). Starts a new cache when cache.keys is empty.
  Tensor forward_cached(std::span<const int32_t> ids, KVCache& cache) const;
  KVCache new_cache() const;

  // Every trainable tensor with its Hugging Face GPT-2 name ("h.0.attn.c_attn.weight"),
  // in a fixed order. A tied model lists wte once and has no lm_head.weight.
  NamedParameters named_parameters() const;
  int64_t parameter_count() const;

  // Moves every weight to a device (dropping gradients); the model then computes there.
  // Build or load on the CPU, then move: GPTModel m(cfg); m.to(Device::Vulkan).
  void to(Device device);
  Device device() const { return wte.value().device(); }

  Var wte, wpe;  // (V, C), (context, C)
  std::vector<TransformerBlock> blocks;
  Var ln_f_weight, ln_f_bias;
  Var lm_head;   // (V, C); undefined when tied to wte

 private:
  ModelConfig config_;
};

}  // namespace gb
