// Softmax cross-entropy (loss.comp) and the sum of squares (reduce.comp). Both return a
// number to the host, so both flush: the loss is the one value a training step reads back.
#include <algorithm>
#include <vector>

#include "engine/backend/vulkan/vk_backend.h"
#include "engine/core/error.h"

namespace gb::vk {

// logits (N, V), targets (N) → mean over counted rows of lse − logit[target]; lse (N).
// Each row's loss is computed on the device; the mean is taken on the host in double.
float VkBackend::cross_entropy_forward(const Tensor& logits, std::span<const int32_t> targets, Tensor& lse) {
  const int64_t n = rows_of(logits), v = cols_of(logits);
  const int64_t count = check_targets(targets, logits);
  GB_CHECK(lse.numel() == n, "cross_entropy: lse " + lse.str() + " for logits " + logits.str());
  check_u32(logits.numel(), "cross_entropy");
  if (n == 0) return 0.0f;
  Tensor row_loss = Tensor::empty({n}, Device::Vulkan);
  const Arg staged = runtime().recorder.stage(targets.data(), targets.size_bytes());
  const Arg L = arg(logits, false), S = arg(lse, true), R = arg(row_loss, true);
  for (auto [r0, r1] : row_blocks(n, v)) {  // logits larger than one binding: blocks of rows
    Push p;
    p.u(r1 - r0).u(v).f(0);
    const Grid g = grid_for(r1 - r0);
    run(Shader::Loss, {0}, 64, 1,
        {sub(L, r0 * v, (r1 - r0) * v), sub(staged, r0, r1 - r0), sub(S, r0, r1 - r0), sub(R, r0, r1 - r0)}, p, g.x,
        g.y);
  }
  if (count == 0) return 0.0f;
  double total = 0.0;
  for (float l : row_loss.to_vector()) total += l;
  return static_cast<float>(total / static_cast<double>(count));
}

// dlogits (N, V) += scale / count · (softmax(logits) − onehot(target)) for counted rows.
void VkBackend::cross_entropy_backward(const Tensor& logits, const Tensor& lse, std::span<const int32_t> targets,
                                       float scale, Tensor& dlogits) {
  const int64_t n = rows_of(logits), v = cols_of(logits);
  GB_CHECK(static_cast<int64_t>(targets.size()) == n && lse.numel() == n && dlogits.numel() == logits.numel(),
           "cross_entropy_backward: shapes do not fit " + logits.str());
  const int64_t count = check_targets(targets, logits);
  if (count == 0) return;
  const Arg staged = runtime().recorder.stage(targets.data(), targets.size_bytes());
  const Arg L = arg(logits, false), S = arg(lse, false), D = arg(dlogits, true);
  for (auto [r0, r1] : row_blocks(n, v)) {
    Push p;
    p.u(r1 - r0).u(v).f(scale / static_cast<float>(count));
    const Grid g = grid_for(r1 - r0);
    run(Shader::Loss, {1}, 64, 1,
        {sub(L, r0 * v, (r1 - r0) * v), sub(staged, r0, r1 - r0), sub(S, r0, r1 - r0), sub(D, r0 * v, (r1 - r0) * v)},
        p, g.x, g.y);
  }
}

namespace {
constexpr int64_t kChunk = 4096;  // values per workgroup of reduce.comp
int64_t chunks(const Tensor& t) { return (t.numel() + kChunk - 1) / kChunk; }

// Partial sums of squares of t into partial (chunks(t) values), in pieces of whole chunks
// that fit one binding.
void record_sum_squares(const Tensor& t, const Tensor& partial) {
  const int64_t piece = std::max<int64_t>(1, binding_floats() / kChunk) * kChunk;
  const Arg X = arg(t, false), P = arg(partial, true);
  for (int64_t at = 0; at < t.numel(); at += piece) {
    const int64_t count = std::min(piece, t.numel() - at), parts = (count + kChunk - 1) / kChunk;
    Push p;
    p.u(count).u(kChunk);
    const Grid g = grid_for(parts);
    run(Shader::Reduce, {}, 64, 1, {sub(X, at, count), sub(P, at / kChunk, parts)}, p, g.x, g.y);
  }
}
}  // namespace

// Partial sums of 4096 values per workgroup on the device, their total in double on the host.
double VkBackend::sum_squares(const Tensor& t) {
  const Tensor one[] = {t};
  return sum_squares_all(one);
}

// Every tensor's partials side by side in one buffer: one read-back for all of them.
double VkBackend::sum_squares_all(std::span<const Tensor> tensors) {
  int64_t total_chunks = 0;
  for (const Tensor& t : tensors) total_chunks += chunks(t);
  if (total_chunks == 0) return 0.0;
  Tensor partial = Tensor::empty({total_chunks}, Device::Vulkan);
  int64_t at = 0;
  for (const Tensor& t : tensors) {
    if (t.numel() == 0) continue;
    record_sum_squares(t, partial.slice_rows(at, at + chunks(t)));
    at += chunks(t);
  }
  double total = 0.0;
  for (float x : partial.to_vector()) total += x;
  return total;
}

}  // namespace gb::vk
