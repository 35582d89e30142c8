#pragma once
// The op list: every computation the engine does, as a backend implements it.
// The CPU backend (Eigen + threads) is the reference; the Vulkan backend implements the
// same list and is checked against it op by op. Layers and models above this line never
// touch raw memory; they call these ops, so a model runs wherever its tensors live.
//
// Conventions: tensors are contiguous and row-major; "(N, C)" means N rows of C values.
// Backward ops ACCUMULATE into gradient tensors (+=), so a tensor used twice (a residual,
// a tied weight) sums its gradients; forward ops overwrite their outputs.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace gb {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;

  // c (M, N) = op(a) · op(b) + beta · c, where op transposes when asked.
  // a is (M, K) or (K, M) when trans_a; b is (K, N) or (N, K) when trans_b.
  virtual void matmul(const Tensor& a, bool trans_a, const Tensor& b, bool trans_b, Tensor& c, float beta) = 0;
  // y (N, C) += bias (C) on every row.
  virtual void add_bias(Tensor& y, const Tensor& bias) = 0;
  // dbias (C) += column sums of dy (N, C).
  virtual void bias_backward(const Tensor& dy, Tensor& dbias) = 0;

  // out = a + b (same shape). dst += scale · src.
  virtual void add(const Tensor& a, const Tensor& b, Tensor& out) = 0;
  virtual void axpy(Tensor& dst, const Tensor& src, float scale) = 0;
  virtual void scale(Tensor& t, float s) = 0;

  // out (N, C) = table[ids[i]]; dtable (V, C) += scatter of dout rows by id.
  virtual void embedding_forward(std::span<const int32_t> ids, const Tensor& table, Tensor& out) = 0;
  virtual void embedding_backward(std::span<const int32_t> ids, const Tensor& dout, Tensor& dtable) = 0;

  // Layer norm over the last dimension. x, out (N, C); w, b (C); mean, rstd (N) saved for backward.
  virtual void layernorm_forward(const Tensor& x, const Tensor& w, const Tensor& b, float eps, Tensor& out,
                                 Tensor& mean, Tensor& rstd) = 0;
  virtual void layernorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& mean,
                                  const Tensor& rstd, Tensor& dx, Tensor& dw, Tensor& db) = 0;

  // GELU, tanh approximation (as GPT-2). Elementwise, any shape.
  virtual void gelu_forward(const Tensor& x, Tensor& out) = 0;
  virtual void gelu_backward(const Tensor& x, const Tensor& dout, Tensor& dx) = 0;

  // Inverted dropout: out = x · keep / (1 - p), keep drawn from (seed, element index), so the
  // mask is reproducible without storing random state per element. mask holds keep / (1 - p).
  virtual void dropout_forward(const Tensor& x, float p, uint64_t seed, Tensor& out, Tensor& mask) = 0;
  virtual void mul(const Tensor& a, const Tensor& b, Tensor& out) = 0;  // elementwise

  // Fused causal multi-head self-attention.
  // qkv (B, T, 3C) holds q, k, v side by side; out (B, T, C); probs (B, H, T, T) saved for
  // backward (and for the attention views). Scores are scaled by 1/sqrt(C/H).
  virtual void attention_forward(const Tensor& qkv, int n_head, Tensor& out, Tensor& probs) = 0;
  virtual void attention_backward(const Tensor& dout, const Tensor& qkv, const Tensor& probs, int n_head,
                                  Tensor& dqkv) = 0;

  // Attention of n new tokens against a key/value cache (generation, batch 1).
  // q (n, C) for positions start..start+n-1; k_cache, v_cache (context, C) already hold rows
  // 0..start+n-1; out (n, C). Each new token sees every cached position up to its own.
  virtual void attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                int n_head, Tensor& out) = 0;

  // Softmax cross-entropy, fused. logits (N, V); targets (N), -100 = ignore.
  // Returns the mean loss over counted rows; lse (N) saves each row's log-sum-exp.
  virtual float cross_entropy_forward(const Tensor& logits, std::span<const int32_t> targets, Tensor& lse) = 0;
  // dlogits (N, V) += scale · (softmax(logits) - onehot(target)) on counted rows.
  virtual void cross_entropy_backward(const Tensor& logits, const Tensor& lse, std::span<const int32_t> targets,
                                      float scale, Tensor& dlogits) = 0;

  // Sum of squares of every value (for the global gradient norm), in double.
  virtual double sum_squares(const Tensor& t) = 0;
  // The same summed over many tensors of this device. A device backend overrides it to read
  // back once for all of them (gradient clipping asks for every gradient at once).
  virtual double sum_squares_all(std::span<const Tensor> tensors) {
    double total = 0.0;
    for (const Tensor& t : tensors) total += sum_squares(t);
    return total;
  }
  // One AdamW step on one parameter; weight decay is decoupled (applied to the weights).
  virtual void adamw_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, float lr, float beta1,
                          float beta2, float eps, float weight_decay, int64_t step) = 0;

  // ---- The Llama family (RMSNorm, RoPE, SwiGLU, grouped-query attention, mixture of experts).
  // Each has a default that throws "<op> is not implemented on the <backend> backend yet",
  // so a backend gains them one at a time; the CPU backend implements all of them.

  // RMS norm over the last dimension (no mean, no bias): out = x · rstd · w with
  // rstd = 1/√(mean(x²) + eps). x, out (N, C); w (C); rstd (N) saved for backward.
  virtual void rmsnorm_forward(const Tensor& x, const Tensor& w, float eps, Tensor& out, Tensor& rstd);
  // dx (N, C) += …, dw (C) += …
  virtual void rmsnorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& rstd, Tensor& dx,
                                Tensor& dw);

  // Rotary position embedding, Hugging Face's rotate_half layout: in each head's hd channels,
  // channel i (i < hd/2) pairs with channel i + hd/2 and the pair turns by the angle
  // positions[row] · θ^(−2i/hd). x, out (N, n_head · hd); positions (N).
  virtual void rope_forward(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta,
                            Tensor& out);
  // dx (N, n_head · hd) += the same rotation turned back (a rotation's transpose is its inverse).
  virtual void rope_backward(const Tensor& dout, std::span<const int32_t> positions, int n_head, float theta,
                             Tensor& dx);

  // SwiGLU's gate: out = silu(gate) · up = gate · σ(gate) · up. gate, up, out (N, F).
  virtual void swiglu_forward(const Tensor& gate, const Tensor& up, Tensor& out);
  // dgate, dup (N, F) += …
  virtual void swiglu_backward(const Tensor& gate, const Tensor& up, const Tensor& dout, Tensor& dgate, Tensor& dup);

  // Causal grouped-query attention: n_head query heads share n_kv_head key/value heads
  // (n_kv_head = n_head: multi-head; 1: multi-query); query head h reads kv head
  // h / (n_head / n_kv_head). q, out (B, T, n_head · hd); k, v (B, T, n_kv_head · hd);
  // probs (B, n_head, T, T) saved for backward (and the views). Scores scaled by 1/√hd.
  virtual void gqa_attention_forward(const Tensor& q, const Tensor& k, const Tensor& v, int n_head, int n_kv_head,
                                     Tensor& out, Tensor& probs);
  // dq (B, T, n_head · hd), dk, dv (B, T, n_kv_head · hd) += …
  virtual void gqa_attention_backward(const Tensor& dout, const Tensor& q, const Tensor& k, const Tensor& v,
                                      const Tensor& probs, int n_head, int n_kv_head, Tensor& dq, Tensor& dk,
                                      Tensor& dv);
  // Generation against a cache (batch 1): q (n, n_head · hd) for positions start..start+n-1;
  // k_cache, v_cache (context, n_kv_head · hd) already hold rows 0..start+n-1; out like q.
  virtual void gqa_attention_decode(const Tensor& q, const Tensor& k_cache, const Tensor& v_cache, int64_t start,
                                    int n_head, int n_kv_head, Tensor& out);

  // Mixture-of-experts router: for each row of logits (N, E), the k largest entries:
  // experts (N·k, host, row-major, best first) and weights (N, k) = softmax over the chosen
  // logits (which equals Mixtral's softmax over all E, renormalised over the chosen k).
  virtual void router_topk_forward(const Tensor& logits, int k, std::span<int32_t> experts, Tensor& weights);
  // dlogits (N, E) += the softmax-over-chosen backward; zero for experts not chosen.
  virtual void router_topk_backward(const Tensor& weights, std::span<const int32_t> experts, const Tensor& dweights,
                                    Tensor& dlogits);
  // Load balancing (Switch Transformer, as Mixtral trains): probs (N, E) = softmax(logits);
  // returns Σ_n Σ_e probs[n, e] · coef[e] for a given coef (E). (The model chooses coef =
  // E · fraction of tokens routed to e / N, so the sum is E · Σ_e f_e · P_e.)
  virtual float moe_balance_forward(const Tensor& logits, const Tensor& coef, Tensor& probs);
  // dlogits (N, E) += scale · probs ⊙ (coef − Σ_e probs · coef), row by row.
  virtual void moe_balance_backward(const Tensor& probs, const Tensor& coef, float scale, Tensor& dlogits);
  // Rows scaled by one number each: out (N, C) = x (N, C) · s (N) (an expert's output times
  // its router weight).
  virtual void scale_rows_forward(const Tensor& x, const Tensor& s, Tensor& out);
  // dx (N, C) += s · dout; ds (N) += Σ_c dout · x. Either may be undefined (not needed).
  virtual void scale_rows_backward(const Tensor& dout, const Tensor& x, const Tensor& s, Tensor& dx, Tensor& ds);

  // Waits until every op called so far has finished. The CPU runs ops as they are called
  // (nothing to wait for); a GPU backend queues them and submits here.
  virtual void synchronize() {}
};

// The backend that owns tensors on this device. Throws gb::Error (with the one-line reason)
// when the device cannot be used; check backend_available() first to fall back instead.
Backend& backend_for(Device device);

// Whether this device's backend works here; when not, why_not gets a one-line reason
// ("no Vulkan driver found", "Vulkan support was not built", ...). The CPU always works.
bool backend_available(Device device, std::string* why_not = nullptr);

// Every compute device this build can use: the CPU first, then each Vulkan device in the
// order GLASSBOX_VULKAN_DEVICE=N counts them. type: "cpu", "discrete", "integrated",
// "virtual" or "other"; backend: "cpu" or "vulkan".
struct DeviceInfo {
  std::string name, type, backend;
};
std::vector<DeviceInfo> list_devices();
inline Backend& backend_for(const Tensor& t) { return backend_for(t.device()); }

// The name of the device a backend computes on, for a status line: "CPU (2 threads)", or the
// chosen Vulkan device's name ("llvmpipe (LLVM 15.0.6, 256 bits)"). Starts Vulkan if needed;
// throws gb::Error with the reason when that device cannot be used.
std::string device_name(Device device);

}  // namespace gb
