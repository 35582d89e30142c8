#pragma once
// One function per glassbox-cli subcommand, each in its own cmd_<name>.cpp.
// Each returns the exit code; errors are thrown (gb::UsageError → 2, gb::Error → 1).
#include <string>
#include <vector>

namespace gb::cli {

using Argv = std::vector<std::string>;

int cmd_tokenize(const Argv& argv);
int cmd_train(const Argv& argv);
int cmd_generate(const Argv& argv);
int cmd_logits(const Argv& argv);
int cmd_bench(const Argv& argv);
int cmd_devices(const Argv& argv);
int cmd_chat(const Argv& argv);
int cmd_finetune(const Argv& argv);  // finetune classify|instruct
int cmd_classify(const Argv& argv);
int cmd_eval(const Argv& argv);      // eval instruct|classify|choice|judge

// `glassbox-cli finetune instruct …`, dispatched by cmd_finetune.
int finetune_instruct(const Argv& argv);
int cmd_corpus(const Argv& argv);
int cmd_train_tokenizer(const Argv& argv);

// `glassbox-cli bench tokenize …` (MB/s of a tokenizer), dispatched by cmd_bench.
int bench_tokenize(const Argv& argv);

}  // namespace gb::cli
