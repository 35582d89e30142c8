#version 450
// The matrix-vector path for M = 1 (generation): c (1, N) = a (K) · op(b) + beta · c.
// TRANS_B: b is (N, K); LANES invocations share each output, striding together along its
// contiguous row of b, then add their partial sums in shared memory; a workgroup makes
// LOCAL / LANES outputs. A GPU wants many lanes (adjacent lanes read adjacent values); a
// CPU driver such as lavapipe wants LANES = 1 (no barriers; its SIMD lanes are the rows).
// Otherwise b is (K, N): each invocation owns one output and walks down a column, so
// neighbouring invocations read neighbouring values.
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const bool TRANS_B = false;
layout(constant_id = 1) const uint LANES = 64;  // a power of two, at most LOCAL
// VEC4 (a CPU driver such as lavapipe, which pays per load instruction and lane, so a vec4
// load does the work of four): with TRANS_B (and LANES = 1) each invocation reads its row of
// b and a four values at a time (K a multiple of 4); without, each invocation makes four
// neighbouring outputs from one vec4 of each row of b (N a multiple of 4). Tensors start on
// a multiple of 4 floats.
layout(constant_id = 3) const bool VEC4 = false;
#ifdef USE_SUBGROUPS
// Built a second time with -DUSE_SUBGROUPS (matvec_subgroup.spv) for devices with subgroup
// arithmetic: each subgroup owns an output and adds its lanes with subgroupAdd, so there is
// no barrier at all. ROWS outputs per workgroup; the loop makes it right for any subgroup size.
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
layout(constant_id = 2) const uint ROWS = 8;
#endif

layout(binding = 0) readonly buffer A { float a[]; };
layout(binding = 1) readonly buffer B { float b[]; };
layout(binding = 2) buffer C { float c[]; };
layout(binding = 0) readonly buffer A4 { vec4 a4[]; };  // the same bindings, four floats at a time
layout(binding = 1) readonly buffer B4 { vec4 b4[]; };

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
#ifdef USE_SUBGROUPS
  if (TRANS_B) {
    for (uint r = gl_SubgroupID; r < ROWS; r += gl_NumSubgroups) {
      const uint n = group_index() * ROWS + r;
      if (n >= pc.N) break;  // the same n for the whole subgroup
      float acc = 0.0;
      for (uint k = gl_SubgroupInvocationID; k < pc.K; k += gl_SubgroupSize)
        acc += a[pc.off[0] + k] * b[pc.off[1] + n * pc.K + k];
      acc = subgroupAdd(acc);
      if (subgroupElect()) store(n, acc);
    }
    return;
  }
#endif
  if (TRANS_B && VEC4) {
    const uint n = group_index() * LOCAL + tid;
    if (n >= pc.N) return;
    const uint k4 = pc.K / 4, a0 = pc.off[0] / 4, b0 = (pc.off[1] + n * pc.K) / 4;
    vec4 acc = vec4(0.0);
    for (uint k = 0; k < k4; ++k) acc += a4[a0 + k] * b4[b0 + k];
    store(n, (acc.x + acc.y) + (acc.z + acc.w));
    return;
  }
  if (TRANS_B) {
    const uint lane = tid % LANES;
    const uint n = group_index() * (LOCAL / LANES) + tid / LANES;
    float acc = 0.0;
    if (n < pc.N)
      for (uint k = lane; k < pc.K; k += LANES) acc += a[pc.off[0] + k] * b[pc.off[1] + n * pc.K + k];
    if (LANES > 1) {  // a specialization constant: the barriers stay in uniform control flow
      red[tid] = acc;
      barrier();
      for (uint s = LANES / 2; s > 0; s >>= 1) {
        if (lane < s) red[tid] += red[tid + s];
        barrier();
      }
      acc = red[tid];
    }
    if (lane == 0 && n < pc.N) store(n, acc);
  } else if (VEC4) {
    const uint n4 = group_index() * LOCAL + tid;
    if (4 * n4 >= pc.N) return;
    const uint b0 = pc.off[1] / 4 + n4, row4 = pc.N / 4;
    vec4 acc = vec4(0.0);
    for (uint k = 0; k < pc.K; ++k) acc += a[pc.off[0] + k] * b4[b0 + k * row4];
    for (uint i = 0; i < 4; ++i) store(4 * n4 + i, acc[i]);
  } else {
    const uint n = group_index() * LOCAL + tid;
    if (n >= pc.N) return;
    float acc = 0.0;
    for (uint k = 0; k < pc.K; ++k) acc += a[pc.off[0] + k] * b[pc.off[1] + k * pc.N + n];
    store(n, acc);
  }
}
