#include "app/cli/finetune_options.h"

#include <filesystem>

#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace gb::cli {

namespace fs = std::filesystem;

DType store_dtype(const Args& args) {
  const std::string dtype = args.str("dtype", "f32");
  if (dtype != "f32" && dtype != "f16" && dtype != "bf16") throw UsageError("--dtype must be f32, f16 or bf16");
  return dtype == "f16" ? DType::F16 : dtype == "bf16" ? DType::BF16 : DType::F32;
}

std::vector<std::string> comma_list(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

LoraConfig lora_options(const Args& args) {
  LoraConfig c;
  c.rank = args.integer("lora-rank", 8, 1, 4096);
  c.alpha = static_cast<float>(args.number("lora-alpha", 16.0, 1e-6, 1e6));
  if (args.has("lora-targets")) c.targets = comma_list(args.str("lora-targets"));
  return c;
}

InstructionSplits load_instruction_splits(const std::string& path, uint64_t seed) {
  InstructionSplits s;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    const fs::path dir(path);
    if (!fs::exists(dir / "train.json")) throw Error(path + ": has no train.json (an Alpaca JSON array)");
    s.train = load_alpaca_json(dir / "train.json");
    if (fs::exists(dir / "val.json")) s.val = load_alpaca_json(dir / "val.json");
    if (fs::exists(dir / "test.json")) s.test = load_alpaca_json(dir / "test.json");
    return s;
  }
  if (!fs::exists(path, ec)) throw Error(path + ": no such file or directory");
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

}  // namespace gb::cli
