// Next-token choice: what each knob keeps, that seeded sampling follows the distribution,
// and that generation with and without the KV cache picks the same tokens.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/generate/sampling.h"
#include "engine/nn/gpt_model.h"

using namespace gb;

namespace {
std::vector<float> logits_of(std::initializer_list<double> probs) {
  std::vector<float> l;
  for (double p : probs) l.push_back(static_cast<float>(std::log(p)));
  return l;
}
}  // namespace

class TestSampling : public QObject {
  Q_OBJECT
 private slots:
  void greedyIsArgmax() {
    SamplingOptions o;
    o.temperature = 0;
    Rng rng(1);
    std::vector<float> l = {0.1f, 2.0f, -1.0f, 1.9f};
    QCOMPARE(sample_next(l, o, rng), 1);
  }
  void topKKeepsTheKBest() {
    SamplingOptions o;
    o.top_k = 2;
    auto p = next_token_distribution(logits_of({0.1, 0.4, 0.2, 0.3}), o);
    QCOMPARE(p[0], 0.0f);
    QCOMPARE(p[2], 0.0f);
    QVERIFY(std::abs(p[1] - 0.4f / 0.7f) < 1e-6f);
    QVERIFY(std::abs(p[3] - 0.3f / 0.7f) < 1e-6f);
  }
  void topPKeepsTheSmallestNucleus() {
    SamplingOptions o;
    o.top_p = 0.7f;
    auto p = next_token_distribution(logits_of({0.2, 0.5, 0.3}), o);
    QCOMPARE(p[0], 0.0f);
    QVERIFY(std::abs(p[1] - 0.625f) < 1e-6f);
    QVERIFY(std::abs(p[2] - 0.375f) < 1e-6f);
  }
  void temperatureSharpensAndFlattens() {
    SamplingOptions cold, hot;
    cold.temperature = 0.5f;
    hot.temperature = 2.0f;
    auto l = logits_of({0.25, 0.75});
    // p ∝ q^(1/T): at T = 0.5, 0.75² / (0.75² + 0.25²) = 0.9.
    QVERIFY(std::abs(next_token_distribution(l, cold)[1] - 0.9f) < 1e-6f);
    QVERIFY(std::abs(next_token_distribution(l, hot)[1] - std::sqrt(0.75f) / (std::sqrt(0.75f) + 0.5f)) < 1e-6f);
  }
  void seededSamplesFollowTheDistribution() {
    SamplingOptions o;
    o.seed = 3;
    auto l = logits_of({0.1, 0.6, 0.3});
    Rng a(11), b(11);
    std::vector<int> counts(3, 0);
    for (int i = 0; i < 30000; ++i) {
      const int32_t x = sample_next(l, o, a);
      QCOMPARE(x, sample_next(l, o, b));
      ++counts[x];
    }
    QVERIFY(std::abs(counts[0] / 30000.0 - 0.1) < 0.01);
    QVERIFY(std::abs(counts[1] / 30000.0 - 0.6) < 0.01);
  }
  void cachedAndUncachedGenerateTheSameTokens() {
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 53;
    c.context_length = 32;
    GPTModel model(c, 4);
    for (const float temperature : {0.0f, 0.8f}) {
      SamplingOptions o;
      o.max_new_tokens = 20;
      o.temperature = temperature;
      o.seed = 9;
      auto cached = generate(model, {1, 2, 3}, o);
      o.use_cache = false;
      auto uncached = generate(model, {1, 2, 3}, o);
      QCOMPARE(cached.size(), size_t{20});
      QCOMPARE(cached, uncached);
    }
  }
  void generationRunsPastTheContext() {
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 19;
    c.context_length = 8;
    GPTModel model(c, 4);
    SamplingOptions o;
    o.max_new_tokens = 30;
    int seen = 0;
    auto out = generate(model, {1, 2}, o, [&](int32_t) { return ++seen < 25; });
    QCOMPARE(out.size(), size_t{25});
  }
  void badOptionsAreRejected() {
    SamplingOptions o;
    o.top_p = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, o.validate());
    o.top_p = 1;
    o.temperature = -1;
    QVERIFY_THROWS_EXCEPTION(UsageError, o.validate());
  }
};

QTEST_APPLESS_MAIN(TestSampling)
#include "test_sampling.moc"
