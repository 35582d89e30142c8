#version 450
// The mixture-of-experts router's row ops on logits (N, E), one invocation per row (E is
// small: a handful of experts). OP:
//   0 top-k     the K largest logits of the row, best first (ties: the lower index), and
//               their softmax: experts (N, K) int32, weights (N, K).  bindings 0 logits, 4 experts, 5 weights
//   1 top-k bwd dlogits[r, experts[r, j]] += w_j (dw_j − Σ_i w_i dw_i)
//               bindings 0 weights, 1 experts, 2 dweights, 5 dlogits
//   2 balance   probs = softmax(row); dot[r] = Σ_e probs · coef[e]
//               bindings 0 logits, 1 coef, 4 dot, 5 probs
//   3 bal. bwd  dlogits += s · probs ⊙ (coef − Σ probs · coef)
//               bindings 0 probs, 1 coef, 5 dlogits
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const uint OP = 0;

layout(binding = 0) readonly buffer B0 { float b0[]; };
layout(binding = 1) readonly buffer B1 { float b1[]; };
layout(binding = 2) readonly buffer B2 { float b2[]; };
layout(binding = 3) readonly buffer B3 { float b3[]; };
layout(binding = 4) buffer B4 { float b4[]; };
layout(binding = 5) buffer B5 { float b5[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint N, E, K;
  float s;
} pc;

void main() {
  const uint r = group_index() * LOCAL + gl_LocalInvocationID.x;
  if (r >= pc.N) return;
  const uint E = pc.E, K = pc.K;
  if (OP == 0) {
    const uint row = pc.off[0] + r * E;
    // Selection of the K best, each pass the best not yet taken (K is small). Taken ones are
    // marked in the output row itself: experts[r, 0..j) hold them.
    float mx = 0.0, sum = 0.0;
    for (uint j = 0; j < K; ++j) {
      int best = -1;
      for (uint x = 0; x < E; ++x) {
        bool taken = false;
        for (uint i = 0; i < j; ++i) taken = taken || floatBitsToInt(b4[pc.off[4] + r * K + i]) == int(x);
        if (!taken && (best < 0 || b0[row + x] > b0[row + uint(best)])) best = int(x);
      }
      b4[pc.off[4] + r * K + j] = intBitsToFloat(best);
      if (j == 0) mx = b0[row + uint(best)];
      sum += exp(b0[row + uint(best)] - mx);
    }
    for (uint j = 0; j < K; ++j) {
      const uint x = uint(floatBitsToInt(b4[pc.off[4] + r * K + j]));
      b5[pc.off[5] + r * K + j] = exp(b0[row + x] - mx) / sum;
    }
  } else if (OP == 1) {
    float dot = 0.0;
    for (uint j = 0; j < K; ++j) dot += b0[pc.off[0] + r * K + j] * b2[pc.off[2] + r * K + j];
    for (uint j = 0; j < K; ++j) {
      const uint x = uint(floatBitsToInt(b1[pc.off[1] + r * K + j]));
      b5[pc.off[5] + r * E + x] += b0[pc.off[0] + r * K + j] * (b2[pc.off[2] + r * K + j] - dot);
    }
  } else if (OP == 2) {
    const uint row = pc.off[0] + r * E;
    float mx = -1.0 / 0.0;
    for (uint x = 0; x < E; ++x) mx = max(mx, b0[row + x]);
    float sum = 0.0;
    for (uint x = 0; x < E; ++x) sum += exp(b0[row + x] - mx);
    float dot = 0.0;
    for (uint x = 0; x < E; ++x) {
      const float p = exp(b0[row + x] - mx) / sum;
      b5[pc.off[5] + r * E + x] = p;
      dot += p * b1[pc.off[1] + x];
    }
    b4[pc.off[4] + r] = dot;
  } else {
    float dot = 0.0;
    for (uint x = 0; x < E; ++x) dot += b0[pc.off[0] + r * E + x] * b1[pc.off[1] + x];
    for (uint x = 0; x < E; ++x)
      b5[pc.off[5] + r * E + x] += pc.s * b0[pc.off[0] + r * E + x] * (b1[pc.off[1] + x] - dot);
  }
}
