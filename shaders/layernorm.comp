#version 450
// Layer norm over the last dimension, and column sums. OP:
//   0 forward      one workgroup per row: x (N, C), w, b (C) → out (N, C), mean, rstd (N)
//                  bindings 0 x, 1 w, 2 b, 3 out, 4 mean, 5 rstd
//   1 backward dx  one workgroup per row: dx += rstd · (g − mean(g) − xhat · mean(g · xhat)),
//                  g = dout · w.  bindings 0 dout, 1 x, 2 w, 3 mean, 4 rstd, 5 dx
//   2 backward dw, db   one invocation per column, rows in order (no atomics):
//                  dw += Σ dout · xhat, db += Σ dout.  bindings 0 dout, 1 x, 2 mean, 3 rstd, 4 dw, 5 db
//   3 bias backward     one invocation per column: dbias (C) += Σ_rows dy (N, C).
//                  bindings 0 dy, 4 dbias
//   4 RMS norm     one workgroup per row: out = x · rstd · w, rstd = 1/√(mean(x²) + eps)
//                  bindings 0 x, 1 w, 3 out, 5 rstd
//   5 RMS dx       one workgroup per row: dx += rstd · (g − xhat · mean(g · xhat)), g = dout · w
//                  bindings 0 dout, 1 x, 2 w, 3 rstd, 5 dx
//   6 RMS dw       one invocation per column, rows in order: dw += Σ dout · x · rstd
//                  bindings 0 dout, 1 x, 3 rstd, 4 dw
//   7 row dot      one workgroup per row: s[r] += Σ_c a · b (scale_rows' ds)
//                  bindings 0 a, 1 b, 5 s
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const uint OP = 0;

layout(binding = 0) readonly buffer B0 { float b0[]; };
layout(binding = 1) readonly buffer B1 { float b1[]; };
layout(binding = 2) readonly buffer B2 { float b2[]; };
layout(binding = 3) buffer B3 { float b3[]; };
layout(binding = 4) buffer B4 { float b4[]; };
layout(binding = 5) buffer B5 { float b5[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint N, C;
  float eps;
} pc;

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint C = pc.C;
  if (OP == 0) {
    const uint r = group_index();
    if (r >= pc.N) return;
    const uint x0 = pc.off[0] + r * C;
    float s = 0.0;
    for (uint j = tid; j < C; j += LOCAL) s += b0[x0 + j];
    const float m = reduce_sum(s) / float(C);
    float v = 0.0;
    for (uint j = tid; j < C; j += LOCAL) {
      const float d = b0[x0 + j] - m;
      v += d * d;
    }
    const float rs = 1.0 / sqrt(reduce_sum(v) / float(C) + pc.eps);
    for (uint j = tid; j < C; j += LOCAL)
      b3[pc.off[3] + r * C + j] = (b0[x0 + j] - m) * rs * b1[pc.off[1] + j] + b2[pc.off[2] + j];
    if (tid == 0) {
      b4[pc.off[4] + r] = m;
      b5[pc.off[5] + r] = rs;
    }
  } else if (OP == 1) {
    const uint r = group_index();
    if (r >= pc.N) return;
    const uint d0 = pc.off[0] + r * C, x0 = pc.off[1] + r * C;
    const float m = b3[pc.off[3] + r], rs = b4[pc.off[4] + r];
    float sg = 0.0, sgx = 0.0;
    for (uint j = tid; j < C; j += LOCAL) {
      const float g = b0[d0 + j] * b2[pc.off[2] + j];
      sg += g;
      sgx += g * (b1[x0 + j] - m) * rs;
    }
    const float mean_g = reduce_sum(sg) / float(C);
    const float mean_gx = reduce_sum(sgx) / float(C);
    for (uint j = tid; j < C; j += LOCAL) {
      const float xhat = (b1[x0 + j] - m) * rs;
      b5[pc.off[5] + r * C + j] += rs * (b0[d0 + j] * b2[pc.off[2] + j] - mean_g - xhat * mean_gx);
    }
  } else if (OP == 2) {
    const uint j = group_index() * LOCAL + tid;
    if (j >= C) return;
    float dw = 0.0, db = 0.0;
    for (uint r = 0; r < pc.N; ++r) {
      const float d = b0[pc.off[0] + r * C + j];
      dw += d * (b1[pc.off[1] + r * C + j] - b2[pc.off[2] + r]) * b3[pc.off[3] + r];
      db += d;
    }
    b4[pc.off[4] + j] += dw;
    b5[pc.off[5] + j] += db;
  } else if (OP == 3) {
    const uint j = group_index() * LOCAL + tid;
    if (j >= C) return;
    float s = 0.0;
    for (uint r = 0; r < pc.N; ++r) s += b0[pc.off[0] + r * C + j];
    b4[pc.off[4] + j] += s;
  } else if (OP == 4) {
    const uint r = group_index();
    if (r >= pc.N) return;
    const uint x0 = pc.off[0] + r * C;
    float ss = 0.0;
    for (uint j = tid; j < C; j += LOCAL) ss += b0[x0 + j] * b0[x0 + j];
    const float rs = 1.0 / sqrt(reduce_sum(ss) / float(C) + pc.eps);
    for (uint j = tid; j < C; j += LOCAL) b3[pc.off[3] + r * C + j] = b1[pc.off[1] + j] * (b0[x0 + j] * rs);
    if (tid == 0) b5[pc.off[5] + r] = rs;
  } else if (OP == 5) {
    const uint r = group_index();
    if (r >= pc.N) return;
    const uint d0 = pc.off[0] + r * C, x0 = pc.off[1] + r * C;
    const float rs = b3[pc.off[3] + r];
    float sgx = 0.0;
    for (uint j = tid; j < C; j += LOCAL) sgx += b0[d0 + j] * b2[pc.off[2] + j] * b1[x0 + j] * rs;
    const float mean_gx = reduce_sum(sgx) / float(C);
    for (uint j = tid; j < C; j += LOCAL)
      b5[pc.off[5] + r * C + j] += rs * (b0[d0 + j] * b2[pc.off[2] + j] - b1[x0 + j] * rs * mean_gx);
  } else if (OP == 6) {
    const uint j = group_index() * LOCAL + tid;
    if (j >= C) return;
    float dw = 0.0;
    for (uint r = 0; r < pc.N; ++r) dw += b0[pc.off[0] + r * C + j] * b1[pc.off[1] + r * C + j] * b3[pc.off[3] + r];
    b4[pc.off[4] + j] += dw;
  } else if (OP == 7) {
    const uint r = group_index();
    if (r >= pc.N) return;
    float s = 0.0;
    for (uint j = tid; j < C; j += LOCAL) s += b0[pc.off[0] + r * C + j] * b1[pc.off[1] + r * C + j];
    s = reduce_sum(s);
    if (tid == 0) b5[pc.off[5] + r] += s;
  }
}
