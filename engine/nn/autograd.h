#pragma once
// Autograd as a tape: each op, when a tape is recording, appends a closure that computes
// its inputs' gradients from its output's gradient. backward() runs the tape in reverse.
// There is no graph search: the forward order is a valid order, reversed.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/core/tensor.h"

namespace gb {

// A value in the computation, with its gradient beside it (allocated on first use).
struct VarData {
  Tensor value;
  Tensor grad;
  bool requires_grad = false;
};

class Var {
 public:
  Var() = default;
  explicit Var(Tensor value, bool requires_grad = false)
      : d_(std::make_shared<VarData>(VarData{std::move(value), Tensor(), requires_grad})) {}

  bool defined() const { return d_ != nullptr; }
  Tensor& value() const { return d_->value; }
  bool requires_grad() const { return d_ && d_->requires_grad; }
  bool has_grad() const { return d_->grad.defined(); }
  // The gradient, created as zeros on first use.
  Tensor& grad() const {
    if (!d_->grad.defined()) d_->grad = Tensor::zeros(d_->value.shape(), d_->value.device());
    return d_->grad;
  }
  // For ops that overwrite rather than add: the gradient tensor, and beta = 0 when it is
  // new (its contents are garbage, to be overwritten) or 1 when it already holds a sum.
  Tensor& grad_for_accumulate(float& beta) const {
    beta = d_->grad.defined() ? 1.0f : 0.0f;
    if (!d_->grad.defined()) d_->grad = Tensor::empty(d_->value.shape(), d_->value.device());
    return d_->grad;
  }
  void zero_grad() const { d_->grad = Tensor(); }
  const Shape& shape() const { return d_->value.shape(); }

 private:
  std::shared_ptr<VarData> d_;
};

class Tape {
 public:
  void record(std::function<void()> backward) { steps_.push_back(std::move(backward)); }
  // Seeds d(loss)/d(loss) = 1 and runs every recorded step in reverse; then forgets them.
  void backward(const Var& loss);
  // The same from any output, seeded with a given gradient (same shape as the output).
  void backward(const Var& output, const Tensor& seed);
  void clear() { steps_.clear(); }
  size_t size() const { return steps_.size(); }

 private:
  std::vector<std::function<void()>> steps_;
};

// What a forward pass needs besides its inputs.
struct ForwardTrace;
struct Context {
  Tape* tape = nullptr;    // null: inference, nothing recorded
  bool training = false;   // dropout active
  Rng* rng = nullptr;      // dropout seeds (needed when training with dropout)
  ForwardTrace* trace = nullptr;  // when set, layers record what the views look at

  bool recording(const Var& v) const { return tape && v.requires_grad(); }
};

}  // namespace gb
