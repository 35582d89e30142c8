#version 450
// Sum of squares, first stage: each workgroup sums the squares of its chunk of x and writes
// one partial sum; the host adds the partials in double. bindings 0 x, 1 partials.
#extension GL_GOOGLE_include_directive : require
#define WITH_REDUCE
#include "common.glsl"

layout(local_size_x = LOCAL) in;

layout(binding = 0) readonly buffer X { float x[]; };
layout(binding = 1) buffer P { float partial[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint n, chunk;  // values, values per workgroup
} pc;

void main() {
  const uint g = group_index();
  const uint begin = g * pc.chunk, end = min(pc.n, begin + pc.chunk);
  if (begin >= pc.n) return;
  float acc = 0.0;
  for (uint i = begin + gl_LocalInvocationID.x; i < end; i += LOCAL) {
    const float v = x[pc.off[0] + i];
    acc += v * v;
  }
  acc = reduce_sum(acc);
  if (gl_LocalInvocationID.x == 0) partial[pc.off[1] + g] = acc;
}
