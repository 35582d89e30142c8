#include <QtTest>

#include <cstdlib>
#include <cstring>
#if defined(__linux__)
#include <unistd.h>
#endif

#include "engine/core/error.h"
#include "engine/core/memory.h"
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
  void largeBlocksAreHugePageAligned() {
    // Blocks the size of a weight matrix start on a 2 MiB boundary (where a huge page can
    // back them); small ones on a cache line. Every byte asked for is usable.
    for (size_t bytes : {size_t{17}, size_t{1} << 16, (size_t{5} << 20) + 3}) {
      void* p = allocate_large(bytes);
      const auto address = reinterpret_cast<uintptr_t>(p);
      QCOMPARE(address % (bytes >= (size_t{2} << 20) ? (uintptr_t{2} << 20) : 64), uintptr_t{0});
      std::memset(p, 1, bytes);
      QCOMPARE(static_cast<unsigned char*>(p)[bytes - 1], 1);
      std::free(p);
    }
  }
  void availableMemoryIsAPartOfTheMachine() {
#if defined(__linux__)
    const std::optional<int64_t> left = available_memory();
    QVERIFY(left.has_value());
    const int64_t total = static_cast<int64_t>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGESIZE);
    QVERIFY2(*left > (int64_t{16} << 20) && *left <= total, qPrintable(QString("%1 of %2").arg(*left).arg(total)));
#else
    QSKIP("MemAvailable is read on Linux");
#endif
  }
  void aTensorWithoutValuesSaysSo() {
    // The stand-in for a matrix a generation-only model keeps in 16 bits.
    Tensor t = Tensor::without_values({4, 3});
    QCOMPARE(t.numel(), 12);
    QVERIFY(t.defined() && !t.has_values() && Tensor::zeros({1}).has_values());
    try {
      (void)t.data();
      QFAIL("data() of a tensor without values");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("(4, 3)") && QString(e.what()).contains("16 bits"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, t.to_vector());
    QVERIFY_THROWS_EXCEPTION(Error, t.fill(1.0f));
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
    // The bulk filler: N(0, 0.02²), and no value outside a sane range.
    std::vector<float> v(n);
    Rng(8).fill_normal(v.data(), n, 0.02f);
    double s1 = 0, s2 = 0, s4 = 0;
    for (float x : v) {
      s1 += x;
      s2 += double(x) * x;
      s4 += double(x) * x * x * x;
    }
    const double var = s2 / n;
    QVERIFY(std::abs(s1 / n) < 2e-4);
    QVERIFY(std::abs(std::sqrt(var) - 0.02) < 2e-4);
    QVERIFY(std::abs(s4 / n / (var * var) - 3.0) < 0.1);  // a normal's kurtosis is 3
  }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "test_tensor.moc"
