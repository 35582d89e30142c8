// Facts about GPTModel that could be wrong: parameter counts, the initial loss, and that the
// KV cache computes exactly what a full forward pass computes.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/nn/gpt_model.h"

using namespace gb;

class TestGptModel : public QObject {
  Q_OBJECT
 private slots:
  void parameterCountOf124M() {
    const ModelConfig c = preset("gpt2-124m");
    QCOMPARE(c.parameter_count(), int64_t{124439808});  // with qkv bias and a tied head
    ModelConfig no_bias = c;
    no_bias.qkv_bias = false;
    QCOMPARE(no_bias.parameter_count(), int64_t{124412160});  // the book's figure
    ModelConfig untied = no_bias;
    untied.tie_weights = false;
    QCOMPARE(untied.parameter_count(), int64_t{163009536});  // the book's untied 163M
    GPTModel model(c);
    QCOMPARE(model.parameter_count(), c.parameter_count());
  }
  void largerPresetsCount() {
    QCOMPARE(preset("gpt2-355m").parameter_count(), int64_t{354823168});
    QCOMPARE(preset("gpt2-774m").parameter_count(), int64_t{774030080});
    QCOMPARE(preset("gpt2-1558m").parameter_count(), int64_t{1557611200});
  }
  void untrainedLossIsLnVocab() {
    for (const char* name : {"gpt-tiny", "gpt-mini"}) {
      GPTModel model(preset(name), 1);
      Rng rng(5);
      const int64_t B = 4, T = 64, V = model.config().vocab_size;  // 256 targets: noise ≈ 0.02
      std::vector<int32_t> ids(B * T), targets(B * T);
      for (auto& id : ids) id = static_cast<int32_t>(rng.below(V));
      for (auto& t : targets) t = static_cast<int32_t>(rng.below(V));
      const float loss = model.loss(Context{}, ids, targets, B, T).value().item();
      QVERIFY2(std::abs(loss - std::log(double(V))) < 0.1, qPrintable(QString("%1: %2").arg(name).arg(loss)));
    }
  }
  void cachedAndUncachedAgreeAtEveryStep() {
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 101;
    c.context_length = 24;
    GPTModel model(c, 3);
    // Non-trivial layer norms and biases, so the cache path is checked against all of them.
    Rng rng(9);
    for (auto& [name, p] : model.named_parameters())
      if (p.value().ndim() == 1)
        for (int64_t i = 0; i < p.value().numel(); ++i) p.value().data()[i] += 0.3f * rng.normal();

    std::vector<int32_t> seq = {5, 17, 99, 3, 42, 42, 7};
    KVCache cache;
    // The prompt in one call, then one token at a time.
    Tensor cached = model.forward_cached(std::span(seq).first(4), cache);
    for (size_t step = 4; step <= seq.size(); ++step) {
      Var full = model.forward(Context{}, std::span(seq).first(step), 1, static_cast<int64_t>(step));
      const float* last = full.value().data() + (step - 1) * c.vocab_size;
      float worst = 0;
      for (int64_t v = 0; v < c.vocab_size; ++v) worst = std::max(worst, std::abs(last[v] - cached.data()[v]));
      QVERIFY2(worst < 1e-4f, qPrintable(QString("step %1: %2").arg(step).arg(worst)));
      if (step < seq.size()) cached = model.forward_cached(std::span(seq).subspan(step, 1), cache);
    }
    QCOMPARE(cache.length, int64_t(seq.size()));
  }
  void contextLengthIsEnforced() {
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 11;
    c.context_length = 4;
    GPTModel model(c);
    std::vector<int32_t> ids(5, 1);
    QVERIFY_THROWS_EXCEPTION(Error, model.forward(Context{}, ids, 1, 5));
    KVCache cache;
    model.forward_cached(std::span(ids).first(4), cache);
    QVERIFY_THROWS_EXCEPTION(Error, model.forward_cached(std::span(ids).first(1), cache));
  }
};

QTEST_APPLESS_MAIN(TestGptModel)
#include "test_gpt_model.moc"
