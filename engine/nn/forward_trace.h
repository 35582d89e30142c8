#pragma once
// What a forward pass records for the views when asked (Context::trace): the attention
// weights of every layer and, in a mixture of experts, which experts the router chose for
// each token. The app turns these into the plain structs of engine/trace/.
#include <cstdint>
#include <vector>

#include "engine/core/tensor.h"

namespace gb {

// One MoE layer's routing of B·T tokens to k of its experts.
struct RouterChoices {
  int64_t k = 0;                 // experts per token
  int64_t n_experts = 0;
  std::vector<int32_t> experts;  // (B·T·k), each token's experts best first
  Tensor weights;                // (B·T, k) their weights (softmax over the chosen), on the CPU
  Tensor probs;                  // (B·T, E) the router's softmax over all experts, on the CPU
};

struct ForwardTrace {
  std::vector<Tensor> attention;      // one per layer, (B, H, T, T), rows sum to 1
  std::vector<RouterChoices> router;  // one per layer of a mixture-of-experts model; else empty
};

}  // namespace gb
