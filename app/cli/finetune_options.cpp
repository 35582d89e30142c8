#include "app/cli/finetune_options.h"

#include "engine/core/error.h"

namespace gb::cli {

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


}  // namespace gb::cli
