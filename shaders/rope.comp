#version 450
// Rotary position embedding, Hugging Face's rotate_half layout: in each head's hd channels,
// channel i < hd/2 pairs with i + hd/2 and the pair turns by the angle of its row:
//   (a, b) → (a cos − b sin, b cos + a sin)
// One invocation per pair (row, head, i). The cos and sin of every (row, i) come from the
// host (computed as the CPU backend computes them, so both backends turn by the same angles):
// table = cos (N, hd/2) then sin (N, hd/2). BACKWARD turns back (sin negated) and adds:
// dx += R(−angle) · dout. bindings 0 x, 1 table, 2 out.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const bool BACKWARD = false;

layout(binding = 0) readonly buffer X { float x[]; };
layout(binding = 1) readonly buffer Tb { float table[]; };
layout(binding = 2) buffer O { float o[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint N, H, half_hd;  // rows, heads, pairs per head
} pc;

void main() {
  const uint idx = group_index() * LOCAL + gl_LocalInvocationID.x;
  if (idx >= pc.N * pc.H * pc.half_hd) return;
  const uint i = idx % pc.half_hd, h = (idx / pc.half_hd) % pc.H, r = idx / (pc.half_hd * pc.H);
  const uint c = pc.off[1] + r * pc.half_hd + i;
  const float cs = table[c], sn = BACKWARD ? -table[c + pc.N * pc.half_hd] : table[c + pc.N * pc.half_hd];
  const uint base = r * pc.H * 2 * pc.half_hd + h * 2 * pc.half_hd + i;
  const float a = x[pc.off[0] + base], b = x[pc.off[0] + base + pc.half_hd];
  const float ra = a * cs - b * sn, rb = b * cs + a * sn;
  if (BACKWARD) {
    o[pc.off[2] + base] += ra;
    o[pc.off[2] + base + pc.half_hd] += rb;
  } else {
    o[pc.off[2] + base] = ra;
    o[pc.off[2] + base + pc.half_hd] = rb;
  }
}
