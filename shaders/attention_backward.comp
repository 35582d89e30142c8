#version 450
// Causal attention backward in two passes, atomics-free. qkv (B, T, 3C), probs P (B, H, T, T),
// dout (B, T, C); dqkv (B, T, 3C) +=; ds (B, H, T, T) is scratch.
//   PASS 0, a workgroup per (query row t, h, b):
//     dP[t,s] = dO_t · v_s;  dS[t,s] = P[t,s] (dP[t,s] − Σ_s' dP[t,s'] P[t,s']) / √hd;
//     dq_t += Σ_s dS[t,s] k_s
//   PASS 1, a workgroup per (key row s, h, b):
//     dk_s += Σ_{t≥s} dS[t,s] q_t;  dv_s += Σ_{t≥s} P[t,s] dO_t
// bindings 0 qkv, 1 probs, 2 dout, 3 dqkv, 4 ds.
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const uint PASS = 0;

layout(binding = 0) readonly buffer QKV { float qkv[]; };
layout(binding = 1) readonly buffer P { float p[]; };
layout(binding = 2) readonly buffer DO { float dO[]; };
layout(binding = 3) buffer DQKV { float dqkv[]; };
layout(binding = 4) buffer DS { float ds[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint T, H, hd, C;
  float scale;
} pc;

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint row = gl_WorkGroupID.x, h = gl_WorkGroupID.y, b = gl_WorkGroupID.z;
  const uint T = pc.T, C3 = 3 * pc.C;
  const uint base = b * T * C3 + h * pc.hd;            // q of row 0 in qkv / dqkv
  const uint dbase = pc.off[2] + b * T * pc.C + h * pc.hd;  // dO of row 0
  const uint pbase = (b * pc.H + h) * T * T;            // P, dS of (b, h)
  if (PASS == 0) {
    const uint t = row;
    float dot = 0.0;
    for (uint s = tid; s <= t; s += LOCAL) {
      float dp = 0.0;
      for (uint j = 0; j < pc.hd; ++j) dp += dO[dbase + t * pc.C + j] * qkv[pc.off[0] + base + s * C3 + 2 * pc.C + j];
      ds[pc.off[4] + pbase + t * T + s] = dp;
      dot += dp * p[pc.off[1] + pbase + t * T + s];
    }
    dot = reduce_sum(dot);
    for (uint s = tid; s <= t; s += LOCAL) {
      const uint i = pbase + t * T + s;
      ds[pc.off[4] + i] = p[pc.off[1] + i] * (ds[pc.off[4] + i] - dot) * pc.scale;
    }
    memoryBarrierBuffer();
    barrier();
    for (uint j = tid; j < pc.hd; j += LOCAL) {
      float acc = 0.0;
      for (uint s = 0; s <= t; ++s) acc += ds[pc.off[4] + pbase + t * T + s] * qkv[pc.off[0] + base + s * C3 + pc.C + j];
      dqkv[pc.off[3] + base + t * C3 + j] += acc;
    }
  } else {
    const uint s = row;
    for (uint j = tid; j < pc.hd; j += LOCAL) {
      float dk = 0.0, dv = 0.0;
      for (uint t = s; t < T; ++t) {
        const uint i = pbase + t * T + s;
        dk += ds[pc.off[4] + i] * qkv[pc.off[0] + base + t * C3 + j];
        dv += p[pc.off[1] + i] * dO[dbase + t * pc.C + j];
      }
      dqkv[pc.off[3] + base + s * C3 + pc.C + j] += dk;
      dqkv[pc.off[3] + base + s * C3 + 2 * pc.C + j] += dv;
    }
  }
}
