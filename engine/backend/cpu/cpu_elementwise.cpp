// Elementwise ops, embeddings and layer norm on the CPU, threaded with parallel_for.
#include <algorithm>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/fast_math.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

namespace {

constexpr int64_t kGrain = 1 << 14;  // below this many elements, threads cost more than they save

void check_same(const Tensor& a, const Tensor& b, const char* op) {
  GB_CHECK(a.numel() == b.numel(), std::string(op) + ": " + a.str() + " and " + b.str() + " differ in size");
}

template <class Fn>
void for_each_index(int64_t n, Fn&& fn) {
  parallel_for(n, kGrain, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) fn(i);
  });
}

// A stateless hash of (seed, index) → uniform [0, 1): the dropout mask of any element can be
// recomputed anywhere, on any thread or device, without a shared generator.
inline float hash_uniform(uint64_t seed, uint64_t i) {
  uint64_t z = seed + (i + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<float>(z >> 40) * (1.0f / 16777216.0f);
}

constexpr float kSqrt2OverPi = 0.7978845608028654f;
constexpr float kGeluCoef = 0.044715f;

}  // namespace

void CpuBackend::add(const Tensor& a, const Tensor& b, Tensor& out) {
  check_same(a, b, "add");
  check_same(a, out, "add");
  const float *ap = a.data(), *bp = b.data();
  float* op = out.data();
  for_each_index(a.numel(), [&](int64_t i) { op[i] = ap[i] + bp[i]; });
}

void CpuBackend::axpy(Tensor& dst, const Tensor& src, float s) {
  check_same(dst, src, "axpy");
  float* d = dst.data();
  const float* x = src.data();
  for_each_index(dst.numel(), [&](int64_t i) { d[i] += s * x[i]; });
}

void CpuBackend::scale(Tensor& t, float s) {
  float* d = t.data();
  for_each_index(t.numel(), [&](int64_t i) { d[i] *= s; });
}

void CpuBackend::mul(const Tensor& a, const Tensor& b, Tensor& out) {
  check_same(a, b, "mul");
  check_same(a, out, "mul");
  const float *ap = a.data(), *bp = b.data();
  float* op = out.data();
  for_each_index(a.numel(), [&](int64_t i) { op[i] = ap[i] * bp[i]; });
}

// out (N, C) = table (V, C) [ids (N)]
void CpuBackend::embedding_forward(std::span<const int32_t> ids, const Tensor& table, Tensor& out) {
  const int64_t n = static_cast<int64_t>(ids.size()), v = rows_of(table), c = cols_of(table);
  GB_CHECK(rows_of(out) == n && cols_of(out) == c, "embedding: output " + out.str() + " for " +
                                                         std::to_string(n) + " ids of width " + std::to_string(c));
  const float* tp = table.data();
  float* op = out.data();
  for (int64_t i = 0; i < n; ++i)
    GB_CHECK(ids[i] >= 0 && ids[i] < v, "token id " + std::to_string(ids[i]) + " is outside the vocabulary (" +
                                            std::to_string(v) + " tokens)");
  parallel_for(n, 64, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) std::copy_n(tp + int64_t(ids[r]) * c, c, op + r * c);
  });
}

// dtable (V, C) += scatter(dout (N, C)) by ids. Split by columns: no two threads write one value.
void CpuBackend::embedding_backward(std::span<const int32_t> ids, const Tensor& dout, Tensor& dtable) {
  const int64_t n = static_cast<int64_t>(ids.size()), c = cols_of(dtable);
  GB_CHECK(rows_of(dout) == n && cols_of(dout) == c, "embedding_backward: " + dout.str() + " for " + dtable.str());
  const float* dp = dout.data();
  float* tp = dtable.data();
  parallel_for(c, 64, [&](int64_t j0, int64_t j1) {
    for (int64_t r = 0; r < n; ++r) {
      const float* src = dp + r * c;
      float* dst = tp + int64_t(ids[r]) * c;
      for (int64_t j = j0; j < j1; ++j) dst[j] += src[j];
    }
  });
}

// x, out (N, C); w, b (C); mean, rstd (N)
void CpuBackend::layernorm_forward(const Tensor& x, const Tensor& w, const Tensor& b, float eps, Tensor& out,
                                   Tensor& mean, Tensor& rstd) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(w.numel() == c && b.numel() == c && out.numel() == x.numel() && mean.numel() == n && rstd.numel() == n,
           "layernorm: shapes do not fit " + x.str());
  const float *xp = x.data(), *wp = w.data(), *bp = b.data();
  float *op = out.data(), *mp = mean.data(), *rp = rstd.data();
  parallel_for(n, 16, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const float* row = xp + r * c;
      float m = 0.0f;
      for (int64_t j = 0; j < c; ++j) m += row[j];
      m /= static_cast<float>(c);
      float var = 0.0f;
      for (int64_t j = 0; j < c; ++j) var += (row[j] - m) * (row[j] - m);
      var /= static_cast<float>(c);
      const float s = 1.0f / std::sqrt(var + eps);
      float* o = op + r * c;
      for (int64_t j = 0; j < c; ++j) o[j] = (row[j] - m) * s * wp[j] + bp[j];
      mp[r] = m;
      rp[r] = s;
    }
  });
}

// dx (N, C) += ..., dw, db (C) += ...
// With xhat = (x - mean) · rstd and g = dout · w:
//   dx = rstd · (g - mean(g) - xhat · mean(g · xhat))
void CpuBackend::layernorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& mean,
                                    const Tensor& rstd, Tensor& dx, Tensor& dw, Tensor& db) {
  const int64_t n = rows_of(x), c = cols_of(x);
  const float *dop = dout.data(), *xp = x.data(), *wp = w.data(), *mp = mean.data(), *rp = rstd.data();
  float *dxp = dx.data(), *dwp = dw.data(), *dbp = db.data();
  parallel_for(n, 16, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const float* d = dop + r * c;
      const float* row = xp + r * c;
      const float m = mp[r], s = rp[r];
      float mean_g = 0.0f, mean_gx = 0.0f;
      for (int64_t j = 0; j < c; ++j) {
        const float g = d[j] * wp[j];
        mean_g += g;
        mean_gx += g * (row[j] - m) * s;
      }
      mean_g /= static_cast<float>(c);
      mean_gx /= static_cast<float>(c);
      float* o = dxp + r * c;
      for (int64_t j = 0; j < c; ++j) {
        const float xhat = (row[j] - m) * s;
        o[j] += s * (d[j] * wp[j] - mean_g - xhat * mean_gx);
      }
    }
  });
  // Parameter gradients: split by columns so each thread owns its outputs.
  parallel_for(c, 64, [&](int64_t j0, int64_t j1) {
    for (int64_t r = 0; r < n; ++r) {
      const float* d = dop + r * c;
      const float* row = xp + r * c;
      const float m = mp[r], s = rp[r];
      for (int64_t j = j0; j < j1; ++j) {
        dwp[j] += d[j] * (row[j] - m) * s;
        dbp[j] += d[j];
      }
    }
  });
}

// gelu(x) = 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))
void CpuBackend::gelu_forward(const Tensor& x, Tensor& out) {
  check_same(x, out, "gelu");
  const float* xp = x.data();
  float* op = out.data();
  for_each_index(x.numel(), [&](int64_t i) {
    const float v = xp[i];
    op[i] = 0.5f * v * (1.0f + fast_tanh(kSqrt2OverPi * (v + kGeluCoef * v * v * v)));
  });
}

void CpuBackend::gelu_backward(const Tensor& x, const Tensor& dout, Tensor& dx) {
  check_same(x, dout, "gelu_backward");
  check_same(x, dx, "gelu_backward");
  const float *xp = x.data(), *dp = dout.data();
  float* gp = dx.data();
  for_each_index(x.numel(), [&](int64_t i) {
    const float v = xp[i];
    const float u = kSqrt2OverPi * (v + kGeluCoef * v * v * v);
    const float t = fast_tanh(u);
    const float du = kSqrt2OverPi * (1.0f + 3.0f * kGeluCoef * v * v);
    gp[i] += dp[i] * (0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * du);
  });
}

void CpuBackend::dropout_forward(const Tensor& x, float p, uint64_t seed, Tensor& out, Tensor& mask) {
  check_same(x, out, "dropout");
  check_same(x, mask, "dropout");
  const float keep_scale = 1.0f / (1.0f - p);
  const float* xp = x.data();
  float *op = out.data(), *mp = mask.data();
  for_each_index(x.numel(), [&](int64_t i) {
    const float m = hash_uniform(seed, static_cast<uint64_t>(i)) >= p ? keep_scale : 0.0f;
    mp[i] = m;
    op[i] = xp[i] * m;
  });
}

}  // namespace gb
