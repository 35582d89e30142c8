// What a mixture-of-experts layer needs besides matrix products: the router's top-k with a
// softmax over the chosen experts, the load-balancing loss, and rows scaled by their router
// weight. Tokens move to and from their experts through the embedding ops (a gather by row
// ids and its scatter-add), so there is no separate dispatch op.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/fast_math.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

// logits (N, E) → experts (N·k), weights (N, k). Ties go to the lower expert index (as
// torch.topk does on the CPU for small rows).
void CpuBackend::router_topk_forward(const Tensor& logits, int k, std::span<int32_t> experts, Tensor& weights) {
  const int64_t n = rows_of(logits), e = cols_of(logits);
  GB_CHECK(k >= 1 && k <= e, "router: top-" + std::to_string(k) + " of " + std::to_string(e) + " experts");
  GB_CHECK(static_cast<int64_t>(experts.size()) == n * k && weights.numel() == n * k,
           "router: outputs do not fit " + logits.str() + " with k = " + std::to_string(k));
  const float* lp = logits.data();
  float* wp = weights.data();
  parallel_for(n, 64, [&](int64_t r0, int64_t r1) {
    std::vector<int32_t> order(e);
    for (int64_t r = r0; r < r1; ++r) {
      const float* row = lp + r * e;
      for (int64_t j = 0; j < e; ++j) order[j] = static_cast<int32_t>(j);
      std::partial_sort(order.begin(), order.begin() + k, order.end(),
                        [&](int32_t a, int32_t b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
      const float mx = row[order[0]];
      float sum = 0.0f;
      for (int j = 0; j < k; ++j) sum += std::exp(row[order[j]] - mx);
      for (int j = 0; j < k; ++j) {
        experts[r * k + j] = order[j];
        wp[r * k + j] = std::exp(row[order[j]] - mx) / sum;
      }
    }
  });
}

// dlogits[n, experts[n, j]] += w_j (dw_j − Σ_i w_i dw_i): the softmax backward over the chosen.
void CpuBackend::router_topk_backward(const Tensor& weights, std::span<const int32_t> experts, const Tensor& dweights,
                                      Tensor& dlogits) {
  const int64_t n = rows_of(dlogits), e = cols_of(dlogits), k = cols_of(weights);
  GB_CHECK(rows_of(weights) == n && dweights.numel() == weights.numel() &&
               static_cast<int64_t>(experts.size()) == n * k,
           "router_backward: shapes do not fit " + dlogits.str());
  for (int32_t x : experts) GB_CHECK(x >= 0 && x < e, "router_backward: expert " + std::to_string(x) + " out of range");
  const float *wp = weights.data(), *dwp = dweights.data();
  float* dp = dlogits.data();
  parallel_for(n, 256, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      float dot = 0.0f;
      for (int64_t j = 0; j < k; ++j) dot += wp[r * k + j] * dwp[r * k + j];
      for (int64_t j = 0; j < k; ++j) {
        dp[r * e + experts[r * k + j]] += wp[r * k + j] * (dwp[r * k + j] - dot);
      }
    }
  });
}

// logits (N, E), coef (E) → probs (N, E) = softmax(logits); returns Σ probs · coef.
float CpuBackend::moe_balance_forward(const Tensor& logits, const Tensor& coef, Tensor& probs) {
  const int64_t n = rows_of(logits), e = cols_of(logits);
  GB_CHECK(coef.numel() == e && probs.numel() == logits.numel(),
           "load balancing: coef " + coef.str() + " for logits " + logits.str());
  const float *lp = logits.data(), *cp = coef.data();
  float* pp = probs.data();
  double total = 0.0;
  for (int64_t r = 0; r < n; ++r) {  // small (tokens × experts): one thread, a fixed order
    const float* row = lp + r * e;
    float* p = pp + r * e;
    float mx = -std::numeric_limits<float>::infinity();
    for (int64_t j = 0; j < e; ++j) mx = std::max(mx, row[j]);
    float sum = 0.0f;
    for (int64_t j = 0; j < e; ++j) sum += (p[j] = std::exp(row[j] - mx));
    for (int64_t j = 0; j < e; ++j) {
      p[j] /= sum;
      total += double(p[j]) * cp[j];
    }
  }
  return static_cast<float>(total);
}

// dlogits (N, E) += scale · p ⊙ (coef − p · coef)
void CpuBackend::moe_balance_backward(const Tensor& probs, const Tensor& coef, float scale, Tensor& dlogits) {
  const int64_t n = rows_of(probs), e = cols_of(probs);
  GB_CHECK(coef.numel() == e && dlogits.numel() == probs.numel(), "load balancing backward: shapes do not fit");
  const float *pp = probs.data(), *cp = coef.data();
  float* dp = dlogits.data();
  for (int64_t r = 0; r < n; ++r) {
    const float* p = pp + r * e;
    float dot = 0.0f;
    for (int64_t j = 0; j < e; ++j) dot += p[j] * cp[j];
    for (int64_t j = 0; j < e; ++j) dp[r * e + j] += scale * p[j] * (cp[j] - dot);
  }
}

// x, out (N, C); s (N)
void CpuBackend::scale_rows_forward(const Tensor& x, const Tensor& s, Tensor& out) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(s.numel() == n && out.numel() == x.numel(), "scale_rows: " + s.str() + " scales for rows of " + x.str());
  const float *xp = x.data(), *sp = s.data();
  float* op = out.data();
  parallel_for(n, std::max<int64_t>(1, 16384 / c), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r)
      for (int64_t j = 0; j < c; ++j) op[r * c + j] = xp[r * c + j] * sp[r];
  });
}

// dx (N, C) += s · dout; ds (N) += Σ_c dout · x
void CpuBackend::scale_rows_backward(const Tensor& dout, const Tensor& x, const Tensor& s, Tensor& dx, Tensor& ds) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(s.numel() == n && dout.numel() == x.numel() && (!dx.defined() || dx.numel() == x.numel()) &&
               (!ds.defined() || ds.numel() == n),
           "scale_rows_backward: shapes do not fit " + x.str());
  const float *dop = dout.data(), *xp = x.data(), *sp = s.data();
  float* dxp = dx.defined() ? dx.data() : nullptr;
  float* dsp = ds.defined() ? ds.data() : nullptr;
  parallel_for(n, std::max<int64_t>(1, 16384 / c), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      float dot = 0.0f;
      for (int64_t j = 0; j < c; ++j) {
        if (dxp) dxp[r * c + j] += sp[r] * dop[r * c + j];
        dot += dop[r * c + j] * xp[r * c + j];
      }
      if (dsp) dsp[r] += dot;
    }
  });
}

}  // namespace gb
