// The Khronos validation layer, with synchronization validation, watches a short run on
// Vulkan (training steps, generation with the KV cache, a transposed product, transfers) and
// finds nothing: no API misuse, no missing barrier. Skips where the layer is not installed
// (Debian/Ubuntu: vulkan-validationlayers).
#include <QtTest>

#include "engine/backend/vulkan/vk_context.h"
#include "engine/generate/sampling.h"
#include "engine/nn/gpt_model.h"
#include "engine/train/trainer.h"
#include "tests/engine/vulkan_test_util.h"

using namespace gb;

class TestVulkanValidation : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qputenv("GLASSBOX_VULKAN_VALIDATE", "1");  // before Vulkan starts in this process
    GB_REQUIRE_VULKAN();
    if (!vk::validation_enabled()) QSKIP("the Khronos validation layer is not installed");
  }

  void a_short_run_is_clean() {
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 29;
    c.context_length = 8;
    c.emb_dim = 16;
    c.drop_rate = 0.1f;
    GPTModel model(c, 3);
    model.to(Device::Vulkan);
    std::vector<int32_t> tokens(400);
    for (size_t i = 0; i < tokens.size(); ++i) tokens[i] = int32_t((i * 5 + i / 7) % 29);
    TrainOptions o;
    o.steps = 3;
    o.batch = 2;
    o.eval_every = 0;
    Trainer t(model, o, tokens);
    for (int i = 0; i < 3; ++i) QVERIFY(std::isfinite(t.step().loss));
    SamplingOptions s;
    s.temperature = 0.0f;
    s.max_new_tokens = 4;
    QCOMPARE(int(generate(model, {1, 2, 3}, s).size()), 4);
    Rng rng(1);
    const Tensor a = test::random_tensor({17, 5}, rng).to(Device::Vulkan);
    Tensor out = Tensor::zeros({5, 5}, Device::Vulkan);
    backend_for(Device::Vulkan).matmul(a, true, a, false, out, 1.0f);
    (void)out.to_vector();
    QCOMPARE(vk::validation_messages(), int64_t(0));
  }
};

QTEST_GUILESS_MAIN(TestVulkanValidation)
#include "test_vulkan_validation.moc"
