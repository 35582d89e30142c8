#include "engine/io/dtype.h"

#if defined(__F16C__)
#include <immintrin.h>
#endif

#include <array>
#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "engine/core/error.h"

#if defined(__F16C__)
#include <immintrin.h>
#endif

// safetensors stores little-endian bytes; reading them with memcpy assumes this host does too.
static_assert(std::endian::native == std::endian::little, "Glassbox assumes a little-endian host");

namespace gb {

namespace {

constexpr std::array<std::pair<DType, std::string_view>, 15> kNames{{
    {DType::F32, "F32"},   {DType::F16, "F16"},   {DType::BF16, "BF16"},
    {DType::F64, "F64"},   {DType::I64, "I64"},   {DType::I32, "I32"},
    {DType::I16, "I16"},   {DType::I8, "I8"},     {DType::U64, "U64"},
    {DType::U32, "U32"},   {DType::U16, "U16"},   {DType::U8, "U8"},
    {DType::Bool, "BOOL"}, {DType::F8_E4M3, "F8_E4M3"}, {DType::F8_E5M2, "F8_E5M2"},
}};

}  // namespace

DType parse_dtype(std::string_view name) {
  for (const auto& [t, n] : kNames)
    if (n == name) return t;
  return DType::Unknown;
}

std::string_view dtype_name(DType t) {
  for (const auto& [d, n] : kNames)
    if (d == t) return n;
  return "unknown";
}

size_t dtype_size(DType t) {
  switch (t) {
    case DType::F64: case DType::I64: case DType::U64: return 8;
    case DType::F32: case DType::I32: case DType::U32: return 4;
    case DType::F16: case DType::BF16: case DType::I16: case DType::U16: return 2;
    case DType::I8: case DType::U8: case DType::Bool: case DType::F8_E4M3: case DType::F8_E5M2: return 1;
    case DType::Unknown: return 0;
  }
  return 0;
}

bool is_float_dtype(DType t) { return t == DType::F32 || t == DType::F16 || t == DType::BF16; }

float f16_to_f32(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  int32_t exp = (h >> 10) & 0x1F;
  uint32_t mant = h & 0x3FFu;
  uint32_t bits;
  if (exp == 0x1F) {
    // Infinity, or NaN: payload kept, quiet bit set (as the CPU's own conversion does).
    bits = sign | 0x7F800000u | (mant << 13) | (mant != 0 ? 0x400000u : 0u);
  } else if (exp != 0) {
    bits = sign | (static_cast<uint32_t>(exp + 127 - 15) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;  // ±0
  } else {
    // Subnormal: mant · 2^-24. Shift the leading 1 up to the implicit-bit position (bit 10),
    // lowering the exponent once per shift; f32 has the range to hold it as a normal number.
    exp = 1;
    while ((mant & 0x400u) == 0) {
      mant <<= 1;
      --exp;
    }
    bits = sign | (static_cast<uint32_t>(exp + 127 - 15) << 23) | ((mant & 0x3FFu) << 13);
  }
  return std::bit_cast<float>(bits);
}

uint16_t f32_to_f16(float f) {
  const uint32_t x = std::bit_cast<uint32_t>(f);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t ax = x & 0x7FFFFFFFu;
  if (ax > 0x7F800000u)  // NaN: keep the top payload bits, and set the quiet bit so it stays a NaN
    return static_cast<uint16_t>(sign | 0x7E00u | ((ax >> 13) & 0x3FFu));
  // 65520 lies halfway between 65504 (the largest f16, odd mantissa) and 65536; the tie goes
  // to the even side, which is past the top: infinity. Infinity itself lands here too.
  if (ax >= 0x477FF000u) return static_cast<uint16_t>(sign | 0x7C00u);
  if (ax >= 0x38800000u) {  // ≥ 2^-14: a normal f16. Re-bias the exponent, keep 10 mantissa bits.
    const uint32_t h = (((ax >> 23) - 127 + 15) << 10) | ((ax >> 13) & 0x3FFu);
    const uint32_t rest = ax & 0x1FFFu;  // the 13 bits that fall off
    // Round to nearest, ties to even; a carry out of the mantissa correctly bumps the exponent.
    const uint32_t up = (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) ? 1u : 0u;
    return static_cast<uint16_t>(sign | (h + up));
  }
  // Below 2^-25 everything rounds to zero (2^-25 itself is a tie between 0 and the smallest
  // subnormal 2^-24, and goes to the even one, 0).
  if (ax <= 0x33000000u) return static_cast<uint16_t>(sign);
  // Subnormal f16: m · 2^-24 with m in [1, 1023]. The f32 value is (1.mant) · 2^(e-127), i.e.
  // sig · 2^(e-150) with sig the 24-bit significand, so m = sig / 2^(126-e), rounded.
  const uint32_t e = ax >> 23;  // 102 … 112 here
  const uint32_t sig = (ax & 0x7FFFFFu) | 0x800000u;
  const uint32_t shift = 126 - e;  // 14 … 24
  uint32_t m = sig >> shift;
  const uint32_t rest = sig & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  if (rest > half || (rest == half && (m & 1u))) ++m;  // m = 1024 is the smallest normal: right
  return static_cast<uint16_t>(sign | m);
}

float bf16_to_f32(uint16_t b) { return std::bit_cast<float>(static_cast<uint32_t>(b) << 16); }

uint16_t f32_to_bf16(float f) {
  const uint32_t x = std::bit_cast<uint32_t>(f);
  // Round to nearest, ties to even: add just under half, plus one more when the kept part is
  // odd. Overflow past the largest bf16 carries into the exponent and gives infinity, as it should.
  const uint32_t rounded = (x + 0x7FFFu + ((x >> 16) & 1u)) >> 16;
  // Truncating a NaN could clear every remaining mantissa bit and leave infinity; set the
  // quiet bit instead. (A select, not a branch: convert_from_f32's loop vectorises.)
  const uint32_t quiet_nan = (x >> 16) | 0x0040u;
  return static_cast<uint16_t>((x & 0x7FFFFFFFu) > 0x7F800000u ? quiet_nan : rounded);
}

void convert_to_f32(DType from, const std::byte* src, float* dst, size_t n) {
  switch (from) {
    case DType::F32:
      std::memcpy(dst, src, n * sizeof(float));
      return;
    case DType::BF16:
      for (size_t i = 0; i < n; ++i) {
        uint16_t b;
        std::memcpy(&b, src + 2 * i, 2);
        dst[i] = bf16_to_f32(b);
      }
      return;
    case DType::F16: {
      size_t i = 0;
#if defined(__F16C__)
      // The CPU's own f16 → f32 instruction: exact, 8 at a time, subnormals and NaN included.
      for (; i + 8 <= n; i += 8) {
        const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 2 * i));
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(h));
      }
#endif
      for (; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, src + 2 * i, 2);
        dst[i] = f16_to_f32(h);
      }
      return;
    }
    default:
      throw Error("cannot convert " + std::string(dtype_name(from)) + " to F32");
  }
}

void convert_from_f32(DType to, const float* src, std::byte* dst, size_t n) {
  switch (to) {
    case DType::F32:
      std::memcpy(dst, src, n * sizeof(float));
      return;
    case DType::BF16:
      // A block at a time into an aligned buffer, so that the compiler vectorises the loop.
      for (size_t i0 = 0; i0 < n; i0 += 256) {
        uint16_t block[256];
        const size_t len = std::min<size_t>(256, n - i0);
        for (size_t i = 0; i < len; ++i) block[i] = f32_to_bf16(src[i0 + i]);
        std::memcpy(dst + 2 * i0, block, 2 * len);
      }
      return;
    case DType::F16: {
      size_t i = 0;
#if defined(__F16C__)
      // The CPU's conversion rounds the same way (nearest, ties to even; NaN stays NaN,
      // overflow becomes infinity, subnormals kept), eight values an instruction.
      for (; i + 8 <= n; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 2 * i), h);
      }
#endif
      for (; i < n; ++i) {
        const uint16_t h = f32_to_f16(src[i]);
        std::memcpy(dst + 2 * i, &h, 2);
      }
      return;
    }
    default:
      throw Error("cannot convert F32 to " + std::string(dtype_name(to)));
  }
}

}  // namespace gb
