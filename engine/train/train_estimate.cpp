#include "engine/train/train_estimate.h"

namespace gb {

TrainingFootprint estimate_training(const ModelConfig& c, int64_t batch, int64_t context) {
  TrainingFootprint f;
  f.parameters = c.parameter_count();
  f.weight_bytes = 4 * f.parameters;
  f.gradient_bytes = 4 * f.parameters;
  f.optimizer_bytes = 8 * f.parameters;
  const int64_t bt = batch * context;
  const int64_t C = c.emb_dim, H = c.hidden_dim(), L = c.n_layers;
  // Per block: ln_1, q, k, v, attention output, c_proj, residual, ln_2, mlp out, residual
  // (10 × B·T·C), fc and GELU (2 × B·T·H), attention weights B·heads·T·T.
  const int64_t per_block = 10 * bt * C + 2 * bt * H + batch * c.n_heads * context * context;
  // Embeddings sum and final layer norm (2 × B·T·C), logits and their softmax (2 × B·T·V).
  const int64_t outside = 2 * bt * C + 2 * bt * c.vocab_size;
  f.activation_bytes = 4 * (L * per_block + outside);
  // 6 flops per parameter per token (2 forward, 4 backward) plus attention's two T×T
  // products per layer (QKᵀ and AV: 2·T·C each way, ×3 for backward).
  f.flops_per_token = 6.0 * static_cast<double>(f.parameters) + 12.0 * static_cast<double>(L * context * C);
  return f;
}

}  // namespace gb
