#version 450
// Causal attention, forward and decode: one workgroup per (query row t, head h, batch b).
// The query at row t sees keys 0 .. start + t (start = 0 in training; the cached length in
// generation). Rows of q, k, v, out are addressed by (column offset, row stride, batch
// stride), so the same code reads q, k, v side by side in qkv (B, T, 3C) or from separate
// caches (context, C). Grouped-query attention: query head h reads key/value head h / G
// (G = 1 for multi-head attention).
//   p[s] = softmax_s(q_t · k_s / √hd) written to probs (B, H, T, P) (zeros past the mask),
//   out_t = Σ_s p[s] v_s.
// bindings 0 q, 1 k, 2 v, 3 out, 4 probs.
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;

layout(binding = 0) readonly buffer Q { float q[]; };
layout(binding = 1) readonly buffer K { float k[]; };
layout(binding = 2) readonly buffer V { float v[]; };
layout(binding = 3) buffer O { float o[]; };
layout(binding = 4) buffer P { float p[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint T, H, hd, start, P;   // query rows per batch, heads, head width, first position, probs row
  uint qcol, kcol, vcol;     // column of head 0 inside a row
  uint qs, ks, vs, os;       // row strides
  uint qb, kb, vb, ob;       // batch strides
  float scale;
  uint G;                    // query heads per key/value head
} pc;

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint t = gl_WorkGroupID.x, h = gl_WorkGroupID.y, b = gl_WorkGroupID.z;
  const uint len = pc.start + t + 1;
  const uint q0 = pc.off[0] + b * pc.qb + t * pc.qs + pc.qcol + h * pc.hd;
  const uint k0 = pc.off[1] + b * pc.kb + pc.kcol + (h / pc.G) * pc.hd;
  const uint v0 = pc.off[2] + b * pc.vb + pc.vcol + (h / pc.G) * pc.hd;
  const uint p0 = pc.off[4] + ((b * pc.H + h) * pc.T + t) * pc.P;

  float mx = -1.0 / 0.0;
  for (uint s = tid; s < len; s += LOCAL) {
    float dot = 0.0;
    for (uint j = 0; j < pc.hd; ++j) dot += q[q0 + j] * k[k0 + s * pc.ks + j];
    dot *= pc.scale;
    p[p0 + s] = dot;
    mx = max(mx, dot);
  }
  mx = reduce_max(mx);
  float sum = 0.0;
  for (uint s = tid; s < len; s += LOCAL) {
    const float e = exp(p[p0 + s] - mx);
    p[p0 + s] = e;
    sum += e;
  }
  const float inv = 1.0 / reduce_sum(sum);
  for (uint s = tid; s < len; s += LOCAL) p[p0 + s] *= inv;
  for (uint s = len + tid; s < pc.P; s += LOCAL) p[p0 + s] = 0.0;  // the causal mask
  // Every invocation reads every p[s] next: make this workgroup's writes visible.
  memoryBarrierBuffer();
  barrier();
  const uint out0 = pc.off[3] + b * pc.ob + t * pc.os + h * pc.hd;
  for (uint j = tid; j < pc.hd; j += LOCAL) {
    float acc = 0.0;
    for (uint s = 0; s < len; ++s) acc += p[p0 + s] * v[v0 + s * pc.vs + j];
    o[out0 + j] = acc;
  }
}
