#include "engine/train/data_loader.h"

#include <algorithm>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace gb {

TokenSplit split_tokens(const std::vector<int32_t>& tokens, double val_fraction, int64_t context,
                        const std::string& origin) {
  GB_CHECK(val_fraction >= 0.0 && val_fraction < 1.0, "validation fraction must be in [0, 1)");
  const int64_t n = static_cast<int64_t>(tokens.size());
  const int64_t n_val = static_cast<int64_t>(static_cast<double>(n) * val_fraction);
  const int64_t n_train = n - n_val;
  const int64_t need = context + 1;  // a window and its shifted target
  if (n_train < need || (val_fraction > 0.0 && n_val < need)) {
    const int64_t total_needed =
        val_fraction > 0.0 ? static_cast<int64_t>(static_cast<double>(need) / std::min(val_fraction, 1.0 - val_fraction)) + 1
                           : need;
    throw Error(origin + ": too short to train on: " + std::to_string(n) + " tokens, but a context of " +
                std::to_string(context) + " with a " + std::to_string(static_cast<int>(val_fraction * 100)) +
                "% validation split needs at least " + std::to_string(total_needed));
  }
  TokenSplit s;
  s.train.assign(tokens.begin(), tokens.begin() + n_train);
  s.val.assign(tokens.begin() + n_train, tokens.end());
  return s;
}

DataLoader::DataLoader(std::vector<int32_t> tokens, int64_t context, int64_t stride, int64_t batch, bool shuffle,
                       uint64_t seed)
    : tokens_(std::move(tokens)), context_(context), stride_(stride), batch_(batch), shuffle_(shuffle), seed_(seed) {
  GB_CHECK(context > 0 && stride > 0 && batch > 0, "data loader: context, stride and batch must be positive");
  const int64_t n = static_cast<int64_t>(tokens_.size());
  GB_CHECK(n >= context + 1, "data loader: " + std::to_string(n) + " tokens are fewer than one window of " +
                                 std::to_string(context + 1));
  num_windows_ = (n - context - 1) / stride + 1;
  order_ = epoch_order(0);
}

std::vector<int64_t> DataLoader::epoch_order(int64_t epoch) const {
  std::vector<int64_t> order(num_windows_);
  for (int64_t i = 0; i < num_windows_; ++i) order[i] = i * stride_;
  if (shuffle_) {
    // Fisher-Yates with a generator that depends only on (seed, epoch).
    Rng rng(seed_ ^ (0x9E3779B97F4A7C15ull * static_cast<uint64_t>(epoch + 1)));
    for (int64_t i = num_windows_ - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
  }
  return order;
}

void DataLoader::seek(int64_t epoch, int64_t cursor) {
  GB_CHECK(epoch >= 0 && cursor >= 0 && cursor <= num_windows_, "data loader: position out of range");
  epoch_ = epoch;
  cursor_ = cursor;
  order_ = epoch_order(epoch_);
}

Batch DataLoader::next() {
  Batch b;
  b.batch = batch_;
  b.time = context_;
  b.inputs.reserve(batch_ * context_);
  b.targets.reserve(batch_ * context_);
  for (int64_t i = 0; i < batch_; ++i) {
    if (cursor_ == num_windows_) seek(epoch_ + 1, 0);
    const int64_t start = order_[cursor_++];
    b.inputs.insert(b.inputs.end(), tokens_.begin() + start, tokens_.begin() + start + context_);
    b.targets.insert(b.targets.end(), tokens_.begin() + start + 1, tokens_.begin() + start + 1 + context_);
  }
  return b;
}

}  // namespace gb
