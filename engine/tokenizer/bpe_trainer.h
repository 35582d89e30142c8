#pragma once
// BpeTrainer: learns a byte-level BPE vocabulary from a corpus, the way GPT-2's was made.
//
//   1. The corpus is cut into pieces by the pre-tokenizer regex and the pieces are counted.
//   2. Every piece starts as its bytes: ids 0..255 are the byte values.
//   3. Repeatedly, the most frequent adjacent pair (counted over all pieces, weighted by how
//      often each piece occurs) becomes a new token with the next id, until the vocabulary
//      has the requested size or no pair occurs at least min_count times.
//
// Ties are broken by the rule: the highest count wins; among equal counts, the pair with
// the smaller left id, then the smaller right id. So a run is fully deterministic.
// Pair counts are updated incrementally: a merge touches only the pieces that contain the
// pair, not the whole corpus.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/tokenizer/byte_level_bpe.h"

namespace gb {

struct BpeTrainOptions {
  int32_t vocab_size = 4096;  // bytes + merges + special tokens
  int64_t min_count = 2;      // a pair seen fewer times is not worth a token
  std::string pattern = patterns::kGpt2;
  std::vector<std::string> specials = {"<|endoftext|>"};  // ids after the merges
  std::string name = "bpe";
  // Called after each merge with (merges done, merges wanted); may be empty.
  std::function<void(int32_t, int32_t)> progress;
  const std::atomic<bool>* cancel = nullptr;  // set to stop early (the result so far is kept)
};

// One step of the merge history, for a lesson that replays training.
struct BpeMerge {
  int32_t left = 0;   // ids of the pair
  int32_t right = 0;
  int32_t id = 0;     // the new token
  int64_t count = 0;  // how often the pair occurred when it was merged
};

class BpeTrainer {
 public:
  explicit BpeTrainer(BpeTrainOptions options = {});

  // Adds text to the corpus (may be called many times; pieces never span two calls).
  void add_text(std::string_view text);
  // Learns the merges and returns the tokenizer. The history is then in merges().
  std::unique_ptr<ByteLevelBpe> train();

  const std::vector<BpeMerge>& merges() const { return history_; }
  int64_t distinct_pieces() const { return static_cast<int64_t>(piece_counts_.size()); }

 private:
  BpeTrainOptions options_;
  std::unique_ptr<RegexSplitter> splitter_;
  std::unordered_map<std::string, int64_t> piece_counts_;
  std::vector<BpeMerge> history_;
};

}  // namespace gb
