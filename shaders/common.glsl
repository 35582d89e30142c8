// Shared by every Glassbox compute shader.
// Push constants start with one offset per binding: where the tensor starts inside the bound
// range, in floats (descriptors start on the device's alignment; tensors need not).
#define LOCAL 64

// The linear workgroup index of a 2D grid (large 1D problems are split over y, because a
// grid dimension may be as small as 65535 workgroups).
uint group_index() { return gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x; }

#ifdef WITH_REDUCE
shared float red[LOCAL];

// Sum (or max) of one value per invocation, returned to every invocation.
float reduce_sum(float v) {
  const uint tid = gl_LocalInvocationID.x;
  red[tid] = v;
  barrier();
  for (uint s = LOCAL / 2; s > 0; s >>= 1) {
    if (tid < s) red[tid] += red[tid + s];
    barrier();
  }
  const float r = red[0];
  barrier();
  return r;
}

float reduce_max(float v) {
  const uint tid = gl_LocalInvocationID.x;
  red[tid] = v;
  barrier();
  for (uint s = LOCAL / 2; s > 0; s >>= 1) {
    if (tid < s) red[tid] = max(red[tid], red[tid + s]);
    barrier();
  }
  const float r = red[0];
  barrier();
  return r;
}
#endif
