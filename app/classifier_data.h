#pragma once
// What the classifier page shows besides a run: a few e-mails of each class, and the bundled
// glassbox-classifier's training log (tools/train_bundled_finetuned.sh writes it beside the
// model), read into the values ClassifierView draws.
#include <QString>
#include <vector>

#include "app/classifier_controller.h"
#include "engine/finetune/spam_data.h"
#include "engine/trace/finetune_trace.h"

namespace glassbox { namespace app {

// The first `per_class` messages of each class in the training split, each cut to its first
// `chars` characters (whitespace collapsed).
std::vector<ClassifierExample> pickExamples(const gb::ClassificationSplits& splits, int per_class = 3, int chars = 160);

// training_log.json: one line per step, a "done" line per stage. Stages are drawn one after
// the other on the same axes; `before` is the first stage's accuracy before finetuning (the
// random head), the matrix the last stage's. Throws gb::Error naming the file when it cannot
// be read or has no steps.
void readClassifierLog(const QString& path, std::vector<trace::ClassifierPoint>& points,
                       trace::ConfusionCounts& confusion, double& before, double& seconds);

}}  // namespace glassbox::app
