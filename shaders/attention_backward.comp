#version 450
// Causal attention backward in two passes, atomics-free, for multi-head and grouped-query
// attention alike: query head h reads key/value head h / G (G = query heads per kv head; 1
// for GPT-2). Rows of q, k, v, dout and their gradients are addressed by (column of head 0,
// row stride, batch stride), so the same code reads q, k, v side by side in qkv (B, T, 3C)
// or from separate tensors. probs P (B, H, T, T); ds (B, H, T, T) is scratch.
//   PASS 0, a workgroup per (query row t, query head h, b):
//     dP[t,s] = dO_t · v_s;  dS[t,s] = P[t,s] (dP[t,s] − Σ_s' dP[t,s'] P[t,s']) / √hd;
//     dq_t += Σ_s dS[t,s] k_s
//     bindings 0 k, 1 v, 2 probs, 3 dout, 4 dq, 5 ds
//   PASS 1, a workgroup per (key row s, kv head g, b), summing the G query heads of g:
//     dk_s += Σ_h Σ_{t≥s} dS[t,s] q_t;  dv_s += Σ_h Σ_{t≥s} P[t,s] dO_t
//     bindings 0 q, 1 ds, 2 probs, 3 dout, 4 dk, 5 dv
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const uint PASS = 0;

layout(binding = 0) readonly buffer B0 { float b0[]; };  // k | q
layout(binding = 1) readonly buffer B1 { float b1[]; };  // v | ds
layout(binding = 2) readonly buffer P { float p[]; };
layout(binding = 3) readonly buffer DO { float dO[]; };
layout(binding = 4) buffer B4 { float b4[]; };           // dq | dk
layout(binding = 5) buffer B5 { float b5[]; };           // ds | dv

layout(push_constant) uniform Push {
  uint off[6];
  uint T, H, hd, G;
  float scale;
  uint qcol, kcol, vcol;   // column of head 0 in q / dq, k / dk, v / dv rows
  uint qs, ks, os;         // row strides: q and dq, k v dk dv, dout
  uint qb, kb, ob;         // batch strides, the same way
} pc;

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint row = gl_WorkGroupID.x, b = gl_WorkGroupID.z;
  const uint T = pc.T;
  if (PASS == 0) {
    const uint t = row, h = gl_WorkGroupID.y, g = h / pc.G;
    const uint kbase = pc.off[0] + b * pc.kb + pc.kcol + g * pc.hd;  // k of row 0
    const uint vbase = pc.off[1] + b * pc.kb + pc.vcol + g * pc.hd;
    const uint d0 = pc.off[3] + b * pc.ob + t * pc.os + h * pc.hd;    // dO_t
    const uint pbase = (b * pc.H + h) * T * T + t * T;              // P, dS row t of (b, h)
    float dot = 0.0;
    for (uint s = tid; s <= t; s += LOCAL) {
      float dp = 0.0;
      for (uint j = 0; j < pc.hd; ++j) dp += dO[d0 + j] * b1[vbase + s * pc.ks + j];
      b5[pc.off[5] + pbase + s] = dp;
      dot += dp * p[pc.off[2] + pbase + s];
    }
    dot = reduce_sum(dot);
    for (uint s = tid; s <= t; s += LOCAL) {
      const uint i = pbase + s;
      b5[pc.off[5] + i] = p[pc.off[2] + i] * (b5[pc.off[5] + i] - dot) * pc.scale;
    }
    memoryBarrierBuffer();
    barrier();
    const uint dq0 = pc.off[4] + b * pc.qb + t * pc.qs + pc.qcol + h * pc.hd;
    for (uint j = tid; j < pc.hd; j += LOCAL) {
      float acc = 0.0;
      for (uint s = 0; s <= t; ++s) acc += b5[pc.off[5] + pbase + s] * b0[kbase + s * pc.ks + j];
      b4[dq0 + j] += acc;
    }
  } else {
    const uint s = row, g = gl_WorkGroupID.y;
    const uint k0 = b * pc.kb + s * pc.ks + g * pc.hd;  // row s of dk / dv, without the column
    for (uint j = tid; j < pc.hd; j += LOCAL) {
      float dk = 0.0, dv = 0.0;
      for (uint h = g * pc.G; h < (g + 1) * pc.G; ++h) {
        const uint pbase = (b * pc.H + h) * T * T + s;
        const uint qbase = pc.off[0] + b * pc.qb + pc.qcol + h * pc.hd + j;
        const uint dbase = pc.off[3] + b * pc.ob + h * pc.hd + j;
        for (uint t = s; t < T; ++t) {
          const uint i = pbase + t * T;
          dk += b1[pc.off[1] + i] * b0[qbase + t * pc.qs];
          dv += p[pc.off[2] + i] * dO[dbase + t * pc.os];
        }
      }
      b4[pc.off[4] + k0 + pc.kcol + j] += dk;
      b5[pc.off[5] + k0 + pc.vcol + j] += dv;
    }
  }
}
