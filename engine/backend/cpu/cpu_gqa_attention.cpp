// Causal grouped-query attention on the CPU. Query head h reads key/value head
// h / group, group = n_head / n_kv_head: with n_kv_head = n_head it is GPT-2's multi-head
// attention, with n_kv_head = 1 every head shares one key and one value (multi-query).
// Products through Eigen on strided views, so q, k and v are never copied out.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/fast_math.h"
#include "engine/backend/op_shapes.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

namespace {
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Strided = Eigen::Map<RowMatrix, Eigen::Unaligned, Eigen::OuterStride<>>;
using ConstStrided = Eigen::Map<const RowMatrix, Eigen::Unaligned, Eigen::OuterStride<>>;
using Dense = Eigen::Map<RowMatrix>;
using ConstDense = Eigen::Map<const RowMatrix>;

// Causal softmax of each row of s (T, T) in place; entries above the diagonal become 0.
void causal_softmax_rows(Dense& p, int64_t T) {
  for (int64_t t = 0; t < T; ++t) {
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
    for (int64_t s = t + 1; s < T; ++s) r[s] = 0.0f;
  }
}

}  // namespace

// q (B, T, H·hd), k, v (B, T, KV·hd) → out (B, T, H·hd), probs (B, H, T, T)
// For each query head: S = Q Kᵀ / √hd, causal mask, P = softmax(S), O = P V.
void CpuBackend::gqa_attention_forward(const Tensor& q, const Tensor& k, const Tensor& v, int n_head, int n_kv_head,
                                       Tensor& out, Tensor& probs) {
  const GroupedAttentionDims d = grouped_attention_dims(q, k, v, n_head, n_kv_head, "grouped-query attention");
  GB_CHECK(out.numel() == q.numel() && probs.numel() == d.B * d.H * d.T * d.T,
           "grouped-query attention: output shapes do not fit " + q.str());
  const float scale = 1.0f / std::sqrt(static_cast<float>(d.hd));
  const int64_t qc = d.H * d.hd, kc = d.KV * d.hd;
  const float *qp = q.data(), *kp = k.data(), *vp = v.data();
  float *op = out.data(), *pp = probs.data();
  parallel_for(d.B * d.H, 1, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      const int64_t b = i / d.H, h = i % d.H, g = h / d.group;
      ConstStrided qh(qp + b * d.T * qc + h * d.hd, d.T, d.hd, Eigen::OuterStride<>(qc));
      ConstStrided kh(kp + b * d.T * kc + g * d.hd, d.T, d.hd, Eigen::OuterStride<>(kc));
      ConstStrided vh(vp + b * d.T * kc + g * d.hd, d.T, d.hd, Eigen::OuterStride<>(kc));
      Dense p(pp + i * d.T * d.T, d.T, d.T);
      p.noalias() = (qh * kh.transpose()) * scale;
      causal_softmax_rows(p, d.T);
      Strided o(op + b * d.T * qc + h * d.hd, d.T, d.hd, Eigen::OuterStride<>(qc));
      o.noalias() = p * vh;
    }
  });
}

// dq (B, T, H·hd), dk, dv (B, T, KV·hd) +=
//   dV = Pᵀ dO;  dP = dO Vᵀ;  dS = P ⊙ (dP − rowsum(dP ⊙ P));  dQ = dS K / √hd;  dK = dSᵀ Q / √hd
// summed over the query heads of each group. One task per (batch, kv head), so no two
// threads add into the same dk, dv.
void CpuBackend::gqa_attention_backward(const Tensor& dout, const Tensor& q, const Tensor& k, const Tensor& v,
                                        const Tensor& probs, int n_head, int n_kv_head, Tensor& dq, Tensor& dk,
                                        Tensor& dv) {
  const GroupedAttentionDims d = grouped_attention_dims(q, k, v, n_head, n_kv_head, "grouped-query attention backward");
  GB_CHECK(dout.numel() == q.numel() && dq.numel() == q.numel() && dk.numel() == k.numel() &&
               dv.numel() == v.numel() && probs.numel() == d.B * d.H * d.T * d.T,
           "grouped-query attention backward: shapes do not fit " + q.str());
  const float scale = 1.0f / std::sqrt(static_cast<float>(d.hd));
  const int64_t qc = d.H * d.hd, kc = d.KV * d.hd;
  const float *qp = q.data(), *kp = k.data(), *vp = v.data(), *dop = dout.data(), *pp = probs.data();
  float *dqp = dq.data(), *dkp = dk.data(), *dvp = dv.data();
  parallel_for(d.B * d.KV, 1, [&](int64_t i0, int64_t i1) {
    RowMatrix ds(d.T, d.T);
    for (int64_t i = i0; i < i1; ++i) {
      const int64_t b = i / d.KV, g = i % d.KV;
      const Eigen::OuterStride<> sq(qc), sk(kc);
      ConstStrided kh(kp + b * d.T * kc + g * d.hd, d.T, d.hd, sk), vh(vp + b * d.T * kc + g * d.hd, d.T, d.hd, sk);
      Strided dkh(dkp + b * d.T * kc + g * d.hd, d.T, d.hd, sk), dvh(dvp + b * d.T * kc + g * d.hd, d.T, d.hd, sk);
      for (int64_t h = g * d.group; h < (g + 1) * d.group; ++h) {
        ConstStrided qh(qp + b * d.T * qc + h * d.hd, d.T, d.hd, sq), dO(dop + b * d.T * qc + h * d.hd, d.T, d.hd, sq);
        Strided dqh(dqp + b * d.T * qc + h * d.hd, d.T, d.hd, sq);
        ConstDense p(pp + (b * d.H + h) * d.T * d.T, d.T, d.T);
        dvh.noalias() += p.transpose() * dO;
        ds.noalias() = dO * vh.transpose();
        for (int64_t t = 0; t < d.T; ++t) {
          float* r = ds.row(t).data();
          const float* pr = p.row(t).data();
          float dot = 0.0f;
          for (int64_t s = 0; s <= t; ++s) dot += r[s] * pr[s];
          for (int64_t s = 0; s <= t; ++s) r[s] = pr[s] * (r[s] - dot) * scale;
          for (int64_t s = t + 1; s < d.T; ++s) r[s] = 0.0f;
        }
        dqh.noalias() += ds * kh;
        dkh.noalias() += ds.transpose() * qh;
      }
    }
  });
}

// q (n, H·hd) at positions start.., caches (context, KV·hd) → out (n, H·hd); one task per
// (row, query head).
void CpuBackend::gqa_attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                      int n_head, int n_kv_head, Tensor& out) {
  GB_CHECK(n_head > 0 && n_kv_head > 0 && n_head % n_kv_head == 0 && cols_of(q) % n_head == 0,
           "grouped-query attention decode: " + std::to_string(n_head) + " query heads and " +
               std::to_string(n_kv_head) + " key/value heads do not fit " + q.str());
  const int64_t n = rows_of(q), qc = cols_of(q), hd = qc / n_head, kc = n_kv_head * hd, group = n_head / n_kv_head;
  GB_CHECK(cols_of(k_cache) == kc && v_cache.shape() == k_cache.shape() && rows_of(k_cache) >= start + n &&
               out.numel() == q.numel(),
           "grouped-query attention decode: cache " + k_cache.str() + " cannot hold positions up to " +
               std::to_string(start + n) + " of " + std::to_string(n_kv_head) + " heads × " + std::to_string(hd));
  const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
  const float *qp = q.data(), *kp = k_cache.data(), *vp = v_cache.data();
  float* op = out.data();
  const int64_t grain = std::max<int64_t>(1, (int64_t{1} << 14) / ((start + n) * hd));
  parallel_for(n_head * n, grain, [&](int64_t i0, int64_t i1) {
    std::vector<float> p(start + n);
    for (int64_t i = i0; i < i1; ++i) {
      const int64_t h = i % n_head, row = i / n_head, len = start + row + 1, g = h / group;
      const float* qh = qp + row * qc + h * hd;
      float mx = -std::numeric_limits<float>::infinity();
      for (int64_t s = 0; s < len; ++s) {
        const float* kh = kp + s * kc + g * hd;
        float dot = 0.0f;
        for (int64_t j = 0; j < hd; ++j) dot += qh[j] * kh[j];
        p[s] = dot * scale;
        mx = std::max(mx, p[s]);
      }
      float sum = 0.0f;
      for (int64_t s = 0; s < len; ++s) sum += (p[s] = fast_exp(p[s] - mx));
      float* o = op + row * qc + h * hd;
      std::fill_n(o, hd, 0.0f);
      const float inv = 1.0f / sum;
      for (int64_t s = 0; s < len; ++s) {
        const float w = p[s] * inv;
        const float* vh = vp + s * kc + g * hd;
        for (int64_t j = 0; j < hd; ++j) o[j] += w * vh[j];
      }
    }
  });
}

}  // namespace gb
