#include "views/attention_math.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace glassbox { namespace views { namespace toy {
namespace {

const std::vector<std::string>& words() {
  static const std::vector<std::string> w = {"Your", "journey", "starts", "with", "one", "step"};
  return w;
}

trace::Matrix make(const char* name, int rows, int cols) {
  trace::Matrix m;
  m.name = name;
  m.rows = rows;
  m.cols = cols;
  m.values.assign(static_cast<std::size_t>(rows * cols), 0.0f);
  return m;
}

float& at(trace::Matrix& m, int i, int j) { return m.values[static_cast<std::size_t>(i * m.cols + j)]; }
float at(const trace::Matrix& m, int i, int j) { return m.values[static_cast<std::size_t>(i * m.cols + j)]; }

std::vector<std::string> dimLabels(const char* prefix, int n) {
  std::vector<std::string> labels;
  for (int i = 0; i < n; ++i) {
    std::string label(prefix);
    label.append(std::to_string(i + 1));
    labels.push_back(label);
  }
  return labels;
}

}  // namespace

trace::Matrix inputs() {
  // The book's toy embeddings, one row per word.
  trace::Matrix x = make("X (inputs)", 6, 3);
  x.values = {0.43f, 0.15f, 0.89f,  //  Your
              0.55f, 0.87f, 0.66f,  //  journey
              0.57f, 0.85f, 0.64f,  //  starts
              0.22f, 0.58f, 0.33f,  //  with
              0.77f, 0.25f, 0.10f,  //  one
              0.05f, 0.80f, 0.55f}; //  step
  x.row_labels = words();
  x.col_labels = dimLabels("x", 3);
  return x;
}

trace::Matrix matmul(const trace::Matrix& a, const trace::Matrix& b, const char* name) {
  trace::Matrix out = make(name, a.rows, b.cols);
  for (int i = 0; i < a.rows; ++i)
    for (int j = 0; j < b.cols; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < a.cols; ++k) sum += at(a, i, k) * at(b, k, j);
      at(out, i, j) = sum;
    }
  out.row_labels = a.row_labels;
  out.col_labels = b.col_labels;
  return out;
}

trace::Matrix transpose(const trace::Matrix& a) {
  std::string name = a.name;
  name.append("ᵀ");
  trace::Matrix out = make(name.c_str(), a.cols, a.rows);
  for (int i = 0; i < a.rows; ++i)
    for (int j = 0; j < a.cols; ++j) at(out, j, i) = at(a, i, j);
  out.row_labels = a.col_labels;
  out.col_labels = a.row_labels;
  return out;
}

trace::Matrix softmaxRows(const trace::Matrix& a, float scale, const char* name) {
  trace::Matrix out = make(name, a.rows, a.cols);
  out.row_labels = a.row_labels;
  out.col_labels = a.col_labels;
  for (int i = 0; i < a.rows; ++i) {
    float mx = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < a.cols; ++j) mx = std::max(mx, at(a, i, j) * scale);
    float sum = 0.0f;
    for (int j = 0; j < a.cols; ++j) {
      const float v = at(a, i, j);
      at(out, i, j) = std::isinf(v) && v < 0 ? 0.0f : std::exp(v * scale - mx);
      sum += at(out, i, j);
    }
    for (int j = 0; j < a.cols; ++j) at(out, i, j) /= sum;
  }
  return out;
}

trace::Matrix causalMask(const trace::Matrix& scores, const char* name) {
  trace::Matrix out = scores;
  out.name = name;
  for (int i = 0; i < out.rows; ++i)
    for (int j = i + 1; j < out.cols; ++j) at(out, i, j) = -std::numeric_limits<float>::infinity();
  return out;
}

trace::Matrix concatColumns(const trace::Matrix& a, const trace::Matrix& b, const char* name) {
  trace::Matrix out = make(name, a.rows, a.cols + b.cols);
  for (int i = 0; i < a.rows; ++i) {
    for (int j = 0; j < a.cols; ++j) at(out, i, j) = at(a, i, j);
    for (int j = 0; j < b.cols; ++j) at(out, i, a.cols + j) = at(b, i, j);
  }
  out.row_labels = a.row_labels;
  out.col_labels = a.col_labels;
  out.col_labels.insert(out.col_labels.end(), b.col_labels.begin(), b.col_labels.end());
  return out;
}

trace::Matrix weight(char which, int head) {
  // A small linear congruential generator gives uniform [0, 1) values like torch.rand,
  // seeded per (matrix, head) so the numbers never change between runs.
  std::uint32_t state = 2654435761u * static_cast<std::uint32_t>(which) + 97u * static_cast<std::uint32_t>(head + 1);
  std::string name = "W_";
  name.push_back(which);
  if (head > 0) name.append(" (head ").append(std::to_string(head + 1)).append(")");
  trace::Matrix w = make(name.c_str(), 3, 2);
  for (float& v : w.values) {
    state = state * 1664525u + 1013904223u;
    v = static_cast<float>(state >> 8) / static_cast<float>(1u << 24);
  }
  w.row_labels = dimLabels("x", 3);
  const std::string prefix(1, which);
  w.col_labels = dimLabels(prefix.c_str(), 2);
  return w;
}

std::vector<Step> stageSteps(Stage stage) {
  const trace::Matrix x = inputs();
  std::vector<Step> steps;
  if (stage == Stage::Simplified) {
    // ω = X·Xᵀ: every token's dot product with every other; A = softmax(ω); Z = A·X.
    trace::Matrix scores = matmul(x, transpose(x), "ω = X·Xᵀ (scores)");
    trace::Matrix weights = softmaxRows(scores, 1.0f, "A = softmax(ω)");
    trace::Matrix context = matmul(weights, x, "Z = A·X (context)");
    steps = {{x, "", false}, {scores, "→", false}, {weights, "→", true}, {context, "→", false}};
    return steps;
  }
  auto head = [&](int h, bool causal, std::vector<Step>* out) {
    const trace::Matrix wq = weight('q', h), wk = weight('k', h), wv = weight('v', h);
    const trace::Matrix q = matmul(x, wq, "Q = X·W_q");
    const trace::Matrix k = matmul(x, wk, "K = X·W_k");
    const trace::Matrix v = matmul(x, wv, "V = X·W_v");
    trace::Matrix scores = matmul(q, transpose(k), "ω = Q·Kᵀ");
    if (causal) scores = causalMask(scores, "ω masked (causal)");
    // Scaled by 1/√d_k (d_k = 2) so that softmax does not saturate as dimensions grow.
    const trace::Matrix weights = softmaxRows(scores, 1.0f / std::sqrt(2.0f), "A = softmax(ω/√d_k)");
    const trace::Matrix context = matmul(weights, v, "Z = A·V");
    if (out) *out = {{wq, "", false}, {wk, "", false}, {wv, "", false}, {q, "→", true}, {k, "", false}, {v, "", false},
                     {scores, "→", true}, {weights, "→", false}, {context, "→", true}};
    return std::pair(weights, context);
  };
  if (stage == Stage::Trainable || stage == Stage::Causal) {
    head(0, stage == Stage::Causal, &steps);
    steps.insert(steps.begin(), Step{x, "", false});
    return steps;
  }
  // Multi-head: two heads with their own weights, their outputs side by side.
  auto [a1, z1] = head(0, true, nullptr);
  auto [a2, z2] = head(1, true, nullptr);
  a1.name = "A (head 1)";
  a2.name = "A (head 2)";
  z1.name = "Z (head 1)";
  z2.name = "Z (head 2)";
  const trace::Matrix z = concatColumns(z1, z2, "Z = [Z₁ | Z₂]");
  steps = {{x, "", false}, {a1, "→", true}, {a2, "", false}, {z1, "→", true}, {z2, "", false}, {z, "→", false}};
  return steps;
}

}}}  // namespace glassbox::views::toy
