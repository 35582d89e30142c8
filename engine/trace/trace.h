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

// ---- Architectures (issue 7): what a model is made of, and what its attention keeps ----

// One weight tensor of an architecture block, by its Hugging Face name with "{i}" for the
// layer and "{e}" for the expert (e.g. "h.{i}.attn.c_attn.weight"), in the shape the
// Hugging Face checkpoint stores it. `copies` counts the experts sharing this template (1
// otherwise).
struct ArchTensor {
  std::string name;
  std::vector<std::int64_t> shape;
  std::int64_t copies = 1;
};

// One box of a block diagram, in data-flow order. `kind` says what it is: "token_embedding",
// "position_embedding", "rope" (rotary positions: no weights), "layer_norm", "rms_norm",
// "attention", "feed_forward" (GELU), "swiglu", "moe", "final_norm", "lm_head".
// Boxes with `per_layer` true sit inside the repeated transformer block; their `parameters`
// count one layer. `shared_with` names the box whose weights this one reuses (a tied head).
struct ArchBlock {
  std::string id;    // unique within the diagram, e.g. "attention"
  std::string kind;
  bool per_layer = false;
  std::int64_t parameters = 0;         // stored in this box (one layer if per_layer)
  std::int64_t active_parameters = 0;  // used per token (differs for a mixture of experts)
  std::vector<ArchTensor> tensors;
  std::string shared_with;
  // Sizes the view writes beside the box (0 when they do not apply).
  std::int64_t heads = 0, kv_heads = 0, head_dim = 0, hidden = 0, experts = 0, experts_per_token = 0;
};

// A whole model as a diagram: family "gpt2" or "llama" (Mistral/Mixtral included).
struct ArchDiagram {
  std::string name;    // "gpt2-124m", a directory's name, …
  std::string family;
  std::int64_t layers = 0, width = 0, vocab = 0, context = 0;
  bool tied = false;
  std::vector<ArchBlock> blocks;
  std::int64_t total_parameters = 0;   // every stored weight, a tied matrix once
  std::int64_t active_parameters = 0;  // weights one token passes through
  bool has_weights = false;            // a model with these weights is at hand (block statistics)
};

// Statistics of one weight tensor (or one template pooled over its experts) of one layer.
struct WeightStats {
  std::string name;                  // the real name, e.g. "h.3.attn.c_attn.weight"
  std::vector<std::int64_t> shape;
  std::int64_t count = 0;
  double mean = 0, std = 0, min = 0, max = 0;
  std::vector<std::int64_t> histogram;  // equal-width bins over [min, max]
};

// Statistics of the tensors of one block for one layer, and where they came from.
struct BlockStats {
  std::string block_id;
  int layer = 0;
  std::string source;  // the model the numbers were read from
  std::vector<WeightStats> tensors;
  std::string error;   // why there are none (e.g. the model is too large to build here)
};

// One attention variant of a fixed model size: multi-head (kv_heads = heads), grouped-query
// (1 < kv_heads < heads), multi-query (kv_heads = 1). The KV cache holds
// 2 · layers · kv_heads · head_dim · context · bytes_per_value bytes.
struct AttentionVariant {
  std::string name;  // "MHA", "GQA", "MQA"
  std::int64_t layers = 0, heads = 0, kv_heads = 0, head_dim = 0, context = 0;
  int bytes_per_value = 2;
  std::int64_t kv_cache_bytes = 0;
  double tokens_per_sec = -1;  // measured generation speed; negative when not measured
  std::string measured_on;     // the model the speed was measured with
};

// Generation one token at a time: the prompt, then the new tokens; at step s the model
// reads tokens[0 .. prompt + s] and the newest one is the only one a cached run computes.
// Speeds are measured on the same model generating the same tokens with and without the
// cache (greedy, so both produce these very tokens).
struct KvCacheRun {
  std::string model;
  std::vector<std::string> tokens;
  int prompt_tokens = 0;
  int layers = 0;
  std::int64_t kv_bytes_per_token = 0;  // one position's keys and values, all layers (f32)
  double cached_tokens_per_sec = -1, uncached_tokens_per_sec = -1;  // negative: not measured
};

// Where a mixture-of-experts router sent each token: for layer l, token t and choice k,
// expert[(l · T + t) · top_k + k] with router weight weight[...] (softmax over the chosen).
struct RouterChoices {
  std::string model;
  std::vector<std::string> tokens;  // T
  int layers = 0, experts = 0, top_k = 0;
  std::vector<int> expert;
  std::vector<float> weight;
  std::int64_t active_parameters = 0, total_parameters = 0;
};

}  // namespace glassbox::trace
