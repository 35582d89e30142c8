#pragma once
// Threads for everything that is not a matrix product, and for splitting the products too.
// A small persistent pool: workers spin briefly for the next job, then sleep on a condition
// variable, so a machine that is busy with other work (a classroom laptop never is idle)
// does not make threads burn their time slices waiting for each other.
//
// parallel_for splits [0, n) into one contiguous chunk per thread, always the same way for
// the same thread count, so results are reproducible run to run.
#include <cstdint>
#include <functional>

namespace gb {

// Threads the engine uses: $GLASSBOX_THREADS, else $OMP_NUM_THREADS, else the core count.
int num_threads();
// Changes the thread count (at least 1); takes effect for the next parallel_for.
void set_num_threads(int n);

// Calls fn(t, begin, end) for thread t's chunk of [0, n); chunks are contiguous and in order.
// Runs inline (t = 0) when n < grain, when there is one thread, when called from inside a
// parallel_for, or while another thread is using the pool.
void parallel_for_indexed(int64_t n, int64_t grain, const std::function<void(int, int64_t, int64_t)>& fn);

template <class Fn>
void parallel_for(int64_t n, int64_t grain, Fn&& fn) {
  parallel_for_indexed(n, grain, [&fn](int, int64_t begin, int64_t end) { fn(begin, end); });
}

}  // namespace gb
