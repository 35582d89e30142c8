#pragma once
// Byte-level BPE: GPT-2, GPT-4 (cl100k_base), GPT-4o (o200k_base), the "bytes" tokenizer,
// and every tokenizer the BpeTrainer makes.
//
//   text ──regex──▶ pieces ("Hello", " world") ──bytes──▶ one symbol per byte ──merges──▶ ids
//
// Every byte has a token of its own, so any input (even ill-formed UTF-8) encodes, and
// decode(encode(x)) == x byte for byte.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/tokenizer/bpe_merge.h"
#include "engine/tokenizer/byte_map.h"
#include "engine/tokenizer/regex_split.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

// The pre-tokenizer patterns of the originals.
namespace patterns {
// GPT-2 (encoder.py), also r50k/p50k: contractions, letters, numbers, other, whitespace.
extern const char* const kGpt2;
// cl100k_base (tiktoken): case-insensitive contractions, numbers in groups of up to three.
extern const char* const kCl100k;
// o200k_base (tiktoken): case-aware words with attached contractions.
extern const char* const kO200k;
}  // namespace patterns

// Everything a byte-level BPE tokenizer is made of.
struct ByteLevelSpec {
  std::string name;
  // tokens[id] = the bytes of token id; ids without a token (gaps) hold an empty string.
  std::vector<std::string> tokens;
  // Merges as (left id, right id), in priority order. Empty: tiktoken style, where the rank
  // of a pair is the id of the concatenated bytes (lower merges first).
  std::vector<std::pair<int32_t, int32_t>> merges;
  std::string pattern = patterns::kGpt2;
  std::vector<std::pair<std::string, int32_t>> specials;  // special-token text → id
  std::optional<int32_t> eos;
  int64_t vocab_size = 0;  // 0: tokens.size() and the specials
};

class ByteLevelBpe : public Tokenizer {
 public:
  explicit ByteLevelBpe(ByteLevelSpec spec);

  std::string name() const override { return spec_.name; }
  int64_t vocab_size() const override { return vocab_size_; }
  std::vector<int32_t> encode(std::string_view text, bool allow_special = false) const override;
  std::string decode(std::span<const int32_t> ids) const override;
  std::vector<TokenPiece> encode_with_offsets(std::string_view text, bool allow_special = false) const override;
  std::string token_bytes(int32_t id) const override;
  std::optional<int32_t> eos_id() const override { return spec_.eos; }
  void save(const std::filesystem::path& tokenizer_json) const override;

  const ByteLevelSpec& spec() const { return spec_; }
  // The tokenizer.json text that save() writes.
  std::string to_json() const;
  // The merges in priority order (derived from the ranks for tiktoken-style vocabularies).
  std::vector<std::pair<int32_t, int32_t>> merge_list() const;
  // The id of a token's bytes, or -1.
  int32_t find(std::string_view bytes) const { return by_bytes_.find(bytes); }

 private:
  // Calls emit(id, begin, end) for each token of text, offsets relative to text.
  template <class Emit>
  void encode_impl(std::string_view text, bool allow_special, Emit&& emit) const;
  template <class Emit>
  void encode_ordinary(std::string_view text, size_t base, Emit&& emit) const;

  void merge_with_list(std::vector<bpe::Symbol>& syms) const;

  ByteLevelSpec spec_;
  int64_t vocab_size_ = 0;
  ByteMap by_bytes_;                                   // mergeable token bytes → id
  std::unordered_map<uint64_t, std::pair<uint32_t, int32_t>> pair_rank_;  // (l<<32|r) → (rank, id)
  std::vector<int32_t> byte_id_;                       // byte value → id of its one-byte token
  std::vector<bool> whole_ok_;                         // merge lists: BPE of token id's bytes is id
  std::unique_ptr<RegexSplitter> splitter_;
};

// Builders for the shipped vocabularies (files from the npm data packages).
// GPT-2: encoder.json (printable token → id) and vocab.bpe (merges).
std::unique_ptr<ByteLevelBpe> load_gpt2(const std::filesystem::path& encoder_json,
                                       const std::filesystem::path& vocab_bpe);
// tiktoken: a .tiktoken rank file ("base64 rank" per line) plus the encoding's pattern and
// special tokens.
std::unique_ptr<ByteLevelBpe> load_tiktoken(const std::string& name, const std::filesystem::path& ranks,
                                           const std::string& pattern,
                                           std::vector<std::pair<std::string, int32_t>> specials,
                                           int64_t vocab_size);
// 256 byte tokens (id = byte value) and <|endoftext|> = 256; no merges.
std::unique_ptr<ByteLevelBpe> make_bytes_tokenizer();

}  // namespace gb
