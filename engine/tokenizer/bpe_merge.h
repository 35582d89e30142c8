#pragma once
// The BPE merge loop, shared by every BPE tokenizer here. A piece starts as one symbol per
// byte (or per character); then, again and again, the adjacent pair with the lowest rank is
// merged into one symbol, the leftmost pair winning a tie, until no pair has a rank.
//
// The rank of a pair comes from a functor, so the same loop serves tiktoken-style ranks
// (rank of the concatenated bytes) and merge lists (rank of the pair of ids, HF and GPT-2).
#include <cstdint>
#include <queue>
#include <vector>

namespace gb::bpe {

constexpr uint32_t kNoRank = UINT32_MAX;

// One symbol of a piece being merged: bytes [begin, end) of the piece and its token id.
struct Symbol {
  uint32_t begin = 0;
  uint32_t end = 0;
  int32_t id = -1;
};

struct PairRank {
  uint32_t rank = kNoRank;  // lower merges first
  int32_t id = -1;          // the id of the merged symbol
};

// rank(left, right) -> PairRank. Merges syms in place; on return syms holds the result.
// Short pieces (the usual case) use a plain scan, long ones (a run of 10,000 spaces) a heap,
// so the cost stays O(n log n); both give the same merges.
template <class RankFn>
void merge(std::vector<Symbol>& syms, RankFn&& rank) {
  const size_t n = syms.size();
  if (n < 2) return;
  if (n <= 64) {
    // ranks[i] is the rank of the pair (syms[i], syms[i+1]).
    std::vector<PairRank> ranks(n - 1);
    for (size_t i = 0; i + 1 < n; ++i) ranks[i] = rank(syms[i], syms[i + 1]);
    while (syms.size() > 1) {
      size_t best = 0;
      uint32_t best_rank = kNoRank;
      for (size_t i = 0; i < ranks.size(); ++i)
        if (ranks[i].rank < best_rank) best_rank = ranks[i].rank, best = i;
      if (best_rank == kNoRank) break;
      syms[best].end = syms[best + 1].end;
      syms[best].id = ranks[best].id;
      syms.erase(syms.begin() + static_cast<std::ptrdiff_t>(best) + 1);
      ranks.erase(ranks.begin() + static_cast<std::ptrdiff_t>(best));
      if (best > 0) ranks[best - 1] = rank(syms[best - 1], syms[best]);
      if (best < ranks.size()) ranks[best] = rank(syms[best], syms[best + 1]);
    }
    return;
  }
  // A doubly linked list of symbols and a heap of candidate pairs. A heap entry goes stale
  // when either of its symbols changes; `stamp` tells (each merge bumps the left symbol's).
  std::vector<int32_t> prev(n), next(n);
  std::vector<uint32_t> stamp(n, 0);
  std::vector<bool> alive(n, true);
  for (size_t i = 0; i < n; ++i) {
    prev[i] = static_cast<int32_t>(i) - 1;
    next[i] = i + 1 < n ? static_cast<int32_t>(i + 1) : -1;
  }
  struct Cand {
    uint32_t rank;
    uint32_t begin;  // tie-break: leftmost
    int32_t left, right;
    uint32_t left_stamp, right_stamp;
    int32_t id;
    bool operator>(const Cand& o) const { return rank != o.rank ? rank > o.rank : begin > o.begin; }
  };
  std::priority_queue<Cand, std::vector<Cand>, std::greater<Cand>> heap;
  const auto push = [&](int32_t l, int32_t r) {
    if (l < 0 || r < 0) return;
    const PairRank pr = rank(syms[l], syms[r]);
    if (pr.rank != kNoRank) heap.push({pr.rank, syms[l].begin, l, r, stamp[l], stamp[r], pr.id});
  };
  for (size_t i = 0; i + 1 < n; ++i) push(static_cast<int32_t>(i), static_cast<int32_t>(i + 1));
  while (!heap.empty()) {
    const Cand c = heap.top();
    heap.pop();
    if (!alive[c.left] || !alive[c.right] || next[c.left] != c.right || stamp[c.left] != c.left_stamp ||
        stamp[c.right] != c.right_stamp)
      continue;
    syms[c.left].end = syms[c.right].end;
    syms[c.left].id = c.id;
    ++stamp[c.left];
    alive[c.right] = false;
    next[c.left] = next[c.right];
    if (next[c.right] >= 0) prev[next[c.right]] = c.left;
    push(prev[c.left], c.left);
    push(c.left, next[c.left]);
  }
  size_t k = 0;
  for (int32_t i = 0; i >= 0; i = next[i]) syms[k++] = syms[i];
  syms.resize(k);
}

}  // namespace gb::bpe
