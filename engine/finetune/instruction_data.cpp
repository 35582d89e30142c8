#include "engine/finetune/instruction_data.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

using nlohmann::json;

std::vector<AlpacaExample> parse_alpaca_json(const std::string& text, const std::string& origin) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(origin + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_array()) throw Error(origin + ": expected a JSON array of {\"instruction\", \"input\", \"output\"} objects");
  if (doc.empty()) throw Error(origin + ": holds no examples");
  std::vector<AlpacaExample> out;
  out.reserve(doc.size());
  for (size_t i = 0; i < doc.size(); ++i) {
    const json& e = doc[i];
    const std::string where = origin + ": entry " + std::to_string(i);
    if (!e.is_object()) throw Error(where + ": is not an object");
    auto field = [&](const char* name, bool required) -> std::string {
      if (!e.contains(name) || e[name].is_null()) {
        if (required) throw Error(where + ": has no \"" + name + "\"");
        return {};
      }
      if (!e[name].is_string()) throw Error(where + ": \"" + name + "\" is not a string");
      return e[name].get<std::string>();
    };
    AlpacaExample ex{field("instruction", true), field("input", false), field("output", true)};
    if (ex.instruction.empty()) throw Error(where + ": \"instruction\" is empty");
    out.push_back(std::move(ex));
  }
  return out;
}

std::vector<AlpacaExample> load_alpaca_json(const std::filesystem::path& path) {
  return parse_alpaca_json(read_file(path), path.string());
}

std::string alpaca_to_json(const std::vector<AlpacaExample>& examples) {
  json doc = json::array();
  for (const AlpacaExample& e : examples)
    doc.push_back({{"instruction", e.instruction}, {"input", e.input}, {"output", e.output}});
  return doc.dump(1) + "\n";
}

std::string format_prompt(const AlpacaExample& e) {
  std::string s =
      "Below is an instruction that describes a task. Write a response that appropriately completes the request."
      "\n\n### Instruction:\n" +
      e.instruction;
  if (!e.input.empty()) s += "\n\n### Input:\n" + e.input;
  return s + "\n\n### Response:\n";
}

std::string format_example(const AlpacaExample& e) { return format_prompt(e) + e.output; }

EncodedInstruction encode_instruction(const Tokenizer& tokenizer, const AlpacaExample& e) {
  EncodedInstruction out;
  out.ids = tokenizer.encode(format_prompt(e));
  out.prompt_length = out.ids.size();
  const std::vector<int32_t> response = tokenizer.encode(e.output);
  out.ids.insert(out.ids.end(), response.begin(), response.end());
  return out;
}

InstructionBatch collate_instructions(const std::vector<EncodedInstruction>& examples, const CollateOptions& o) {
  GB_CHECK(!examples.empty(), "collate_instructions: no examples");
  size_t longest = 0;
  for (const EncodedInstruction& e : examples) longest = std::max(longest, e.ids.size() + 1);  // + end-of-text
  // Rows are padded to `longest`; inputs drop the last token and targets the first, so both
  // are longest - 1 long and the longest example's last target is its end-of-text token.
  int64_t time = static_cast<int64_t>(longest) - 1;  // >= 1: a prompt is never empty
  if (o.max_length > 0) time = std::min(time, o.max_length);
  InstructionBatch b;
  b.batch = static_cast<int64_t>(examples.size());
  b.time = time;
  b.inputs.reserve(b.batch * time);
  b.targets.reserve(b.batch * time);
  for (const EncodedInstruction& e : examples) {
    std::vector<int32_t> row = e.ids;
    row.push_back(o.pad_id);  // end of text
    const size_t real = row.size();
    row.resize(longest, o.pad_id);
    for (int64_t t = 0; t < time; ++t) {
      b.inputs.push_back(row[t]);
      int32_t target = row[t + 1];
      // Target t predicts token t+1. Tokens from `real` on are padding; the one at real-1 is
      // the end-of-text token and is kept.
      if (static_cast<size_t>(t + 1) >= real) target = o.ignore_index;
      // Prompt tokens are 0..prompt_length-1: the targets predicting tokens 1..prompt_length-1.
      if (o.mask_prompt && static_cast<size_t>(t + 1) < e.prompt_length) target = o.ignore_index;
      b.targets.push_back(target);
    }
  }
  return b;
}

InstructionSplits load_instruction_splits(const std::string& path, uint64_t seed) {
  InstructionSplits s;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    const std::filesystem::path dir(path);
    if (!std::filesystem::exists(dir / "train.json")) throw Error(path + ": has no train.json (an Alpaca JSON array)");
    s.train = load_alpaca_json(dir / "train.json");
    if (std::filesystem::exists(dir / "val.json")) s.val = load_alpaca_json(dir / "val.json");
    if (std::filesystem::exists(dir / "test.json")) s.test = load_alpaca_json(dir / "test.json");
    return s;
  }
  if (!std::filesystem::exists(path, ec)) throw Error(path + ": no such file or directory");
  std::vector<AlpacaExample> all = load_alpaca_json(path);
  Rng rng(seed);
  for (size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[rng.below(i)]);
  const size_t n_train = all.size() * 85 / 100, n_val = all.size() * 10 / 100;
  s.train.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n_train));
  s.val.assign(all.begin() + static_cast<std::ptrdiff_t>(n_train),
               all.begin() + static_cast<std::ptrdiff_t>(n_train + n_val));
  s.test.assign(all.begin() + static_cast<std::ptrdiff_t>(n_train + n_val), all.end());
  if (s.train.empty()) throw Error(path + ": too few examples to train on (" + std::to_string(all.size()) + ")");
  return s;
}

}  // namespace gb
