#pragma once
// Matrix-vector products that read 16-bit weights (f16 or bf16) and compute in f32: the
// decode step of generation multiplies one token's vector by every weight matrix, so its
// speed is the speed at which weights stream from memory, and 16-bit weights halve that.
//
// A Weight16 is a row-major (rows, cols) matrix of 16-bit floats. Its bytes are owned by
// `owner` (a buffer, or a memory-mapped file).
#include <cstdint>
#include <memory>

#include "engine/io/dtype.h"

namespace gb {

struct Weight16 {
  DType dtype = DType::BF16;  // F16 or BF16
  int64_t rows = 0, cols = 0;
  const uint16_t* data = nullptr;
  std::shared_ptr<const void> owner;

  // Rounds an f32 matrix (rows, cols) to 16 bits (nearest even), in a buffer of its own;
  // with transpose, stores it as (cols, rows), so that x W becomes a product with rows.
  static Weight16 from_f32(const float* values, int64_t rows, int64_t cols, DType dtype, bool transpose = false);
  // Row r widened to f32 (cols values): an embedding lookup.
  void row_to_f32(int64_t r, float* out) const;
  // The whole matrix widened to f32, as (rows, cols), or as (cols, rows) with transpose:
  // from_f32's input back, exactly when those values were 16-bit numbers to begin with.
  void to_f32(float* out, bool transpose = false) const;
  int64_t bytes() const { return rows * cols * static_cast<int64_t>(sizeof(uint16_t)); }
};

// y (n) = x (k) · W, for W (k, n) (transposed = false: GPT-2's Conv1D layout), or
// y (n) = W · x, for W (n, k) (transposed = true: the Hugging Face Linear layout, y = x Wᵀ).
// Adds bias (n) when given. Threads split the outputs; no two write one value.
void matvec16(const float* x, const Weight16& w, bool transposed, const float* bias, float* y);

// Y (m, n) = X (m, k) · Wᵀ (+ bias) for W (n, k): a few rows at once, as a prompt's forward
// pass has them. Each group of weight rows is widened to f32 once and multiplied with every
// row of X, so the 16-bit weights are read once for the whole prompt.
void matmul16(const float* x, int64_t m, const Weight16& w, const float* bias, float* y);

}  // namespace gb
