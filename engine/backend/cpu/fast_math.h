#pragma once
// exp and tanh written with plain arithmetic, so the compiler vectorises the loops that call
// them (libm's expf is a function call per value). Relative error ≈ 2e-7 (a float ulp or
// two), far inside what the parity and reference tests allow. Used by the softmaxes of
// cross-entropy and attention and by GELU, where exp dominates once products are fast.
#include <cstdint>
#include <cstring>

namespace gb {

// e^x for x in float range; below −87.3 it returns ≈ 1e−38 instead of 0, which no softmax
// here can tell apart.
inline float fast_exp(float x) {
  x = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  // e^x = 2^n · e^r with n = round(x / ln 2), r = x − n ln 2 in [−ln2/2, ln2/2];
  // ln 2 is split in two so n · ln 2 is exact enough.
  const float n = __builtin_floorf(x * 1.44269504088896341f + 0.5f);
  const float r = x - n * 0.693359375f + n * 2.12194440e-4f;
  // Minimax polynomial for e^r on that interval (Cephes' coefficients).
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

// tanh(x) = 1 − 2 / (e^{2x} + 1); exact limits ±1 for large |x|.
inline float fast_tanh(float x) { return 1.0f - 2.0f / (fast_exp(2.0f * x) + 1.0f); }

}  // namespace gb
