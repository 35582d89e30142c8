#pragma once
// Instruction finetuning (chapter 7 of "Build a Large Language Model (From Scratch)"): the
// model keeps its language-model head and learns, by next-token loss on Alpaca-formatted
// examples, to continue "### Response:" with the answer and then the end-of-text token.
// Whole model or a LoRA adapter; batches from collate_instructions.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/finetune/instruction_data.h"
#include "engine/finetune/lora.h"
#include "engine/generate/sampling.h"
#include "engine/nn/language_model.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

struct InstructTrainOptions {
  int64_t epochs = 2;
  int64_t max_steps = 0;     // 0: no limit besides epochs
  int64_t batch = 8;
  float lr = 5e-5f;          // peak: 5% linear warmup, cosine decay to lr / 10
  float weight_decay = 0.1f;
  int64_t max_length = 0;    // 0: the model's context length
  bool mask_prompt = false;
  int64_t eval_every = 20;   // steps; 0: only at the end of each epoch
  int64_t eval_batches = 5;
  bool use_lora = false;     // train a LoRA adapter instead of every weight
  LoraConfig lora;
  uint64_t seed = 123;
  void validate() const;
};

struct InstructLog {
  int64_t step = 0;
  double epoch = 0;
  double loss = 0;
  std::optional<double> train_loss, val_loss;  // at evaluations
  double tokens_per_sec = 0;
};

struct InstructTrainResult {
  std::vector<InstructLog> logs;
  int64_t trainable = 0, total = 0;
  bool cancelled = false;
};

// The same loop one step at a time, for callers that interleave other work between steps
// (the app runs a few steps per worker job). Construction freezes the model (all weights
// train, or only a fresh adapter's A and B) and encodes the data; step() runs one
// optimizer step and returns its log; finish() restores W0 in the adapted slots and
// freezes everything again. train_instructions() below is exactly this loop.
class InstructTrainer {
 public:
  InstructTrainer(LanguageModel& model, const Tokenizer& tokenizer, const std::vector<AlpacaExample>& train,
                  const std::vector<AlpacaExample>& val, const InstructTrainOptions& options);
  ~InstructTrainer();
  InstructTrainer(const InstructTrainer&) = delete;
  InstructTrainer& operator=(const InstructTrainer&) = delete;

  bool done() const;
  InstructLog step();
  int64_t steps_done() const { return step_; }
  int64_t total_steps() const;
  int64_t trainable() const { return trainable_; }
  int64_t total() const { return total_; }
  // Ends training; returns the adapter (null for a full finetune). Idempotent.
  std::unique_ptr<LoraAdapter> finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
  int64_t step_ = 0, trainable_ = 0, total_ = 0;
};

// Trains in place. With use_lora, *adapter receives the trained adapter (not merged; the
// model's slots hold W0 again), to be saved or merged by the caller.
InstructTrainResult train_instructions(LanguageModel& model, const Tokenizer& tokenizer,
                                       const std::vector<AlpacaExample>& train, const std::vector<AlpacaExample>& val,
                                       const InstructTrainOptions& options,
                                       const std::function<void(const InstructLog&)>& on_step = nullptr,
                                       const std::atomic<bool>* cancel = nullptr,
                                       std::unique_ptr<LoraAdapter>* adapter = nullptr);

// The end-of-text id used as padding and as the stop token (the tokenizer's, else 0).
int32_t end_of_text_id(const Tokenizer& tokenizer);

// Generates a response to one example's prompt (greedy unless options say otherwise),
// stopping at end-of-text; returns the decoded response with surrounding space trimmed.
std::string respond(const LanguageModel& model, const Tokenizer& tokenizer, const AlpacaExample& example,
                    SamplingOptions options);

}  // namespace gb
