// Every op's hand-written backward against central finite differences of its forward
// (tests/engine/gradcheck_util.h). The Llama family's ops are in test_gradcheck_llama.cpp.
#include <QtTest>

#include <cmath>

#include "engine/nn/ops.h"
#include "tests/engine/gradcheck_util.h"

using namespace gb;

using namespace gb::testing;

class TestGradcheck : public QObject {
  Q_OBJECT
 private slots:
  void linearWithBias() {
    Rng rng(2);
    Var x(random_tensor({2, 3, 5}, rng), true), w(random_tensor({5, 7}, rng), true), b(random_tensor({7}, rng), true);
    const double err = check([](const Context& c, std::vector<Var>& v) { return linear(c, v[0], v[1], v[2]); },
                             {x, w, b});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void weightGradientsIgnoreRecycledMemory() {
    // x feeds two products, so when the second backward runs x's gradient already exists
    // (beta = 1) while the weight's is new: the weight's product must still overwrite its
    // fresh (recycled, garbage-filled) gradient. 128 × 128 floats are 64 KiB, the size the
    // CPU block cache recycles, and the freed blocks of exactly that size hold 1e30.
    Rng rng(14);
    Var x(random_tensor({3, 128}, rng), true), w1(random_tensor({128, 128}, rng), true),
        w2(random_tensor({128, 128}, rng), true);
    {
      std::vector<Tensor> garbage;
      for (int i = 0; i < 4; ++i) garbage.push_back(Tensor::full({128, 128}, 1e30f));
    }  // freed here, kept by the cache for the next allocations of this size
    Tape tape;
    Context ctx{&tape};
    Var y = add(ctx, linear(ctx, x, w1, Var()), linear_transposed(ctx, x, w2));
    tape.backward(y, Tensor::full({3, 128}, 1.0f));
    for (const Var* w : {&w1, &w2})
      for (float g : w->grad().to_vector()) QVERIFY2(std::abs(g) < 1e3f, qPrintable(QString::number(g)));
  }
  void linearTransposed() {
    Rng rng(3);
    Var x(random_tensor({4, 6}, rng), true), w(random_tensor({9, 6}, rng), true);
    const double err = check([](const Context& c, std::vector<Var>& v) { return linear_transposed(c, v[0], v[1]); },
                             {x, w});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void embeddingWithRepeatedIds() {
    Rng rng(4);
    Var table(random_tensor({6, 4}, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) { return embedding(c, v[0], {1, 3, 1, 5, 0, 1}); }, {table});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void addBothSides() {
    Rng rng(5);
    Var a(random_tensor({3, 4}, rng), true), b(random_tensor({3, 4}, rng), true);
    const double err = check([](const Context& c, std::vector<Var>& v) { return add(c, v[0], v[1]); }, {a, b});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void layerNorm() {
    Rng rng(6);
    Var x(random_tensor({5, 8}, rng), true), w(random_tensor({8}, rng), true), b(random_tensor({8}, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) { return layer_norm(c, v[0], v[1], v[2], 1e-5f); }, {x, w, b});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void geluTanh() {
    Rng rng(7);
    Var x(random_tensor({4, 9}, rng, 2.0f), true);
    const double err = check([](const Context& c, std::vector<Var>& v) { return gelu(c, v[0]); }, {x});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void dropoutUsesTheSameMask() {
    // The mask is drawn from (seed, index), so re-running the forward with a generator in the
    // same state reproduces it: finite differences see the same function as backward.
    Rng rng(8);
    Var x(random_tensor({6, 10}, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) {
          Rng r(99);
          Context train = c;
          train.training = true;
          train.rng = &r;
          return dropout(train, v[0], 0.3f);
        },
        {x});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void dropoutKeepsTheExpectedFraction() {
    Rng rng(9), r(10);
    Var x(Tensor::full({100000}, 1.0f));
    Context train{nullptr, true, &r};
    Var y = dropout(train, x, 0.25f);
    int64_t kept = 0;
    double sum = 0;
    for (int64_t i = 0; i < y.value().numel(); ++i) {
      kept += y.value().data()[i] != 0.0f;
      sum += y.value().data()[i];
    }
    QVERIFY(std::abs(kept / 100000.0 - 0.75) < 0.01);
    QVERIFY(std::abs(sum / 100000.0 - 1.0) < 0.02);  // inverted dropout keeps the mean
  }
  void causalAttention() {
    Rng rng(11);
    for (int heads : {1, 2}) {
      Var qkv(random_tensor({2 * 5, 3 * 4}, rng), true);
      const double err = check(
          [heads](const Context& c, std::vector<Var>& v) { return causal_self_attention(c, v[0], 2, heads); }, {qkv});
      QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
    }
  }
  void attentionIsCausal() {
    // Changing a later token must not change an earlier output.
    Rng rng(12);
    Tensor q = random_tensor({4, 6}, rng);
    Context none;
    Var a = causal_self_attention(none, Var(q), 1, 2);
    Tensor q2 = q.clone();
    for (int j = 0; j < 6; ++j) q2.data()[3 * 6 + j] += 1.0f;
    Var b = causal_self_attention(none, Var(q2), 1, 2);
    for (int i = 0; i < 3 * 2; ++i) QCOMPARE(a.value().data()[i], b.value().data()[i]);
    QVERIFY(a.value().data()[3 * 2] != b.value().data()[3 * 2]);
  }
  void crossEntropyWithIgnoredTargets() {
    Rng rng(13);
    Var logits(random_tensor({5, 7}, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) {
          return cross_entropy(c, v[0], {2, kIgnoreIndex, 6, 0, kIgnoreIndex});
        },
        {logits});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void crossEntropyValue() {
    // Uniform logits: the loss is ln V whatever the targets.
    Context none;
    Var loss = cross_entropy(none, Var(Tensor::zeros({3, 50257})), {0, 17, 50256});
    QVERIFY(std::abs(loss.value().item() - std::log(50257.0)) < 1e-4);
  }
};

QTEST_APPLESS_MAIN(TestGradcheck)
#include "test_gradcheck.moc"
