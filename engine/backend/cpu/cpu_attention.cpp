// Fused causal multi-head self-attention on the CPU: one (batch, head) pair per task, the
// products through Eigen on strided views of qkv, so q, k and v are never copied out.
#include <Eigen/Core>
#include <cmath>
#include <algorithm>
#include <limits>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/fast_math.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

namespace {
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Strided = Eigen::Map<RowMatrix, Eigen::Unaligned, Eigen::OuterStride<>>;
using ConstStrided = Eigen::Map<const RowMatrix, Eigen::Unaligned, Eigen::OuterStride<>>;
using Dense = Eigen::Map<RowMatrix>;
using ConstDense = Eigen::Map<const RowMatrix>;

}  // namespace

// qkv (B, T, 3C) → out (B, T, C), probs (B, H, T, T)
// For each head: S = Q Kᵀ / √hd, masked above the diagonal, P = softmax(S), O = P V.
void CpuBackend::attention_forward(const Tensor& qkv, int n_head, Tensor& out, Tensor& probs) {
  const AttentionDims d = attention_dims(qkv, n_head);
  GB_CHECK(out.numel() == d.B * d.T * d.C && probs.numel() == d.B * d.H * d.T * d.T,
           "attention: output shapes do not fit " + qkv.str());
  const float scale = 1.0f / std::sqrt(static_cast<float>(d.hd));
  const float* base = qkv.data();
  float* op = out.data();
  float* pp = probs.data();
  parallel_for(d.B * d.H, 1, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      const int64_t b = i / d.H, h = i % d.H;
      const float* row0 = base + b * d.T * 3 * d.C + h * d.hd;
      ConstStrided q(row0, d.T, d.hd, Eigen::OuterStride<>(3 * d.C));
      ConstStrided k(row0 + d.C, d.T, d.hd, Eigen::OuterStride<>(3 * d.C));
      ConstStrided v(row0 + 2 * d.C, d.T, d.hd, Eigen::OuterStride<>(3 * d.C));
      Dense p(pp + i * d.T * d.T, d.T, d.T);
      p.noalias() = (q * k.transpose()) * scale;
      for (int64_t t = 0; t < d.T; ++t) {
        float* r = p.row(t).data();
        float mx = -std::numeric_limits<float>::infinity();
        for (int64_t s = 0; s <= t; ++s) mx = std::max(mx, r[s]);
        float sum = 0.0f;
        for (int64_t s = 0; s <= t; ++s) {
          r[s] = fast_exp(r[s] - mx);
          sum += r[s];
        }
        const float inv = 1.0f / sum;
        for (int64_t s = 0; s <= t; ++s) r[s] *= inv;
        for (int64_t s = t + 1; s < d.T; ++s) r[s] = 0.0f;  // the causal mask
      }
      Strided o(op + b * d.T * d.C + h * d.hd, d.T, d.hd, Eigen::OuterStride<>(d.C));
      o.noalias() = p * v;
    }
  });
}

// dout (B, T, C), qkv (B, T, 3C), probs (B, H, T, T) → dqkv (B, T, 3C) +=
//   dV = Pᵀ dO;  dP = dO Vᵀ;  dS = P ⊙ (dP − rowsum(dP ⊙ P));  dQ = dS K / √hd;  dK = dSᵀ Q / √hd
void CpuBackend::attention_backward(const Tensor& dout, const Tensor& qkv, const Tensor& probs, int n_head,
                                    Tensor& dqkv) {
  const AttentionDims d = attention_dims(qkv, n_head);
  GB_CHECK(dqkv.numel() == qkv.numel() && dout.numel() == d.B * d.T * d.C, "attention_backward: shapes do not fit");
  const float scale = 1.0f / std::sqrt(static_cast<float>(d.hd));
  const float* base = qkv.data();
  float* dbase = dqkv.data();
  const float* dop = dout.data();
  const float* pp = probs.data();
  parallel_for(d.B * d.H, 1, [&](int64_t i0, int64_t i1) {
    RowMatrix ds(d.T, d.T);
    for (int64_t i = i0; i < i1; ++i) {
      const int64_t b = i / d.H, h = i % d.H;
      const int64_t off = b * d.T * 3 * d.C + h * d.hd;
      const Eigen::OuterStride<> s3(3 * d.C);
      ConstStrided q(base + off, d.T, d.hd, s3), k(base + off + d.C, d.T, d.hd, s3),
          v(base + off + 2 * d.C, d.T, d.hd, s3);
      Strided dq(dbase + off, d.T, d.hd, s3), dk(dbase + off + d.C, d.T, d.hd, s3),
          dv(dbase + off + 2 * d.C, d.T, d.hd, s3);
      ConstStrided dO(dop + b * d.T * d.C + h * d.hd, d.T, d.hd, Eigen::OuterStride<>(d.C));
      ConstDense p(pp + i * d.T * d.T, d.T, d.T);
      dv.noalias() += p.transpose() * dO;
      ds.noalias() = dO * v.transpose();
      for (int64_t t = 0; t < d.T; ++t) {
        float* r = ds.row(t).data();
        const float* pr = p.row(t).data();
        float dot = 0.0f;
        for (int64_t s = 0; s <= t; ++s) dot += r[s] * pr[s];
        for (int64_t s = 0; s <= t; ++s) r[s] = pr[s] * (r[s] - dot) * scale;
        for (int64_t s = t + 1; s < d.T; ++s) r[s] = 0.0f;
      }
      dq.noalias() += ds * k;
      dk.noalias() += ds.transpose() * q;
    }
  });
}

// q (n, C) at positions start.., caches (context, C) → out (n, C): grouped-query decoding
// with one key/value head per query head.
void CpuBackend::attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                  int n_head, Tensor& out) {
  gqa_attention_decode(q, k_cache, v_cache, start, n_head, n_head, out);
}

}  // namespace gb
