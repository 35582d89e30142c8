#pragma once
// The training loop: batches from the loader, forward and backward on the tape, clipping,
// AdamW at the scheduled learning rate, and validation loss every eval_every steps.
// Same options, same data, same machine and thread count → the same loss curve, also
// across a save and resume.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/language_model.h"
#include "engine/train/data_loader.h"
#include "engine/train/optimizer.h"

namespace gb {

struct TrainOptions {
  int64_t steps = 100;
  int64_t batch = 8;
  int64_t context = 0;         // 0: the model's context length
  int64_t stride = 0;          // 0: equal to context (windows do not overlap)
  float lr = 4e-4f;            // peak learning rate
  float min_lr_ratio = 0.1f;   // cosine decays to lr · min_lr_ratio
  int64_t warmup = -1;         // -1: 5% of steps
  float grad_clip = 1.0f;      // 0: no clipping
  AdamWOptions adamw;
  uint64_t seed = 123;
  double val_fraction = 0.1;
  int64_t eval_every = 10;     // 0: never
  int64_t eval_batches = 4;

  void validate() const;  // throws gb::UsageError naming the bad value
};

struct StepLog {
  int64_t step = 0;              // 1-based: the number of optimizer steps taken
  double loss = 0;               // training loss of this step's batch
  std::optional<double> val_loss;
  double lr = 0;
  double grad_norm = 0;
  double tokens_per_sec = 0;
};

// Everything besides the weights that a resumed run needs to continue the same curve.
struct TrainerState {
  int64_t step = 0;
  uint64_t rng_state = 0;
  int64_t data_epoch = 0, data_cursor = 0;
  std::vector<std::pair<std::string, Tensor>> optimizer;  // AdamW moments by name
};

class Trainer {
 public:
  // tokens: the whole corpus; split into train/val by options.val_fraction.
  // origin names the data in error messages.
  Trainer(LanguageModel& model, TrainOptions options, const std::vector<int32_t>& tokens,
          const std::string& origin = "data");

  const TrainOptions& options() const { return options_; }
  int64_t steps_done() const { return optimizer_.steps_taken(); }
  bool finished() const { return steps_done() >= options_.steps; }

  StepLog step();
  double evaluate();  // mean loss over the first eval_batches validation batches

  // Steps until finished or *cancel becomes true; on_step sees every step.
  void run(const std::function<void(const StepLog&)>& on_step, const std::atomic<bool>* cancel = nullptr);

  TrainerState state() const;
  void restore(const TrainerState& state);

 private:
  LanguageModel& model_;
  TrainOptions options_;
  NamedParameters params_;
  AdamW optimizer_;
  std::vector<int32_t> val_tokens_;  // before train_loader_: its initialiser fills this
  DataLoader train_loader_;
  Rng rng_;
};

}  // namespace gb
