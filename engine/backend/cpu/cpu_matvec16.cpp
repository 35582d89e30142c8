// 16-bit weight matrix-vector products on the CPU. Widening is exact (bf16 is the top half
// of an f32; f16 through the F16C instruction where the CPU has it), so the only difference
// from f32 weights is the rounding of the weights themselves.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#if defined(__AVX2__) || defined(__F16C__)
#include <immintrin.h>
#endif

#include "engine/backend/cpu/matvec16.h"
#include "engine/core/error.h"
#include "engine/core/memory.h"
#include "engine/core/parallel.h"

namespace gb {

namespace {

// n 16-bit values → f32, vectorised by the compiler (bf16) or by F16C (f16).
inline void widen(DType t, const uint16_t* src, float* dst, int64_t n) {
  if (t == DType::BF16) {
    for (int64_t i = 0; i < n; ++i) {
      const uint32_t bits = uint32_t(src[i]) << 16;
      std::memcpy(dst + i, &bits, 4);
    }
    return;
  }
  int64_t i = 0;
#if defined(__F16C__)
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i))));
#endif
  for (; i < n; ++i) dst[i] = f16_to_f32(src[i]);
}

constexpr int64_t kBlock = 256;  // values widened at a time: stays in L1 beside x

template <DType T>
inline float widen1(uint16_t h) {
  if constexpr (T == DType::BF16) {
    const uint32_t bits = uint32_t(h) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  } else {
    return f16_to_f32(h);
  }
}

// Any CPU: widen a block into a buffer, then an f32 loop the compiler vectorises.
[[maybe_unused]] void matvec16_portable(const float* x, const Weight16& w, bool transposed, const float* bias, float* y, int64_t k,
                       int64_t n) {
  if (transposed) {
    parallel_for(n, 16, [&](int64_t o0, int64_t o1) {
      float buf[kBlock];
      for (int64_t o = o0; o < o1; ++o) {
        float acc = 0.0f;
        for (int64_t j0 = 0; j0 < k; j0 += kBlock) {
          const int64_t len = std::min(kBlock, k - j0);
          widen(w.dtype, w.data + o * k + j0, buf, len);
          for (int64_t j = 0; j < len; ++j) acc += buf[j] * x[j0 + j];
        }
        y[o] = acc + (bias ? bias[o] : 0.0f);
      }
    });
    return;
  }
  parallel_for(n, 256, [&](int64_t c0, int64_t c1) {
    std::vector<float> acc(c1 - c0, 0.0f);
    float buf[kBlock];
    for (int64_t i = 0; i < k; ++i) {
      for (int64_t b0 = c0; b0 < c1; b0 += kBlock) {
        const int64_t len = std::min(kBlock, c1 - b0);
        widen(w.dtype, w.data + i * n + b0, buf, len);
        for (int64_t j = 0; j < len; ++j) acc[b0 - c0 + j] += x[i] * buf[j];
      }
    }
    for (int64_t c = c0; c < c1; ++c) y[c] = acc[c - c0] + (bias ? bias[c] : 0.0f);
  });
}

}  // namespace

Weight16 Weight16::from_f32(const float* values, int64_t rows, int64_t cols, DType dtype, bool transpose) {
  GB_CHECK(dtype == DType::F16 || dtype == DType::BF16, "16-bit weights must be F16 or BF16");
  // In huge pages where the system has them: the copy is streamed whole for every token.
  // (The f32 weights are not: the compaction huge pages may cost would slow opening a model
  // past a second, and the 16-bit copies are what generation is fastest with.)
  const std::shared_ptr<void> buf(allocate_large(static_cast<size_t>(rows * cols) * sizeof(uint16_t)), std::free);
  uint16_t* out = static_cast<uint16_t*>(buf.get());
  if (!transpose) {
    parallel_for(rows, 64, [&](int64_t r0, int64_t r1) {
      convert_from_f32(dtype, values + r0 * cols, reinterpret_cast<std::byte*>(out + r0 * cols),
                       static_cast<size_t>((r1 - r0) * cols));
    });
  } else {
    // out (cols, rows): each thread writes whole output rows. Sixteen columns are gathered
    // at a time, so that every row of values is read 64 bytes at a stretch, not 4.
    constexpr int64_t kTile = 16;
    parallel_for((cols + kTile - 1) / kTile, 1, [&](int64_t t0, int64_t t1) {
      std::vector<float> tile(static_cast<size_t>(kTile * rows));
      for (int64_t c0 = t0 * kTile; c0 < std::min(cols, t1 * kTile); c0 += kTile) {
        const int64_t width = std::min(kTile, cols - c0);
        for (int64_t r = 0; r < rows; ++r)
          for (int64_t j = 0; j < width; ++j) tile[static_cast<size_t>(j * rows + r)] = values[r * cols + c0 + j];
        for (int64_t j = 0; j < width; ++j)
          convert_from_f32(dtype, tile.data() + j * rows, reinterpret_cast<std::byte*>(out + (c0 + j) * rows),
                           static_cast<size_t>(rows));
      }
    });
    std::swap(rows, cols);
  }
  Weight16 w;
  w.dtype = dtype;
  w.rows = rows;
  w.cols = cols;
  w.data = out;
  w.owner = buf;
  return w;
}

void Weight16::row_to_f32(int64_t r, float* out) const {
  GB_CHECK(r >= 0 && r < rows, "row " + std::to_string(r) + " of a 16-bit matrix with " + std::to_string(rows) + " rows");
  widen(dtype, data + r * cols, out, cols);
}

void Weight16::to_f32(float* out, bool transpose) const {
  if (!transpose) {
    parallel_for(rows, 64, [&](int64_t r0, int64_t r1) { widen(dtype, data + r0 * cols, out + r0 * cols, (r1 - r0) * cols); });
    return;
  }
  // out (cols, rows): each thread widens whole rows of the copy and scatters them into a column.
  parallel_for(rows, 16, [&](int64_t r0, int64_t r1) {
    std::vector<float> row(static_cast<size_t>(cols));
    for (int64_t r = r0; r < r1; ++r) {
      widen(dtype, data + r * cols, row.data(), cols);
      for (int64_t c = 0; c < cols; ++c) out[c * rows + r] = row[static_cast<size_t>(c)];
    }
  });
}

#if defined(__AVX2__) && defined(__FMA__) && defined(__F16C__)
namespace {
// AVX2 + FMA + F16C (x86 since 2013): 8 16-bit values → 8 floats in a register.
template <DType T>
inline __m256 load8(const uint16_t* p) {
  const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  if constexpr (T == DType::BF16) return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
  else return _mm256_cvtph_ps(h);
}
inline float hsum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

#if defined(__AVX512F__)
// 16 16-bit values → 16 floats.
template <DType T>
inline __m512 load16(const uint16_t* p) {
  const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  if constexpr (T == DType::BF16) return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
  else return _mm512_cvtph_ps(h);
}
#endif

// Each group of four rows is only 4·k 16-bit values (6 KiB for k = 768): too short a stretch
// for the hardware prefetcher to ramp up on before the loop moves to the next group, so
// without help the loop stalled on memory at about half the bandwidth an f32 product
// reaches, and 16-bit weights were hardly faster than f32. So while it reads a cache line of
// these rows it asks for the same line kNearRows rows below into L1, and kFarRows rows below
// into L2 (a deeper queue, so more lines are in flight). One request per 64-byte line: the
// loop reads 32 values, one line, of each row per iteration. Distances chosen by measuring
// GPT-2 124M's matrices on a 2-core Xeon (bench/generate_weights.sh): none 47 tok/s, L1 only
// 74–78, L2 only 77–79, both 92–95.
constexpr int64_t kNearRows = 8, kFarRows = 32;

template <int Hint>
inline void prefetch_rows(const uint16_t* row0, int64_t k, int64_t ahead) {
  const uint16_t* p = row0 + ahead * k;
  for (int r = 0; r < 4; ++r) _mm_prefetch(reinterpret_cast<const char*>(p + r * k), static_cast<_mm_hint>(Hint));
}

// y_o = W[o, :] · x for o in [o0, o1): four rows at a time share each load of x.
template <DType T>
void rows_dot(const float* x, const uint16_t* w, int64_t k, int64_t o0, int64_t o1, const float* bias, float* y) {
  int64_t o = o0;
  const int64_t k8 = k / 8 * 8, k32 = k / 32 * 32;
  for (; o + 4 <= o1; o += 4) {
    const uint16_t *r0 = w + o * k, *r1 = r0 + k, *r2 = r1 + k, *r3 = r2 + k;
    // Requests stay inside this thread's rows (and so inside the matrix).
    const bool near = o + 4 + kNearRows <= o1, far = o + 4 + kFarRows <= o1;
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
#if defined(__AVX512F__)
    // Sixteen at a time where the CPU has AVX-512: half the instructions per weight.
    __m512 b0 = _mm512_setzero_ps(), b1 = b0, b2 = b0, b3 = b0;
    for (int64_t j0 = 0; j0 < k32; j0 += 32) {
      if (near) prefetch_rows<_MM_HINT_T0>(r0 + j0, k, kNearRows);
      if (far) prefetch_rows<_MM_HINT_T1>(r0 + j0, k, kFarRows);
      for (int64_t j = j0; j < j0 + 32; j += 16) {
        const __m512 xv = _mm512_loadu_ps(x + j);
        b0 = _mm512_fmadd_ps(load16<T>(r0 + j), xv, b0);
        b1 = _mm512_fmadd_ps(load16<T>(r1 + j), xv, b1);
        b2 = _mm512_fmadd_ps(load16<T>(r2 + j), xv, b2);
        b3 = _mm512_fmadd_ps(load16<T>(r3 + j), xv, b3);
      }
    }
    a0 = _mm256_add_ps(_mm512_castps512_ps256(b0), _mm512_extractf32x8_ps(b0, 1));
    a1 = _mm256_add_ps(_mm512_castps512_ps256(b1), _mm512_extractf32x8_ps(b1, 1));
    a2 = _mm256_add_ps(_mm512_castps512_ps256(b2), _mm512_extractf32x8_ps(b2, 1));
    a3 = _mm256_add_ps(_mm512_castps512_ps256(b3), _mm512_extractf32x8_ps(b3, 1));
#else
    for (int64_t j0 = 0; j0 < k32; j0 += 32) {
      if (near) prefetch_rows<_MM_HINT_T0>(r0 + j0, k, kNearRows);
      if (far) prefetch_rows<_MM_HINT_T1>(r0 + j0, k, kFarRows);
      for (int64_t j = j0; j < j0 + 32; j += 8) {
        const __m256 xv = _mm256_loadu_ps(x + j);
        a0 = _mm256_fmadd_ps(load8<T>(r0 + j), xv, a0);
        a1 = _mm256_fmadd_ps(load8<T>(r1 + j), xv, a1);
        a2 = _mm256_fmadd_ps(load8<T>(r2 + j), xv, a2);
        a3 = _mm256_fmadd_ps(load8<T>(r3 + j), xv, a3);
      }
    }
#endif
    for (int64_t j = k32; j < k8; j += 8) {
      const __m256 xv = _mm256_loadu_ps(x + j);
      a0 = _mm256_fmadd_ps(load8<T>(r0 + j), xv, a0);
      a1 = _mm256_fmadd_ps(load8<T>(r1 + j), xv, a1);
      a2 = _mm256_fmadd_ps(load8<T>(r2 + j), xv, a2);
      a3 = _mm256_fmadd_ps(load8<T>(r3 + j), xv, a3);
    }
    float s[4] = {hsum(a0), hsum(a1), hsum(a2), hsum(a3)};
    for (int64_t j = k8; j < k; ++j) {
      s[0] += widen1<T>(r0[j]) * x[j];
      s[1] += widen1<T>(r1[j]) * x[j];
      s[2] += widen1<T>(r2[j]) * x[j];
      s[3] += widen1<T>(r3[j]) * x[j];
    }
    for (int i = 0; i < 4; ++i) y[o + i] = s[i] + (bias ? bias[o + i] : 0.0f);
  }
  for (; o < o1; ++o) {
    const uint16_t* r = w + o * k;
    __m256 a = _mm256_setzero_ps();
    for (int64_t j = 0; j < k8; j += 8) a = _mm256_fmadd_ps(load8<T>(r + j), _mm256_loadu_ps(x + j), a);
    float s = hsum(a);
    for (int64_t j = k8; j < k; ++j) s += widen1<T>(r[j]) * x[j];
    y[o] = s + (bias ? bias[o] : 0.0f);
  }
}

// y[c0:c1] = Σ_i x_i W[i, c0:c1] for W (k, n): 64 columns at a time in eight registers, each
// row's 64 values one 128-byte stretch of memory.
template <DType T>
void columns_axpy(const float* x, const uint16_t* w, int64_t k, int64_t n, int64_t c0, int64_t c1, const float* bias,
                  float* y) {
  int64_t c = c0;
  for (; c + 64 <= c1; c += 64) {
    __m256 a[8];
    for (auto& v : a) v = _mm256_setzero_ps();
    for (int64_t i = 0; i < k; ++i) {
      const __m256 xi = _mm256_set1_ps(x[i]);
      const uint16_t* r = w + i * n + c;
      for (int q = 0; q < 8; ++q) a[q] = _mm256_fmadd_ps(xi, load8<T>(r + 8 * q), a[q]);
    }
    for (int q = 0; q < 8; ++q) _mm256_storeu_ps(y + c + 8 * q, a[q]);
  }
  for (; c < c1; ++c) {
    float s = 0.0f;
    for (int64_t i = 0; i < k; ++i) s += x[i] * widen1<T>(w[i * n + c]);
    y[c] = s;
  }
  if (bias)
    for (int64_t j = c0; j < c1; ++j) y[j] += bias[j];
}
}  // namespace
#endif

void matvec16(const float* x, const Weight16& w, bool transposed, const float* bias, float* y) {
  GB_CHECK(w.dtype == DType::F16 || w.dtype == DType::BF16, "matvec16: weights must be F16 or BF16");
  const int64_t k = transposed ? w.cols : w.rows, n = transposed ? w.rows : w.cols;
#if defined(__AVX2__) && defined(__FMA__) && defined(__F16C__)
  const bool bf = w.dtype == DType::BF16;
  if (transposed) {
    parallel_for(n, 16, [&](int64_t o0, int64_t o1) {
      bf ? rows_dot<DType::BF16>(x, w.data, k, o0, o1, bias, y) : rows_dot<DType::F16>(x, w.data, k, o0, o1, bias, y);
    });
  } else {
    // Blocks of 64 columns per thread, so every thread runs the fast path.
    parallel_for((n + 63) / 64, 1, [&](int64_t b0, int64_t b1) {
      const int64_t c0 = b0 * 64, c1 = std::min(n, b1 * 64);
      bf ? columns_axpy<DType::BF16>(x, w.data, k, n, c0, c1, bias, y)
         : columns_axpy<DType::F16>(x, w.data, k, n, c0, c1, bias, y);
    });
  }
  return;
#else
  matvec16_portable(x, w, transposed, bias, y, k, n);
#endif
}

void matmul16(const float* x, int64_t m, const Weight16& w, const float* bias, float* y) {
  GB_CHECK(w.dtype == DType::F16 || w.dtype == DType::BF16, "matmul16: weights must be F16 or BF16");
  const int64_t n = w.rows, k = w.cols;
  constexpr int64_t kGroup = 4;  // weight rows widened together: 4·k floats, in L1 or L2
  parallel_for(n, 16, [&](int64_t o0, int64_t o1) {
    std::vector<float> rows(static_cast<size_t>(kGroup * k));
    for (int64_t g = o0; g < o1; g += kGroup) {
      const int64_t count = std::min(kGroup, o1 - g);
      widen(w.dtype, w.data + g * k, rows.data(), count * k);
      for (int64_t t = 0; t < m; ++t) {
        const float* xt = x + t * k;
        float* yt = y + t * n + g;
        if (count == kGroup) {
          // Four sums share each load of x; the compiler vectorises them (reassociation is
          // allowed in the engine, and the order is still fixed at compile time).
          const float *r0 = rows.data(), *r1 = r0 + k, *r2 = r1 + k, *r3 = r2 + k;
          float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (int64_t j = 0; j < k; ++j) {
            const float v = xt[j];
            s0 += r0[j] * v;
            s1 += r1[j] * v;
            s2 += r2[j] * v;
            s3 += r3[j] * v;
          }
          yt[0] = s0, yt[1] = s1, yt[2] = s2, yt[3] = s3;
        } else {
          for (int64_t i = 0; i < count; ++i) {
            const float* r = rows.data() + i * k;
            float s = 0;
            for (int64_t j = 0; j < k; ++j) s += r[j] * xt[j];
            yt[i] = s;
          }
        }
        if (bias)
          for (int64_t i = 0; i < count; ++i) yt[i] += bias[g + i];
      }
    }
  });
}

}  // namespace gb
