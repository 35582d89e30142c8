#include "engine/tokenizer/bpe_trainer.h"

#include <algorithm>
#include <queue>

#include "engine/core/error.h"

namespace gb {

namespace {

uint64_t key(int32_t l, int32_t r) { return uint64_t(uint32_t(l)) << 32 | uint32_t(r); }
int32_t left_of(uint64_t k) { return static_cast<int32_t>(k >> 32); }
int32_t right_of(uint64_t k) { return static_cast<int32_t>(k & 0xFFFFFFFFu); }

struct Word {
  std::vector<int32_t> syms;
  int64_t count = 0;
};

// A heap entry: a pair and its count when pushed. Entries go stale when the count changes;
// a popped entry is trusted only if its count is the pair's current count.
struct Entry {
  int64_t count;
  uint64_t pair;
  // std::priority_queue keeps the largest on top: more count first, then the smaller pair.
  bool operator<(const Entry& o) const { return count != o.count ? count < o.count : pair > o.pair; }
};

}  // namespace

BpeTrainer::BpeTrainer(BpeTrainOptions options)
    : options_(std::move(options)), splitter_(std::make_unique<RegexSplitter>(options_.pattern)) {
  const int64_t min_size = 256 + static_cast<int64_t>(options_.specials.size());
  if (options_.vocab_size < min_size)
    throw UsageError("BPE vocabulary size must be at least " + std::to_string(min_size) + " (bytes and specials)");
}

void BpeTrainer::add_text(std::string_view text) {
  splitter_->split(text, [&](size_t b, size_t e) { ++piece_counts_[std::string(text.substr(b, e - b))]; });
}

std::unique_ptr<ByteLevelBpe> BpeTrainer::train() {
  history_.clear();
  // Pieces in a fixed order (sorted bytes), so that nothing depends on hash order.
  std::vector<std::pair<std::string, int64_t>> pieces(piece_counts_.begin(), piece_counts_.end());
  std::sort(pieces.begin(), pieces.end());
  std::vector<Word> words;
  words.reserve(pieces.size());
  for (const auto& [bytes, count] : pieces) {
    Word w;
    w.count = count;
    for (char c : bytes) w.syms.push_back(static_cast<uint8_t>(c));
    words.push_back(std::move(w));
  }

  // counts[pair] over all words; where[pair] = words that contain it (may hold duplicates
  // and words that no longer contain it: checked when used).
  std::unordered_map<uint64_t, int64_t> counts;
  std::unordered_map<uint64_t, std::vector<int32_t>> where;
  for (size_t wi = 0; wi < words.size(); ++wi) {
    const Word& w = words[wi];
    for (size_t i = 0; i + 1 < w.syms.size(); ++i) {
      const uint64_t k = key(w.syms[i], w.syms[i + 1]);
      counts[k] += w.count;
      where[k].push_back(static_cast<int32_t>(wi));
    }
  }
  std::priority_queue<Entry> heap;
  for (const auto& [k, c] : counts) heap.push({c, k});

  std::vector<std::string> tokens;
  for (int b = 0; b < 256; ++b) tokens.emplace_back(1, static_cast<char>(b));
  std::vector<std::pair<int32_t, int32_t>> merges;
  const int32_t wanted = options_.vocab_size - 256 - static_cast<int32_t>(options_.specials.size());
  std::unordered_map<uint64_t, int64_t> delta;  // pair count changes of one merge
  std::vector<int32_t> merged;

  // Two merges can spell the same bytes ((a, bc) and (ab, c)); the second then reuses the
  // first one's id, as Hugging Face's trainer does, so ids and byte strings stay one to one.
  std::unordered_map<std::string, int32_t> id_of;
  int32_t added = 0;
  while (added < wanted && !heap.empty()) {
    if (options_.cancel && options_.cancel->load()) break;
    const Entry top = heap.top();
    heap.pop();
    const auto it = counts.find(top.pair);
    const int64_t now = it == counts.end() ? 0 : it->second;
    if (now != top.count) {  // stale: put it back with its true count
      if (now > 0) heap.push({now, top.pair});
      continue;
    }
    if (now < options_.min_count) break;
    const int32_t a = left_of(top.pair), b = right_of(top.pair);
    std::string bytes = tokens[a] + tokens[b];
    int32_t id;
    if (const auto found = id_of.find(bytes); found != id_of.end()) {
      id = found->second;
    } else {
      id = static_cast<int32_t>(tokens.size());
      id_of.emplace(bytes, id);
      tokens.push_back(std::move(bytes));
      ++added;
    }
    merges.emplace_back(a, b);
    history_.push_back({a, b, id, now});

    // Rewrite every word holding (a, b); count the pairs it loses and gains.
    delta.clear();
    std::vector<int32_t> holders = std::move(where[top.pair]);
    where.erase(top.pair);
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    for (int32_t wi : holders) {
      Word& w = words[wi];
      bool has = false;
      for (size_t i = 0; i + 1 < w.syms.size() && !has; ++i) has = w.syms[i] == a && w.syms[i + 1] == b;
      if (!has) continue;
      for (size_t i = 0; i + 1 < w.syms.size(); ++i) delta[key(w.syms[i], w.syms[i + 1])] -= w.count;
      merged.clear();
      for (size_t i = 0; i < w.syms.size(); ++i) {
        if (i + 1 < w.syms.size() && w.syms[i] == a && w.syms[i + 1] == b) {
          merged.push_back(id);
          ++i;
        } else {
          merged.push_back(w.syms[i]);
        }
      }
      w.syms.swap(merged);
      for (size_t i = 0; i + 1 < w.syms.size(); ++i) {
        const uint64_t k = key(w.syms[i], w.syms[i + 1]);
        delta[k] += w.count;
        if (w.syms[i] == id || w.syms[i + 1] == id) where[k].push_back(wi);
      }
    }
    for (const auto& [k, d] : delta) {
      if (d == 0) continue;
      int64_t& c = counts[k];
      c += d;
      if (c > 0) heap.push({c, k});
      else counts.erase(k);
    }
    counts.erase(top.pair);
    if (options_.progress) options_.progress(added, wanted);
  }

  ByteLevelSpec spec;
  spec.name = options_.name;
  spec.tokens = std::move(tokens);
  spec.merges = std::move(merges);
  spec.pattern = options_.pattern;
  for (const std::string& s : options_.specials) {
    const auto sid = static_cast<int32_t>(spec.tokens.size() + spec.specials.size());
    spec.specials.emplace_back(s, sid);
    if (s == "<|endoftext|>") spec.eos = sid;
  }
  return std::make_unique<ByteLevelBpe>(std::move(spec));
}

}  // namespace gb
