#pragma once
// LlamaModel: the Llama family (Llama 2, TinyLlama, SmolLM, Mistral, and Mixtral's mixture of
// experts), built from a ModelConfig. What changed from GPT-2, part by part:
//   LayerNorm          → RMSNorm (no mean, no bias)
//   learned positions  → rotary position embeddings on q and k (RoPE, base θ from config)
//   GELU MLP           → SwiGLU: down(silu(gate x) · up x)
//   multi-head         → grouped-query attention (n_kv_heads key/value heads; 1 = multi-query)
//   biases             → none
//   dense MLP          → optionally a mixture of experts (Mixtral): a router picks k experts
// Weights use the Hugging Face layouts and names ("model.layers.0.self_attn.q_proj.weight"):
// every linear weight is (out, in) and y = x Wᵀ, so a checkpoint maps on without transposes.
//
// Shapes: N = B·T rows, C = emb_dim, H = n_heads, KV = n_kv_heads, hd = head_dim,
// F = ff_dim (intermediate_size), E = n_experts, V = vocab_size.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/nn/autograd.h"
#include "engine/nn/forward_trace.h"
#include "engine/nn/language_model.h"

namespace gb {

// Causal self-attention with rotary positions and shared key/value heads: x (N, C) → (N, C).
struct LlamaAttention {
  Var q_proj;  // (H·hd, C)
  Var k_proj;  // (KV·hd, C)
  Var v_proj;  // (KV·hd, C)
  Var o_proj;  // (C, H·hd)
  int n_heads = 1, n_kv_heads = 1;
  float rope_theta = 10000.0f;

  // positions (N): each row's position in its sequence, for RoPE.
  Var forward(const Context& ctx, const Var& x, int64_t batch, const std::vector<int32_t>& positions,
              Tensor* probs) const;
};

// SwiGLU feed-forward: x (N, C) → down(silu(x gateᵀ) · x upᵀ) (N, C).
struct SwiGLUFeedForward {
  Var gate_proj;  // (F, C)   Mixtral calls it w1
  Var up_proj;    // (F, C)   w3
  Var down_proj;  // (C, F)   w2

  // With decoder set (generation), the products go through its decode_linear (16-bit
  // weights when it has them).
  Var forward(const Context& ctx, const Var& x, const LanguageModel* decoder = nullptr) const;
};

// What a mixture-of-experts layer's router decided in one forward, kept for the
// load-balancing loss.
struct RouterRecord {
  Var logits;                    // (N, E)
  std::vector<int32_t> experts;  // (N·k)
};

// Mixtral's sparse feed-forward: the router scores every expert for each token, the k best
// run on it and their outputs are summed, weighted by a softmax over the chosen scores.
struct MixtureOfExperts {
  Var gate;  // router (E, C)
  std::vector<SwiGLUFeedForward> experts;
  int top_k = 2;

  // x (N, C) → (N, C). record gets the router's logits and choices; trace (if set) a copy
  // for the views.
  Var forward(const Context& ctx, const Var& x, RouterRecord* record, RouterChoices* trace,
              const LanguageModel* decoder = nullptr) const;
};

// Pre-norm block: h = x + attn(rms(x)), out = h + ffn(rms(h)).
struct LlamaBlock {
  Var input_layernorm;           // (C)
  LlamaAttention self_attn;
  Var post_attention_layernorm;  // (C)
  SwiGLUFeedForward mlp;         // dense models
  MixtureOfExperts moe;          // mixtral (block_sparse_moe)
  bool sparse = false;
};

class LlamaModel final : public LanguageModel {
 public:
  // A freshly initialised model: every matrix N(0, 0.02) (as transformers initialises
  // Llama), RMSNorm gains 1. With initialize = false the weights are allocated, unset.
  explicit LlamaModel(const ModelConfig& config, uint64_t seed = 0, bool initialize = true);

  const ModelConfig& config() const override { return config_; }

  // ids (B·T) → hidden (B·T, C) after the final RMSNorm.
  Var hidden(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const override;
  // hidden (N, C) → logits (N, V) through lm_head, or the token embedding when tied.
  Var head(const Context& ctx, const Var& hidden) const override;
  // Cross-entropy, plus router_aux_loss_coef × the load-balancing term of a mixture of
  // experts while training (ctx.training), as Mixtral trains.
  Var loss(const Context& ctx, std::span<const int32_t> ids, std::span<const int32_t> targets, int64_t batch,
           int64_t time) const override;
  // The load-balancing term alone (Switch Transformer's E · Σ_e f_e · P_e over every MoE
  // layer's tokens together, as transformers computes it); 0 for a dense model.
  Var balance_loss(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const;

  // Generation with a cache of n_kv_heads key/value heads per layer. The cache grows as
  // positions fill (a 32K-context model does not allocate 32K rows for a short chat).
  Tensor forward_cached(std::span<const int32_t> ids, KVCache& cache) const override;
  KVCache new_cache() const override;

  Device device() const override { return embed_tokens.value().device(); }

  Var embed_tokens;  // (V, C)
  std::vector<LlamaBlock> blocks;
  Var norm;          // (C)
  Var lm_head;       // (V, C); undefined when tied to embed_tokens

 protected:
  // Hugging Face names: model.embed_tokens.weight, model.layers.N.…, model.norm.weight,
  // lm_head.weight (absent when tied).
  std::vector<std::pair<std::string, Var*>> parameter_slots() override;

 private:
  // The blocks and the final norm; routers (if set) collects each MoE layer's decisions.
  Var run(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time,
          std::vector<RouterRecord>* routers) const;
  Var balance_term(const Context& ctx, const std::vector<RouterRecord>& routers) const;

  ModelConfig config_;
};

}  // namespace gb
