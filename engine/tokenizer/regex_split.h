#pragma once
// The pre-tokenizer of GPT-style tokenizers: a regular expression cuts text into pieces
// ("Hello", " world", "!") and BPE then runs inside each piece only. PCRE2 with its JIT,
// Unicode properties (\p{L}, \p{N}) and look-ahead, exactly the patterns the originals use.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace gb {

class RegexSplitter {
 public:
  // Throws gb::Error naming the pattern if PCRE2 rejects it.
  explicit RegexSplitter(const std::string& pattern);
  ~RegexSplitter();
  RegexSplitter(const RegexSplitter&) = delete;
  RegexSplitter& operator=(const RegexSplitter&) = delete;

  const std::string& pattern() const { return pattern_; }

  // Calls piece(begin, end) for consecutive byte ranges covering all of text, in order:
  // every match, and every stretch between matches (ill-formed UTF-8 never matches, so such
  // bytes come out as pieces of their own rather than being lost). Thread-safe.
  void split(std::string_view text, const std::function<void(size_t, size_t)>& piece) const;

 private:
  std::string pattern_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb
