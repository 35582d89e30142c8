#pragma once
// Threads for everything that is not a matrix product (those are Eigen's).
// parallel_for splits [0, n) into contiguous chunks, one per thread, in a fixed way, so a
// run with the same thread count computes the same numbers in the same order.
#include <cstdint>

#include <omp.h>

namespace gb {

inline int num_threads() { return omp_get_max_threads(); }

// Calls fn(begin, end) on disjoint chunks covering [0, n). Runs inline when n < grain.
template <class Fn>
void parallel_for(int64_t n, int64_t grain, Fn&& fn) {
  if (n <= 0) return;
  const int threads = num_threads();
  if (threads <= 1 || n < grain || omp_in_parallel()) {
    fn(int64_t{0}, n);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    const int nt = omp_get_num_threads();
    const int64_t begin = n * t / nt;
    const int64_t end = n * (t + 1) / nt;
    if (begin < end) fn(begin, end);
  }
}

}  // namespace gb
