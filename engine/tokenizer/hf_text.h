#pragma once
// Text as it moves through a Hugging Face pipeline, remembering where each byte came from,
// and the normalizers and pre-tokenizers that change and cut it.
//
//   input bytes ──Aligned::from_input──▶ text (valid UTF-8) + origin of every byte
//   ──normalizers──▶ "hello world" ──pre-tokenizers──▶ ["hello", "world"] ──model──▶ ids
//
// begin[i], end[i]: the byte range of the input that text[i] was made from (a byte that a
// normalizer inserted, like a prepended "▁", has an empty range at its place).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/tokenizer/hf_json_util.h"

namespace gb::hf {

struct Aligned {
  std::string text;
  std::vector<uint32_t> begin, end;

  // The input with ill-formed UTF-8 replaced by U+FFFD (as the originals read text).
  static Aligned from_input(std::string_view input);
  void append(std::string_view bytes, uint32_t b, uint32_t e);
  Aligned slice(size_t b, size_t e) const;
  // Original byte range of text[b, e).
  uint32_t origin_begin(size_t b) const { return b < begin.size() ? begin[b] : (end.empty() ? 0 : end.back()); }
  uint32_t origin_end(size_t e) const { return e == 0 ? origin_begin(0) : end[e - 1]; }
};

// Calls fn(code point, byte offset, byte length) for each character of valid UTF-8 text.
void for_each_char(std::string_view text, const std::function<void(char32_t, size_t, size_t)>& fn);

bool is_white_space(char32_t c);      // Unicode White_Space
bool is_bert_punctuation(char32_t c);  // ASCII punctuation or a Unicode P* character
bool is_cjk_ideograph(char32_t c);     // the ranges BERT pads with spaces

using Normalizer = std::function<Aligned(const Aligned&)>;
using PreTokenizer = std::function<void(const Aligned&, std::vector<Aligned>&)>;

// Builders from tokenizer.json components; unsupported types fail naming the component.
Normalizer make_normalizer(const JsonFile& f, const nlohmann::json& j);
PreTokenizer make_pre_tokenizer(const JsonFile& f, const nlohmann::json& j);

}  // namespace gb::hf
