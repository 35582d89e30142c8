#pragma once
// Finite-difference checks of hand-written backwards, shared by the gradcheck suites.
// The loss is L = Σ out ⊙ R for a fixed random R, so dL/dout = R exercises every output.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/autograd.h"

namespace gb::testing {

inline Tensor random_tensor(Shape shape, Rng& rng, float scale = 1.0f) {
  Tensor t = Tensor::empty(std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.normal() * scale;
  return t;
}

using Forward = std::function<Var(const Context&, std::vector<Var>&)>;

// Compares analytic and numeric gradients of every input; returns the worst relative error
// (max |analytic - numeric| / max(1, max |numeric|)).
inline double check(const Forward& f, std::vector<Var> inputs, uint64_t seed = 1) {
  Rng rng(seed);
  Tape tape;
  Context ctx{&tape};
  Var out = f(ctx, inputs);
  const Tensor r = random_tensor(out.shape(), rng);
  tape.backward(out, r);

  auto loss = [&]() {
    Context none;
    Var o = f(none, inputs);
    double s = 0;
    for (int64_t i = 0; i < o.value().numel(); ++i) s += double(o.value().data()[i]) * r.data()[i];
    return s;
  };
  double worst = 0;
  const float h = 1e-2f;
  for (const Var& in : inputs) {
    if (!in.requires_grad()) continue;
    Tensor& x = in.value();
    double max_num = 0, max_diff = 0;
    for (int64_t i = 0; i < x.numel(); ++i) {
      const float keep = x.data()[i];
      x.data()[i] = keep + h;
      const double up = loss();
      x.data()[i] = keep - h;
      const double down = loss();
      x.data()[i] = keep;
      const double numeric = (up - down) / (2.0 * h);
      max_num = std::max(max_num, std::abs(numeric));
      max_diff = std::max(max_diff, std::abs(numeric - double(in.grad().data()[i])));
    }
    worst = std::max(worst, max_diff / std::max(1.0, max_num));
  }
  return worst;
}

constexpr double kTolerance = 2e-3;  // f32 forward, h = 1e-2 central differences

}  // namespace gb::testing
