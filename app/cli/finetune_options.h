#pragma once
// Options the finetune and eval commands share.
#include <string>
#include <vector>

#include "app/cli/args.h"
#include "engine/finetune/instruction_data.h"
#include "engine/finetune/lora.h"
#include "engine/io/dtype.h"

namespace gb::cli {

// --dtype f32|f16|bf16 (how saved weights are stored).
DType store_dtype(const Args& args);
// --lora-rank, --lora-alpha, --lora-targets a,b,c.
LoraConfig lora_options(const Args& args);
std::vector<std::string> comma_list(const std::string& s);

// Alpaca data for finetune/eval: a directory with train.json, val.json, test.json (as
// tools/make_instruction_data.js writes), or one Alpaca JSON file, split 85/10/5 by seed.
struct InstructionSplits {
  std::vector<AlpacaExample> train, val, test;
};
InstructionSplits load_instruction_splits(const std::string& path, uint64_t seed);

}  // namespace gb::cli
