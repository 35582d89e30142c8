// The Vulkan backend's entry points and its elementwise ops (elementwise.comp).
#include "engine/backend/vulkan/vk_backend.h"

#include <cmath>

#include "engine/backend/vulkan/vk_api.h"
#include "engine/core/error.h"

namespace gb {

namespace vk {

namespace {

void check_same(const Tensor& a, const Tensor& b, const char* op) {
  GB_CHECK(a.numel() == b.numel(), std::string(op) + ": " + a.str() + " and " + b.str() + " differ in size");
}

}  // namespace

// One invocation per value of n; args as elementwise.comp binds them (a, b, z, w, e). Past
// binding_floats() values the op runs in pieces: whole rows of u0 = C for the row ops
// (add_bias binds its bias, a, whole; scale_rows the rows' scales of the piece), the
// piece's first index in u0 for dropout.
void elementwise(ElementOp op, int64_t n, const std::vector<Arg>& args, Push& push) {
  check_u32(n, "elementwise");
  constexpr int kU0 = kBindings + 8;  // the word after n and s0..s6
  const bool rows = op == kAddBias || op == kScaleRows || op == kScaleRowsBackward;
  const int64_t c = rows ? std::max<uint32_t>(push.w[kU0], 1) : 1;
  int64_t piece = std::max<int64_t>(256, binding_floats() / 256 * 256);
  if (rows) piece = std::max<int64_t>(1, binding_floats() / c) * c;
  for (int64_t at = 0; at < n; at += piece) {
    const int64_t count = std::min(piece, n - at);
    std::vector<Arg> part = args;
    for (size_t i = 0; i < part.size(); ++i) {
      if (op == kAddBias && i == 0) continue;
      const bool row_scales = (op == kScaleRows || op == kScaleRowsBackward) && i == 1;
      part[i] = row_scales ? sub(args[i], at / c, count / c) : sub(args[i], at, count);
    }
    push.w[kBindings] = uint32_t(count);
    if (op == kDropout) push.w[kU0] = uint32_t(at);
    const Grid g = grid_for((count + 255) / 256);
    run(Shader::Elementwise, {op}, 256, 1, std::move(part), push, g.x, g.y);
  }
}

void check_u32(int64_t n, const char* op) {
  GB_CHECK(n < (int64_t(1) << 32), std::string(op) + ": more values than a Vulkan shader can index");
}

void run(Shader shader, std::vector<uint32_t> spec, uint32_t local_x, uint32_t local_y, std::vector<Arg> args,
         Push& push, uint32_t gx, uint32_t gy, uint32_t gz) {
  Runtime& rt = runtime();
  // Bindings the caller leaves out repeat its last argument (an output), and every binding
  // the shader may write is tracked as written (see ShaderBindings).
  const ShaderBindings decl = bindings_of(shader);
  while (args.size() < decl.count) args.push_back(args.back());
  for (size_t i = 0; i < args.size(); ++i)
    if (decl.writable & (1u << i)) args[i].write = true;
  const Pipeline& p = rt.pipelines.get(shader, std::move(spec), local_x, local_y);
  rt.recorder.dispatch(p, args, std::span<uint32_t>(push.w, kPushBytes / 4), gx, gy, gz);
}

void VkBackend::synchronize() { runtime().recorder.flush(); }

void VkBackend::add(const Tensor& a, const Tensor& b, Tensor& out) {
  check_same(a, b, "add");
  check_same(a, out, "add");
  Push p;
  p.u(a.numel());
  elementwise(kAdd, a.numel(), {arg(a, false), arg(b, false), arg(out, true)}, p);
}

void VkBackend::axpy(Tensor& dst, const Tensor& src, float s) {
  check_same(dst, src, "axpy");
  Push p;
  p.u(dst.numel()).f(s);
  elementwise(kAxpy, dst.numel(), {arg(src, false), arg(dst, true), arg(dst, true)}, p);
}

void VkBackend::scale(Tensor& t, float s) {
  Push p;
  p.u(t.numel()).f(s);
  elementwise(kScale, t.numel(), {arg(t, true), arg(t, true), arg(t, true)}, p);
}

void VkBackend::mul(const Tensor& a, const Tensor& b, Tensor& out) {
  check_same(a, b, "mul");
  check_same(a, out, "mul");
  Push p;
  p.u(a.numel());
  elementwise(kMul, a.numel(), {arg(a, false), arg(b, false), arg(out, true)}, p);
}

void VkBackend::gelu_forward(const Tensor& x, Tensor& out) {
  check_same(x, out, "gelu");
  Push p;
  p.u(x.numel());
  elementwise(kGelu, x.numel(), {arg(x, false), arg(out, true), arg(out, true)}, p);
}

void VkBackend::gelu_backward(const Tensor& x, const Tensor& dout, Tensor& dx) {
  check_same(x, dout, "gelu_backward");
  check_same(x, dx, "gelu_backward");
  Push p;
  p.u(x.numel());
  elementwise(kGeluBackward, x.numel(), {arg(x, false), arg(dout, false), arg(dx, true)}, p);
}

void VkBackend::dropout_forward(const Tensor& x, float prob, uint64_t seed, Tensor& out, Tensor& mask) {
  check_same(x, out, "dropout");
  check_same(x, mask, "dropout");
  Push p;
  // s0 = p, s1 = keep scale (s2..s6 unused); u0 unused, u1/u2 the seed's words.
  p.u(x.numel()).f(prob).f(1.0f / (1.0f - prob)).f(0).f(0).f(0).f(0).f(0);
  p.u(0).u(uint32_t(seed)).u(uint32_t(seed >> 32));
  elementwise(kDropout, x.numel(), {arg(x, false), arg(mask, true), arg(out, true)}, p);
}

void VkBackend::add_bias(Tensor& y, const Tensor& bias) {
  const int64_t c = cols_of(y);
  GB_CHECK(bias.numel() == c, "add_bias: bias " + bias.str() + " for rows of " + y.str());
  Push p;
  p.u(y.numel()).f(0).f(0).f(0).f(0).f(0).f(0).f(0).u(c);
  elementwise(kAddBias, y.numel(), {arg(bias, false), arg(y, true), arg(y, true)}, p);
}

// The bias corrections are computed here exactly as the CPU does, in float.
void VkBackend::adamw_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, float lr, float beta1,
                           float beta2, float eps, float weight_decay, int64_t step) {
  const auto [bc1, bc2] = adamw_corrections(param, grad, m, v, beta1, beta2, step);
  Push p;
  p.u(param.numel()).f(lr).f(beta1).f(beta2).f(eps).f(weight_decay).f(bc1).f(bc2);
  elementwise(kAdamW, param.numel(), {arg(grad, false), arg(m, true), arg(param, true), arg(v, true)}, p);
}

}  // namespace vk

std::shared_ptr<Storage> make_vulkan_storage(size_t bytes) { return std::make_shared<vk::VkStorage>(bytes); }

Backend& vulkan_backend() {
  vk::runtime();  // throws with the reason when there is no usable device
  static vk::VkBackend backend;
  return backend;
}

}  // namespace gb
