#pragma once
// The seeded parameter initialiser every model family uses (GPTModel, LlamaModel).
#include <algorithm>
#include <cstdint>

#include "engine/core/parallel.h"
#include "engine/core/rng.h"
#include "engine/nn/autograd.h"

namespace gb {

// Parameter initialisers; with `init` false they only allocate. Each tensor draws from its
// own stream (the model seed and the tensor's index), in chunks of 64K values that threads
// fill independently: a 124M-parameter model initialises in a fraction of a second, and the
// values do not depend on the thread count.
struct ParamInit {
  uint64_t seed;
  bool init;
  uint64_t tensors = 0;
  Var normal(Shape shape, float stddev) {
    Tensor t = Tensor::empty(std::move(shape));
    const uint64_t stream = seed * 0x9E3779B97F4A7C15ull + ++tensors;
    if (init) {
      constexpr int64_t kChunk = 1 << 16;
      float* p = t.data();
      const int64_t n = t.numel();
      parallel_for((n + kChunk - 1) / kChunk, 1, [&](int64_t c0, int64_t c1) {
        for (int64_t c = c0; c < c1; ++c) {
          Rng rng(stream ^ (static_cast<uint64_t>(c) << 32));
          const int64_t end = std::min(n, (c + 1) * kChunk);
          rng.fill_normal(p + c * kChunk, end - c * kChunk, stddev);
        }
      });
    }
    return Var(std::move(t), true);
  }
  Var constant(Shape shape, float value) {
    Tensor t = Tensor::empty(std::move(shape));
    if (init) t.fill(value);
    return Var(std::move(t), true);
  }
};

}  // namespace gb
