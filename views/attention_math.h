#pragma once
// The "from scratch" attention of lesson 3, small enough to read beside the lesson:
// six tokens of "Your journey starts with one step", each a 3-D embedding.
// This is the view's own teaching math on tiny matrices (6×3), not engine work.

#include <vector>

#include "engine/trace/trace.h"

namespace glassbox { namespace views { namespace toy {

// Stages of the from-scratch walk, in the order the lesson takes them.
enum class Stage { Simplified, Trainable, Causal, MultiHead };

// X: (6, 3), rows labelled with the six words.
trace::Matrix inputs();

// out = a · b; a is (n, k), b is (k, m) → (n, m).
trace::Matrix matmul(const trace::Matrix& a, const trace::Matrix& b, const char* name);
// (n, m) → (m, n); labels swap too.
trace::Matrix transpose(const trace::Matrix& a);
// Softmax of every row after multiplying by `scale`; -inf entries get weight 0.
trace::Matrix softmaxRows(const trace::Matrix& a, float scale, const char* name);
// Entries above the diagonal set to -inf (a query may not look at later tokens).
trace::Matrix causalMask(const trace::Matrix& scores, const char* name);
// Side by side: [a | b], same row count.
trace::Matrix concatColumns(const trace::Matrix& a, const trace::Matrix& b, const char* name);

// The fixed weight matrices (3, 2) of a head: query, key, value. Seeded, so every learner
// sees the same numbers; head 0 is used by the single-head stages.
trace::Matrix weight(char which, int head);

// Every matrix the stage computes, in reading order, with the operator to show before each
// (first entry's operator is empty). Names are short math names (X, ω, A, Z, W_q, …).
struct Step {
  trace::Matrix matrix;
  const char* op;         // drawn before the matrix: "", "→", "+", …
  bool new_row = false;   // start a new line of matrices (keeps each stage readable)
};
std::vector<Step> stageSteps(Stage stage);

}}}  // namespace glassbox::views::toy
