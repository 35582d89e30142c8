// The Mistral 7B vocabulary from mistral-tokenizer-js. The package's single .js file holds
//   vocab_base64:   base64 of the 32,000 token strings, one per line, line number = id
//   merges_binary:  base64 of little-endian uint16 token ids, two per merge, in priority order
// Read here into the tokenizer.json that Llama 2 / Mistral use on the Hub: "▁" for spaces
// and a "▁" in front (SentencePiece's dummy prefix), BPE with byte fallback (<0x0A> …), and
// <s> in front of every encoded text.
#include <nlohmann/json.hpp>

#include "engine/io/atomic_file.h"
#include "engine/tokenizer/base64.h"
#include "engine/tokenizer/hf_pipeline.h"
#include "engine/tokenizer/hf_tokenizer.h"

namespace gb {

namespace {

// The contents of `const NAME = "…"` in the JS source.
std::string js_string(const std::filesystem::path& path, const std::string& js, const std::string& name) {
  const std::string head = "const " + name + " = \"";
  const size_t b = js.find(head);
  if (b == std::string::npos) throw Error(path.string() + ": no " + name + " (not mistral-tokenizer-js?)");
  const size_t e = js.find('"', b + head.size());
  if (e == std::string::npos) throw Error(path.string() + ": " + name + " is cut off");
  std::string out;
  if (!base64_decode(std::string_view(js).substr(b + head.size(), e - b - head.size()), out))
    throw Error(path.string() + ": " + name + " is not base64");
  return out;
}

}  // namespace

std::unique_ptr<Tokenizer> load_mistral_js(const std::filesystem::path& js_file) {
  using nlohmann::json;
  const std::string js = read_file(js_file);
  const std::string vocab_text = js_string(js_file, js, "vocab_base64");
  const std::string merges_bin = js_string(js_file, js, "merges_binary");
  std::vector<std::string> tokens;
  for (size_t pos = 0; pos <= vocab_text.size();) {
    size_t nl = vocab_text.find('\n', pos);
    if (nl == std::string::npos) nl = vocab_text.size();
    tokens.push_back(vocab_text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (tokens.size() != 32000) throw Error(js_file.string() + ": expected 32000 tokens, found " + std::to_string(tokens.size()));
  if (merges_bin.size() % 4) throw Error(js_file.string() + ": merges_binary is cut off");
  json vocab = json::object();
  for (size_t id = 0; id < tokens.size(); ++id) vocab[tokens[id]] = id;
  json merges = json::array();
  const auto u16 = [&](size_t i) {
    return static_cast<size_t>(static_cast<uint8_t>(merges_bin[i])) | static_cast<size_t>(static_cast<uint8_t>(merges_bin[i + 1])) << 8;
  };
  for (size_t i = 0; i < merges_bin.size(); i += 4) {
    const size_t l = u16(i), r = u16(i + 2);
    if (l >= tokens.size() || r >= tokens.size()) throw Error(js_file.string() + ": merge names a token id out of range");
    merges.push_back(json::array({tokens[l], tokens[r]}));
  }
  const auto special = [&](int id, const char* s) {
    return json{{"id", id}, {"content", s}, {"single_word", false}, {"lstrip", false},
                {"rstrip", false}, {"normalized", false}, {"special", true}};
  };
  const std::string meta = "\xE2\x96\x81";
  json doc = {
      {"version", "1.0"},
      {"truncation", nullptr},
      {"padding", nullptr},
      {"added_tokens", json::array({special(0, "<unk>"), special(1, "<s>"), special(2, "</s>")})},
      {"normalizer", {{"type", "Sequence"},
                      {"normalizers", json::array({json{{"type", "Prepend"}, {"prepend", meta}},
                                                   json{{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", meta}}})}}},
      {"pre_tokenizer", nullptr},
      {"post_processor",
       {{"type", "TemplateProcessing"},
        {"single", json::array({json{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}}, json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
        {"pair", json::array({json{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}}, json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                              json{{"SpecialToken", {{"id", "<s>"}, {"type_id", 1}}}}, json{{"Sequence", {{"id", "B"}, {"type_id", 1}}}}})},
        {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {1}}, {"tokens", {"<s>"}}}}}}}},
      {"decoder", {{"type", "Sequence"},
                   {"decoders", json::array({json{{"type", "Replace"}, {"pattern", {{"String", meta}}}, {"content", " "}},
                                             json{{"type", "ByteFallback"}}, json{{"type", "Fuse"}},
                                             json{{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}})}}},
      {"model", {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", "<unk>"}, {"continuing_subword_prefix", nullptr},
                 {"end_of_word_suffix", nullptr}, {"fuse_unk", true}, {"byte_fallback", true}, {"ignore_merges", false},
                 {"vocab", vocab}, {"merges", merges}}}};
  return load_hf_pipeline(hf::JsonFile{js_file, doc}, "mistral");
}

}  // namespace gb
