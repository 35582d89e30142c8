#pragma once
// Measuring a finetuned model:
//   - held-out instructions: each response generated (greedy) and scored by exact match and
//     token F1 against the reference (metrics.h);
//   - a multiple-choice benchmark scored by log-likelihood, as MMLU-style harnesses do: the
//     model "answers" with the option whose tokens it finds most likely after the question;
//   - model-as-judge: a second model reads a fixed rubric prompt and replies with a score
//     from 0 to 100.
//
// Benchmark file format (JSON, UTF-8):
//   {"name": "glassbox-sample",                      optional
//    "description": "…",                             optional
//    "questions": [
//      {"question": "What is the capital of Texas?",
//       "choices": ["Austin", "Dallas", "Houston", "El Paso"],   two or more
//       "answer": 0}                                 index of the right choice
//    ]}
// Each choice is scored as the continuation " <choice>" of "Question: <question>\nAnswer:".
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/finetune/instruction_data.h"
#include "engine/finetune/metrics.h"
#include "engine/generate/sampling.h"
#include "engine/nn/language_model.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

// ---- held-out instructions -------------------------------------------------------------
struct InstructionScore {
  AlpacaExample example;
  std::string response;
  bool exact = false;
  double f1 = 0;
};
struct InstructionEval {
  std::vector<InstructionScore> items;
  double exact_match = 0, f1 = 0;  // means
};
InstructionEval evaluate_instructions(const LanguageModel& model, const Tokenizer& tokenizer,
                                      const std::vector<AlpacaExample>& examples, int64_t max_new_tokens = 48);

// ---- multiple choice -------------------------------------------------------------------
struct MultipleChoiceQuestion {
  std::string question;
  std::vector<std::string> choices;
  int answer = 0;
};
struct Benchmark {
  std::string name, description;
  std::vector<MultipleChoiceQuestion> questions;
};
Benchmark parse_benchmark(const std::string& text, const std::string& origin);
Benchmark load_benchmark(const std::filesystem::path& path);
std::string benchmark_prompt(const MultipleChoiceQuestion& q);

// Sum of log p(continuation tokens | context tokens), one forward pass (batch 1). The two
// are cut from the left to fit the context length.
double continuation_log_likelihood(const LanguageModel& model, std::vector<int32_t> context,
                                   const std::vector<int32_t>& continuation, int64_t* scored_tokens = nullptr);

struct ChoiceResult {
  std::vector<double> log_likelihood;  // per choice, summed over its tokens
  std::vector<double> per_token;       // per choice, divided by its token count
  int predicted = 0;                   // argmax of the sum
  int predicted_normalized = 0;        // argmax of the per-token mean
  int answer = 0;
};
struct BenchmarkResult {
  std::vector<ChoiceResult> items;
  double accuracy = 0, accuracy_normalized = 0;
};
BenchmarkResult run_benchmark(const LanguageModel& model, const Tokenizer& tokenizer, const Benchmark& benchmark);

// ---- model as judge --------------------------------------------------------------------
// The rubric prompt a judge model reads for one response (fixed wording; the score is
// asked for as a bare number on the last line).
std::string judge_prompt(const AlpacaExample& example, const std::string& response);
// The first whole number in a judge's reply that lies in 0..100, or nothing.
std::optional<int> parse_judge_score(const std::string& reply);

struct JudgeItem {
  std::string reply;
  std::optional<int> score;
};
struct JudgeResult {
  std::vector<JudgeItem> items;
  double mean = 0;          // over parsed scores
  int64_t unparsed = 0;     // replies without a score
};
// responses[i] answers examples[i]. alpaca_template: wrap the rubric in the Alpaca prompt
// (for Glassbox instruction models); otherwise it is given as plain text.
JudgeResult judge_responses(const LanguageModel& judge, const Tokenizer& tokenizer,
                            const std::vector<AlpacaExample>& examples, const std::vector<std::string>& responses,
                            bool alpaca_template, int64_t max_new_tokens = 8);

}  // namespace gb
