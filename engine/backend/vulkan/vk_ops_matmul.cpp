// Matrix products (matmul.comp, and matvec.comp when M = 1) and the bias backward.
#include <utility>

#include "engine/backend/vulkan/vk_backend.h"
#include "engine/core/error.h"

namespace gb::vk {

namespace {
// layernorm.comp's column-sum op.
constexpr uint32_t kBiasBackward = 3;
}  // namespace

namespace {

// c (m, n) = a (1, k) · op(b) + beta · c: matvec.comp, rows of b (trans_b) or columns of c
// (plain b) in one binding each. The caller has cut b to fit a binding.
void matvec(const Arg& a, const Arg& b, const Arg& c, bool trans_b, int64_t n, int64_t k, float beta) {
  Push p;
  p.u(n).u(k).f(beta);
  const Context& ctx = runtime().ctx;
  if (ctx.matvec_vec4 && (trans_b ? k : n) % 4 == 0 && a.offset % 16 == 0 && b.offset % 16 == 0) {
    // A CPU driver: four values per load (see matvec.comp); one invocation per output of a
    // row-major b, per four outputs of a plain one.
    const Grid g = grid_for(trans_b ? (n + 63) / 64 : (n / 4 + 63) / 64);
    run(Shader::Matvec, {uint32_t(trans_b), 1u, 0u, 1u}, 64, 1, {a, b, c}, p, g.x, g.y);
    return;
  }
  if (trans_b && ctx.subgroup_arithmetic && ctx.subgroup_size <= 64) {
    // One subgroup per output row of b (see matvec.comp, USE_SUBGROUPS).
    const uint32_t rows = 64 / ctx.subgroup_size;
    const Grid g = grid_for((n + rows - 1) / rows);
    run(Shader::MatvecSubgroup, {1u, 64u, rows}, 64, 1, {a, b, c}, p, g.x, g.y);
    return;
  }
  // Lanes per output of the row-major (trans_b) case without subgroups: see matvec.comp.
  const uint32_t lanes = ctx.matvec_lanes;
  const Grid g = grid_for(trans_b ? (n * lanes + 63) / 64 : (n + 63) / 64);
  run(Shader::Matvec, {uint32_t(trans_b), lanes}, 64, 1, {a, b, c}, p, g.x, g.y);
}

// Floats a block of `rows` stored rows of width `width` spans, rows `ld` apart.
int64_t span(int64_t rows, int64_t width, int64_t ld) { return (rows - 1) * ld + width; }

}  // namespace

// c (M, N) = op(a) · op(b) + beta · c. a: (M, K) or (K, M); b: (K, N) or (N, K).
// An operand larger than one binding (GPT-2's tied lm_head: wte (50257, 768) is 147 MiB; its
// logits and their gradient are larger still) is bound in blocks: M, N and K are cut so that
// every block of a, b and c spans at most binding_floats(); the K blocks after the first
// accumulate (beta = 1). A block of stored rows r spans about r · ld floats, so M is cut for
// c and a plain a, K for a transposed a and a plain b, N for a transposed b.
void VkBackend::matmul(const Tensor& a, bool trans_a, const Tensor& b, bool trans_b, Tensor& c, float beta) {
  const auto [m, n, k] = matmul_dims(a, trans_a, b, trans_b, c);
  if (m == 0 || n == 0) return;
  if (k == 0) {  // an empty sum: c = beta · c
    if (beta == 0.0f) c.zero();
    else if (beta != 1.0f) scale(c, beta);
    return;
  }
  const int64_t lda = trans_a ? m : k, ldb = trans_b ? k : n, ldc = n;
  const int64_t limit = binding_floats();
  // Blocks are of whole stored rows (the matrix-vector path cuts c's one row by columns).
  GB_CHECK(ldb <= limit && (m == 1 || (lda <= limit && ldc <= limit)),
           "matmul: a row of " + a.str() + ", " + b.str() + " or " + c.str() + " is larger than a Vulkan binding");
  auto cap = [&](int64_t& block, int64_t ld) { block = std::min(block, std::max<int64_t>(1, limit / ld)); };
  int64_t mb = m, nb = n, kb = k;
  if (m > 1) {  // (the matrix-vector path binds a and c whole: one row each)
    cap(mb, ldc);
    if (!trans_a) cap(mb, lda);
  }
  if (trans_a && m > 1) cap(kb, lda);
  if (!trans_b) cap(kb, ldb);
  if (trans_b) cap(nb, ldb);
  // Whole tiles of 64 where a dimension is cut.
  for (auto [blk, whole] : {std::pair{&mb, m}, std::pair{&nb, n}, std::pair{&kb, k}})
    if (*blk < whole && *blk >= 64) *blk = *blk / 64 * 64;
  const Arg A = arg(a, false), B = arg(b, false), Cc = arg(c, true);
  for (int64_t k0 = 0; k0 < k; k0 += kb) {
    const int64_t kn = std::min(kb, k - k0);
    const float beta_k = k0 == 0 ? beta : 1.0f;
    for (int64_t n0 = 0; n0 < n; n0 += nb) {
      const int64_t nn = std::min(nb, n - n0);
      const Arg Bblk = trans_b ? sub(B, n0 * ldb + k0, span(nn, kn, ldb)) : sub(B, k0 * ldb + n0, span(kn, nn, ldb));
      if (m == 1) {
        // a (1, K) and its transpose (K, 1) hold the same K values; b's block has rows kn
        // (trans_b) or n (plain) apart, as matvec.comp expects when the block is whole in
        // that direction (nb = n for a plain b, kb = k for a transposed one).
        matvec(sub(A, k0, kn), Bblk, sub(Cc, n0, nn), trans_b, nn, kn, beta_k);
        continue;
      }
      for (int64_t m0 = 0; m0 < m; m0 += mb) {
        const int64_t mm = std::min(mb, m - m0);
        const Arg Ablk =
            trans_a ? sub(A, k0 * lda + m0, span(kn, mm, lda)) : sub(A, m0 * lda + k0, span(mm, kn, lda));
        const Arg Cblk = sub(Cc, m0 * ldc + n0, span(mm, nn, ldc));
        Push p;
        p.u(mm).u(nn).u(kn).f(beta_k).u(lda).u(ldb).u(ldc);
        const int64_t gx = (nn + 63) / 64, gy = (mm + 63) / 64;
        GB_CHECK(gx <= 65535 && gy <= 65535, "matmul: " + c.str() + " is too large for one Vulkan dispatch");
        run(Shader::Matmul, {uint32_t(trans_a), uint32_t(trans_b)}, 8, 8, {Ablk, Bblk, Cblk}, p, uint32_t(gx),
            uint32_t(gy));
      }
    }
  }
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
