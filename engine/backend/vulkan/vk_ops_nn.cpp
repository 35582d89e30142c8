// Embedding (embedding.comp), layer norm (layernorm.comp) and causal attention
// (attention.comp, attention_backward.comp). Token ids are host spans: they are staged in
// host-visible memory that the shaders read directly.
#include <cmath>

#include "engine/backend/vulkan/vk_backend.h"
#include "engine/core/error.h"

namespace gb::vk {

namespace {

Arg stage_ids(std::span<const int32_t> ids) {
  return runtime().recorder.stage(ids.data(), ids.size_bytes());
}


}  // namespace

// out (N, C) = table (V, C) [ids (N)]: per block of table rows, the ids that fall in it
// (and per block of out rows, when out is that large too).
void VkBackend::embedding_forward(std::span<const int32_t> ids, const Tensor& table, Tensor& out) {
  const int64_t n = static_cast<int64_t>(ids.size()), v = rows_of(table), c = cols_of(table);
  GB_CHECK(rows_of(out) == n && cols_of(out) == c, "embedding: output " + out.str() + " for " +
                                                         std::to_string(n) + " ids of width " + std::to_string(c));
  for (int32_t id : ids)
    GB_CHECK(id >= 0 && id < v, "token id " + std::to_string(id) + " is outside the vocabulary (" +
                                    std::to_string(v) + " tokens)");
  check_u32(v, "embedding");
  if (n == 0) return;
  const Arg staged = stage_ids(ids), src = arg(table, false), dst = arg(out, true);
  for (auto [t0, t1] : row_blocks(v, c))
    for (auto [r0, r1] : row_blocks(n, c)) {
      Push p;
      p.u(r1 - r0).u(c).u(t0).u(t1);
      const Grid g = grid_for(((r1 - r0) * c + 63) / 64);
      run(Shader::Embedding, {0}, 64, 1,
          {sub(staged, r0, r1 - r0), sub(src, t0 * c, (t1 - t0) * c), sub(dst, r0 * c, (r1 - r0) * c)}, p, g.x, g.y);
    }
}

// dtable (V, C) += scatter(dout (N, C)) by ids: one invocation per column, per block of
// table rows (and of dout rows, in order, so that repeated ids add up as on the CPU).
void VkBackend::embedding_backward(std::span<const int32_t> ids, const Tensor& dout, Tensor& dtable) {
  const int64_t n = static_cast<int64_t>(ids.size()), v = rows_of(dtable), c = cols_of(dtable);
  GB_CHECK(rows_of(dout) == n && cols_of(dout) == c, "embedding_backward: " + dout.str() + " for " + dtable.str());
  for (int32_t id : ids)
    GB_CHECK(id >= 0 && id < v, "token id " + std::to_string(id) + " is outside the vocabulary");
  if (n == 0) return;
  const Arg staged = stage_ids(ids), src = arg(dout, false), dst = arg(dtable, true);
  for (auto [t0, t1] : row_blocks(v, c))
    for (auto [r0, r1] : row_blocks(n, c)) {
      Push p;
      p.u(r1 - r0).u(c).u(t0).u(t1);
      const Grid g = grid_for((c + 63) / 64);
      run(Shader::Embedding, {1}, 64, 1,
          {sub(staged, r0, r1 - r0), sub(src, r0 * c, (r1 - r0) * c), sub(dst, t0 * c, (t1 - t0) * c)}, p, g.x, g.y);
    }
}

// x, out (N, C); w, b (C); mean, rstd (N): one workgroup per row.
void VkBackend::layernorm_forward(const Tensor& x, const Tensor& w, const Tensor& b, float eps, Tensor& out,
                                  Tensor& mean, Tensor& rstd) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(w.numel() == c && b.numel() == c && out.numel() == x.numel() && mean.numel() == n && rstd.numel() == n,
           "layernorm: shapes do not fit " + x.str());
  check_u32(x.numel(), "layernorm");
  Push p;
  p.u(n).u(c).f(eps);
  const Grid g = grid_for(n);
  run(Shader::LayerNorm, {0}, 64, 1,
      {arg(x, false), arg(w, false), arg(b, false), arg(out, true), arg(mean, true), arg(rstd, true)}, p, g.x, g.y);
}

// dx (N, C) += ...: a workgroup per row; dw, db (C) += ...: an invocation per column.
void VkBackend::layernorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& mean,
                                   const Tensor& rstd, Tensor& dx, Tensor& dw, Tensor& db) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(dout.numel() == x.numel() && dx.numel() == x.numel() && w.numel() == c && dw.numel() == c &&
               db.numel() == c && mean.numel() == n && rstd.numel() == n,
           "layernorm_backward: shapes do not fit " + x.str());
  check_u32(x.numel(), "layernorm_backward");
  Push p;
  p.u(n).u(c).f(0);
  const Grid rows = grid_for(n);
  run(Shader::LayerNorm, {1}, 64, 1,
      {arg(dout, false), arg(x, false), arg(w, false), arg(mean, false), arg(rstd, false), arg(dx, true)}, p, rows.x,
      rows.y);
  const Grid cols = grid_for((c + 63) / 64);
  run(Shader::LayerNorm, {2}, 64, 1,
      {arg(dout, false), arg(x, false), arg(mean, false), arg(rstd, false), arg(dw, true), arg(db, true)}, p, cols.x,
      cols.y);
}

namespace {

// Where attention.comp and attention_backward.comp find rows: the column of head 0 inside
// a row, the row stride and the batch stride of q, k, v (k and v share strides) and of out.
struct AttentionLayout {
  int64_t qcol, kcol, vcol;
  int64_t qs, ks, os;
  int64_t qb, kb, ob;
};

// One attention forward dispatch: q rows t of T per batch at positions start + t, against
// keys 0 .. start + t; G query heads per key/value head; probs rows of length P.
void attention_dispatch(const Arg& q, const Arg& k, const Arg& v, const Arg& out, const Arg& probs, int64_t T,
                        int64_t H, int64_t G, int64_t hd, int64_t start, int64_t P, int64_t B,
                        const AttentionLayout& l) {
  GB_CHECK(T <= 65535 && H <= 65535 && B <= 65535, "attention: too many rows for one Vulkan dispatch");
  Push p;
  p.u(T).u(H).u(hd).u(start).u(P);
  p.u(l.qcol).u(l.kcol).u(l.vcol);
  p.u(l.qs).u(l.ks).u(l.ks).u(l.os);
  p.u(l.qb).u(l.kb).u(l.kb).u(l.ob);
  p.f(1.0f / std::sqrt(static_cast<float>(hd))).u(G);
  run(Shader::Attention, {}, 64, 1, {q, k, v, out, probs}, p, uint32_t(T), uint32_t(H), uint32_t(B));
}

// dq, dk, dv += the gradient through attention, in attention_backward.comp's two passes over
// a dS scratch (B, H, T, T). q, k, v, dq, dk, dv may share buffers (qkv, dqkv).
void attention_backward_dispatch(const Arg& dout, const Arg& q, const Arg& k, const Arg& v, const Arg& probs,
                                 const Arg& dq, const Arg& dk, const Arg& dv, int64_t B, int64_t T, int64_t H,
                                 int64_t KV, int64_t hd, const AttentionLayout& l) {
  GB_CHECK(T <= 65535 && H <= 65535 && B <= 65535, "attention_backward: too many rows for one Vulkan dispatch");
  Tensor ds = Tensor::empty({B, H, T, T}, Device::Vulkan);
  Push p;
  p.u(T).u(H).u(hd).u(H / KV).f(1.0f / std::sqrt(static_cast<float>(hd)));
  p.u(l.qcol).u(l.kcol).u(l.vcol).u(l.qs).u(l.ks).u(l.os).u(l.qb).u(l.kb).u(l.ob);
  run(Shader::AttentionBackward, {0}, 64, 1, {k, v, probs, dout, dq, arg(ds, true)}, p, uint32_t(T), uint32_t(H),
      uint32_t(B));
  run(Shader::AttentionBackward, {1}, 64, 1, {q, arg(ds, false), probs, dout, dk, dv}, p, uint32_t(T),
      uint32_t(KV), uint32_t(B));
}

// q (B, T, H·hd) and k, v (B, T, KV·hd) in separate tensors.
AttentionLayout separate_layout(int64_t T, int64_t qc, int64_t kc) {
  return {0, 0, 0, qc, kc, qc, T * qc, T * kc, T * qc};
}

}  // namespace

// qkv (B, T, 3C) → out (B, T, C), probs (B, H, T, T): a workgroup per (t, h, b).
void VkBackend::attention_forward(const Tensor& qkv, int n_head, Tensor& out, Tensor& probs) {
  const AttentionDims d = attention_dims(qkv, n_head);
  GB_CHECK(out.numel() == d.B * d.T * d.C && probs.numel() == d.B * d.H * d.T * d.T,
           "attention: output shapes do not fit " + qkv.str());
  check_u32(probs.numel(), "attention");
  check_u32(qkv.numel(), "attention");
  if (out.numel() == 0) return;
  const int64_t C3 = 3 * d.C;
  const AttentionLayout l{0, d.C, 2 * d.C, C3, C3, d.C, d.T * C3, d.T * C3, d.T * d.C};
  const Arg a = arg(qkv, false);
  attention_dispatch(a, a, a, arg(out, true), arg(probs, true), d.T, d.H, 1, d.hd, 0, d.T, d.B, l);
}

// dqkv (B, T, 3C) += the gradient through attention.
void VkBackend::attention_backward(const Tensor& dout, const Tensor& qkv, const Tensor& probs, int n_head,
                                   Tensor& dqkv) {
  const AttentionDims d = attention_dims(qkv, n_head);
  GB_CHECK(dqkv.numel() == qkv.numel() && dout.numel() == d.B * d.T * d.C && probs.numel() == d.B * d.H * d.T * d.T,
           "attention_backward: shapes do not fit");
  if (dout.numel() == 0) return;
  const int64_t C3 = 3 * d.C;
  const AttentionLayout l{0, d.C, 2 * d.C, C3, C3, d.C, d.T * C3, d.T * C3, d.T * d.C};
  const Arg a = arg(qkv, false), g = arg(dqkv, true);
  attention_backward_dispatch(arg(dout, false), a, a, a, arg(probs, false), g, g, g, d.B, d.T, d.H, d.H, d.hd, l);
}

// q (n, C) at positions start.., caches (context, C) → out (n, C). The same shader as the
// forward, with separate q, k, v tensors and a probabilities scratch (H, n, start + n).
void VkBackend::attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                 int n_head, Tensor& out) {
  gqa_attention_decode(q, k_cache, v_cache, start, n_head, n_head, out);
}

// q (B, T, H·hd), k, v (B, T, KV·hd) → out (B, T, H·hd), probs (B, H, T, T).
void VkBackend::gqa_attention_forward(const Tensor& q, const Tensor& k, const Tensor& v, int n_head, int n_kv_head,
                                      Tensor& out, Tensor& probs) {
  const GroupedAttentionDims d = grouped_attention_dims(q, k, v, n_head, n_kv_head, "grouped-query attention");
  GB_CHECK(out.numel() == q.numel() && probs.numel() == d.B * d.H * d.T * d.T,
           "grouped-query attention: output shapes do not fit " + q.str());
  check_u32(probs.numel(), "grouped-query attention");
  if (out.numel() == 0) return;
  attention_dispatch(arg(q, false), arg(k, false), arg(v, false), arg(out, true), arg(probs, true), d.T, d.H,
                     d.group, d.hd, 0, d.T, d.B, separate_layout(d.T, d.H * d.hd, d.KV * d.hd));
}

// dq (B, T, H·hd), dk, dv (B, T, KV·hd) += …
void VkBackend::gqa_attention_backward(const Tensor& dout, const Tensor& q, const Tensor& k, const Tensor& v,
                                       const Tensor& probs, int n_head, int n_kv_head, Tensor& dq, Tensor& dk,
                                       Tensor& dv) {
  const GroupedAttentionDims d = grouped_attention_dims(q, k, v, n_head, n_kv_head, "grouped-query attention backward");
  GB_CHECK(dout.numel() == q.numel() && dq.numel() == q.numel() && dk.numel() == k.numel() &&
               dv.numel() == v.numel() && probs.numel() == d.B * d.H * d.T * d.T,
           "grouped-query attention backward: shapes do not fit " + q.str());
  if (dout.numel() == 0) return;
  attention_backward_dispatch(arg(dout, false), arg(q, false), arg(k, false), arg(v, false), arg(probs, false),
                              arg(dq, true), arg(dk, true), arg(dv, true), d.B, d.T, d.H, d.KV, d.hd,
                              separate_layout(d.T, d.H * d.hd, d.KV * d.hd));
}

// q (n, H·hd) at positions start.., caches (context, KV·hd) → out (n, H·hd), with a
// probabilities scratch (H, n, start + n).
void VkBackend::gqa_attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                     int n_head, int n_kv_head, Tensor& out) {
  GB_CHECK(n_head > 0 && n_kv_head > 0 && n_head % n_kv_head == 0 && cols_of(q) % n_head == 0,
           "attention decode: " + std::to_string(n_head) + " query heads and " + std::to_string(n_kv_head) +
               " key/value heads do not fit " + q.str());
  const int64_t n = rows_of(q), qc = cols_of(q), hd = qc / n_head, kc = n_kv_head * hd;
  GB_CHECK(cols_of(k_cache) == kc && v_cache.shape() == k_cache.shape() && rows_of(k_cache) >= start + n &&
               out.numel() == q.numel(),
           "attention decode: cache " + k_cache.str() + " cannot hold positions up to " + std::to_string(start + n));
  if (n == 0) return;
  const int64_t len = start + n;
  Tensor probs = Tensor::empty({n_head, n, len}, Device::Vulkan);
  const AttentionLayout l{0, 0, 0, qc, kc, qc, 0, 0, 0};
  attention_dispatch(arg(q, false), arg(k_cache, false), arg(v_cache, false), arg(out, true), arg(probs, true), n,
                     n_head, n_head / n_kv_head, hd, start, len, 1, l);
}

}  // namespace gb::vk
