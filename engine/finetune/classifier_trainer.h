#pragma once
// Classifier finetuning one optimizer step at a time, so that a caller can interleave other
// work between steps (the app runs a few steps per worker job and keeps the UI's requests
// flowing). train_classifier (classifier.h) is this loop run to the end.
//
//   ClassifierTrainer t(classifier, train, val, options);   // chooses what trains, AdamW
//   while (!t.finished()) log = t.step();                   // one batch, maybe an evaluation
//   t.finish();                                             // merges a LoRA adapter, freezes
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/finetune/classifier.h"
#include "engine/finetune/finetune_schedule.h"
#include "engine/train/optimizer.h"

namespace gb {

class ClassifierTrainer {
 public:
  // Marks the parts that train (options.part), makes the optimizer. The sets must outlive
  // the trainer; options are validated (gb::UsageError).
  ClassifierTrainer(SequenceClassifier& classifier, const std::vector<EncodedText>& train,
                    const std::vector<EncodedText>& val, const ClassifierTrainOptions& options);
  ~ClassifierTrainer();

  int64_t total_steps() const { return schedule_.total_steps; }
  int64_t steps_done() const { return step_; }
  bool finished() const { return step_ >= schedule_.total_steps; }
  int64_t trainable_parameters() const { return trainable_; }
  int64_t total_parameters() const { return total_; }

  // One optimizer step on the next batch (reshuffling at each epoch's start), with an
  // evaluation on train and val every eval_every steps, at each epoch's end and at the last
  // step. Requires !finished().
  ClassifierLog step();
  // Merges a LoRA adapter into the weights and freezes every weight. Idempotent; the
  // destructor calls it.
  void finish();

 private:
  SequenceClassifier& classifier_;
  const std::vector<EncodedText>& train_;
  const std::vector<EncodedText>& val_;
  ClassifierTrainOptions options_;
  std::unique_ptr<LoraAdapter> adapter_;
  NamedParameters params_;
  std::unique_ptr<AdamW> optimizer_;
  Rng rng_;
  std::vector<size_t> order_;
  FinetuneSchedule schedule_;
  int64_t step_ = 0;
  int64_t trainable_ = 0, total_ = 0;
  bool finished_ = false;
};

}  // namespace gb
