#version 450
// c (M, N) = op(a) · op(b) + beta · c, tiled: each workgroup of 8 × 8 invocations computes
// a 64 × 64 tile of c, each invocation an 8 × 8 block in registers (register blocking: 16
// shared-memory reads feed 64 multiply-adds), over K in steps of 16 staged through shared
// memory. TRANS_A / TRANS_B select the variant:
// a is (M, K) or (K, M); b is (K, N) or (N, K). Edges are padded with zeros.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

#define BM 64
#define BN 64
#define BK 16
layout(local_size_x = 8, local_size_y = 8) in;
#define TPB 64  // invocations per workgroup
#define R 8     // rows and columns of c per invocation
layout(constant_id = 0) const bool TRANS_A = false;
layout(constant_id = 1) const bool TRANS_B = false;

layout(binding = 0) readonly buffer A { float a[]; };
layout(binding = 1) readonly buffer B { float b[]; };
layout(binding = 2) buffer C { float c[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint M, N, K;
  float beta;
  uint lda, ldb, ldc;  // row strides in floats: a block of a larger product (see VkBackend::matmul)
} pc;

shared float As[BK][BM];
shared float Bs[BK][BN];

float load_a(uint m, uint k) {
  if (m >= pc.M || k >= pc.K) return 0.0;
  return TRANS_A ? a[pc.off[0] + k * pc.lda + m] : a[pc.off[0] + m * pc.lda + k];
}
float load_b(uint k, uint n) {
  if (k >= pc.K || n >= pc.N) return 0.0;
  return TRANS_B ? b[pc.off[1] + n * pc.ldb + k] : b[pc.off[1] + k * pc.ldb + n];
}

void main() {
  const uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
  const uint tid = ty * 8 + tx;
  const uint m0 = gl_WorkGroupID.y * BM, n0 = gl_WorkGroupID.x * BN;
  float acc[R][R];
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < R; ++j) acc[i][j] = 0.0;

  for (uint k0 = 0; k0 < pc.K; k0 += BK) {
    // 64 invocations load the 16 × 64 slices of a and b, 16 values each. Consecutive
    // invocations walk the dimension that is contiguous in memory for this variant.
    for (uint r = 0; r < BK * BM / TPB; ++r) {
      const uint e = r * TPB + tid;
      if (TRANS_A) As[e / BM][e % BM] = load_a(m0 + e % BM, k0 + e / BM);
      else As[e % BK][e / BK] = load_a(m0 + e / BK, k0 + e % BK);
      if (TRANS_B) Bs[e % BK][e / BK] = load_b(k0 + e % BK, n0 + e / BK);
      else Bs[e / BN][e % BN] = load_b(k0 + e / BN, n0 + e % BN);
    }
    barrier();
    for (uint kk = 0; kk < BK; ++kk) {
      float ar[R], br[R];
      for (uint i = 0; i < R; ++i) ar[i] = As[kk][ty + 8 * i];
      for (uint j = 0; j < R; ++j) br[j] = Bs[kk][tx + 8 * j];
      for (uint i = 0; i < R; ++i)
        for (uint j = 0; j < R; ++j) acc[i][j] += ar[i] * br[j];
    }
    barrier();
  }
  for (uint i = 0; i < R; ++i) {
    const uint m = m0 + ty + 8 * i;
    if (m >= pc.M) continue;
    for (uint j = 0; j < R; ++j) {
      const uint n = n0 + tx + 8 * j;
      if (n >= pc.N) continue;
      const uint ic = pc.off[2] + m * pc.ldc + n;
      // beta = 0 never reads c: it may hold garbage (even NaN) from a fresh allocation.
      c[ic] = pc.beta == 0.0 ? acc[i][j] : acc[i][j] + pc.beta * c[ic];
    }
  }
}
