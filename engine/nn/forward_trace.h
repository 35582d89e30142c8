#pragma once
// What a forward pass records for the views when asked (Context::trace): the attention
// weights of every layer. The app turns these into the plain structs of engine/trace/.
#include <vector>

#include "engine/core/tensor.h"

namespace gb {

struct ForwardTrace {
  std::vector<Tensor> attention;  // one per layer, (B, H, T, T), rows sum to 1
};

}  // namespace gb
