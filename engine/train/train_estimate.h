#pragma once
// What training a model of a given size will cost, before it starts: the parameter count
// and the memory that weights, gradients, AdamW's moments and one batch's activations take
// (f32). The studio shows these live while the learner changes the sizes.
#include <cstdint>

#include "engine/nn/model_config.h"

namespace gb {

struct TrainingFootprint {
  int64_t parameters = 0;
  int64_t weight_bytes = 0;      // 4 per parameter
  int64_t gradient_bytes = 0;    // 4 per parameter
  int64_t optimizer_bytes = 0;   // AdamW: two moments, 8 per parameter
  int64_t activation_bytes = 0;  // what the tape keeps for backward, for one batch (estimate)
  double flops_per_token = 0;    // forward + backward, ≈ 6 · parameters + attention

  int64_t total_bytes() const { return weight_bytes + gradient_bytes + optimizer_bytes + activation_bytes; }
};

// batch × context tokens per step. The activation figure counts the tensors each block
// keeps (B·T·C for the layer-norm outputs, q, k, v, projections and residuals, B·T·4C twice
// for the MLP, B·H·T·T for the attention weights) and the logits (B·T·V, twice for the
// softmax and its gradient); it is within a small factor of what the engine allocates.
TrainingFootprint estimate_training(const ModelConfig& config, int64_t batch, int64_t context);

}  // namespace gb
