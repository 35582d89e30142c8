#pragma once
// Helpers shared by the Vulkan test suites: random tensors, moving them to the device, and
// the error measure of the parity suite.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/backend/backend.h"
#include "engine/core/rng.h"

namespace gb::test {

inline Tensor random_tensor(Shape shape, Rng& rng, float scale = 1.0f) {
  Tensor t = Tensor::empty(std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.normal() * scale;
  return t;
}

inline Tensor on_vulkan(const Tensor& t) { return t.to(Device::Vulkan); }

// max |got − want| / max |want|: the error relative to the tensor's scale, so that values
// near zero (where summation order alone changes the last bits) do not dominate.
inline double relative_error(const Tensor& got, const Tensor& want) {
  const std::vector<float> g = got.to_vector(), w = want.to_vector();
  if (g.size() != w.size()) return 1e30;
  double diff = 0, scale = 0;
  for (size_t i = 0; i < g.size(); ++i) {
    if (!std::isfinite(g[i])) return 1e30;
    diff = std::max(diff, std::abs(double(g[i]) - double(w[i])));
    scale = std::max(scale, std::abs(double(w[i])));
  }
  return scale > 0 ? diff / scale : diff;
}

// Skips the calling test with the reason when there is no Vulkan device.
#define GB_REQUIRE_VULKAN()                                                         \
  do {                                                                              \
    std::string why;                                                                \
    if (!::gb::backend_available(::gb::Device::Vulkan, &why)) QSKIP(why.c_str());  \
  } while (0)

}  // namespace gb::test
