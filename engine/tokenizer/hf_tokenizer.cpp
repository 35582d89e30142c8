// tokenizer.json → a Tokenizer. Byte-level BPE (GPT-2, and what BpeTrainer saves) goes to
// the fast ByteLevelBpe; everything else to the general pipeline in hf_pipeline.cpp.
#include "engine/tokenizer/hf_tokenizer.h"

#include "engine/io/atomic_file.h"
#include "engine/tokenizer/byte_level_bpe.h"
#include "engine/tokenizer/hf_json_util.h"
#include "engine/tokenizer/hf_pipeline.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace hf {

JsonFile read_json_file(const std::filesystem::path& path) {
  JsonFile f{path, {}};
  const std::string text = read_file(path);
  try {
    f.root = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    std::string what = e.what();
    f.fail("not valid JSON (" + what.substr(0, 200) + ")");
  }
  if (!f.root.is_object()) f.fail("not a JSON object");
  return f;
}

std::vector<std::pair<std::string, std::string>> read_merges(const JsonFile& f, const nlohmann::json& model) {
  std::vector<std::pair<std::string, std::string>> merges;
  if (!model.contains("merges")) return merges;
  const auto& m = model["merges"];
  if (!m.is_array()) f.fail("model.merges is not a list");
  merges.reserve(m.size());
  for (size_t i = 0; i < m.size(); ++i) {
    const auto& e = m[i];
    if (e.is_string()) {
      // Old form "left right": no token of a space-splitting vocabulary contains a space.
      const std::string s = e.get<std::string>();
      const size_t sp = s.find(' ', 1);
      if (sp == std::string::npos) f.fail("merge " + std::to_string(i) + " is not \"left right\"");
      merges.emplace_back(s.substr(0, sp), s.substr(sp + 1));
    } else if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string()) {
      merges.emplace_back(e[0].get<std::string>(), e[1].get<std::string>());
    } else {
      f.fail("merge " + std::to_string(i) + " is neither \"left right\" nor [left, right]");
    }
  }
  return merges;
}

std::vector<AddedToken> read_added_tokens(const JsonFile& f) {
  std::vector<AddedToken> out;
  if (!f.root.contains("added_tokens") || f.root["added_tokens"].is_null()) return out;
  const auto& a = f.root["added_tokens"];
  if (!a.is_array()) f.fail("added_tokens is not a list");
  for (const auto& t : a) {
    if (!t.is_object() || !t.contains("id") || !t.contains("content") || !t["id"].is_number_integer() ||
        !t["content"].is_string())
      f.fail("an added token has no id or content");
    for (const char* k : {"lstrip", "rstrip", "single_word"})
      if (f.flag(t, k, false))
        f.fail("added token '" + t["content"].get<std::string>() + "' with " + k + "=true is not supported");
    out.push_back({t["content"].get<std::string>(), t["id"].get<int32_t>(), f.flag(t, "special", false)});
  }
  return out;
}

}  // namespace hf

namespace {

using nlohmann::json;

bool is_null(const json& j, const char* key) { return !j.contains(key) || j[key].is_null(); }

// The regex of a byte-level pre-tokenizer, or "" if this is not byte-level BPE as
// ByteLevelBpe runs it: [ByteLevel(use_regex)] or [Split(Regex, Isolated), ByteLevel].
std::string byte_level_pattern(const hf::JsonFile& f) {
  const json& root = f.root;
  if (!is_null(root, "normalizer") || is_null(root, "pre_tokenizer")) return "";
  if (!is_null(root, "decoder") && f.type_of(root["decoder"], "decoder") != "ByteLevel") return "";
  if (!is_null(root, "post_processor") && f.type_of(root["post_processor"], "post_processor") != "ByteLevel") return "";
  const json& pre = root["pre_tokenizer"];
  // add_prefix_space (RoBERTa-style) is left to the general pipeline.
  const auto byte_level_ok = [&](const json& bl) { return !f.flag(bl, "add_prefix_space", false); };
  const std::string type = f.type_of(pre, "pre_tokenizer");
  if (type == "ByteLevel") return byte_level_ok(pre) && f.flag(pre, "use_regex", true) ? patterns::kGpt2 : "";
  if (type != "Sequence" || !pre.contains("pretokenizers") || pre["pretokenizers"].size() != 2) return "";
  const json& split = pre["pretokenizers"][0];
  const json& bl = pre["pretokenizers"][1];
  if (f.type_of(split, "pre_tokenizer") != "Split" || f.type_of(bl, "pre_tokenizer") != "ByteLevel") return "";
  if (f.flag(bl, "use_regex", true) || !byte_level_ok(bl)) return "";
  if (!split.contains("pattern") || !split["pattern"].contains("Regex") ||
      split.value("behavior", std::string()) != "Isolated" || f.flag(split, "invert", false))
    return "";
  return split["pattern"]["Regex"].get<std::string>();
}

std::unique_ptr<Tokenizer> load_byte_level(const hf::JsonFile& f, const std::string& pattern, const std::string& name) {
  const json& model = f.root["model"];
  if (!model.contains("vocab") || !model["vocab"].is_object()) f.fail("model.vocab is not an object");
  if (f.flag(model, "byte_fallback", false)) f.fail("model BPE: byte_fallback with a ByteLevel pre-tokenizer");
  ByteLevelSpec spec;
  spec.name = name.empty() ? f.path.string() : name;
  spec.pattern = pattern;
  for (const auto& t : hf::read_added_tokens(f)) {
    spec.specials.emplace_back(t.content, t.id);
    if (t.content == "<|endoftext|>" || t.content == "</s>" || t.content == "<|end_of_text|>") spec.eos = t.id;
  }
  std::string bytes;
  ByteMap ids;
  for (const auto& [key, value] : model["vocab"].items()) {
    if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > 10'000'000)
      f.fail("model.vocab: token '" + key + "' has no valid id");
    const auto id = value.get<int32_t>();
    bool special = false;
    for (const auto& [text, sid] : spec.specials) special |= sid == id;
    if (special) continue;
    if (!utf8::printable_to_bytes(key, bytes)) f.fail("model.vocab: token '" + key + "' is not in the byte alphabet");
    if (spec.tokens.size() <= static_cast<size_t>(id)) spec.tokens.resize(id + 1);
    spec.tokens[id] = bytes;
    ids.insert(bytes, id);
  }
  std::string lb, rb;
  const auto merges = hf::read_merges(f, model);
  for (size_t i = 0; i < merges.size(); ++i) {
    const int32_t l = utf8::printable_to_bytes(merges[i].first, lb) ? ids.find(lb) : -1;
    const int32_t r = utf8::printable_to_bytes(merges[i].second, rb) ? ids.find(rb) : -1;
    if (l < 0 || r < 0) f.fail("merge " + std::to_string(i) + " names a token that is not in model.vocab");
    spec.merges.emplace_back(l, r);
  }
  try {
    return std::make_unique<ByteLevelBpe>(std::move(spec));
  } catch (const Error& e) {
    f.fail(e.what());
  }
}

}  // namespace

std::unique_ptr<Tokenizer> load_hf_tokenizer_json(const std::filesystem::path& path, const std::string& name) {
  const hf::JsonFile f = hf::read_json_file(path);
  if (!f.root.contains("model")) f.fail("no \"model\"");
  const std::string model_type = f.type_of(f.root["model"], "model");
  if (model_type == "BPE") {
    const std::string pattern = byte_level_pattern(f);
    if (!pattern.empty()) return load_byte_level(f, pattern, name);
  }
  return load_hf_pipeline(f, name);
}

}  // namespace gb
