// The data loader, the optimizer, the schedule, and the training loop's promises:
// loss falls, the same seed gives the same curve, and a resumed run continues it exactly.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/nn/gpt_model.h"
#include "engine/train/trainer.h"

using namespace gb;

namespace {

std::vector<int32_t> arange(int n) {
  std::vector<int32_t> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

// A little language: a repeating pattern with some structure to learn.
std::vector<int32_t> pattern_tokens(int n, int vocab) {
  std::vector<int32_t> v(n);
  for (int i = 0; i < n; ++i) v[i] = static_cast<int32_t>((i * 7 + (i / 5) % 3) % vocab);
  return v;
}

ModelConfig tiny(int vocab) {
  ModelConfig c = preset("gpt-tiny");
  c.vocab_size = vocab;
  c.context_length = 16;
  c.emb_dim = 32;
  return c;
}

std::vector<double> losses_of(Trainer& t, int steps) {
  std::vector<double> out;
  for (int i = 0; i < steps; ++i) out.push_back(t.step().loss);
  return out;
}

}  // namespace

class TestTraining : public QObject {
  Q_OBJECT
 private slots:
  void windowsAndShiftedTargets() {
    DataLoader loader(arange(20), 4, 3, 2, false, 0);
    QCOMPARE(loader.num_windows(), int64_t{(20 - 4 - 1) / 3 + 1});  // 6
    Batch b = loader.next();
    QCOMPARE(b.inputs, (std::vector<int32_t>{0, 1, 2, 3, 3, 4, 5, 6}));
    QCOMPARE(b.targets, (std::vector<int32_t>{1, 2, 3, 4, 4, 5, 6, 7}));
  }
  void shuffleIsSeededPerEpoch() {
    DataLoader a(arange(200), 4, 4, 3, true, 7), b(arange(200), 4, 4, 3, true, 7), c(arange(200), 4, 4, 3, true, 8);
    QCOMPARE(a.epoch_order(0), b.epoch_order(0));
    QVERIFY(a.epoch_order(0) != c.epoch_order(0));
    QVERIFY(a.epoch_order(0) != a.epoch_order(1));
    auto sorted = a.epoch_order(3);
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, DataLoader(arange(200), 4, 4, 3, false, 0).epoch_order(0));  // a permutation
    // An epoch that runs out mid-batch continues into the next.
    DataLoader small(arange(13), 4, 4, 2, true, 1);  // 3 windows
    small.next();
    small.next();
    QCOMPARE(small.epoch(), int64_t{1});
  }
  void splitRejectsTooShortData() {
    QVERIFY_THROWS_EXCEPTION(Error, split_tokens(arange(50), 0.1, 32, "tiny.txt"));
    try {
      split_tokens(arange(50), 0.1, 32, "tiny.txt");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).startsWith("tiny.txt: too short"));
    }
    TokenSplit s = split_tokens(arange(1000), 0.1, 32, "ok");
    QCOMPARE(s.train.size(), size_t{900});
    QCOMPARE(s.val.front(), 900);
  }
  void learningRateSchedule() {
    QCOMPARE(learning_rate(0, 100, 10, 1.0f, 0.1f), 0.1f);
    QCOMPARE(learning_rate(9, 100, 10, 1.0f, 0.1f), 1.0f);
    QCOMPARE(learning_rate(10, 100, 10, 1.0f, 0.1f), 1.0f);
    QVERIFY(std::abs(learning_rate(55, 100, 10, 1.0f, 0.1f) - 0.55f) < 1e-6f);  // halfway down the cosine
    QVERIFY(std::abs(learning_rate(100, 100, 10, 1.0f, 0.1f) - 0.1f) < 1e-6f);
  }
  void adamwFirstStepByHand() {
    // Step 1: m̂ = g, v̂ = g², so the update is lr · (sign(g) + wd · p) for a matrix and
    // lr · sign(g) for a vector (no decay on biases and norms).
    Var w(Tensor::from({1, 2}, {1.0f, -2.0f}), true), b(Tensor::from({2}, {1.0f, 1.0f}), true);
    w.grad().copy_from(Tensor::from({2}, {0.5f, -0.25f}));
    b.grad().copy_from(Tensor::from({2}, {0.5f, -3.0f}));
    AdamW opt({{"w", w}, {"b", b}}, AdamWOptions{0.9f, 0.95f, 1e-12f, 0.1f});
    opt.step(0.1f);
    QVERIFY(std::abs(w.value().data()[0] - (1.0f - 0.1f * (1.0f + 0.1f * 1.0f))) < 1e-6f);
    QVERIFY(std::abs(w.value().data()[1] - (-2.0f - 0.1f * (-1.0f + 0.1f * -2.0f))) < 1e-6f);
    QVERIFY(std::abs(b.value().data()[0] - 0.9f) < 1e-6f);
    QVERIFY(std::abs(b.value().data()[1] - 1.1f) < 1e-6f);
  }
  void gradientClipping() {
    Var a(Tensor::zeros({2}), true);
    a.grad().copy_from(Tensor::from({2}, {3.0f, 4.0f}));
    const double norm = clip_grad_norm({{"a", a}}, 1.0);
    QVERIFY(std::abs(norm - 5.0) < 1e-9);
    QVERIFY(std::abs(a.grad().data()[0] - 0.6f) < 1e-5f);
    QVERIFY(std::abs(a.grad().data()[1] - 0.8f) < 1e-5f);
  }
  void lossFallsAndValidationIsReported() {
    GPTModel model(tiny(23), 1);
    TrainOptions o;
    o.steps = 60;
    o.batch = 8;
    o.lr = 1e-2f;
    o.eval_every = 10;
    Trainer t(model, o, pattern_tokens(3000, 23));
    std::vector<StepLog> logs;
    t.run([&](const StepLog& s) { logs.push_back(s); });
    QCOMPARE(int(logs.size()), 60);
    QVERIFY(std::abs(logs.front().loss - std::log(23.0)) < 0.3);
    QVERIFY2(logs.back().loss < 0.3 * logs.front().loss, qPrintable(QString::number(logs.back().loss)));
    QVERIFY(logs[9].val_loss.has_value() && !logs[10].val_loss.has_value());
    QVERIFY(*logs.back().val_loss < *logs.front().val_loss);
  }
  void sameSeedSameCurve() {
    TrainOptions o;
    o.steps = 6;
    o.batch = 2;
    o.eval_every = 0;
    ModelConfig c = tiny(31);
    c.drop_rate = 0.1f;  // dropout draws random numbers too
    GPTModel m1(c, 5), m2(c, 5);
    Trainer t1(m1, o, pattern_tokens(2000, 31)), t2(m2, o, pattern_tokens(2000, 31));
    QCOMPARE(losses_of(t1, 6), losses_of(t2, 6));
  }
  void resumeContinuesTheSameCurve() {
    TrainOptions o;
    o.steps = 8;
    o.batch = 2;
    o.eval_every = 0;
    ModelConfig c = tiny(31);
    c.drop_rate = 0.1f;
    const auto data = pattern_tokens(2000, 31);
    GPTModel straight(c, 5);
    Trainer ts(straight, o, data);
    const auto expected = losses_of(ts, 8);

    GPTModel first(c, 5);
    Trainer t1(first, o, data);
    auto got = losses_of(t1, 4);
    const TrainerState saved = t1.state();
    // A new model and trainer, as after a restart: copy the weights, restore the state.
    GPTModel second(c, 99);
    auto src = first.named_parameters(), dst = second.named_parameters();
    for (size_t i = 0; i < src.size(); ++i) dst[i].second.value().copy_from(src[i].second.value().clone());
    Trainer t2(second, o, data);
    t2.restore(saved);
    for (double l : losses_of(t2, 4)) got.push_back(l);
    QCOMPARE(got, expected);
  }
  void nonsenseOptionsAreRejected() {
    GPTModel model(tiny(11));
    TrainOptions o;
    o.steps = -1;
    QVERIFY_THROWS_EXCEPTION(UsageError, Trainer(model, o, pattern_tokens(500, 11)));
    o.steps = 5;
    o.lr = std::nanf("");
    QVERIFY_THROWS_EXCEPTION(UsageError, Trainer(model, o, pattern_tokens(500, 11)));
    o.lr = 1e-3f;
    std::vector<int32_t> bad = pattern_tokens(500, 11);
    bad[3] = 11;
    QVERIFY_THROWS_EXCEPTION(Error, Trainer(model, o, bad));
  }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "test_training.moc"
