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

// out (N, C) = table (V, C) [ids (N)]
void VkBackend::embedding_forward(std::span<const int32_t> ids, const Tensor& table, Tensor& out) {
  const int64_t n = static_cast<int64_t>(ids.size()), v = rows_of(table), c = cols_of(table);
  GB_CHECK(rows_of(out) == n && cols_of(out) == c, "embedding: output " + out.str() + " for " +
                                                         std::to_string(n) + " ids of width " + std::to_string(c));
  for (int32_t id : ids)
    GB_CHECK(id >= 0 && id < v, "token id " + std::to_string(id) + " is outside the vocabulary (" +
                                    std::to_string(v) + " tokens)");
  check_u32(table.numel(), "embedding");
  if (n == 0) return;
  Push p;
  p.u(n).u(c);
  const Grid g = grid_for((n * c + 63) / 64);
  run(Shader::Embedding, {0}, 64, 1, {stage_ids(ids), arg(table, false), arg(out, true)}, p, g.x, g.y);
}

// dtable (V, C) += scatter(dout (N, C)) by ids: one invocation per column.
void VkBackend::embedding_backward(std::span<const int32_t> ids, const Tensor& dout, Tensor& dtable) {
  const int64_t n = static_cast<int64_t>(ids.size()), v = rows_of(dtable), c = cols_of(dtable);
  GB_CHECK(rows_of(dout) == n && cols_of(dout) == c, "embedding_backward: " + dout.str() + " for " + dtable.str());
  for (int32_t id : ids)
    GB_CHECK(id >= 0 && id < v, "token id " + std::to_string(id) + " is outside the vocabulary");
  if (n == 0) return;
  Push p;
  p.u(n).u(c);
  const Grid g = grid_for((c + 63) / 64);
  run(Shader::Embedding, {1}, 64, 1, {stage_ids(ids), arg(dout, false), arg(dtable, true)}, p, g.x, g.y);
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

// qkv (B, T, 3C) → out (B, T, C), probs (B, H, T, T): a workgroup per (t, h, b).
void VkBackend::attention_forward(const Tensor& qkv, int n_head, Tensor& out, Tensor& probs) {
  const AttentionDims d = attention_dims(qkv, n_head);
  GB_CHECK(out.numel() == d.B * d.T * d.C && probs.numel() == d.B * d.H * d.T * d.T,
           "attention: output shapes do not fit " + qkv.str());
  check_u32(probs.numel(), "attention");
  check_u32(qkv.numel(), "attention");
  GB_CHECK(d.T <= 65535 && d.H <= 65535 && d.B <= 65535, "attention: too many rows for one Vulkan dispatch");
  if (out.numel() == 0) return;
  const int64_t C3 = 3 * d.C;
  Push p;
  p.u(d.T).u(d.H).u(d.hd).u(0).u(d.T);
  p.u(0).u(d.C).u(2 * d.C);
  p.u(C3).u(C3).u(C3).u(d.C);
  p.u(d.T * C3).u(d.T * C3).u(d.T * C3).u(d.T * d.C);
  p.f(1.0f / std::sqrt(static_cast<float>(d.hd)));
  const Arg a = arg(qkv, false);
  run(Shader::Attention, {}, 64, 1, {a, a, a, arg(out, true), arg(probs, true)}, p, uint32_t(d.T), uint32_t(d.H),
      uint32_t(d.B));
}

// dqkv (B, T, 3C) += the gradient through attention; two passes over a dS scratch (B, H, T, T).
void VkBackend::attention_backward(const Tensor& dout, const Tensor& qkv, const Tensor& probs, int n_head,
                                   Tensor& dqkv) {
  const AttentionDims d = attention_dims(qkv, n_head);
  GB_CHECK(dqkv.numel() == qkv.numel() && dout.numel() == d.B * d.T * d.C && probs.numel() == d.B * d.H * d.T * d.T,
           "attention_backward: shapes do not fit");
  if (dout.numel() == 0) return;
  Tensor ds = Tensor::empty(probs.shape(), Device::Vulkan);
  Push p;
  p.u(d.T).u(d.H).u(d.hd).u(d.C).f(1.0f / std::sqrt(static_cast<float>(d.hd)));
  const std::vector<Arg> args = {arg(qkv, false), arg(probs, false), arg(dout, false), arg(dqkv, true),
                                 arg(ds, true)};
  run(Shader::AttentionBackward, {0}, 64, 1, args, p, uint32_t(d.T), uint32_t(d.H), uint32_t(d.B));
  std::vector<Arg> pass1 = args;
  pass1[4].write = false;
  run(Shader::AttentionBackward, {1}, 64, 1, pass1, p, uint32_t(d.T), uint32_t(d.H), uint32_t(d.B));
}

// q (n, C) at positions start.., caches (context, C) → out (n, C). The same shader as the
// forward, with separate q, k, v tensors and a probabilities scratch (H, n, start + n).
void VkBackend::attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                 int n_head, Tensor& out) {
  const int64_t n = rows_of(q), C = cols_of(q);
  GB_CHECK(n_head > 0 && C % n_head == 0, "attention_decode: heads do not split " + q.str());
  GB_CHECK(cols_of(k_cache) == C && cols_of(v_cache) == C && rows_of(k_cache) >= start + n &&
               rows_of(v_cache) >= start + n && out.numel() == q.numel(),
           "attention_decode: cache " + k_cache.str() + " cannot hold positions up to " + std::to_string(start + n));
  if (n == 0) return;
  const int64_t len = start + n, hd = C / n_head;
  Tensor probs = Tensor::empty({n_head, n, len}, Device::Vulkan);
  Push p;
  p.u(n).u(n_head).u(hd).u(start).u(len);
  p.u(0).u(0).u(0);
  p.u(C).u(C).u(C).u(C);
  p.u(0).u(0).u(0).u(0);
  p.f(1.0f / std::sqrt(static_cast<float>(hd)));
  run(Shader::Attention, {}, 64, 1,
      {arg(q, false), arg(k_cache, false), arg(v_cache, false), arg(out, true), arg(probs, true)}, p, uint32_t(n),
      uint32_t(n_head), 1);
}

}  // namespace gb::vk
