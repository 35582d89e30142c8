#pragma once
// The shape arithmetic and argument checks of the op list, shared by every backend so that
// they agree on what an op accepts and on the words of its errors.
#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include "engine/core/error.h"
#include "engine/core/tensor.h"

namespace gb {

// Targets equal to this are not counted by cross-entropy (PyTorch's ignore_index).
constexpr int32_t kIgnoreIndex = -100;

// Rows and columns of a tensor seen as a matrix: the last dimension is the columns.
inline int64_t rows_of(const Tensor& t) { return t.ndim() ? t.numel() / t.dim(-1) : 1; }
inline int64_t cols_of(const Tensor& t) { return t.ndim() ? t.dim(-1) : 1; }

// c (M, N) = op(a) · op(b): the sizes, after checking that the three shapes fit.
struct MatmulDims {
  int64_t m, n, k;
};
inline MatmulDims matmul_dims(const Tensor& a, bool trans_a, const Tensor& b, bool trans_b, const Tensor& c) {
  const int64_t ar = rows_of(a), ac = cols_of(a), br = rows_of(b), bc = cols_of(b);
  const int64_t m = trans_a ? ac : ar, k = trans_a ? ar : ac;
  const int64_t kb = trans_b ? bc : br, n = trans_b ? br : bc;
  GB_CHECK(k == kb && rows_of(c) == m && cols_of(c) == n,
           "matmul: shapes " + a.str() + (trans_a ? "ᵀ" : "") + " · " + b.str() + (trans_b ? "ᵀ" : "") + " → " +
               c.str() + " do not fit");
  return {m, n, k};
}

// Fused attention over qkv (B, T, 3C) with H heads of hd = C / H channels.
struct AttentionDims {
  int64_t B, T, C, H, hd;
};
inline AttentionDims attention_dims(const Tensor& qkv, int n_head) {
  GB_CHECK(qkv.ndim() == 3 && qkv.dim(2) % 3 == 0, "attention: qkv must be (B, T, 3C), not " + qkv.str());
  const int64_t C = qkv.dim(2) / 3;
  GB_CHECK(n_head > 0 && C % n_head == 0, "attention: " + std::to_string(C) + " channels do not split into " +
                                              std::to_string(n_head) + " heads");
  return {qkv.dim(0), qkv.dim(1), C, n_head, C / n_head};
}

// Grouped-query attention: q (B, T, H·hd), k and v (B, T, KV·hd); G = H / KV query heads
// per key/value head.
struct GroupedAttentionDims {
  int64_t B, T, H, KV, hd, group;
};
inline GroupedAttentionDims grouped_attention_dims(const Tensor& q, const Tensor& k, const Tensor& v, int n_head,
                                                   int n_kv_head, const char* op) {
  GB_CHECK(q.ndim() == 3 && k.ndim() == 3 && v.ndim() == 3,
           std::string(op) + ": q, k, v must be (B, T, channels), not " + q.str() + ", " + k.str() + ", " + v.str());
  GB_CHECK(n_head > 0 && n_kv_head > 0 && n_head % n_kv_head == 0,
           std::string(op) + ": " + std::to_string(n_head) + " query heads do not share " +
               std::to_string(n_kv_head) + " key/value heads evenly");
  const int64_t B = q.dim(0), T = q.dim(1);
  GB_CHECK(q.dim(2) % n_head == 0, std::string(op) + ": " + std::to_string(q.dim(2)) +
                                       " query channels do not split into " + std::to_string(n_head) + " heads");
  const int64_t hd = q.dim(2) / n_head;
  GB_CHECK(k.dim(0) == B && k.dim(1) == T && k.dim(2) == n_kv_head * hd && v.shape() == k.shape(),
           std::string(op) + ": keys " + k.str() + " and values " + v.str() + " do not fit queries " + q.str() +
               " with " + std::to_string(n_kv_head) + " key/value heads");
  return {B, T, n_head, n_kv_head, hd, n_head / n_kv_head};
}

// Checks cross-entropy's targets against logits (N, V) and returns how many are counted.
inline int64_t check_targets(std::span<const int32_t> targets, const Tensor& logits) {
  const int64_t n = rows_of(logits), v = cols_of(logits);
  GB_CHECK(static_cast<int64_t>(targets.size()) == n,
           "cross_entropy: " + std::to_string(targets.size()) + " targets for logits " + logits.str());
  int64_t counted = 0;
  for (int32_t t : targets) {
    GB_CHECK(t == kIgnoreIndex || (t >= 0 && t < v),
             "target id " + std::to_string(t) + " is outside the vocabulary (" + std::to_string(v) + " tokens)");
    counted += t != kIgnoreIndex;
  }
  return counted;
}

// AdamW's bias corrections 1 − β^t, computed the same way (in float) on every backend so
// their updates agree bit for bit; checks that the four tensors have one size.
struct AdamWCorrections {
  float bc1, bc2;
};
inline AdamWCorrections adamw_corrections(const Tensor& param, const Tensor& grad, const Tensor& m, const Tensor& v,
                                          float beta1, float beta2, int64_t step) {
  GB_CHECK(param.numel() == grad.numel() && param.numel() == m.numel() && param.numel() == v.numel(),
           "adamw: parameter, gradient and moments differ in size");
  return {1.0f - std::pow(beta1, static_cast<float>(step)), 1.0f - std::pow(beta2, static_cast<float>(step))};
}

}  // namespace gb
