#pragma once
// The sliding-window data loader of the book: a window of `context` token ids as input and
// the same window shifted by one as the target, windows `stride` tokens apart, grouped into
// batches, their order shuffled each epoch with a seed.
#include <cstdint>
#include <string>
#include <vector>

namespace gb {

struct Batch {
  std::vector<int32_t> inputs;   // (B·T)
  std::vector<int32_t> targets;  // (B·T)
  int64_t batch = 0, time = 0;
};

// Splits a token stream into a training part (the first 1 - val_fraction) and a validation
// part (the rest), as the book does. Throws gb::Error if either is shorter than one window.
struct TokenSplit {
  std::vector<int32_t> train, val;
};
TokenSplit split_tokens(const std::vector<int32_t>& tokens, double val_fraction, int64_t context,
                        const std::string& origin);

class DataLoader {
 public:
  DataLoader(std::vector<int32_t> tokens, int64_t context, int64_t stride, int64_t batch, bool shuffle,
             uint64_t seed);

  int64_t num_windows() const { return num_windows_; }
  // The next full batch; an epoch that runs out mid-batch continues into the next one.
  Batch next();
  // Window starts of the epoch in the order they are served (for views and tests).
  std::vector<int64_t> epoch_order(int64_t epoch) const;

  // Where the loader is, so a resumed run continues with the same batches.
  int64_t epoch() const { return epoch_; }
  int64_t cursor() const { return cursor_; }
  void seek(int64_t epoch, int64_t cursor);

 private:
  std::vector<int32_t> tokens_;
  int64_t context_, stride_, batch_;
  bool shuffle_;
  uint64_t seed_;
  int64_t num_windows_;
  int64_t epoch_ = 0, cursor_ = 0;
  std::vector<int64_t> order_;
};

}  // namespace gb
