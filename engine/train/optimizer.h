#pragma once
// AdamW with decoupled weight decay, the learning-rate schedule (linear warmup, cosine
// decay) and global gradient-norm clipping.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/nn/language_model.h"

namespace gb {

struct AdamWOptions {
  float beta1 = 0.9f, beta2 = 0.95f, eps = 1e-8f;
  float weight_decay = 0.1f;
};

class AdamW {
 public:
  // Decay applies to matrices (weights, embeddings), not to biases and norm gains: a 1-D
  // tensor is never decayed.
  AdamW(NamedParameters params, AdamWOptions options);

  // One update of every parameter that has a gradient; increments step().
  void step(float lr);
  void zero_grad();

  int64_t steps_taken() const { return step_; }
  // Moments by parameter name, for saving and restoring ("<name>.exp_avg", "<name>.exp_avg_sq").
  std::vector<std::pair<std::string, Tensor>> state() const;
  void restore(const std::vector<std::pair<std::string, Tensor>>& state, int64_t step);

 private:
  struct Slot {
    std::string name;
    Var param;
    Tensor m, v;
    bool decay;
  };
  std::vector<Slot> slots_;
  AdamWOptions options_;
  int64_t step_ = 0;
};

// Linear warmup to peak over `warmup` steps, then cosine decay to min_lr at `total`.
float learning_rate(int64_t step, int64_t total, int64_t warmup, float peak, float min_lr);

// Scales every gradient so their global L2 norm is at most max_norm (if max_norm > 0).
// Returns the norm before clipping.
double clip_grad_norm(const NamedParameters& params, double max_norm);

}  // namespace gb
