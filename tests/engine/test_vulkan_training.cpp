// A tiny GPT trained for 30 steps on Vulkan follows the CPU's loss curve step by step, and
// greedy generation on Vulkan picks the same tokens as on the CPU, with and without the
// KV cache. Shapes are small: lavapipe (the CPU Vulkan driver of CI) is slow.
#include <QtTest>

#include <cmath>

#include "engine/generate/sampling.h"
#include "engine/nn/gpt_model.h"
#include "engine/train/trainer.h"
#include "tests/engine/vulkan_test_util.h"

using namespace gb;

namespace {

std::vector<int32_t> pattern_tokens(int n, int vocab) {
  std::vector<int32_t> v(n);
  for (int i = 0; i < n; ++i) v[i] = static_cast<int32_t>((i * 7 + (i / 5) % 3) % vocab);
  return v;
}

ModelConfig tiny() {
  ModelConfig c = preset("gpt-tiny");  // 2 layers, 2 heads
  c.vocab_size = 61;
  c.context_length = 16;
  c.emb_dim = 32;
  c.drop_rate = 0.1f;  // dropout on: its mask must match bit for bit
  return c;
}

TrainOptions options() {
  TrainOptions o;
  o.steps = 30;
  o.batch = 4;
  o.lr = 3e-3f;
  o.warmup = 3;
  o.eval_every = 0;
  o.seed = 7;
  return o;
}

}  // namespace

class TestVulkanTraining : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { GB_REQUIRE_VULKAN(); }

  void loss_curve_matches_the_cpu() {
    const auto tokens = pattern_tokens(2000, 61);
    GPTModel cpu_model(tiny(), 42), vk_model(tiny(), 42);
    vk_model.to(Device::Vulkan);
    QCOMPARE(vk_model.device(), Device::Vulkan);
    Trainer cpu(cpu_model, options(), tokens), vk(vk_model, options(), tokens);
    double worst = 0, last = 0;
    for (int s = 1; s <= 30; ++s) {
      const StepLog a = cpu.step(), b = vk.step();
      QCOMPARE(b.step, a.step);
      const double diff = std::abs(a.loss - b.loss);
      worst = std::max(worst, diff);
      last = a.loss;
      QVERIFY2(diff < 1e-3, qPrintable(QString("step %1: cpu loss %2, vulkan loss %3").arg(s).arg(a.loss).arg(b.loss)));
      QVERIFY(std::abs(a.grad_norm - b.grad_norm) < 1e-3 * std::max(1.0, a.grad_norm));
      if (s == 1 || s == 30) qInfo("step %d: cpu loss %.6f, vulkan loss %.6f", s, a.loss, b.loss);
    }
    qInfo("largest loss difference over 30 steps: %.3g", worst);
    // It learned something: the curve went down (on both).
    QVERIFY(last < std::log(61.0) - 0.5);
  }

  void greedy_generation_matches_the_cpu() {
    const auto tokens = pattern_tokens(2000, 61);
    GPTModel model(tiny(), 5);
    TrainOptions o = options();
    o.steps = 15;
    Trainer t(model, o, tokens);
    for (int i = 0; i < 15; ++i) t.step();  // a model with preferences, not uniform logits
    SamplingOptions s;
    s.temperature = 0.0f;
    s.max_new_tokens = 12;  // runs past the context length of 16: the window slides
    const std::vector<int32_t> prompt = {3, 10, 17, 24, 31};
    s.use_cache = true;
    const auto cpu_cached = generate(model, prompt, s);
    s.use_cache = false;
    const auto cpu_full = generate(model, prompt, s);
    model.to(Device::Vulkan);
    const auto vk_full = generate(model, prompt, s);
    s.use_cache = true;
    const auto vk_cached = generate(model, prompt, s);
    QCOMPARE(vk_full, cpu_full);
    QCOMPARE(vk_cached, cpu_cached);
    QCOMPARE(int(vk_cached.size()), 12);
  }
};

QTEST_GUILESS_MAIN(TestVulkanTraining)
#include "test_vulkan_training.moc"
