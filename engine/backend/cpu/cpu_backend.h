#pragma once
// The CPU backend: Eigen for matrix products, parallel_for threads for everything else.
// It is the reference every other backend is compared against.
#include "engine/backend/backend.h"
#include "engine/backend/op_shapes.h"

namespace gb {

class CpuBackend final : public Backend {
 public:
  std::string name() const override { return "cpu"; }

  void matmul(const Tensor& a, bool trans_a, const Tensor& b, bool trans_b, Tensor& c, float beta) override;
  void add_bias(Tensor& y, const Tensor& bias) override;
  void bias_backward(const Tensor& dy, Tensor& dbias) override;

  void add(const Tensor& a, const Tensor& b, Tensor& out) override;
  void axpy(Tensor& dst, const Tensor& src, float scale) override;
  void scale(Tensor& t, float s) override;
  void mul(const Tensor& a, const Tensor& b, Tensor& out) override;

  void embedding_forward(std::span<const int32_t> ids, const Tensor& table, Tensor& out) override;
  void embedding_backward(std::span<const int32_t> ids, const Tensor& dout, Tensor& dtable) override;

  void layernorm_forward(const Tensor& x, const Tensor& w, const Tensor& b, float eps, Tensor& out, Tensor& mean,
                         Tensor& rstd) override;
  void layernorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& mean,
                          const Tensor& rstd, Tensor& dx, Tensor& dw, Tensor& db) override;

  void gelu_forward(const Tensor& x, Tensor& out) override;
  void gelu_backward(const Tensor& x, const Tensor& dout, Tensor& dx) override;
  void dropout_forward(const Tensor& x, float p, uint64_t seed, Tensor& out, Tensor& mask) override;

  void attention_forward(const Tensor& qkv, int n_head, Tensor& out, Tensor& probs) override;
  void attention_backward(const Tensor& dout, const Tensor& qkv, const Tensor& probs, int n_head,
                          Tensor& dqkv) override;

  void attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start, int n_head,
                        Tensor& out) override;

  float cross_entropy_forward(const Tensor& logits, std::span<const int32_t> targets, Tensor& lse) override;
  void cross_entropy_backward(const Tensor& logits, const Tensor& lse, std::span<const int32_t> targets, float scale,
                              Tensor& dlogits) override;

  // The Llama family: cpu_rmsnorm_rope_swiglu.cpp, cpu_gqa_attention.cpp, cpu_moe.cpp.
  void rmsnorm_forward(const Tensor& x, const Tensor& w, float eps, Tensor& out, Tensor& rstd) override;
  void rmsnorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& rstd, Tensor& dx,
                        Tensor& dw) override;
  void rope_forward(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta,
                    Tensor& out) override;
  void rope_backward(const Tensor& dout, std::span<const int32_t> positions, int n_head, float theta,
                     Tensor& dx) override;
  void swiglu_forward(const Tensor& gate, const Tensor& up, Tensor& out) override;
  void swiglu_backward(const Tensor& gate, const Tensor& up, const Tensor& dout, Tensor& dgate,
                       Tensor& dup) override;
  void gqa_attention_forward(const Tensor& q, const Tensor& k, const Tensor& v, int n_head, int n_kv_head,
                             Tensor& out, Tensor& probs) override;
  void gqa_attention_backward(const Tensor& dout, const Tensor& q, const Tensor& k, const Tensor& v,
                              const Tensor& probs, int n_head, int n_kv_head, Tensor& dq, Tensor& dk,
                              Tensor& dv) override;
  void gqa_attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start, int n_head,
                            int n_kv_head, Tensor& out) override;
  void router_topk_forward(const Tensor& logits, int k, std::span<int32_t> experts, Tensor& weights) override;
  void router_topk_backward(const Tensor& weights, std::span<const int32_t> experts, const Tensor& dweights,
                            Tensor& dlogits) override;
  float moe_balance_forward(const Tensor& logits, const Tensor& coef, Tensor& probs) override;
  void moe_balance_backward(const Tensor& probs, const Tensor& coef, float scale, Tensor& dlogits) override;
  void scale_rows_forward(const Tensor& x, const Tensor& s, Tensor& out) override;
  void scale_rows_backward(const Tensor& dout, const Tensor& x, const Tensor& s, Tensor& dx, Tensor& ds) override;

  double sum_squares(const Tensor& t) override;
  void adamw_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, float lr, float beta1, float beta2,
                  float eps, float weight_decay, int64_t step) override;
};


}  // namespace gb
