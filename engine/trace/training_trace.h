#pragma once
// What the training studio's view looks at while a model pretrains. Plain value structs,
// std types only, like trace.h: the view is tested with hand-made values.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/trace/trace.h"

namespace glassbox::trace {

// One optimizer step as the studio plots it. val is NaN between evaluations.
struct TrainingStep {
  std::int64_t step = 0;        // 1-based
  double train = 0.0;           // loss of this step's batch
  double val = 0.0;             // validation loss, NaN when not measured at this step
  double lr = 0.0;              // learning rate used for this step
  double tokens_per_sec = 0.0;  // of this step
  double grad_norm = 0.0;       // before clipping
};

// Where a run stands, for the progress bar and its ETA.
struct TrainingProgress {
  std::int64_t step = 0, total_steps = 0;
  double elapsed_seconds = 0.0;  // training time of this run so far (resumed runs add up)
  double eta_seconds = -1.0;     // < 0: not known yet
  double tokens_per_sec = 0.0;   // smoothed over recent steps
};

// Text the model generated from the studio's fixed prompt after `step` steps (same seed
// each time, so the timeline shows the model changing, not the dice).
struct TrainingSample {
  std::int64_t step = 0;
  std::string prompt;
  std::string text;  // the continuation only
};

// Attention of every layer and head on the fixed probe sentence after `step` steps
// (maps ordered by layer, then head).
struct AttentionSnapshot {
  std::int64_t step = 0;
  std::vector<AttentionMap> maps;
};

}  // namespace glassbox::trace
