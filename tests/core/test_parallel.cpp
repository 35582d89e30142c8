// The thread pool: every index visited once, chunks in order, nested and concurrent callers
// served inline, thread count changes honoured, and no lost wake-ups over many short jobs.
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

#include "engine/core/parallel.h"

using namespace gb;

class TestParallel : public QObject {
  Q_OBJECT
 private slots:
  void coversEveryIndexOnce() {
    for (int threads : {1, 2, 3, 5}) {
      set_num_threads(threads);
      for (int64_t n : {1, 2, 7, 1000, 100003}) {
        std::vector<std::atomic<int>> hits(n);
        parallel_for(n, 1, [&](int64_t b, int64_t e) {
          for (int64_t i = b; i < e; ++i) hits[i]++;
        });
        for (int64_t i = 0; i < n; ++i) QCOMPARE(hits[i].load(), 1);
      }
    }
    set_num_threads(2);
  }
  void chunksAreContiguousAndIndexed() {
    set_num_threads(3);
    std::vector<std::pair<int64_t, int64_t>> chunks(3, {-1, -1});
    parallel_for_indexed(300, 1, [&](int t, int64_t b, int64_t e) { chunks[t] = {b, e}; });
    QCOMPARE(chunks[0], (std::pair<int64_t, int64_t>{0, 100}));
    QCOMPARE(chunks[1], (std::pair<int64_t, int64_t>{100, 200}));
    QCOMPARE(chunks[2], (std::pair<int64_t, int64_t>{200, 300}));
    set_num_threads(2);
  }
  void nestedCallsRunInline() {
    std::atomic<int64_t> sum{0};
    parallel_for(4, 1, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i)
        parallel_for(10, 1, [&](int64_t b2, int64_t e2) { sum += (e2 - b2); });
    });
    QCOMPARE(sum.load(), int64_t{40});
  }
  void manyShortJobsNeverHang() {
    // Short jobs back to back are where a lost wake-up would show as a hang.
    for (int threads : {2, 4}) {
      set_num_threads(threads);
      std::atomic<int64_t> total{0};
      for (int rep = 0; rep < 5000; ++rep)
        parallel_for(threads, 1, [&](int64_t b, int64_t e) { total += e - b; });
      QCOMPARE(total.load(), int64_t{5000} * threads);
    }
    set_num_threads(2);
  }
  void concurrentCallersBothFinish() {
    std::atomic<int64_t> a{0}, b{0};
    std::thread other([&] {
      for (int rep = 0; rep < 2000; ++rep) parallel_for(64, 1, [&](int64_t x, int64_t y) { a += y - x; });
    });
    for (int rep = 0; rep < 2000; ++rep) parallel_for(64, 1, [&](int64_t x, int64_t y) { b += y - x; });
    other.join();
    QCOMPARE(a.load(), int64_t{2000 * 64});
    QCOMPARE(b.load(), int64_t{2000 * 64});
  }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "test_parallel.moc"
