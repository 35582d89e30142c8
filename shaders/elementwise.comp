#version 450
// Elementwise ops over n values, one invocation per value; OP picks the op (the numbers are
// VkBackend's ElementOp). Bindings: 0 a, 1 b, 2 z (the output or the accumulated tensor), 3 w.
//   0 add      z = a + b               5 gelu_bwd  z += b · gelu'(a)   (a = x, b = dout)
//   1 axpy     z += s0 · a             6 dropout   b = mask, z = a · mask
//   2 scale    z *= s0                 7 add_bias  z[i] += a[i mod C]   (u0 = C)
//   3 mul      z = a · b               8 adamw     z = param, a = grad, b = m, w = v
//   4 gelu     z = gelu(a)
//   9 swiglu      z = silu(a) · b  (a = gate, b = up)
//   10 swiglu_bwd z += e · b · σ(a)(1 + a(1 − σ(a))), w += e · silu(a)   (e = dout)
//   11 scale_rows z = a · b[i / u0]    12 scale_rows_bwd z += a · b[i / u0]   (u0 = C)
// A tensor larger than one binding is done in pieces of whole rows (add_bias) or any length;
// for dropout u0 is the piece's first index (the mask hashes the tensor's own index).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x = 256) in;
layout(constant_id = 0) const uint OP = 0;

layout(binding = 0) readonly buffer A { float a[]; };
layout(binding = 1) buffer B { float b[]; };
layout(binding = 2) buffer Z { float z[]; };
layout(binding = 3) buffer W { float w[]; };
layout(binding = 4) readonly buffer E { float e[]; };

layout(push_constant) uniform Push {
  uint off[6];
  uint n;
  float s0, s1, s2, s3, s4, s5, s6;  // op parameters (scale; dropout p; AdamW lr, betas, ...)
  uint u0, u1, u2;  // C for add_bias, dropout's first index; the dropout seed's low and high words
} pc;

const float kSqrt2OverPi = 0.7978845608028654;
const float kGeluCoef = 0.044715;

// tanh to within a few ulp, as the CPU's std::tanh: drivers' built-in tanh may lose
// precision near zero or overflow to inf / inf for large |u|. Near zero its Taylor series
// (the next term is below 2e-8 for |u| < 0.3); elsewhere (1 − e) / (1 + e), e = exp(−2|u|),
// which has no cancellation and saturates cleanly.
float tanh_safe(float u) {
  const float a = abs(u);
  if (a < 0.3) {
    const float u2 = u * u;
    return u * (1.0 + u2 * (-1.0 / 3.0 + u2 * (2.0 / 15.0 + u2 * (-17.0 / 315.0 + u2 * (62.0 / 2835.0)))));
  }
  const float e = exp(-2.0 * a);
  return sign(u) * (1.0 - e) / (1.0 + e);
}

// 64-bit unsigned arithmetic on (low, high) word pairs, so that dropout's hash needs no
// shaderInt64 (not every GPU has it) and matches the CPU's uint64 hash bit for bit.
uvec2 add64(uvec2 x, uvec2 y) {
  uint carry;
  const uint lo = uaddCarry(x.x, y.x, carry);
  return uvec2(lo, x.y + y.y + carry);
}
uvec2 mul64(uvec2 x, uvec2 y) {
  uint hi, lo;
  umulExtended(x.x, y.x, hi, lo);
  return uvec2(lo, hi + x.x * y.y + x.y * y.x);
}
uvec2 shr64(uvec2 x, uint k) { return uvec2((x.x >> k) | (x.y << (32 - k)), x.y >> k); }  // 0 < k < 32

// The CPU's hash_uniform(seed, i): splitmix64 of seed + (i + 1) · golden ratio → [0, 1).
float hash_uniform(uvec2 seed, uint i) {
  uvec2 zz = add64(seed, mul64(uvec2(i + 1, 0), uvec2(0x7F4A7C15u, 0x9E3779B9u)));
  zz = mul64(zz ^ shr64(zz, 30), uvec2(0x1CE4E5B9u, 0xBF58476Du));
  zz = mul64(zz ^ shr64(zz, 27), uvec2(0x133111EBu, 0x94D049BBu));
  zz = zz ^ shr64(zz, 31);
  return float(zz.y >> 8) * (1.0 / 16777216.0);
}

void main() {
  const uint i = group_index() * 256 + gl_LocalInvocationID.x;
  if (i >= pc.n) return;
  const uint ia = pc.off[0] + i, ib = pc.off[1] + i, iz = pc.off[2] + i, iw = pc.off[3] + i, ie = pc.off[4] + i;
  if (OP == 0) {
    z[iz] = a[ia] + b[ib];
  } else if (OP == 1) {
    z[iz] += pc.s0 * a[ia];
  } else if (OP == 2) {
    z[iz] *= pc.s0;
  } else if (OP == 3) {
    z[iz] = a[ia] * b[ib];
  } else if (OP == 4) {
    const float v = a[ia];
    z[iz] = 0.5 * v * (1.0 + tanh_safe(kSqrt2OverPi * (v + kGeluCoef * v * v * v)));
  } else if (OP == 5) {
    const float v = a[ia];
    const float t = tanh_safe(kSqrt2OverPi * (v + kGeluCoef * v * v * v));
    const float du = kSqrt2OverPi * (1.0 + 3.0 * kGeluCoef * v * v);
    z[iz] += b[ib] * (0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * du);
  } else if (OP == 6) {
    const float m = hash_uniform(uvec2(pc.u1, pc.u2), pc.u0 + i) >= pc.s0 ? pc.s1 : 0.0;
    b[ib] = m;
    z[iz] = a[ia] * m;
  } else if (OP == 7) {
    z[iz] += a[pc.off[0] + i % pc.u0];
  } else if (OP == 8) {
    // AdamW: s0 lr, s1 beta1, s2 beta2, s3 eps, s4 weight decay, s5, s6 bias corrections.
    const float g = a[ia];
    const float m = pc.s1 * b[ib] + (1.0 - pc.s1) * g;
    const float v = pc.s2 * w[iw] + (1.0 - pc.s2) * g * g;
    b[ib] = m;
    w[iw] = v;
    const float mhat = m / pc.s5, vhat = v / pc.s6;
    z[iz] -= pc.s0 * (mhat / (sqrt(vhat) + pc.s3) + pc.s4 * z[iz]);
  } else if (OP == 9) {
    const float g = a[ia];
    z[iz] = g / (1.0 + exp(-g)) * b[ib];
  } else if (OP == 10) {
    const float g = a[ia], sig = 1.0 / (1.0 + exp(-g)), d = e[ie];
    z[iz] += d * b[ib] * sig * (1.0 + g * (1.0 - sig));
    w[iw] += d * g * sig;
  } else if (OP == 11) {
    z[iz] = a[ia] * b[pc.off[1] + i / pc.u0];
  } else if (OP == 12) {
    z[iz] += a[ia] * b[pc.off[1] + i / pc.u0];
  }
}
