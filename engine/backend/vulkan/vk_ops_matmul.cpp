// Matrix products (matmul.comp, and matvec.comp when M = 1) and the bias backward.
#include "engine/backend/vulkan/vk_backend.h"
#include "engine/core/error.h"

namespace gb::vk {

namespace {
// layernorm.comp's column-sum op.
constexpr uint32_t kBiasBackward = 3;
}  // namespace

// c (M, N) = op(a) · op(b) + beta · c. a: (M, K) or (K, M); b: (K, N) or (N, K).
void VkBackend::matmul(const Tensor& a, bool trans_a, const Tensor& b, bool trans_b, Tensor& c, float beta) {
  const auto [m, n, k] = matmul_dims(a, trans_a, b, trans_b, c);
  check_u32(m * k, "matmul");
  check_u32(k * n, "matmul");
  check_u32(m * n, "matmul");
  if (m == 0 || n == 0) return;
  if (k == 0) {  // an empty sum: c = beta · c
    if (beta == 0.0f) c.zero();
    else if (beta != 1.0f) scale(c, beta);
    return;
  }
  Push p;
  if (m == 1) {
    // a (1, K) and its transpose (K, 1) hold the same K values.
    p.u(n).u(k).f(beta);
    const Context& ctx = runtime().ctx;
    if (trans_b && ctx.subgroup_arithmetic && ctx.subgroup_size <= 64) {
      // One subgroup per output row of b (see matvec.comp, USE_SUBGROUPS).
      const uint32_t rows = 64 / ctx.subgroup_size;
      const Grid g = grid_for((n + rows - 1) / rows);
      run(Shader::MatvecSubgroup, {1u, 64u, rows}, 64, 1, {arg(a, false), arg(b, false), arg(c, true)}, p, g.x,
          g.y);
      return;
    }
    // Lanes per output of the row-major (trans_b) case without subgroups: see matvec.comp.
    const uint32_t lanes = ctx.matvec_lanes;
    const Grid g = grid_for(trans_b ? (n * lanes + 63) / 64 : (n + 63) / 64);
    run(Shader::Matvec, {uint32_t(trans_b), lanes}, 64, 1, {arg(a, false), arg(b, false), arg(c, true)}, p, g.x,
        g.y);
    return;
  }
  p.u(m).u(n).u(k).f(beta);
  const int64_t gx = (n + 63) / 64, gy = (m + 63) / 64;
  GB_CHECK(gx <= 65535 && gy <= 65535, "matmul: " + c.str() + " is too large for one Vulkan dispatch");
  run(Shader::Matmul, {uint32_t(trans_a), uint32_t(trans_b)}, 8, 8, {arg(a, false), arg(b, false), arg(c, true)},
      p, uint32_t(gx), uint32_t(gy));
}

// dbias (C) += Σ_rows dy (N, C): one invocation per column.
void VkBackend::bias_backward(const Tensor& dy, Tensor& dbias) {
  const int64_t n = rows_of(dy), c = cols_of(dy);
  GB_CHECK(dbias.numel() == c, "bias_backward: " + dbias.str() + " for " + dy.str());
  check_u32(dy.numel(), "bias_backward");
  Push p;
  p.u(n).u(c).f(0);
  const Grid g = grid_for((c + 63) / 64);
  const Arg d = arg(dy, false), db = arg(dbias, true);
  run(Shader::LayerNorm, {kBiasBackward}, 64, 1, {d, d, d, db, db, db}, p, g.x, g.y);
}

}  // namespace gb::vk
