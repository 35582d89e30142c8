#include "engine/train/optimizer.h"

#include <cmath>
#include <numbers>

#include "engine/backend/backend.h"
#include "engine/core/error.h"

namespace gb {

AdamW::AdamW(NamedParameters params, AdamWOptions options) : options_(options) {
  for (auto& [name, p] : params)
    slots_.push_back({name, p, Tensor::zeros(p.shape(), p.value().device()), Tensor::zeros(p.shape(), p.value().device()),
                      p.value().ndim() >= 2});
}

void AdamW::step(float lr) {
  ++step_;
  for (Slot& s : slots_) {
    if (!s.param.has_grad()) continue;
    backend_for(s.param.value())
        .adamw_step(s.param.value(), s.param.grad(), s.m, s.v, lr, options_.beta1, options_.beta2, options_.eps,
                    s.decay ? options_.weight_decay : 0.0f, step_);
  }
}

void AdamW::zero_grad() {
  for (Slot& s : slots_) s.param.zero_grad();
}

std::vector<std::pair<std::string, Tensor>> AdamW::state() const {
  std::vector<std::pair<std::string, Tensor>> out;
  for (const Slot& s : slots_) {
    out.emplace_back(s.name + ".exp_avg", s.m);
    out.emplace_back(s.name + ".exp_avg_sq", s.v);
  }
  return out;
}

void AdamW::restore(const std::vector<std::pair<std::string, Tensor>>& state, int64_t step) {
  auto find = [&](const std::string& name) -> const Tensor& {
    for (const auto& [n, t] : state)
      if (n == name) return t;
    throw Error("optimizer state has no '" + name + "'");
  };
  // The moments are made anew beside their parameter: after a fall back to the CPU the
  // old ones sit on a device that may be lost.
  for (Slot& s : slots_) {
    const Device d = s.param.value().device();
    const Tensor& m = find(s.name + ".exp_avg");
    const Tensor& v = find(s.name + ".exp_avg_sq");
    GB_CHECK(m.numel() == s.param.value().numel() && v.numel() == s.param.value().numel(),
             "optimizer state for '" + s.name + "' has the wrong size");
    s.m = Tensor::empty(s.param.shape(), d);
    s.m.copy_from(m);
    s.v = Tensor::empty(s.param.shape(), d);
    s.v.copy_from(v);
  }
  step_ = step;
}

float learning_rate(int64_t step, int64_t total, int64_t warmup, float peak, float min_lr) {
  if (warmup > 0 && step < warmup) return peak * static_cast<float>(step + 1) / static_cast<float>(warmup);
  if (total <= warmup) return peak;
  const double progress = std::min(1.0, static_cast<double>(step - warmup) / static_cast<double>(total - warmup));
  return min_lr + static_cast<float>(0.5 * (1.0 + std::cos(std::numbers::pi * progress))) * (peak - min_lr);
}

double clip_grad_norm(const NamedParameters& params, double max_norm) {
  // Gradients grouped by device, so that a GPU reads its partial sums back once, not once
  // per parameter.
  std::vector<Tensor> cpu_grads, device_grads;
  for (const auto& [name, p] : params)
    if (p.has_grad()) (p.grad().device() == Device::CPU ? cpu_grads : device_grads).push_back(p.grad());
  double sq = backend_for(Device::CPU).sum_squares_all(cpu_grads);
  if (!device_grads.empty()) sq += backend_for(device_grads[0]).sum_squares_all(device_grads);
  const double norm = std::sqrt(sq);
  if (max_norm > 0.0 && norm > max_norm) {
    const float s = static_cast<float>(max_norm / (norm + 1e-6));
    for (const auto& [name, p] : params)
      if (p.has_grad()) backend_for(p.grad()).scale(p.grad(), s);
  }
  return norm;
}

}  // namespace gb
