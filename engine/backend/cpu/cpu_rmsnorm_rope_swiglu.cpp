// The Llama family's elementwise pieces on the CPU: RMS norm, rotary position embeddings
// and the SwiGLU gate, each forward beside its backward.
#include <cmath>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/fast_math.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace gb {

namespace {
constexpr int64_t kGrain = 1 << 14;  // elements below which a thread costs more than it saves
}  // namespace

// x, out (N, C); w (C); rstd (N).  out = x · rstd · w,  rstd = 1/√(mean(x²) + eps)
void CpuBackend::rmsnorm_forward(const Tensor& x, const Tensor& w, float eps, Tensor& out, Tensor& rstd) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(w.numel() == c && out.numel() == x.numel() && rstd.numel() == n, "rmsnorm: shapes do not fit " + x.str());
  const float *xp = x.data(), *wp = w.data();
  float *op = out.data(), *rp = rstd.data();
  parallel_for(n, 16, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const float* row = xp + r * c;
      float ss = 0.0f;
      for (int64_t j = 0; j < c; ++j) ss += row[j] * row[j];
      const float s = 1.0f / std::sqrt(ss / static_cast<float>(c) + eps);
      float* o = op + r * c;
      for (int64_t j = 0; j < c; ++j) o[j] = wp[j] * (row[j] * s);
      rp[r] = s;
    }
  });
}

// dx (N, C) += …, dw (C) += …
// With xhat = x · rstd and g = dout · w:  dx = rstd · (g − xhat · mean(g · xhat)),  dw = Σ_rows dout · xhat
void CpuBackend::rmsnorm_backward(const Tensor& dout, const Tensor& x, const Tensor& w, const Tensor& rstd,
                                  Tensor& dx, Tensor& dw) {
  const int64_t n = rows_of(x), c = cols_of(x);
  GB_CHECK(dout.numel() == x.numel() && dx.numel() == x.numel() && w.numel() == c && dw.numel() == c &&
               rstd.numel() == n,
           "rmsnorm_backward: shapes do not fit " + x.str());
  const float *dop = dout.data(), *xp = x.data(), *wp = w.data(), *rp = rstd.data();
  float *dxp = dx.data(), *dwp = dw.data();
  parallel_for(n, 16, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const float* d = dop + r * c;
      const float* row = xp + r * c;
      const float s = rp[r];
      float mean_gx = 0.0f;
      for (int64_t j = 0; j < c; ++j) mean_gx += d[j] * wp[j] * row[j] * s;
      mean_gx /= static_cast<float>(c);
      float* o = dxp + r * c;
      for (int64_t j = 0; j < c; ++j) o[j] += s * (d[j] * wp[j] - row[j] * s * mean_gx);
    }
  });
  parallel_for(c, 64, [&](int64_t j0, int64_t j1) {  // by columns: each thread owns its dw
    for (int64_t r = 0; r < n; ++r) {
      const float* d = dop + r * c;
      const float* row = xp + r * c;
      for (int64_t j = j0; j < j1; ++j) dwp[j] += d[j] * row[j] * rp[r];
    }
  });
}

namespace {

// The rotary frequencies θ^(−2i/hd) for i < hd/2, computed as Hugging Face does (in float:
// 1 / θ^(2i/hd)), so that angles, and so logits, agree with a PyTorch model bit for bit
// where float allows.
std::vector<float> rope_inv_freq(int64_t hd, float theta) {
  std::vector<float> f(hd / 2);
  for (int64_t i = 0; i < hd / 2; ++i)
    f[i] = 1.0f / std::pow(theta, static_cast<float>(2 * i) / static_cast<float>(hd));
  return f;
}

// out (N, H·hd) = x turned by +angle (sign 1) or back by −angle (sign −1); accumulate adds
// into out instead of overwriting it (the backward's dx +=). x and out may be the same.
//   (a, b) = (x_i, x_{i+hd/2}) → (a cos − b sin, b cos + a sin)
void rope_apply(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta, float sign,
                bool accumulate, Tensor& out, const char* op) {
  const int64_t n = rows_of(x), width = cols_of(x);
  GB_CHECK(n_head > 0 && width % n_head == 0 && (width / n_head) % 2 == 0,
           std::string(op) + ": " + std::to_string(width) + " channels do not split into " +
               std::to_string(n_head) + " heads of an even size");
  GB_CHECK(static_cast<int64_t>(positions.size()) == n && out.numel() == x.numel(),
           std::string(op) + ": " + std::to_string(positions.size()) + " positions for " + x.str());
  const int64_t hd = width / n_head, half = hd / 2;
  const std::vector<float> inv_freq = rope_inv_freq(hd, theta);
  const float* xp = x.data();
  float* op_ = out.data();
  parallel_for(n, std::max<int64_t>(1, kGrain / width), [&](int64_t r0, int64_t r1) {
    std::vector<float> cs(half), sn(half);
    for (int64_t r = r0; r < r1; ++r) {
      const float pos = static_cast<float>(positions[r]);
      for (int64_t i = 0; i < half; ++i) {
        const float angle = pos * inv_freq[i];
        cs[i] = std::cos(angle);
        sn[i] = sign * std::sin(angle);
      }
      for (int64_t h = 0; h < n_head; ++h) {
        const float* xi = xp + r * width + h * hd;
        float* o = op_ + r * width + h * hd;
        for (int64_t i = 0; i < half; ++i) {
          const float a = xi[i], b = xi[i + half];
          const float ra = a * cs[i] - b * sn[i], rb = b * cs[i] + a * sn[i];
          if (accumulate) {
            o[i] += ra;
            o[i + half] += rb;
          } else {
            o[i] = ra;
            o[i + half] = rb;
          }
        }
      }
    }
  });
}

}  // namespace

// x, out (N, n_head · hd); positions (N)
void CpuBackend::rope_forward(const Tensor& x, std::span<const int32_t> positions, int n_head, float theta,
                              Tensor& out) {
  rope_apply(x, positions, n_head, theta, 1.0f, false, out, "rope");
}

// dx += R(−angle) · dout
void CpuBackend::rope_backward(const Tensor& dout, std::span<const int32_t> positions, int n_head, float theta,
                               Tensor& dx) {
  rope_apply(dout, positions, n_head, theta, -1.0f, true, dx, "rope_backward");
}

// gate, up, out (N, F):  out = gate · σ(gate) · up
void CpuBackend::swiglu_forward(const Tensor& gate, const Tensor& up, Tensor& out) {
  GB_CHECK(gate.numel() == up.numel() && gate.numel() == out.numel(),
           "swiglu: gate " + gate.str() + ", up " + up.str() + " and out " + out.str() + " differ in size");
  const float *gp = gate.data(), *up_ = up.data();
  float* op = out.data();
  parallel_for(gate.numel(), kGrain, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      const float g = gp[i];
      op[i] = g / (1.0f + fast_exp(-g)) * up_[i];
    }
  });
}

// dgate += dout · up · σ(g)(1 + g(1 − σ(g))),  dup += dout · silu(g)
void CpuBackend::swiglu_backward(const Tensor& gate, const Tensor& up, const Tensor& dout, Tensor& dgate,
                                 Tensor& dup) {
  GB_CHECK(gate.numel() == up.numel() && gate.numel() == dout.numel() && gate.numel() == dgate.numel() &&
               gate.numel() == dup.numel(),
           "swiglu_backward: shapes differ");
  const float *gp = gate.data(), *up_ = up.data(), *dp = dout.data();
  float *dgp = dgate.data(), *dup_ = dup.data();
  parallel_for(gate.numel(), kGrain, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      const float g = gp[i], sig = 1.0f / (1.0f + fast_exp(-g));
      dgp[i] += dp[i] * up_[i] * sig * (1.0f + g * (1.0f - sig));
      dup_[i] += dp[i] * g * sig;
    }
  });
}

}  // namespace gb
