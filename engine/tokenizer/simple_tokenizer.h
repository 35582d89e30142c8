#pragma once
// SimpleTokenizer: the first tokenizer of "Build a Large Language Model (From Scratch)",
// chapter 2. Words and punctuation marks, cut by one regular expression, numbered in sorted
// order. Version 1 knows only the words of its corpus (anything else is an error);
// version 2 adds <|endoftext|> and <|unk|> (id of every unknown word) at the end.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/tokenizer/regex_split.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

class SimpleTokenizer : public Tokenizer {
 public:
  // The book's splitter: punctuation, "--" and whitespace are cut out; whitespace dropped.
  static const char* const kSplitPattern;

  // Builds the vocabulary from a corpus: its distinct words, sorted (byte order).
  static std::unique_ptr<SimpleTokenizer> from_corpus(std::string_view corpus, int version = 2);
  SimpleTokenizer(std::vector<std::string> vocab, int version);

  // The words of text, as encode sees them.
  std::vector<std::string> split(std::string_view text) const;

  std::string name() const override { return "simple-v" + std::to_string(version_); }
  int64_t vocab_size() const override { return static_cast<int64_t>(vocab_.size()); }
  // Version 1 throws gb::Error for a word not in the vocabulary.
  std::vector<int32_t> encode(std::string_view text, bool allow_special = false) const override;
  // Words joined by spaces, then no space before punctuation (as the book's decode does).
  std::string decode(std::span<const int32_t> ids) const override;
  std::vector<TokenPiece> encode_with_offsets(std::string_view text, bool allow_special = false) const override;
  std::string token_bytes(int32_t id) const override;
  std::optional<int32_t> eos_id() const override;
  // A WordLevel tokenizer.json (same ids on load; decode there follows BERT's cleanup).
  void save(const std::filesystem::path& tokenizer_json) const override;

 private:
  int version_;
  std::vector<std::string> vocab_;
  std::unordered_map<std::string, int32_t> ids_;
  std::unique_ptr<RegexSplitter> splitter_;
};

}  // namespace gb
