#pragma once
// What the finetuning views look at (plain value structs, std types only, like trace.h).
#include <cstdint>
#include <string>
#include <vector>

namespace glassbox::trace {

// One logged classifier-finetuning step. The *_accuracy and val_loss fields are NaN when
// not measured at that step (evaluations happen every few steps).
struct ClassifierPoint {
  std::int64_t step = 0;
  double epoch = 0.0;
  double train_loss = 0.0, val_loss = 0.0;
  double train_accuracy = 0.0, val_accuracy = 0.0;  // 0..1
};

// counts[truth][predicted], labels by class index.
struct ConfusionCounts {
  std::vector<std::string> labels;
  std::vector<std::vector<std::int64_t>> counts;
};

// A classifier's answer for one text: a probability per class (same order as labels).
struct ClassPrediction {
  std::string text;
  std::vector<std::string> labels;
  std::vector<float> probabilities;
};

// Held-out instructions answered by one or more models, side by side (evaluation tables,
// base vs instruction-tuned vs LoRA). scores[m] is model m's score for the row under
// score_name (token F1, a judge's 0-100, ...); NaN when not scored.
struct ResponseRow {
  std::string instruction, input, expected;
  std::vector<std::string> responses;  // one per model
  std::vector<double> scores;          // one per model
};
struct ResponseTable {
  std::vector<std::string> models;
  std::string score_name;
  std::vector<ResponseRow> rows;
};

}  // namespace glassbox::trace
