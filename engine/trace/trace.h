#pragma once
// What the views look at. Plain value structs, std types only (no Qt, no engine internals),
// so that a view can be fed hand-made data in a test and engine data in the app.
// Matrices are row-major std::vector<float>; each struct says its shape.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace glassbox::trace {

// One token of a tokenized text. `text` is the token's bytes as UTF-8 (may be a fragment
// of a multi-byte character when partial_utf8 is true); [byte_begin, byte_end) is where
// those bytes sit in the original UTF-8 input.
struct TokenSpan {
  std::string text;
  int id = 0;
  std::size_t byte_begin = 0;
  std::size_t byte_end = 0;
  bool partial_utf8 = false;
};

// Attention weights of one head: matrix is (T, T), row = query position, column = key
// position, each row sums to 1. With a causal mask, entries above the diagonal are 0.
struct AttentionMap {
  std::vector<std::string> tokens;  // T token texts, the labels of both axes
  int layer = 0;
  int head = 0;
  bool causal = true;
  std::vector<float> matrix;  // T*T, row-major
  int layers = 0;             // layers in the model (0: count the maps given), for the layer picker
};

// One logged training step. val is NaN when no validation loss was measured at that step.
struct LossPoint {
  std::int64_t step = 0;
  double train = 0.0;
  double val = 0.0;
};

// The model's next-token distribution after a prompt, already softmaxed at temperature 1.
// Views may re-temper it: softmax(logits / T) equals p^(1/T) renormalised.
// Holds the top entries only (sorted by probability, highest first) when the vocabulary is large.
struct NextTokenDistribution {
  std::string prompt;
  std::vector<std::string> tokens;
  std::vector<int> ids;
  std::vector<float> probs;
};

// Embedding vectors of some tokens: vectors is (N, dim), row-major, one row per label.
struct EmbeddingPoints {
  std::vector<std::string> labels;
  std::vector<int> ids;
  int dim = 0;
  std::vector<float> vectors;
};

// One merge rule learned by byte-pair encoding, in the order learned: wherever `left` is
// followed by `right`, they become one token left+right. `count` is how often the pair
// occurred in the training text when it was chosen.
struct BpeMerge {
  std::string left;
  std::string right;
  int count = 0;
};

// A named dense matrix (rows, cols), row-major, with optional axis labels; used to show
// intermediate values (token + position embeddings, Q/K/V) next to the lesson text.
struct Matrix {
  std::string name;
  int rows = 0;
  int cols = 0;
  std::vector<float> values;
  std::vector<std::string> row_labels;
  std::vector<std::string> col_labels;
};

// A token a model could have written at some point of its answer, with its probability.
struct ChatTokenChoice {
  std::string text;
  int id = 0;
  float prob = 0.0f;
};

// One generated token of a chat answer. `text` is what it adds to the answer (whole
// characters only: a token holding the first bytes of a character adds ""); `prob` is the
// model's probability for it (softmax at temperature 1); `top` the most likely tokens at that
// position, highest first (the chosen one among them when it was likely enough).
struct ChatToken {
  std::string text;
  int id = 0;
  float prob = 0.0f;
  std::vector<ChatTokenChoice> top;
};

// One message of a chat thread as the chat view shows it. An assistant message carries its
// tokens (empty for one typed by hand); a message that was regenerated or edited has
// siblings, and sibling_index / sibling_count say which of them this is (0-based).
struct ChatEntry {
  int id = 0;
  bool assistant = false;
  std::string text;
  std::vector<ChatToken> tokens;
  int sibling_index = 0;
  int sibling_count = 1;
  std::string info;        // a short line under the message (model, tokens/s, why it stopped)
  bool streaming = false;  // still being generated
};

// One tokenizer's reading of a text, for comparing tokenizers side by side. When the
// tokenizer cannot run here (its vocabulary is not installed), tokens is empty and error
// says why in one line.
struct TokenizerRun {
  std::string name;       // as the registry knows it: "gpt2", "cl100k_base", …
  std::string label;      // as a learner knows it: "GPT-2", "GPT-4 (cl100k_base)", …
  std::int64_t vocab_size = 0;
  std::vector<TokenSpan> tokens;
  std::string error;
};

}  // namespace glassbox::trace
