#include "engine/core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <immintrin.h>
#include <mutex>
#include <thread>
#include <vector>

namespace gb {

namespace {

int threads_from_env() {
  for (const char* name : {"GLASSBOX_THREADS", "OMP_NUM_THREADS"}) {
    if (const char* v = std::getenv(name)) {
      const int n = std::atoi(v);
      if (n > 0) return n;
    }
  }
  const unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

thread_local bool t_inside_job = false;

// Spins until done() or about a millisecond has passed (pause takes from 10 to 140 cycles
// depending on the CPU, so the limit is on the clock, not a count), yielding between short
// bursts: when another program holds the other core, the thread this one waits for may be
// queued behind it on this one (a plain spin made decode 3x slower then). The caller checks
// again and sleeps if it is still not done.
template <class Done>
void spin_until(Done&& done) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::microseconds(1000);
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return;
      _mm_pause();
    }
    if (std::chrono::steady_clock::now() > limit) return;
    std::this_thread::yield();  // a thread this one waits for may need this core
  }
}

class Pool {
 public:
  static Pool& instance() {
    static Pool pool;
    return pool;
  }

  int threads() const { return threads_.load(); }
  void set_threads(int n) {
    std::lock_guard busy(run_mutex_);
    stop_workers();
    threads_ = n < 1 ? 1 : n;
  }

  // Runs job(t) on every thread, t in [0, threads), the caller being t = 0.
  // False (and nothing run) if another thread is using the pool.
  bool run(const std::function<void(int)>& job) {
    std::unique_lock busy(run_mutex_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    start_workers(threads_.load() - 1);
    job_ = &job;
    remaining_.store(static_cast<int>(workers_.size()));
    {
      std::lock_guard lock(mutex_);
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    t_inside_job = true;
    job(0);
    t_inside_job = false;
    // Wait for the others: spin (jobs are often short, and the halves of one rarely end
    // together), then sleep. Sleeping early cost a futex wake-up per job: in one-token decode
    // steps, a hundred small jobs per token, that was several percent of the time.
    spin_until([&] { return remaining_.load() == 0; });
    if (remaining_.load() != 0) {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [&] { return remaining_.load() == 0; });
    }
    return true;
  }

  ~Pool() {
    std::lock_guard busy(run_mutex_);
    stop_workers();
  }

 private:
  Pool() : threads_(threads_from_env()) {}

  // Called before a job's generation is published: a new worker starts from the current
  // generation, so it runs the job that follows (reading it inside the thread could miss it).
  void start_workers(int wanted) {
    while (static_cast<int>(workers_.size()) < wanted) {
      const int index = static_cast<int>(workers_.size()) + 1;
      workers_.emplace_back([this, index, seen = generation_.load()] { work(index, seen); });
    }
  }

  void stop_workers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
    stopping_ = false;
  }

  void work(int index, uint64_t seen) {
    t_inside_job = true;
    for (;;) {
      // Spin a little for the next job, then sleep until one comes.
      spin_until([&] { return generation_.load() != seen; });
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return generation_.load() != seen; });
        if (stopping_) return;
      }
      seen = generation_.load();
      (*job_)(index);
      if (remaining_.fetch_sub(1) == 1) {
        std::lock_guard lock(mutex_);
        done_.notify_one();
      }
    }
  }

  std::atomic<int> threads_;
  std::mutex run_mutex_;  // one job at a time
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> remaining_{0};
  const std::function<void(int)>* job_ = nullptr;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

int num_threads() { return Pool::instance().threads(); }
void set_num_threads(int n) { Pool::instance().set_threads(n); }

void parallel_for_indexed(int64_t n, int64_t grain, const std::function<void(int, int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  const int threads = num_threads();
  if (threads <= 1 || n < grain || t_inside_job) {
    fn(0, 0, n);
    return;
  }
  const int64_t count = std::min<int64_t>(threads, n);
  const std::function<void(int)> job = [&](int t) {
    if (t >= count) return;
    const int64_t begin = n * t / count, end = n * (t + 1) / count;
    if (begin < end) fn(t, begin, end);
  };
  if (!Pool::instance().run(job)) fn(0, 0, n);  // the pool is busy with another caller
}

}  // namespace gb
