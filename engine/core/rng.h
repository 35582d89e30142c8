#pragma once
// A small, seedable random number generator whose whole state is one 64-bit number, so a
// trainer can save it beside a checkpoint and a resumed run draws the same numbers.
// (SplitMix64: fast, good enough for initialisation, dropout, shuffling and sampling.)
#include <cmath>
#include <cstdint>

namespace gb {

class Rng {
 public:
  explicit Rng(uint64_t seed = 0) : state_(seed) {}

  uint64_t next_u64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 24 bits of precision.
  float uniform() { return static_cast<float>(next_u64() >> 40) * (1.0f / 16777216.0f); }
  // Uniform integer in [0, n).
  uint64_t below(uint64_t n) { return n ? next_u64() % n : 0; }
  // Standard normal (Box-Muller).
  float normal() {
    double u1 = (static_cast<double>(next_u64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    double u2 = static_cast<double>(next_u64() >> 11) * (1.0 / 9007199254740992.0);
    return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
  }

  // n values from N(0, stddev²), two at a time (Marsaglia's polar method: one log and one
  // square root per pair, no trigonometry), for filling large weight tensors quickly.
  void fill_normal(float* out, int64_t n, float stddev) {
    int64_t i = 0;
    while (i < n) {
      float u, v, s;
      do {
        u = 2.0f * uniform() - 1.0f;
        v = 2.0f * uniform() - 1.0f;
        s = u * u + v * v;
      } while (s >= 1.0f || s == 0.0f);
      const float f = std::sqrt(-2.0f * std::log(s) / s) * stddev;
      out[i++] = u * f;
      if (i < n) out[i++] = v * f;
    }
  }

  uint64_t state() const { return state_; }
  void set_state(uint64_t s) { state_ = s; }

 private:
  uint64_t state_;
};

}  // namespace gb
