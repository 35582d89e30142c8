#include <QtTest>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/tensor.h"

using namespace gb;

class TestTensor : public QObject {
  Q_OBJECT
 private slots:
  void shapesAndViews() {
    Tensor t = Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6});
    QCOMPARE(t.numel(), 6);
    QCOMPARE(t.dim(-1), 3);
    Tensor row = t.slice_rows(1, 2);
    QCOMPARE(row.numel(), 3);
    QCOMPARE(row.data()[0], 4.0f);
    row.data()[0] = 40;  // a view shares storage
    QCOMPARE(t.data()[3], 40.0f);
    Tensor c = t.clone();
    c.data()[0] = -1;
    QCOMPARE(t.data()[0], 1.0f);
    QCOMPARE(t.reshape({3, 2}).dim(0), 3);
  }
  void badShapesThrow() {
    Tensor t = Tensor::zeros({2, 3});
    QVERIFY_THROWS_EXCEPTION(Error, t.reshape({4, 2}));
    QVERIFY_THROWS_EXCEPTION(Error, t.slice_rows(1, 3));
    QVERIFY_THROWS_EXCEPTION(Error, Tensor::from({2}, {1, 2, 3}));
  }
  void rngIsReproducibleAndNormal() {
    Rng a(42), b(42);
    for (int i = 0; i < 10; ++i) QCOMPARE(a.next_u64(), b.next_u64());
    Rng r(7);
    double sum = 0, sq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      double x = r.normal();
      sum += x;
      sq += x * x;
    }
    QVERIFY(std::abs(sum / n) < 0.01);
    QVERIFY(std::abs(sq / n - 1.0) < 0.02);
  }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "test_tensor.moc"
