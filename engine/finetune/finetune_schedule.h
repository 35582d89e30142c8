#pragma once
// The schedule both finetuning loops (classifier.cpp, instruction_tuning.cpp) follow: epochs
// over a reshuffled training set, optionally capped at max_steps, with a linear warmup over
// the first 5% of steps and then cosine decay to a tenth of the peak, so the last steps are
// small and the final weights are not one noisy batch's. (The book uses a constant rate.)
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

#include "engine/core/rng.h"
#include "engine/train/optimizer.h"

namespace gb {

struct FinetuneSchedule {
  int64_t steps_per_epoch = 0;
  int64_t total_steps = 0;
  int64_t warmup = 1;

  FinetuneSchedule(size_t examples, int64_t batch, int64_t epochs, int64_t max_steps)
      : steps_per_epoch((static_cast<int64_t>(examples) + batch - 1) / batch),
        total_steps(max_steps > 0 ? std::min(max_steps, epochs * steps_per_epoch) : epochs * steps_per_epoch),
        warmup(std::max<int64_t>(1, total_steps / 20)) {}

  float lr(int64_t step, float peak) const { return learning_rate(step, total_steps, warmup, peak, 0.1f * peak); }
};

// A fresh Fisher–Yates order of the training examples for one epoch.
inline void shuffle_order(std::vector<size_t>& order, Rng& rng) {
  std::iota(order.begin(), order.end(), size_t{0});
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
}

}  // namespace gb
