#version 450
// Softmax cross-entropy, fused; one workgroup per row of logits (N, V). Targets are int32,
// -100 = ignore. OP:
//   0 forward   lse[r] = log Σ exp(logits[r]); row_loss[r] = lse − logits[r, target] (0 if ignored)
//               bindings 0 logits, 1 targets, 2 lse, 3 row_loss
//   1 backward  dlogits[r] += s · (softmax(logits[r]) − onehot(target)) on counted rows
//               bindings 0 logits, 1 targets, 2 lse, 3 dlogits; s = scale / counted rows
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const uint OP = 0;

layout(binding = 0) readonly buffer L { float logits[]; };
layout(binding = 1) readonly buffer T { int targets[]; };
layout(binding = 2) buffer S { float lse[]; };
layout(binding = 3) buffer O { float o[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint N, V;
  float s;
} pc;

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint r = group_index();
  if (r >= pc.N) return;
  const uint row = pc.off[0] + r * pc.V;
  const int t = targets[pc.off[1] + r];
  if (OP == 0) {
    float mx = -1.0 / 0.0;
    for (uint j = tid; j < pc.V; j += LOCAL) mx = max(mx, logits[row + j]);
    mx = reduce_max(mx);
    float sum = 0.0;
    for (uint j = tid; j < pc.V; j += LOCAL) sum += exp(logits[row + j] - mx);
    const float l = mx + log(reduce_sum(sum));
    if (tid == 0) {
      lse[pc.off[2] + r] = l;
      o[pc.off[3] + r] = t == -100 ? 0.0 : l - logits[row + uint(t)];
    }
  } else {
    if (t == -100) return;
    const float l = lse[pc.off[2] + r];
    for (uint j = tid; j < pc.V; j += LOCAL)
      o[pc.off[3] + r * pc.V + j] += pc.s * exp(logits[row + j] - l) - (j == uint(t) ? pc.s : 0.0);
  }
}
