// Matrix products (Eigen) and the bias that rides along with them.
#include <Eigen/Core>

#include "engine/backend/cpu/blas.h"
#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

namespace {
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Stride = Eigen::OuterStride<>;
using ConstMap = Eigen::Map<const RowMatrix, Eigen::Unaligned, Stride>;
using MutMap = Eigen::Map<RowMatrix, Eigen::Unaligned, Stride>;

template <class A, class B>
void gemm_into(MutMap& c, const A& a, const B& b, float beta) {
  if (beta == 0.0f) {
    c.noalias() = a * b;
  } else {
    if (beta != 1.0f) c *= beta;
    c.noalias() += a * b;
  }
}

// One thread's share: columns [n0, n1) of c (M, N) = op(a) · op(b)[:, n0:n1].
void gemm_columns(const float* a, int64_t ar, int64_t ac, bool trans_a, const float* b, int64_t br, int64_t bc,
                  bool trans_b, float* c, int64_t m, int64_t n, int64_t n0, int64_t n1, float beta) {
  const int64_t w = n1 - n0;
  ConstMap am(a, ar, ac, Stride(ac));
  MutMap cm(c + n0, m, w, Stride(n));
  if (!trans_b) {
    ConstMap bm(b + n0, br, w, Stride(bc));  // b (K, N): columns n0..n1
    if (trans_a) gemm_into(cm, am.transpose(), bm, beta);
    else gemm_into(cm, am, bm, beta);
  } else {
    ConstMap bm(b + n0 * bc, w, bc, Stride(bc));  // b (N, K): rows n0..n1
    if (trans_a) gemm_into(cm, am.transpose(), bm.transpose(), beta);
    else gemm_into(cm, am, bm.transpose(), beta);
  }
}
}  // namespace

// c (M, N) = op(a) · op(b) + beta · c. a: (M, K) or (K, M); b: (K, N) or (N, K).
// Each thread computes a block of c's columns with a single-threaded Eigen product. This
// beats Eigen's own threading here: no thread waits on another's packed panels, and
// generation's matrix-vector products (M = 1) are split too.
void CpuBackend::matmul(const Tensor& a, bool trans_a, const Tensor& b, bool trans_b, Tensor& c, float beta) {
  const auto [m, n, k] = matmul_dims(a, trans_a, b, trans_b, c);
  const int64_t ar = rows_of(a), ac = cols_of(a), br = rows_of(b), bc = cols_of(b);
  const float* ap = a.data();
  const float* bp = b.data();
  float* cp = c.data();
  // Large products go to OpenBLAS when it is there (~1.3× Eigen per core on AVX-512, and it
  // threads itself); products with fewer than 256 rows stay on the split below: a prompt's
  // forward pass through GPT-2 124M took 46 instead of 63 ms for 16 tokens, 75 instead of
  // 93 for 48 and 202 instead of 231 for 192 (2 cores, medians of interleaved runs), and
  // generation's matrix-vector products have one row. Training's products (batch × context
  // rows) stay with OpenBLAS.
  constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
  if (const SgemmFn sgemm = openblas_sgemm(); sgemm && m >= 256 && m * n * k >= (int64_t{1} << 22)) {
    sgemm(kRowMajor, trans_a ? kTrans : kNoTrans, trans_b ? kTrans : kNoTrans, static_cast<int>(m),
          static_cast<int>(n), static_cast<int>(k), 1.0f, ap, static_cast<int>(ac), bp, static_cast<int>(bc), beta, cp,
          static_cast<int>(n));
    return;
  }
  const int threads = num_threads();
  // Blocks of whole 16-column strips (one AVX-512 register wide).
  const int64_t strips = (n + 15) / 16;
  const int64_t work = m * n * k;
  if (threads <= 1 || strips < threads || work < (int64_t{1} << 18)) {
    gemm_columns(ap, ar, ac, trans_a, bp, br, bc, trans_b, cp, m, n, 0, n, beta);
    return;
  }
  parallel_for(strips, 1, [&](int64_t s0, int64_t s1) {
    gemm_columns(ap, ar, ac, trans_a, bp, br, bc, trans_b, cp, m, n, s0 * 16, std::min(n, s1 * 16), beta);
  });
}

void CpuBackend::add_bias(Tensor& y, const Tensor& bias) {
  const int64_t n = rows_of(y), c = cols_of(y);
  GB_CHECK(bias.numel() == c, "add_bias: bias " + bias.str() + " for rows of " + y.str());
  float* yp = y.data();
  const float* bp = bias.data();
  parallel_for(n, 64, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      float* row = yp + r * c;
      for (int64_t j = 0; j < c; ++j) row[j] += bp[j];
    }
  });
}

// dbias (C) += Σ_rows dy (N, C). Split by columns so each thread owns its outputs.
void CpuBackend::bias_backward(const Tensor& dy, Tensor& dbias) {
  const int64_t n = rows_of(dy), c = cols_of(dy);
  GB_CHECK(dbias.numel() == c, "bias_backward: " + dbias.str() + " for " + dy.str());
  const float* d = dy.data();
  float* out = dbias.data();
  parallel_for(c, 256, [&](int64_t j0, int64_t j1) {
    std::vector<float> acc(j1 - j0, 0.0f);
    for (int64_t r = 0; r < n; ++r) {
      const float* row = d + r * c;
      for (int64_t j = j0; j < j1; ++j) acc[j - j0] += row[j];
    }
    for (int64_t j = j0; j < j1; ++j) out[j] += acc[j - j0];
  });
}

}  // namespace gb
