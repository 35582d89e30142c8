// Softmax cross-entropy (fused), the gradient norm and AdamW on the CPU.
#include <cmath>
#include <limits>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/fast_math.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

// logits (N, V), targets (N) → mean over counted rows of lse - logit[target]; lse (N).
float CpuBackend::cross_entropy_forward(const Tensor& logits, std::span<const int32_t> targets, Tensor& lse) {
  const int64_t n = rows_of(logits), v = cols_of(logits);
  const int64_t count = check_targets(targets, logits);
  GB_CHECK(lse.numel() == n, "cross_entropy: lse " + lse.str() + " for logits " + logits.str());
  const float* lp = logits.data();
  float* sp = lse.data();
  std::vector<double> row_loss(n, 0.0);
  parallel_for(n, 4, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const float* row = lp + r * v;
      float mx = -std::numeric_limits<float>::infinity();
#pragma omp simd reduction(max : mx)
      for (int64_t j = 0; j < v; ++j) mx = std::max(mx, row[j]);
      // Vector lanes sum in their own order (omp simd); every term is in (0, 1], so
      // float partial sums of 50k terms keep ~6 significant digits of the log.
      float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
      for (int64_t j = 0; j < v; ++j) sum += fast_exp(row[j] - mx);
      sp[r] = mx + static_cast<float>(std::log(sum));
      if (targets[r] != kIgnoreIndex) row_loss[r] = double(sp[r]) - double(row[targets[r]]);
    }
  });
  if (count == 0) return 0.0f;
  double total = 0.0;
  for (double l : row_loss) total += l;
  return static_cast<float>(total / static_cast<double>(count));
}

// dlogits (N, V) += scale / count · (softmax(logits) − onehot(target)) for counted rows.
void CpuBackend::cross_entropy_backward(const Tensor& logits, const Tensor& lse, std::span<const int32_t> targets,
                                        float scale, Tensor& dlogits) {
  const int64_t n = rows_of(logits), v = cols_of(logits);
  const int64_t count = check_targets(targets, logits);
  if (count == 0) return;
  const float s = scale / static_cast<float>(count);
  const float* lp = logits.data();
  const float* sp = lse.data();
  float* dp = dlogits.data();
  parallel_for(n, 4, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      if (targets[r] == kIgnoreIndex) continue;
      const float* row = lp + r * v;
      float* d = dp + r * v;
      const float l = sp[r];
      for (int64_t j = 0; j < v; ++j) d[j] += s * fast_exp(row[j] - l);
      d[targets[r]] -= s;
    }
  });
}

double CpuBackend::sum_squares(const Tensor& t) {
  const float* p = t.data();
  const int64_t n = t.numel();
  const int threads = num_threads();
  std::vector<double> partial(threads, 0.0);
  parallel_for_indexed(n, 1 << 15, [&](int t, int64_t i0, int64_t i1) {
    double acc = 0.0;
    for (int64_t i = i0; i < i1; ++i) acc += double(p[i]) * double(p[i]);
    partial[t] = acc;
  });
  double total = 0.0;
  for (double x : partial) total += x;
  return total;
}

// AdamW (Loshchilov & Hutter): the decay shrinks the weights directly, not through the moments.
void CpuBackend::adamw_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, float lr, float beta1,
                            float beta2, float eps, float weight_decay, int64_t step) {
  const auto [bc1, bc2] = adamw_corrections(param, grad, m, v, beta1, beta2, step);
  float *pp = param.data(), *mp = m.data(), *vp = v.data();
  const float* gp = grad.data();
  parallel_for(param.numel(), 1 << 14, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      const float g = gp[i];
      mp[i] = beta1 * mp[i] + (1.0f - beta1) * g;
      vp[i] = beta2 * vp[i] + (1.0f - beta2) * g * g;
      const float mhat = mp[i] / bc1, vhat = vp[i] / bc2;
      pp[i] -= lr * (mhat / (std::sqrt(vhat) + eps) + weight_decay * pp[i]);
    }
  });
}

}  // namespace gb
