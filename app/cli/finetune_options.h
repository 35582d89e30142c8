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

// Alpaca data (load_instruction_splits) comes from engine/finetune/instruction_data.h.

}  // namespace gb::cli
