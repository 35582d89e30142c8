// Tensors larger than one Vulkan binding (maxStorageBufferRange: 128 MiB on lavapipe), at the
// real size that needs it: GPT-2 124M's token embedding wte (50257, 768) is 147 MiB. Its
// lookup and scatter, the tied lm_head products (the generation matrix-vector product, the
// training product, and both of its gradients) and AdamW on it match the CPU. (The parity
// suite checks the same splitting on small shapes, with the limit lowered.)
#include <QtTest>

#include "tests/engine/vulkan_test_util.h"
#ifdef GLASSBOX_HAS_VULKAN
#include "engine/backend/vulkan/vk_runtime.h"
#endif

using namespace gb;
using namespace gb::test;

namespace {
constexpr int64_t kV = 50257, kC = 768;
constexpr double kTolerance = 1e-4;
}  // namespace

class TestVulkanLarge : public QObject {
  Q_OBJECT

  Rng rng_{99};
  Tensor wte_, wte_vk_;

  Backend& cpu() { return backend_for(Device::CPU); }
  Backend& vk() { return backend_for(Device::Vulkan); }

  static void near(const char* what, const Tensor& got, const Tensor& want) {
    const double err = relative_error(got, want);
    QVERIFY2(err < kTolerance, qPrintable(QString("%1: relative error %2").arg(what).arg(err)));
  }

 private slots:
  void initTestCase() {
    GB_REQUIRE_VULKAN();
#ifdef GLASSBOX_HAS_VULKAN
    const uint64_t limit = vk::runtime().ctx.binding_limit;
    if (uint64_t(kV * kC * 4) <= limit) QSKIP("this device binds all of wte at once: nothing to split");
#endif
    wte_ = random_tensor({kV, kC}, rng_, 0.02f);
    wte_vk_ = on_vulkan(wte_);
  }

  void embedding_rows_from_both_ends() {
    const std::vector<int32_t> ids = {0, 50256, 25000, 43000, 1, 50256};
    Tensor out = Tensor::empty({6, kC}), outv = Tensor::empty({6, kC}, Device::Vulkan);
    cpu().embedding_forward(ids, wte_, out);
    vk().embedding_forward(ids, wte_vk_, outv);
    near("embedding_forward", outv, out);
    Tensor dout = random_tensor({6, kC}, rng_);
    Tensor dt = Tensor::zeros({kV, kC}), dtv = Tensor::zeros({kV, kC}, Device::Vulkan);
    cpu().embedding_backward(ids, dout, dt);
    vk().embedding_backward(ids, on_vulkan(dout), dtv);
    near("embedding_backward", dtv, dt);
  }

  // logits (n, V) = x (n, C) · wteᵀ; dx += dlogits · wte; dwte += dlogitsᵀ · x. n = 1 is the
  // generation path (matrix-vector), n = 2 the training one (blocks of the tiled product).
  void tied_lm_head_products() {
    for (int64_t n : {int64_t(1), int64_t(2)}) {
      Tensor x = random_tensor({n, kC}, rng_), logits = Tensor::empty({n, kV});
      Tensor logits_v = Tensor::empty({n, kV}, Device::Vulkan);
      const Tensor xv = on_vulkan(x);
      cpu().matmul(x, false, wte_, true, logits, 0.0f);
      vk().matmul(xv, false, wte_vk_, true, logits_v, 0.0f);
      near(n == 1 ? "lm_head matvec" : "lm_head matmul", logits_v, logits);
      Tensor dlogits = random_tensor({n, kV}, rng_);
      const Tensor dlv = on_vulkan(dlogits);
      Tensor dx = random_tensor({n, kC}, rng_), dxv = on_vulkan(dx);
      cpu().matmul(dlogits, false, wte_, false, dx, 1.0f);
      vk().matmul(dlv, false, wte_vk_, false, dxv, 1.0f);
      near("lm_head dx", dxv, dx);
      if (n == 1) continue;
      Tensor dw = Tensor::zeros({kV, kC}), dwv = Tensor::zeros({kV, kC}, Device::Vulkan);
      cpu().matmul(dlogits, true, x, false, dw, 1.0f);
      vk().matmul(dlv, true, xv, false, dwv, 1.0f);
      near("lm_head dwte", dwv, dw);
    }
  }

  void adamw_and_gradient_norm() {
    Tensor g = wte_.clone();  // any values do; a second random table would cost seconds
    Tensor m = Tensor::zeros({kV, kC}), v = Tensor::zeros({kV, kC}), p = wte_.clone();
    Tensor gv = on_vulkan(g), mv = Tensor::zeros({kV, kC}, Device::Vulkan), vv = Tensor::zeros({kV, kC}, Device::Vulkan),
           pv = on_vulkan(p);
    const double want = cpu().sum_squares(g), got = vk().sum_squares(gv);
    QVERIFY2(std::abs(got - want) / want < kTolerance, qPrintable(QString("sum_squares %1 vs %2").arg(got).arg(want)));
    cpu().scale(g, 0.5f);
    vk().scale(gv, 0.5f);
    cpu().adamw_step(p, g, m, v, 1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1);
    vk().adamw_step(pv, gv, mv, vv, 1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1);
    near("adamw param", pv, p);
    near("adamw v", vv, v);
  }
};

QTEST_GUILESS_MAIN(TestVulkanLarge)
#include "test_vulkan_large.moc"
