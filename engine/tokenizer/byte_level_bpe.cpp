#include "engine/tokenizer/byte_level_bpe.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/bpe_merge.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace patterns {
const char* const kGpt2 = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
const char* const kCl100k =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const char* const kO200k =
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
    R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
    R"(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
}  // namespace patterns

namespace {
uint64_t pair_key(int32_t l, int32_t r) { return uint64_t(uint32_t(l)) << 32 | uint32_t(r); }
}  // namespace

ByteLevelBpe::ByteLevelBpe(ByteLevelSpec spec) : spec_(std::move(spec)) {
  for (size_t id = 0; id < spec_.tokens.size(); ++id)
    if (!spec_.tokens[id].empty()) by_bytes_.insert(spec_.tokens[id], static_cast<int32_t>(id));
  byte_id_.assign(256, -1);
  for (int b = 0; b < 256; ++b) {
    byte_id_[b] = by_bytes_.find(std::string(1, static_cast<char>(b)));
    if (byte_id_[b] < 0) throw Error(spec_.name + ": vocabulary has no token for byte " + std::to_string(b));
  }
  for (size_t r = 0; r < spec_.merges.size(); ++r) {
    const auto [l, rt] = spec_.merges[r];
    const int32_t merged = by_bytes_.find(spec_.tokens.at(l) + spec_.tokens.at(rt));
    if (merged < 0)
      throw Error(spec_.name + ": merge " + std::to_string(r) + " makes a token that is not in the vocabulary");
    pair_rank_.emplace(pair_key(l, rt), std::make_pair(static_cast<uint32_t>(r), merged));
  }
  int64_t top = static_cast<int64_t>(spec_.tokens.size());
  for (const auto& [text, id] : spec_.specials) top = std::max<int64_t>(top, id + 1);
  vocab_size_ = spec_.vocab_size ? spec_.vocab_size : top;
  // Longest special first, so that one special that is a prefix of another never wins.
  std::stable_sort(spec_.specials.begin(), spec_.specials.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  splitter_ = std::make_unique<RegexSplitter>(spec_.pattern);
  if (!spec_.merges.empty()) {
    // A token is a safe shortcut for a piece with the same bytes when BPE on those bytes
    // ends in that one token (a vocabulary may hold tokens no merge sequence reaches).
    whole_ok_.assign(spec_.tokens.size(), false);
    std::vector<bpe::Symbol> syms;
    for (size_t id = 0; id < spec_.tokens.size(); ++id) {
      const std::string& t = spec_.tokens[id];
      if (t.empty()) continue;
      syms.clear();
      for (size_t i = 0; i < t.size(); ++i)
        syms.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), byte_id_[static_cast<uint8_t>(t[i])]});
      merge_with_list(syms);
      whole_ok_[id] = syms.size() == 1 && syms[0].id == static_cast<int32_t>(id);
    }
  }
}

void ByteLevelBpe::merge_with_list(std::vector<bpe::Symbol>& syms) const {
  bpe::merge(syms, [&](const bpe::Symbol& l, const bpe::Symbol& r) {
    const auto it = pair_rank_.find(pair_key(l.id, r.id));
    return it == pair_rank_.end() ? bpe::PairRank{} : bpe::PairRank{it->second.first, it->second.second};
  });
}

template <class Emit>
void ByteLevelBpe::encode_ordinary(std::string_view text, size_t base, Emit&& emit) const {
  std::vector<bpe::Symbol> syms;
  splitter_->split(text, [&](size_t b, size_t e) {
    const std::string_view piece = text.substr(b, e - b);
    // Most pieces are whole tokens: one lookup, no merging. (With a merge list, only tokens
    // that merging their own bytes reaches: see whole_ok_.)
    if (const int32_t whole = by_bytes_.find(piece); whole >= 0 && (spec_.merges.empty() || whole_ok_[whole])) {
      emit(whole, base + b, base + e);
      return;
    }
    syms.clear();
    for (size_t i = 0; i < piece.size(); ++i)
      syms.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), byte_id_[static_cast<uint8_t>(piece[i])]});
    if (spec_.merges.empty()) {
      bpe::merge(syms, [&](const bpe::Symbol& l, const bpe::Symbol& r) {
        const int32_t id = by_bytes_.find(piece.substr(l.begin, r.end - l.begin));
        return id < 0 ? bpe::PairRank{} : bpe::PairRank{static_cast<uint32_t>(id), id};
      });
    } else {
      merge_with_list(syms);
    }
    for (const bpe::Symbol& s : syms) emit(s.id, base + b + s.begin, base + b + s.end);
  });
}

template <class Emit>
void ByteLevelBpe::encode_impl(std::string_view text, bool allow_special, Emit&& emit) const {
  if (!allow_special || spec_.specials.empty()) {
    encode_ordinary(text, 0, emit);
    return;
  }
  size_t pos = 0;
  while (pos < text.size()) {
    // The earliest special token from pos (the longest one where two start together).
    size_t best = std::string_view::npos;
    const std::pair<std::string, int32_t>* which = nullptr;
    for (const auto& sp : spec_.specials) {
      const size_t at = text.find(sp.first, pos);
      if (at < best) best = at, which = &sp;
    }
    const size_t stop = best == std::string_view::npos ? text.size() : best;
    if (stop > pos) encode_ordinary(text.substr(pos, stop - pos), pos, emit);
    if (!which) break;
    emit(which->second, best, best + which->first.size());
    pos = best + which->first.size();
  }
}

std::vector<int32_t> ByteLevelBpe::encode(std::string_view text, bool allow_special) const {
  std::vector<int32_t> ids;
  ids.reserve(text.size() / 3);
  encode_impl(text, allow_special, [&](int32_t id, size_t, size_t) { ids.push_back(id); });
  return ids;
}

std::vector<TokenPiece> ByteLevelBpe::encode_with_offsets(std::string_view text, bool allow_special) const {
  std::vector<TokenPiece> out;
  encode_impl(text, allow_special, [&](int32_t id, size_t b, size_t e) {
    TokenPiece p;
    p.id = id;
    p.bytes = std::string(text.substr(b, e - b));
    p.begin = b;
    p.end = e;
    p.partial_utf8 = utf8::cuts_a_character(text, b, e);
    out.push_back(std::move(p));
  });
  return out;
}

std::string ByteLevelBpe::token_bytes(int32_t id) const {
  if (id >= 0 && static_cast<size_t>(id) < spec_.tokens.size() && !spec_.tokens[id].empty()) return spec_.tokens[id];
  for (const auto& [text, sid] : spec_.specials)
    if (sid == id) return text;
  throw Error(spec_.name + ": token id " + std::to_string(id) + " is not in the vocabulary");
}

std::string ByteLevelBpe::decode(std::span<const int32_t> ids) const {
  std::string out;
  for (int32_t id : ids) {
    if (id >= 0 && static_cast<size_t>(id) < spec_.tokens.size() && !spec_.tokens[id].empty())
      out += spec_.tokens[id];
    else
      out += token_bytes(id);
  }
  return out;
}

std::vector<std::pair<int32_t, int32_t>> ByteLevelBpe::merge_list() const {
  if (!spec_.merges.empty()) return spec_.merges;
  // tiktoken keeps ranks only. A token of rank r was made by the merge that BPE, allowed
  // only ranks below r, ends with on its own bytes: exactly two symbols remain.
  std::vector<std::pair<int32_t, int32_t>> merges;
  std::vector<int32_t> order;
  for (size_t id = 0; id < spec_.tokens.size(); ++id)
    if (spec_.tokens[id].size() >= 2) order.push_back(static_cast<int32_t>(id));
  std::vector<bpe::Symbol> syms;
  for (int32_t id : order) {
    const std::string& t = spec_.tokens[id];
    syms.clear();
    for (size_t i = 0; i < t.size(); ++i)
      syms.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), byte_id_[static_cast<uint8_t>(t[i])]});
    bpe::merge(syms, [&](const bpe::Symbol& l, const bpe::Symbol& r) {
      const int32_t m = by_bytes_.find(std::string_view(t).substr(l.begin, r.end - l.begin));
      return m < 0 || m >= id ? bpe::PairRank{} : bpe::PairRank{static_cast<uint32_t>(m), m};
    });
    if (syms.size() != 2) throw Error(spec_.name + ": token " + std::to_string(id) + " has no merge that makes it");
    merges.emplace_back(syms[0].id, syms[1].id);
  }
  return merges;
}

void ByteLevelBpe::save(const std::filesystem::path& tokenizer_json) const {
  write_file_atomic(tokenizer_json, to_json());
}

std::unique_ptr<ByteLevelBpe> make_bytes_tokenizer() {
  ByteLevelSpec spec;
  spec.name = "bytes";
  for (int b = 0; b < 256; ++b) spec.tokens.emplace_back(1, static_cast<char>(b));
  spec.specials = {{"<|endoftext|>", 256}};
  spec.eos = 256;
  return std::make_unique<ByteLevelBpe>(std::move(spec));
}

}  // namespace gb
