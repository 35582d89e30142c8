#pragma once
// Streaming generation for chat: one token at a time through the KV cache, each reported
// with how sure the model was (its probability and the five most likely alternatives), and
// stopped by end-of-text, by the template's end-of-turn markers, by the token budget, by a
// full context or by the caller.
//
// End-of-turn markers that span several tokens ("### Instruction:" is four GPT-2 tokens) are
// found in the decoded text. Tokens that might be the start of one are held back until the
// next tokens show whether they are, so the caller never sees half a marker.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/generate/sampling.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

// A token the model could have written at a position, with its probability.
struct TokenChoice {
  int32_t id = 0;
  std::string text;  // the token's bytes as UTF-8 (ill-formed bytes → U+FFFD)
  float prob = 0.0f;
};

struct GeneratedToken {
  int32_t id = 0;
  // What this token adds to the answer's text: whole UTF-8 characters only. A token holding
  // the first bytes of a character adds "" and the token that completes it adds the character.
  std::string text;
  float prob = 0.0f;              // the model's probability of this token (softmax, temperature 1)
  std::vector<TokenChoice> top;   // the most likely tokens at this position, highest first
};

enum class StopReason { EndOfText, EndOfTurn, MaxTokens, ContextFull, Cancelled };
const char* stop_reason_name(StopReason reason);  // "eos", "end_of_turn", "max_tokens", …

struct ChatRequest {
  std::vector<int32_t> prompt;         // the rendered template, encoded
  std::vector<int32_t> answer_prefix;  // answer tokens already chosen (branching from a token):
                                       // fed after the prompt, counted in the text, not reported
  SamplingOptions sampling;            // max_new_tokens counts new tokens only; stop_token unused
  std::vector<int32_t> stop_ids;       // end-of-text and single-token end-of-turn markers
  std::vector<std::string> stop_strings;
  int top_alternatives = 5;
};

struct ContextUsage {
  int64_t used = 0;    // tokens in the context now (prompt + answer)
  int64_t length = 0;  // the model's context length
};

struct ChatResult {
  std::vector<int32_t> ids;            // the new answer tokens reported (not the prefix)
  std::string text;                    // the whole answer (prefix included), end marker cut off
  StopReason reason = StopReason::MaxTokens;
  int64_t prompt_tokens = 0;           // prompt + prefix tokens the model read
  bool prompt_truncated = false;       // the prompt was longer than the context: its start was dropped
  ContextUsage context;
  double seconds = 0.0;                // wall time of the whole call
  double tokens_per_sec = 0.0;         // new tokens / seconds after the prompt was read
};

// What the generation loop reads the next-token logits from: a model through its KV cache
// (ModelLogits), or a script in tests.
class LogitSource {
 public:
  virtual ~LogitSource() = default;
  virtual int64_t vocab_size() const = 0;
  virtual int64_t context_length() const = 0;
  // Reads `ids` after the tokens read so far and returns the logits (V) of the token after them.
  virtual std::vector<float> read(std::span<const int32_t> ids) = 0;
};

// A model with its KV cache: read() feeds the new tokens only.
class ModelLogits : public LogitSource {
 public:
  explicit ModelLogits(const LanguageModel& model) : model_(model) {}
  int64_t vocab_size() const override { return model_.config().vocab_size; }
  int64_t context_length() const override { return model_.config().context_length; }
  std::vector<float> read(std::span<const int32_t> ids) override;

 private:
  const LanguageModel& model_;
  KVCache cache_;
};

// The stop ids for a template's markers with this tokenizer: its end-of-text token, plus each
// marker that encodes (special tokens allowed) to exactly one token.
std::vector<int32_t> single_token_stops(const Tokenizer& tokenizer, const std::vector<std::string>& stop_strings);

// Generates one answer. on_token is called for each token as soon as it is certain to be part
// of the answer (so, for a held-back token, a little after it was sampled). The prompt's
// start is dropped when prompt + prefix leave no room for one new token.
// Throws gb::UsageError for bad sampling options, gb::Error for ids outside the vocabulary.
using TokenCallback = std::function<void(const GeneratedToken&, const ContextUsage&)>;
ChatResult stream_chat(LogitSource& source, const Tokenizer& tokenizer, const ChatRequest& request,
                       const TokenCallback& on_token = nullptr, const std::atomic<bool>* cancel = nullptr);
inline ChatResult stream_chat(const LanguageModel& model, const Tokenizer& tokenizer, const ChatRequest& request,
                              const TokenCallback& on_token = nullptr, const std::atomic<bool>* cancel = nullptr) {
  ModelLogits source(model);
  return stream_chat(source, tokenizer, request, on_token, cancel);
}

// The most likely `k` tokens of a (V) logit row under softmax at temperature 1, highest first.
std::vector<TokenChoice> top_choices(std::span<const float> logits, const Tokenizer& tokenizer, int k);

}  // namespace gb
