// Every op's hand-written backward against central finite differences of its forward.
// The loss is L = Σ out ⊙ R for a fixed random R, so dL/dout = R exercises every output.
#include <QtTest>

#include <cmath>
#include <functional>

#include "engine/core/rng.h"
#include "engine/nn/ops.h"

using namespace gb;

namespace {

Tensor random_tensor(Shape shape, Rng& rng, float scale = 1.0f) {
  Tensor t = Tensor::empty(std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.normal() * scale;
  return t;
}

using Forward = std::function<Var(const Context&, std::vector<Var>&)>;

// Compares analytic and numeric gradients of every input; returns the worst relative error
// (max |analytic - numeric| / max(1, max |numeric|)).
double check(const Forward& f, std::vector<Var> inputs, uint64_t seed = 1) {
  Rng rng(seed);
  Tape tape;
  Context ctx{&tape};
  Var out = f(ctx, inputs);
  const Tensor r = random_tensor(out.shape(), rng);
  tape.backward(out, r);

  auto loss = [&]() {
    Context none;
    Var o = f(none, inputs);
    double s = 0;
    for (int64_t i = 0; i < o.value().numel(); ++i) s += double(o.value().data()[i]) * r.data()[i];
    return s;
  };
  double worst = 0;
  const float h = 1e-2f;
  for (const Var& in : inputs) {
    if (!in.requires_grad()) continue;
    Tensor& x = in.value();
    double max_num = 0, max_diff = 0;
    for (int64_t i = 0; i < x.numel(); ++i) {
      const float keep = x.data()[i];
      x.data()[i] = keep + h;
      const double up = loss();
      x.data()[i] = keep - h;
      const double down = loss();
      x.data()[i] = keep;
      const double numeric = (up - down) / (2.0 * h);
      max_num = std::max(max_num, std::abs(numeric));
      max_diff = std::max(max_diff, std::abs(numeric - double(in.grad().data()[i])));
    }
    worst = std::max(worst, max_diff / std::max(1.0, max_num));
  }
  return worst;
}

constexpr double kTolerance = 2e-3;  // f32 forward, h = 1e-2 central differences

}  // namespace

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
