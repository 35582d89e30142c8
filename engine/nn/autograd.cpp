#include "engine/nn/autograd.h"

#include "engine/core/error.h"

namespace gb {

void Tape::backward(const Var& loss) {
  GB_CHECK(loss.defined() && loss.value().numel() == 1, "backward() needs a scalar loss");
  GB_CHECK(loss.requires_grad(), "backward(): the loss does not depend on any trainable value");
  backward(loss, Tensor::full({1}, 1.0f));
}

void Tape::backward(const Var& output, const Tensor& seed) {
  GB_CHECK(seed.numel() == output.value().numel(), "backward(): seed " + seed.str() + " for output " +
                                                       output.value().str());
  output.grad().copy_from(seed);
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
  steps_.clear();
}

}  // namespace gb
