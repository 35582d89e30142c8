// The Llama family's ops: each backward against finite differences, and the values that pin
// what each forward means (the rotate_half pairs, GQA as repeated key/value heads, the decode
// path as the batch path, the router's choices).
#include <QtTest>

#include <cmath>

#include "engine/backend/backend.h"
#include "engine/nn/ops.h"
#include "tests/engine/gradcheck_util.h"

using namespace gb;
using namespace gb::testing;

namespace {

// (rows, n_kv·hd) → (rows, n_kv·group·hd) with each key/value head repeated `group` times,
// as Hugging Face's repeat_kv does before ordinary multi-head attention.
Tensor repeat_heads(const Tensor& kv, int64_t n_kv, int64_t group) {
  const int64_t rows = kv.dim(0), hd = kv.dim(1) / n_kv;
  Tensor out = Tensor::empty({rows, n_kv * group * hd});
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t h = 0; h < n_kv * group; ++h)
      for (int64_t j = 0; j < hd; ++j) out.data()[(r * n_kv * group + h) * hd + j] = kv.data()[(r * n_kv + h / group) * hd + j];
  return out;
}

double max_abs_diff(const Tensor& a, const Tensor& b) {
  double d = 0;
  for (int64_t i = 0; i < a.numel(); ++i) d = std::max(d, double(std::abs(a.data()[i] - b.data()[i])));
  return d;
}

// Logits whose entries differ by at least 0.3, so that a finite-difference step (1e-2)
// never changes which experts are chosen.
Tensor separated_logits(int64_t n, int64_t e, Rng& rng) {
  Tensor t = Tensor::empty({n, e});
  for (int64_t r = 0; r < n; ++r) {
    std::vector<int64_t> order(e);
    for (int64_t j = 0; j < e; ++j) order[j] = j;
    for (int64_t j = e - 1; j > 0; --j) std::swap(order[j], order[rng.below(j + 1)]);
    for (int64_t j = 0; j < e; ++j) t.data()[r * e + order[j]] = 0.3f * float(j) - 1.0f;
  }
  return t;
}

}  // namespace

class TestGradcheckLlama : public QObject {
  Q_OBJECT
 private slots:
  void rmsNorm() {
    Rng rng(21);
    Var x(random_tensor({5, 8}, rng), true), w(random_tensor({8}, rng), true);
    const double err =
        check([](const Context& c, std::vector<Var>& v) { return rms_norm(c, v[0], v[1], 1e-6f); }, {x, w});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void rmsNormValue() {
    // (3, 4): mean of squares 12.5, so out = x / √12.5 · w; no mean is subtracted.
    Var y = rms_norm(Context{}, Var(Tensor::from({1, 2}, {3.0f, 4.0f})), Var(Tensor::from({2}, {1.0f, 2.0f})), 0.0f);
    QVERIFY(std::abs(y.value().data()[0] - 3.0f / std::sqrt(12.5f)) < 1e-6f);
    QVERIFY(std::abs(y.value().data()[1] - 8.0f / std::sqrt(12.5f)) < 1e-6f);
  }
  void rope() {
    Rng rng(22);
    Var x(random_tensor({3, 2 * 6}, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) { return gb::rope(c, v[0], {0, 5, 17}, 2, 10000.0f); }, {x});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void ropeTurnsTheRotateHalfPairs() {
    // One head of 4 channels: channel 0 pairs with 2 (frequency θ⁰ = 1), channel 1 with 3
    // (frequency θ^(−2/4) = 0.01 for θ = 10⁴). Position 0 is the identity.
    const Tensor x = Tensor::from({3, 4}, {1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0});
    Var y = gb::rope(Context{}, Var(x), {0, 3, 100}, 1, 10000.0f);
    const float* o = y.value().data();
    for (int j = 0; j < 4; ++j) QCOMPARE(o[j], x.data()[j]);
    QVERIFY(std::abs(o[4] - std::cos(3.0f)) < 1e-6f && std::abs(o[6] - std::sin(3.0f)) < 1e-6f);
    QCOMPARE(o[5], 0.0f);
    QVERIFY(std::abs(o[9] - std::cos(1.0f)) < 1e-6f && std::abs(o[11] - std::sin(1.0f)) < 1e-6f);  // 100 · 0.01
  }
  void ropeDependsOnTheDistanceOnly() {
    // ⟨R(m) q, R(n) k⟩ depends on m − n alone: the reason RoPE encodes relative position.
    Rng rng(23);
    const Tensor q = random_tensor({1, 8}, rng), k = random_tensor({1, 8}, rng);
    auto dot_at = [&](int m, int n) {
      const Tensor a = gb::rope(Context{}, Var(q), {m}, 1, 500.0f).value();
      const Tensor b = gb::rope(Context{}, Var(k), {n}, 1, 500.0f).value();
      double s = 0;
      for (int j = 0; j < 8; ++j) s += double(a.data()[j]) * b.data()[j];
      return s;
    };
    QVERIFY(std::abs(dot_at(7, 3) - dot_at(44, 40)) < 1e-4);
    QVERIFY(std::abs(dot_at(7, 3) - dot_at(7, 4)) > 1e-3);
  }
  void swiglu() {
    Rng rng(24);
    Var g(random_tensor({4, 7}, rng, 2.0f), true), u(random_tensor({4, 7}, rng), true);
    const double err = check([](const Context& c, std::vector<Var>& v) { return gb::swiglu(c, v[0], v[1]); }, {g, u});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
    Var y = gb::swiglu(Context{}, Var(Tensor::from({2}, {0.0f, 1.0f})), Var(Tensor::from({2}, {5.0f, 2.0f})));
    QCOMPARE(y.value().data()[0], 0.0f);
    QVERIFY(std::abs(y.value().data()[1] - 2.0f / (1.0f + std::exp(-1.0f))) < 1e-6f);  // silu(1) · 2
  }
  void groupedQueryAttention() {
    // Multi-head (4 kv heads), grouped (2) and multi-query (1), batch 2 of 5 tokens, hd 3.
    for (int kv : {4, 2, 1}) {
      Rng rng(25 + kv);
      Var q(random_tensor({2 * 5, 4 * 3}, rng), true), k(random_tensor({2 * 5, kv * 3}, rng), true),
          v(random_tensor({2 * 5, kv * 3}, rng), true);
      const double err = check(
          [kv](const Context& c, std::vector<Var>& x) { return grouped_query_attention(c, x[0], x[1], x[2], 2, 4, kv); },
          {q, k, v});
      QVERIFY2(err < kTolerance, qPrintable(QString("kv heads %1: %2").arg(kv).arg(err)));
    }
  }
  void gqaIsMultiHeadWithRepeatedKeysAndValues() {
    Rng rng(29);
    const Tensor q = random_tensor({2 * 6, 4 * 5}, rng), k = random_tensor({2 * 6, 2 * 5}, rng),
                 v = random_tensor({2 * 6, 2 * 5}, rng);
    Var grouped = grouped_query_attention(Context{}, Var(q), Var(k), Var(v), 2, 4, 2);
    Var full = grouped_query_attention(Context{}, Var(q), Var(repeat_heads(k, 2, 2)), Var(repeat_heads(v, 2, 2)), 2, 4, 4);
    QVERIFY(max_abs_diff(grouped.value(), full.value()) < 1e-6);
  }
  void gqaWithAllHeadsIsGpt2Attention() {
    // n_kv_head = n_head is the fused attention GPT-2 uses, on q, k, v side by side.
    Rng rng(30);
    const Tensor q = random_tensor({7, 6}, rng), k = random_tensor({7, 6}, rng), v = random_tensor({7, 6}, rng);
    Tensor qkv = Tensor::empty({7, 18});
    for (int r = 0; r < 7; ++r)
      for (int j = 0; j < 6; ++j) {
        qkv.data()[r * 18 + j] = q.data()[r * 6 + j];
        qkv.data()[r * 18 + 6 + j] = k.data()[r * 6 + j];
        qkv.data()[r * 18 + 12 + j] = v.data()[r * 6 + j];
      }
    Var a = grouped_query_attention(Context{}, Var(q), Var(k), Var(v), 1, 2, 2);
    Var b = causal_self_attention(Context{}, Var(qkv), 1, 2);
    QVERIFY(max_abs_diff(a.value(), b.value()) < 1e-6);
  }
  void gqaDecodeMatchesTheBatchPath() {
    // Rows 3..5 against a cache holding rows 0..5 give rows 3..5 of the full attention.
    Rng rng(31);
    const int64_t T = 6, H = 4, KV = 2, hd = 3;
    const Tensor q = random_tensor({T, H * hd}, rng), k = random_tensor({T, KV * hd}, rng),
                 v = random_tensor({T, KV * hd}, rng);
    Var full = grouped_query_attention(Context{}, Var(q), Var(k), Var(v), 1, H, KV);
    Tensor kc = Tensor::zeros({10, KV * hd}), vc = Tensor::zeros({10, KV * hd});
    kc.slice_rows(0, T).copy_from(k);
    vc.slice_rows(0, T).copy_from(v);
    Tensor out = Tensor::empty({3, H * hd});
    backend_for(Device::CPU).gqa_attention_decode(q.slice_rows(3, 6), kc, vc, 3, H, KV, out);
    QVERIFY(max_abs_diff(out, full.value().slice_rows(3, 6)) < 1e-6);
  }
  void routerTopK() {
    Rng rng(32);
    Var logits(separated_logits(6, 5, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) { return route_top_k(c, v[0], 2).weights; }, {logits});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void routerChoosesTheLargestAndSoftmaxesThem() {
    const Tensor logits = Tensor::from({2, 4}, {0.1f, 2.0f, -1.0f, 1.0f, 3.0f, 0.0f, 0.5f, 3.5f});
    Routing r = route_top_k(Context{}, Var(logits), 2);
    QCOMPARE(r.experts, (std::vector<int32_t>{1, 3, 3, 0}));
    const float w0 = 1.0f / (1.0f + std::exp(-1.0f));  // softmax over the chosen: e² / (e² + e¹)
    QVERIFY(std::abs(r.weights.value().data()[0] - w0) < 1e-6f);
    QVERIFY(std::abs(r.weights.value().data()[1] - (1.0f - w0)) < 1e-6f);
  }
  void balanceLoss() {
    Rng rng(33);
    Var logits(random_tensor({6, 4}, rng), true);
    const Tensor coef = Tensor::from({4}, {0.5f, 1.5f, 2.0f, 0.0f});
    const double err =
        check([&coef](const Context& c, std::vector<Var>& v) { return balance_loss(c, v[0], coef); }, {logits});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
    // Uniform router: every token puts 1/E on each expert, so the sum is N · Σ coef / E.
    Var uniform = balance_loss(Context{}, Var(Tensor::zeros({6, 4})), coef);
    QVERIFY(std::abs(uniform.value().item() - 6.0f * 4.0f / 4.0f) < 1e-5f);
  }
  void scaleRows() {
    Rng rng(34);
    Var x(random_tensor({5, 3}, rng), true), s(random_tensor({5}, rng), true);
    const double err = check([](const Context& c, std::vector<Var>& v) { return scale_rows(c, v[0], v[1]); }, {x, s});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
  }
  void scatterRowsAndReshape() {
    Rng rng(35);
    Var src(random_tensor({2, 3, 2}, rng), true);
    const double err = check(
        [](const Context& c, std::vector<Var>& v) {
          return scatter_rows(c, reshape(c, v[0], {3, 4}), {4, 0, 2}, 5);
        },
        {src});
    QVERIFY2(err < kTolerance, qPrintable(QString::number(err)));
    Var out = scatter_rows(Context{}, Var(Tensor::from({2, 1}, {7.0f, 9.0f})), {2, 0}, 3);
    QCOMPARE(out.value().to_vector(), (std::vector<float>{9.0f, 0.0f, 7.0f}));
  }
};

QTEST_APPLESS_MAIN(TestGradcheckLlama)
#include "test_gradcheck_llama.moc"
