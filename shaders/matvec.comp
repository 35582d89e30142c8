#version 450
// The matrix-vector path for M = 1 (generation): c (1, N) = a (K) · op(b) + beta · c.
// TRANS_B: b is (N, K), each workgroup reduces one output over a contiguous row of b.
// Otherwise b is (K, N): each invocation owns one output and walks down a column, so
// neighbouring invocations read neighbouring values.
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const bool TRANS_B = false;

layout(binding = 0) readonly buffer A { float a[]; };
layout(binding = 1) readonly buffer B { float b[]; };
layout(binding = 2) buffer C { float c[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint N, K;
  float beta;
} pc;

void store(uint n, float v) {
  const uint ic = pc.off[2] + n;
  c[ic] = pc.beta == 0.0 ? v : v + pc.beta * c[ic];
}

void main() {
  const uint tid = gl_LocalInvocationID.x;
  if (TRANS_B) {
    const uint n = group_index();
    if (n >= pc.N) return;
    float acc = 0.0;
    for (uint k = tid; k < pc.K; k += LOCAL) acc += a[pc.off[0] + k] * b[pc.off[1] + n * pc.K + k];
    acc = reduce_sum(acc);
    if (tid == 0) store(n, acc);
  } else {
    const uint n = group_index() * LOCAL + tid;
    if (n >= pc.N) return;
    float acc = 0.0;
    for (uint k = 0; k < pc.K; ++k) acc += a[pc.off[0] + k] * b[pc.off[1] + k * pc.N + n];
    store(n, acc);
  }
}
