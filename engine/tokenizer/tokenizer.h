#pragma once
// The tokenizer interface every tokenizer implements, and the registry that finds one by
// name ("gpt2", "cl100k_base", …) or by path (a tokenizer.json, or a model directory).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

// One token of an encoded text, as a view shows it.
struct TokenPiece {
  int32_t id = 0;
  std::string bytes;         // the token's bytes (may be part of a UTF-8 character)
  size_t begin = 0;          // byte range [begin, end) in the input text
  size_t end = 0;
  bool partial_utf8 = false; // holds only part of a multi-byte character
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  virtual std::string name() const = 0;
  virtual int64_t vocab_size() const = 0;

  // Encodes text. Special-token text (e.g. "<|endoftext|>") is encoded as ordinary text
  // unless allow_special is true, as tiktoken does with disallowed_special=().
  virtual std::vector<int32_t> encode(std::string_view text, bool allow_special = false) const = 0;
  virtual std::string decode(std::span<const int32_t> ids) const = 0;
  virtual std::vector<TokenPiece> encode_with_offsets(std::string_view text, bool allow_special = false) const = 0;

  // The bytes of one token (for views and for streaming decode).
  virtual std::string token_bytes(int32_t id) const = 0;
  // The end-of-text token, if this vocabulary has one.
  virtual std::optional<int32_t> eos_id() const = 0;

  // Writes a Hugging Face tokenizer.json (atomically) that loads back to the same tokenizer.
  virtual void save(const std::filesystem::path& tokenizer_json) const = 0;
};

// "gpt2", "cl100k_base", "o200k_base", "bert-base-uncased", "bytes", "mistral", "qwen3", a
// path to a tokenizer.json, or a model directory holding one. Throws gb::Error naming the
// problem. (SimpleTokenizer and BpeTrainer make tokenizers from a corpus instead.)
std::unique_ptr<Tokenizer> load_tokenizer(const std::string& name_or_path);

}  // namespace gb
