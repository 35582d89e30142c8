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

}  // namespace glassbox::trace
