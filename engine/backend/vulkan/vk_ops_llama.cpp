// The Llama family's ops on Vulkan, each forward beside its backward: RMS norm (layernorm.comp),
// rotary embeddings (rope.comp), the SwiGLU gate and rows scaled by a router weight
// (elementwise.comp), and the mixture-of-experts router (router.comp). Grouped-query
// attention shares attention.comp and attention_backward.comp (vk_ops_nn.cpp).
#include <cmath>
#include <cstring>
#include <vector>

#include "engine/backend/vulkan/vk_backend.h"
#include "engine/core/error.h"

namespace gb::vk {

namespace {
// layernorm.comp's OP numbers for the RMS norm and the row dot product.
constexpr uint32_t kRmsForward = 4, kRmsBackwardDx = 5, kRmsBackwardDw = 6, kRowDot = 7;
// router.comp's OP numbers.
constexpr uint32_t kTopk = 0, kTopkBackward = 1, kBalance = 2, kBalanceBackward = 3;

void check_size(const Tensor& a, const Tensor& b, const char* op) {
  GB_CHECK(a.numel() == b.numel(), std::string(op) + ": " + a.str() + " and " + b.str() + " differ in size");
}
}  // namespace

// x, out (N, C); w (C); rstd (N): a workgroup per row.
void VkBackend::rmsnorm_forward(const Tensor& x, const Tensor& w, float eps, Tensor& out, Tensor& rstd) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(w.numel() == c && out.numel() == x.numel() && rstd.numel() == n, "rmsnorm: shapes do not fit " + x.str());
  check_u32(x.numel(), "rmsnorm");
  const Arg X = arg(x, false);
  Push p;
  p.u(n).u(c).f(eps);
  const Grid g = grid_for(n);
  run(Shader::LayerNorm, {kRmsForward}, 64, 1, {X, arg(w, false), X, arg(out, true), arg(rstd, true), arg(rstd, true)},
      p, g.x, g.y);
}

// dx (N, C) += …: a workgroup per row; dw (C) += …: an invocation per column.
void VkBackend::rmsnorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& rstd,
                                 Tensor& dx, Tensor& dw) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(dout.numel() == x.numel() && dx.numel() == x.numel() && w.numel() == c && dw.numel() == c &&
               rstd.numel() == n,
           "rmsnorm_backward: shapes do not fit " + x.str());
  check_u32(x.numel(), "rmsnorm_backward");
  const Arg D = arg(dout, false), X = arg(x, false), R = arg(rstd, false);
  Push p;
  p.u(n).u(c).f(0);
  const Grid rows = grid_for(n);
  run(Shader::LayerNorm, {kRmsBackwardDx}, 64, 1, {D, X, arg(w, false), R, arg(dx, true), arg(dx, true)}, p, rows.x,
      rows.y);
  const Grid cols = grid_for((c + 63) / 64);
  run(Shader::LayerNorm, {kRmsBackwardDw}, 64, 1, {D, X, X, R, arg(dw, true), arg(dw, true)}, p, cols.x, cols.y);
}

namespace {

// cos (N, hd/2) then sin (N, hd/2) of every row's angles, computed as the CPU backend does
// (inverse frequencies 1 / θ^(2i/hd) in float), staged where rope.comp reads them.
Arg rope_table(std::span<const int32_t> positions, int64_t hd, float theta) {
  const int64_t n = static_cast<int64_t>(positions.size()), half = hd / 2;
  std::vector<float> inv_freq(half), table(2 * n * half);
  for (int64_t i = 0; i < half; ++i)
    inv_freq[i] = 1.0f / std::pow(theta, static_cast<float>(2 * i) / static_cast<float>(hd));
  for (int64_t r = 0; r < n; ++r)
    for (int64_t i = 0; i < half; ++i) {
      const float angle = static_cast<float>(positions[r]) * inv_freq[i];
      table[r * half + i] = std::cos(angle);
      table[(n + r) * half + i] = std::sin(angle);
    }
  return runtime().recorder.stage(table.data(), table.size() * sizeof(float));
}

// out (N, H·hd) = x turned by each row's angles (forward) or dx += dout turned back.
void rope(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta, bool backward, Tensor& out,
          const char* op) {
  const int64_t n = rows_of(x), width = cols_of(x);
  GB_CHECK(n_head > 0 && width % n_head == 0 && (width / n_head) % 2 == 0,
           std::string(op) + ": " + std::to_string(width) + " channels do not split into " +
               std::to_string(n_head) + " heads of an even size");
  GB_CHECK(static_cast<int64_t>(positions.size()) == n && out.numel() == x.numel(),
           std::string(op) + ": " + std::to_string(positions.size()) + " positions for " + x.str());
  check_u32(x.numel(), op);
  if (x.numel() == 0) return;
  const int64_t hd = width / n_head;
  Push p;
  p.u(n).u(n_head).u(hd / 2);
  const Grid g = grid_for((x.numel() / 2 + 63) / 64);
  run(Shader::Rope, {uint32_t(backward)}, 64, 1, {arg(x, false), rope_table(positions, hd, theta), arg(out, true)}, p,
      g.x, g.y);
}

}  // namespace

void VkBackend::rope_forward(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta,
                             Tensor& out) {
  rope(x, positions, n_head, theta, false, out, "rope");
}

void VkBackend::rope_backward(const Tensor& dout, std::span<const int32_t> positions, int n_head, float theta,
                              Tensor& dx) {
  rope(dout, positions, n_head, theta, true, dx, "rope_backward");
}

// gate, up, out (N, F): out = silu(gate) · up
void VkBackend::swiglu_forward(const Tensor& gate, const Tensor& up, Tensor& out) {
  check_size(gate, up, "swiglu");
  check_size(gate, out, "swiglu");
  Push p;
  p.u(gate.numel());
  elementwise(kSwiglu, gate.numel(), {arg(gate, false), arg(up, false), arg(out, true)}, p);
}

// dgate, dup (N, F) += …
void VkBackend::swiglu_backward(const Tensor& gate, const Tensor& up, const Tensor& dout, Tensor& dgate,
                                Tensor& dup) {
  check_size(gate, up, "swiglu_backward");
  check_size(gate, dout, "swiglu_backward");
  check_size(gate, dgate, "swiglu_backward");
  check_size(gate, dup, "swiglu_backward");
  Push p;
  p.u(gate.numel());
  elementwise(kSwigluBackward, gate.numel(),
              {arg(gate, false), arg(up, false), arg(dgate, true), arg(dup, true), arg(dout, false)}, p);
}

// x, out (N, C); s (N): out = x · s per row.
void VkBackend::scale_rows_forward(const Tensor& x, const Tensor& s, Tensor& out) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(s.numel() == n && out.numel() == x.numel(), "scale_rows: " + s.str() + " scales for rows of " + x.str());
  Push p;
  p.u(x.numel()).f(0).f(0).f(0).f(0).f(0).f(0).f(0).u(c);
  elementwise(kScaleRows, x.numel(), {arg(x, false), arg(s, false), arg(out, true)}, p);
}

// dx (N, C) += s · dout (elementwise); ds (N) += Σ_c dout · x (a workgroup per row).
void VkBackend::scale_rows_backward(const Tensor& dout, const Tensor& x, const Tensor& s, Tensor& dx, Tensor& ds) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(s.numel() == n && dout.numel() == x.numel() && (!dx.defined() || dx.numel() == x.numel()) &&
               (!ds.defined() || ds.numel() == n),
           "scale_rows_backward: shapes do not fit " + x.str());
  if (dx.defined()) {
    Push p;
    p.u(x.numel()).f(0).f(0).f(0).f(0).f(0).f(0).f(0).u(c);
    elementwise(kScaleRowsBackward, x.numel(), {arg(dout, false), arg(s, false), arg(dx, true)}, p);
  }
  if (ds.defined()) {
    check_u32(x.numel(), "scale_rows_backward");
    Push p;
    p.u(n).u(c).f(0);
    const Grid g = grid_for(n);
    const Arg S = arg(ds, true);
    run(Shader::LayerNorm, {kRowDot}, 64, 1, {arg(dout, false), arg(x, false), S, S, S, S}, p, g.x, g.y);
  }
}

// logits (N, E) → experts (N·k, host), weights (N, k): an invocation per row; the experts
// come back to the host (a flush), as the router's choices must.
void VkBackend::router_topk_forward(const Tensor& logits, int k, std::span<int32_t> experts, Tensor& weights) {
  const int64_t n = rows_of(logits), e = cols_of(logits);
  GB_CHECK(k >= 1 && k <= e, "router: top-" + std::to_string(k) + " of " + std::to_string(e) + " experts");
  GB_CHECK(static_cast<int64_t>(experts.size()) == n * k && weights.numel() == n * k,
           "router: outputs do not fit " + logits.str() + " with k = " + std::to_string(k));
  check_u32(logits.numel(), "router");
  if (n == 0) return;
  Tensor chosen = Tensor::empty({n, k}, Device::Vulkan);  // int32 bits in float storage
  const Arg L = arg(logits, false);
  Push p;
  p.u(n).u(e).u(k).f(0);
  const Grid g = grid_for((n + 63) / 64);
  run(Shader::Router, {kTopk}, 64, 1, {L, L, L, L, arg(chosen, true), arg(weights, true)}, p, g.x, g.y);
  chosen.storage()->read(size_t(chosen.offset()) * 4, experts.data(), experts.size_bytes());
}

// dlogits (N, E) += the softmax-over-chosen backward.
void VkBackend::router_topk_backward(const Tensor& weights, std::span<const int32_t> experts, const Tensor& dweights,
                                     Tensor& dlogits) {
  const int64_t n = rows_of(dlogits), e = cols_of(dlogits), k = cols_of(weights);
  GB_CHECK(rows_of(weights) == n && dweights.numel() == weights.numel() &&
               static_cast<int64_t>(experts.size()) == n * k,
           "router_backward: shapes do not fit " + dlogits.str());
  for (int32_t x : experts) GB_CHECK(x >= 0 && x < e, "router_backward: expert " + std::to_string(x) + " out of range");
  if (n == 0) return;
  const Arg W = arg(weights, false), D = arg(dlogits, true);
  const Arg chosen = runtime().recorder.stage(experts.data(), experts.size_bytes());
  Push p;
  p.u(n).u(e).u(k).f(0);
  const Grid g = grid_for((n + 63) / 64);
  run(Shader::Router, {kTopkBackward}, 64, 1, {W, chosen, arg(dweights, false), W, D, D}, p, g.x, g.y);
}

// probs (N, E) = softmax(logits); returns Σ probs · coef (each row's sum on the device, their
// total in double on the host: a flush).
float VkBackend::moe_balance_forward(const Tensor& logits, const Tensor& coef, Tensor& probs) {
  const int64_t n = rows_of(logits), e = cols_of(logits);
  GB_CHECK(coef.numel() == e && probs.numel() == logits.numel(),
           "load balancing: coef " + coef.str() + " for logits " + logits.str());
  check_u32(logits.numel(), "load balancing");
  if (n == 0) return 0.0f;
  Tensor dots = Tensor::empty({n}, Device::Vulkan);
  const Arg L = arg(logits, false), Cf = arg(coef, false);
  Push p;
  p.u(n).u(e).u(1).f(0);
  const Grid g = grid_for((n + 63) / 64);
  run(Shader::Router, {kBalance}, 64, 1, {L, Cf, L, L, arg(dots, true), arg(probs, true)}, p, g.x, g.y);
  double total = 0.0;
  for (float d : dots.to_vector()) total += d;
  return static_cast<float>(total);
}

// dlogits (N, E) += scale · probs ⊙ (coef − probs · coef)
void VkBackend::moe_balance_backward(const Tensor& probs, const Tensor& coef, float scale, Tensor& dlogits) {
  const int64_t n = rows_of(probs), e = cols_of(probs);
  GB_CHECK(coef.numel() == e && dlogits.numel() == probs.numel(), "load balancing backward: shapes do not fit");
  if (n == 0) return;
  const Arg P = arg(probs, false), D = arg(dlogits, true);
  Push p;
  p.u(n).u(e).u(1).f(scale);
  const Grid g = grid_for((n + 63) / 64);
  run(Shader::Router, {kBalanceBackward}, 64, 1, {P, arg(coef, false), P, P, D, D}, p, g.x, g.y);
}

}  // namespace gb::vk
