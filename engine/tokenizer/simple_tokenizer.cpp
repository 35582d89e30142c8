#include "engine/tokenizer/simple_tokenizer.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb {

const char* const SimpleTokenizer::kSplitPattern = R"([,.:;?_!"()']|--|\s+)";

namespace {
const char* const kUnk = "<|unk|>";
const char* const kEot = "<|endoftext|>";
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

SimpleTokenizer::SimpleTokenizer(std::vector<std::string> vocab, int version)
    : version_(version), vocab_(std::move(vocab)), splitter_(std::make_unique<RegexSplitter>(kSplitPattern)) {
  if (version != 1 && version != 2) throw UsageError("SimpleTokenizer version must be 1 or 2");
  for (size_t i = 0; i < vocab_.size(); ++i) ids_.emplace(vocab_[i], static_cast<int32_t>(i));
}

std::unique_ptr<SimpleTokenizer> SimpleTokenizer::from_corpus(std::string_view corpus, int version) {
  RegexSplitter splitter(kSplitPattern);
  std::set<std::string> words;
  splitter.split(corpus, [&](size_t b, size_t e) {
    if (!is_space(corpus[b])) words.emplace(corpus.substr(b, e - b));
  });
  std::vector<std::string> vocab(words.begin(), words.end());
  if (version == 2) {
    vocab.emplace_back(kEot);
    vocab.emplace_back(kUnk);
  }
  return std::make_unique<SimpleTokenizer>(std::move(vocab), version);
}

std::vector<std::string> SimpleTokenizer::split(std::string_view text) const {
  std::vector<std::string> out;
  for (const auto& p : encode_with_offsets(text)) out.emplace_back(text.substr(p.begin, p.end - p.begin));
  return out;
}

std::vector<TokenPiece> SimpleTokenizer::encode_with_offsets(std::string_view text, bool) const {
  std::vector<TokenPiece> out;
  splitter_->split(text, [&](size_t b, size_t e) {
    if (is_space(text[b])) return;
    const std::string word(text.substr(b, e - b));
    auto it = ids_.find(word);
    if (it == ids_.end()) {
      if (version_ == 1) throw Error("simple-v1: '" + word + "' is not in the vocabulary");
      it = ids_.find(kUnk);
    }
    out.push_back({it->second, word, b, e, false});
  });
  return out;
}

std::vector<int32_t> SimpleTokenizer::encode(std::string_view text, bool allow_special) const {
  std::vector<int32_t> ids;
  for (const auto& p : encode_with_offsets(text, allow_special)) ids.push_back(p.id);
  return ids;
}

std::string SimpleTokenizer::token_bytes(int32_t id) const {
  if (id < 0 || static_cast<size_t>(id) >= vocab_.size())
    throw Error(name() + ": token id " + std::to_string(id) + " is not in the vocabulary");
  return vocab_[id];
}

std::string SimpleTokenizer::decode(std::span<const int32_t> ids) const {
  std::string out;
  for (int32_t id : ids) {
    const std::string w = token_bytes(id);
    // No space before , . ? ! " ( ) ' (the book's re.sub(r'\s+([,.?!"()\'])', r'\1', text)).
    const bool glue = w.size() == 1 && std::string_view(",.?!\"()'").find(w[0]) != std::string_view::npos;
    if (!out.empty() && !glue) out += ' ';
    out += w;
  }
  return out;
}

std::optional<int32_t> SimpleTokenizer::eos_id() const {
  const auto it = ids_.find(kEot);
  return it == ids_.end() ? std::nullopt : std::optional<int32_t>(it->second);
}

void SimpleTokenizer::save(const std::filesystem::path& tokenizer_json) const {
  using nlohmann::json;
  json vocab = json::object();
  for (size_t i = 0; i < vocab_.size(); ++i) vocab[vocab_[i]] = i;
  json added = json::array();
  if (eos_id()) added.push_back({{"id", *eos_id()}, {"content", kEot}, {"special", true}, {"normalized", false}});
  json model = {{"type", "WordLevel"}, {"vocab", vocab}, {"unk_token", version_ == 2 ? json(kUnk) : json()}};
  json doc = {{"version", "1.0"},
              {"added_tokens", added},
              {"normalizer", nullptr},
              {"pre_tokenizer",
               {{"type", "Sequence"},
                {"pretokenizers", json::array({json{{"type", "WhitespaceSplit"}},
                                               json{{"type", "Split"}, {"pattern", {{"Regex", R"([,.:;?_!"()']|--)"}}},
                                                    {"behavior", "Isolated"}, {"invert", false}}})}}},
              {"post_processor", nullptr},
              {"decoder", {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}}},
              {"model", model}};
  write_file_atomic(tokenizer_json, doc.dump(1) + "\n");
}

}  // namespace gb
