// Reading byte-level BPE vocabularies from their original files (GPT-2's encoder.json +
// vocab.bpe, tiktoken's .tiktoken ranks) and writing them as a Hugging Face tokenizer.json.
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/byte_level_bpe.h"
#include "engine/tokenizer/base64.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

std::unique_ptr<ByteLevelBpe> load_gpt2(const std::filesystem::path& encoder_json,
                                       const std::filesystem::path& vocab_bpe) {
  const std::string enc_text = read_file(encoder_json);
  nlohmann::json enc;
  try {
    enc = nlohmann::json::parse(enc_text);
  } catch (const std::exception& e) {
    throw Error(encoder_json.string() + ": not valid JSON (" + e.what() + ")");
  }
  if (!enc.is_object()) throw Error(encoder_json.string() + ": expected an object of token → id");
  ByteLevelSpec spec;
  spec.name = "gpt2";
  spec.specials = {{"<|endoftext|>", 50256}};
  spec.eos = 50256;
  std::string bytes;
  for (const auto& [key, value] : enc.items()) {
    if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > 10'000'000)
      throw Error(encoder_json.string() + ": token '" + key + "' has no valid id");
    const auto id = value.get<int32_t>();
    if (key == "<|endoftext|>") continue;  // a special token, never reached by merging
    if (!utf8::printable_to_bytes(key, bytes))
      throw Error(encoder_json.string() + ": token '" + key + "' is not in GPT-2's byte alphabet");
    if (spec.tokens.size() <= static_cast<size_t>(id)) spec.tokens.resize(id + 1);
    spec.tokens[id] = bytes;
  }
  ByteMap ids;
  for (size_t id = 0; id < spec.tokens.size(); ++id) ids.insert(spec.tokens[id], static_cast<int32_t>(id));
  // vocab.bpe: a "#version" line, then one merge per line: "left right" in printable form.
  const std::string merges_text = read_file(vocab_bpe);
  size_t pos = 0, line_no = 0;
  std::string lb, rb;
  while (pos < merges_text.size()) {
    size_t nl = merges_text.find('\n', pos);
    if (nl == std::string::npos) nl = merges_text.size();
    const std::string_view line(merges_text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.starts_with("#version")) continue;
    const size_t sp = line.find(' ');
    if (sp == std::string_view::npos || !utf8::printable_to_bytes(line.substr(0, sp), lb) ||
        !utf8::printable_to_bytes(line.substr(sp + 1), rb))
      throw Error(vocab_bpe.string() + ": line " + std::to_string(line_no) + " is not a merge");
    const int32_t l = ids.find(lb), r = ids.find(rb);
    if (l < 0 || r < 0)
      throw Error(vocab_bpe.string() + ": line " + std::to_string(line_no) + " merges a token not in encoder.json");
    spec.merges.emplace_back(l, r);
  }
  if (spec.merges.empty()) throw Error(vocab_bpe.string() + ": no merges");
  return std::make_unique<ByteLevelBpe>(std::move(spec));
}

std::unique_ptr<ByteLevelBpe> load_tiktoken(const std::string& name, const std::filesystem::path& ranks,
                                           const std::string& pattern,
                                           std::vector<std::pair<std::string, int32_t>> specials,
                                           int64_t vocab_size) {
  const std::string text = read_file(ranks);
  ByteLevelSpec spec;
  spec.name = name;
  spec.pattern = pattern;
  spec.specials = std::move(specials);
  for (const auto& [t, id] : spec.specials)
    if (t == "<|endoftext|>") spec.eos = id;
  spec.vocab_size = vocab_size;
  size_t pos = 0, line_no = 0;
  std::string bytes;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    const size_t sp = line.find(' ');
    int64_t rank = -1;
    if (sp != std::string_view::npos && sp + 1 < line.size()) {
      rank = 0;
      for (char c : line.substr(sp + 1)) {
        if (c < '0' || c > '9' || rank > 100'000'000) {
          rank = -1;
          break;
        }
        rank = rank * 10 + (c - '0');
      }
    }
    if (rank < 0 || !base64_decode(line.substr(0, sp), bytes) || bytes.empty())
      throw Error(ranks.string() + ": line " + std::to_string(line_no) + " is not \"base64 rank\"");
    if (spec.tokens.size() <= static_cast<size_t>(rank)) spec.tokens.resize(rank + 1);
    spec.tokens[rank] = bytes;
  }
  if (spec.tokens.size() < 256) throw Error(ranks.string() + ": truncated (fewer than 256 ranks)");
  return std::make_unique<ByteLevelBpe>(std::move(spec));
}

std::string ByteLevelBpe::to_json() const {
  using ojson = nlohmann::ordered_json;
  ojson j;
  j["version"] = "1.0";
  j["truncation"] = nullptr;
  j["padding"] = nullptr;
  ojson added = ojson::array();
  std::vector<std::pair<std::string, int32_t>> specials = spec_.specials;
  std::sort(specials.begin(), specials.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& [text, id] : specials)
    added.push_back({{"id", id}, {"content", text}, {"single_word", false}, {"lstrip", false},
                     {"rstrip", false}, {"normalized", false}, {"special", true}});
  j["added_tokens"] = added;
  j["normalizer"] = nullptr;
  const ojson byte_level = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
  if (spec_.pattern == patterns::kGpt2) {
    j["pre_tokenizer"] = byte_level;
  } else {
    ojson split = {{"type", "Split"}, {"pattern", {{"Regex", spec_.pattern}}}, {"behavior", "Isolated"}, {"invert", false}};
    ojson bl = byte_level;
    bl["use_regex"] = false;
    j["pre_tokenizer"] = {{"type", "Sequence"}, {"pretokenizers", ojson::array({split, bl})}};
  }
  j["post_processor"] = nullptr;
  j["decoder"] = byte_level;
  ojson vocab = ojson::object();
  for (size_t id = 0; id < spec_.tokens.size(); ++id)
    if (!spec_.tokens[id].empty()) vocab[utf8::bytes_to_printable(spec_.tokens[id])] = id;
  for (const auto& [text, id] : specials) vocab[text] = id;
  ojson merges = ojson::array();
  for (const auto& [l, r] : merge_list())
    merges.push_back(utf8::bytes_to_printable(spec_.tokens[l]) + " " + utf8::bytes_to_printable(spec_.tokens[r]));
  j["model"] = {{"type", "BPE"},          {"dropout", nullptr},          {"unk_token", nullptr},
                {"continuing_subword_prefix", nullptr}, {"end_of_word_suffix", nullptr}, {"fuse_unk", false},
                {"byte_fallback", false}, {"ignore_merges", false},      {"vocab", vocab},
                {"merges", merges}};
  return j.dump(1) + "\n";
}

}  // namespace gb
