#version 450
// Token embedding. ids (N) int32; table (V, C). OP:
//   0 forward   out (N, C) = table[ids]: one invocation per output value
//   1 backward  dtable (V, C) += scatter of dout (N, C) rows by id: one invocation per column,
//               walking the rows in order, so repeated ids add up without atomics and in the
//               same order as the CPU. bindings 0 ids, 1 dout, 2 dtable
// The table may be bound in row blocks [lo, hi) (a table larger than one binding): ids
// outside the block are left to the dispatch of their block.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x = LOCAL) in;
layout(constant_id = 0) const uint OP = 0;

layout(binding = 0) readonly buffer I { int ids[]; };
layout(binding = 1) readonly buffer S { float src[]; };
layout(binding = 2) buffer D { float dst[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint N, C;
  uint lo, hi;  // the table rows bound
} pc;

void main() {
  const uint i = group_index() * LOCAL + gl_LocalInvocationID.x;
  if (OP == 0) {
    if (i >= pc.N * pc.C) return;
    const uint r = i / pc.C, j = i % pc.C;
    const uint id = uint(ids[pc.off[0] + r]);
    if (id < pc.lo || id >= pc.hi) return;
    dst[pc.off[2] + i] = src[pc.off[1] + (id - pc.lo) * pc.C + j];
  } else {
    if (i >= pc.C) return;
    for (uint r = 0; r < pc.N; ++r) {
      const uint id = uint(ids[pc.off[0] + r]);
      if (id >= pc.lo && id < pc.hi) dst[pc.off[2] + (id - pc.lo) * pc.C + i] += src[pc.off[1] + r * pc.C + i];
    }
  }
}
