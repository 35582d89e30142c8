#pragma once
// The Vulkan backend: the op list of backend.h as compute-shader dispatches. Each op checks
// shapes like the CPU backend, then records its dispatches; nothing waits for the device
// unless a value must come back to the host (the loss, a norm, a download).
// The ops' host side is split by family: vk_backend.cpp (elementwise, AdamW),
// vk_ops_matmul.cpp, vk_ops_nn.cpp (embedding, layer norm, attention), vk_ops_loss.cpp.
#include <cstring>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/backend/op_shapes.h"
#include "engine/backend/vulkan/vk_runtime.h"

namespace gb::vk {

class VkBackend final : public Backend {
 public:
  std::string name() const override { return "vulkan"; }

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

  double sum_squares(const Tensor& t) override;
  double sum_squares_all(std::span<const Tensor> tensors) override;
  void adamw_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, float lr, float beta1, float beta2,
                  float eps, float weight_decay, int64_t step) override;

  // The Llama family's ops (vk_ops_llama.cpp; attention in vk_ops_nn.cpp).
  void rmsnorm_forward(const Tensor& x, const Tensor& w, float eps, Tensor& out, Tensor& rstd) override;
  void rmsnorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& rstd, Tensor& dx,
                        Tensor& dw) override;
  void rope_forward(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta,
                    Tensor& out) override;
  void rope_backward(const Tensor& dout, std::span<const int32_t> positions, int n_head, float theta,
                     Tensor& dx) override;
  void swiglu_forward(const Tensor& gate, const Tensor& up, Tensor& out) override;
  void swiglu_backward(const Tensor& gate, const Tensor& up, const Tensor& dout, Tensor& dgate, Tensor& dup) override;
  void gqa_attention_forward(const Tensor& q, const Tensor& k, const Tensor& v, int n_head, int n_kv_head,
                             Tensor& out, Tensor& probs) override;
  void gqa_attention_backward(const Tensor& dout, const Tensor& q, const Tensor& k, const Tensor& v,
                              const Tensor& probs, int n_head, int n_kv_head, Tensor& dq, Tensor& dk,
                              Tensor& dv) override;
  void gqa_attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                            int n_head, int n_kv_head, Tensor& out) override;
  void router_topk_forward(const Tensor& logits, int k, std::span<int32_t> experts, Tensor& weights) override;
  void router_topk_backward(const Tensor& weights, std::span<const int32_t> experts, const Tensor& dweights,
                            Tensor& dlogits) override;
  float moe_balance_forward(const Tensor& logits, const Tensor& coef, Tensor& probs) override;
  void moe_balance_backward(const Tensor& probs, const Tensor& coef, float scale, Tensor& dlogits) override;
  void scale_rows_forward(const Tensor& x, const Tensor& s, Tensor& out) override;
  void scale_rows_backward(const Tensor& dout, const Tensor& x, const Tensor& s, Tensor& dx, Tensor& ds) override;

  // Submits the recorded work and waits (the end of a step, a generated token).
  void synchronize() override;
};

// Push constants as 32-bit words; the first kBindings words are the arguments' offsets,
// filled in by the recorder. Always pushed whole (kPushBytes).
struct Push {
  uint32_t w[kPushBytes / 4] = {};
  uint32_t n = kBindings;
  Push& u(int64_t v) {
    w[n++] = static_cast<uint32_t>(v);
    return *this;
  }
  Push& f(float v) {
    std::memcpy(&w[n++], &v, 4);
    return *this;
  }
};

// Workgroups for `total` along x, spilling onto y past the 65535 that every device allows.
struct Grid {
  uint32_t x, y;
};
inline Grid grid_for(int64_t total) {
  const int64_t x = std::min<int64_t>(std::max<int64_t>(total, 1), 65535);
  return {uint32_t(x), uint32_t((std::max<int64_t>(total, 1) + x - 1) / x)};
}

// Records one dispatch of a shader variant.
void run(Shader shader, std::vector<uint32_t> spec, uint32_t local_x, uint32_t local_y, std::vector<Arg> args,
         Push& push, uint32_t gx, uint32_t gy = 1, uint32_t gz = 1);


// elementwise.comp's OP numbers.
enum ElementOp : uint32_t {
  kAdd, kAxpy, kScale, kMul, kGelu, kGeluBackward, kDropout, kAddBias, kAdamW,
  kSwiglu, kSwigluBackward, kScaleRows, kScaleRowsBackward
};
// Records an elementwise.comp op over n values (see vk_backend.cpp); push holds its
// parameters after n.
void elementwise(ElementOp op, int64_t n, const std::vector<Arg>& args, Push& push);

// Values a shader indexes with 32-bit integers must fit in them.
void check_u32(int64_t n, const char* op);

}  // namespace gb::vk
