// The CPU backend's matrix product against a plain triple loop, for every transpose and
// beta, at sizes that take each path: small (Eigen, one thread), split by column strips
// across threads, and large (OpenBLAS when installed).
#include <QtTest>

#include <cmath>

#include "engine/backend/backend.h"
#include "engine/core/rng.h"

using namespace gb;

namespace {
Tensor random(Shape s, Rng& rng) {
  Tensor t = Tensor::empty(std::move(s));
  rng.fill_normal(t.data(), t.numel(), 1.0f);
  return t;
}
}  // namespace

class TestMatmul : public QObject {
  Q_OBJECT
 private slots:
  void allPathsMatchATripleLoop_data() {
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::newRow("matrix-vector") << 1 << 257 << 64;
    QTest::newRow("small") << 3 << 17 << 5;
    QTest::newRow("column strips") << 9 << 300 << 127;
    QTest::newRow("large") << 130 << 257 << 193;
    QTest::newRow("OpenBLAS (when there)") << 260 << 129 << 131;
  }
  void allPathsMatchATripleLoop() {
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    Rng rng(m * 1000 + n);
    for (bool ta : {false, true})
      for (bool tb : {false, true})
        for (float beta : {0.0f, 1.0f, 0.5f}) {
          Tensor a = ta ? random({k, m}, rng) : random({m, k}, rng);
          Tensor b = tb ? random({n, k}, rng) : random({k, n}, rng);
          Tensor c = random({m, n}, rng);
          Tensor want = c.clone();
          for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) {
              double acc = 0;
              for (int p = 0; p < k; ++p) {
                const float av = ta ? a.data()[p * m + i] : a.data()[i * k + p];
                const float bv = tb ? b.data()[j * k + p] : b.data()[p * n + j];
                acc += double(av) * bv;
              }
              want.data()[i * n + j] = static_cast<float>(acc + beta * want.data()[i * n + j]);
            }
          backend_for(a).matmul(a, ta, b, tb, c, beta);
          double worst = 0;
          for (int64_t i = 0; i < c.numel(); ++i)
            worst = std::max(worst, std::abs(double(c.data()[i]) - want.data()[i]) / (1.0 + std::abs(want.data()[i])));
          QVERIFY2(worst < 1e-4, qPrintable(QString("ta=%1 tb=%2 beta=%3: %4").arg(ta).arg(tb).arg(beta).arg(worst)));
        }
  }
};

QTEST_APPLESS_MAIN(TestMatmul)
#include "test_matmul.moc"
