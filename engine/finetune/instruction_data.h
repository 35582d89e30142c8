#pragma once
// Instruction data in the Alpaca format ({"instruction", "input", "output"}), the prompt
// template of "Build a Large Language Model (From Scratch)" chapter 7, and the collate
// function that turns examples into a padded, shifted training batch.
//
//   Below is an instruction that describes a task. Write a response that appropriately
//   completes the request.
//
//   ### Instruction:
//   {instruction}
//
//   ### Input:            ← these two lines only when input is not empty
//   {input}
//
//   ### Response:
//   {output}
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gb {

class Tokenizer;

struct AlpacaExample {
  std::string instruction, input, output;
};

// A JSON array of objects with string fields "instruction" and "output" ("input" optional).
// Errors name the file and the entry: "data.json: entry 12: \"output\" is not a string".
std::vector<AlpacaExample> load_alpaca_json(const std::filesystem::path& path);
std::vector<AlpacaExample> parse_alpaca_json(const std::string& text, const std::string& origin);
std::string alpaca_to_json(const std::vector<AlpacaExample>& examples);

// Training, validation and test examples: a directory with train.json, val.json, test.json
// (as tools/make_instruction_data.js writes them), or one Alpaca JSON file shuffled by seed
// and split 85/10/5. Errors name the path.
struct InstructionSplits {
  std::vector<AlpacaExample> train, val, test;
};
InstructionSplits load_instruction_splits(const std::string& path, uint64_t seed);

// The prompt up to and including "### Response:\n" — what a model is given to answer.
std::string format_prompt(const AlpacaExample& e);
// The whole training text: format_prompt(e) + e.output.
std::string format_example(const AlpacaExample& e);

// Token ids of prompt then response; prompt_length counts the prompt's tokens. The two
// parts are encoded separately, so the boundary is exact whatever the tokenizer merges.
struct EncodedInstruction {
  std::vector<int32_t> ids;
  size_t prompt_length = 0;
};
EncodedInstruction encode_instruction(const Tokenizer& tokenizer, const AlpacaExample& e);

struct CollateOptions {
  int32_t pad_id = 0;           // also the end-of-text token appended to each example
  int32_t ignore_index = -100;  // targets the loss skips
  int64_t max_length = 0;       // 0: no limit; else inputs and targets are cut to this length
  bool mask_prompt = false;     // also ignore the targets that predict prompt tokens
};

// inputs, targets: (batch · time), row-major.
struct InstructionBatch {
  std::vector<int32_t> inputs, targets;
  int64_t batch = 0, time = 0;
};

// The book's custom_collate_fn: each example gets one end-of-text token, all are padded with
// pad_id to the longest, inputs are tokens [0, n-1), targets tokens [1, n). Every
// padding target after the first becomes ignore_index (the first stays, so the model
// learns to stop). With mask_prompt, the targets that predict prompt tokens are ignored too.
InstructionBatch collate_instructions(const std::vector<EncodedInstruction>& examples, const CollateOptions& options);

}  // namespace gb
