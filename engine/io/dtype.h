#pragma once
// The element types a safetensors file can hold, and the 16-bit float conversions.
//
// Glassbox computes in f32. Weights on disk (and, for inference, in memory) may be f16 or
// bf16, half the bytes of f32:
//   f32   sign 1 | exponent 8 (bias 127) | mantissa 23
//   bf16  sign 1 | exponent 8 (bias 127) | mantissa 7    the top half of an f32
//   f16   sign 1 | exponent 5 (bias 15)  | mantissa 10   max 65504, subnormals below 2^-14
// Widening to f32 is exact. Narrowing rounds to nearest, ties to even (as IEEE 754 and
// PyTorch do), overflows to infinity, and keeps NaN a NaN.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gb {

// Every dtype the safetensors format names. Only F32, F16 and BF16 can be read as weights;
// the others are listed (a checkpoint may carry an I64 step counter or a U8 mask) but
// reading them as a float tensor is an error. Unknown stands for a name this version does
// not know (the format grows: F8 variants, F4 …).
enum class DType {
  F32, F16, BF16,
  F64, I64, I32, I16, I8, U64, U32, U16, U8, Bool, F8_E4M3, F8_E5M2,
  Unknown
};

// "F32" → DType::F32 …; a name the format does not define gives DType::Unknown.
DType parse_dtype(std::string_view name);
// The name as safetensors spells it ("BF16", "BOOL", "F8_E4M3"); "unknown" for Unknown.
std::string_view dtype_name(DType t);
// Bytes per element; 0 for Unknown.
size_t dtype_size(DType t);
// F32, F16, BF16: the dtypes a weight may have.
bool is_float_dtype(DType t);

float f16_to_f32(uint16_t h);
uint16_t f32_to_f16(float f);
float bf16_to_f32(uint16_t b);
uint16_t f32_to_bf16(float f);

// n elements of a float dtype (src: little-endian bytes, any alignment) → n f32 values.
void convert_to_f32(DType from, const std::byte* src, float* dst, size_t n);
// n f32 values → n elements of a float dtype (dst: little-endian bytes, any alignment).
void convert_from_f32(DType to, const float* src, std::byte* dst, size_t n);

}  // namespace gb
