#pragma once
// Choosing the next token from logits (greedy, temperature, top-k, top-p) and the
// generation loop around a model, with or without the KV cache.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/language_model.h"

namespace gb {

struct SamplingOptions {
  int64_t max_new_tokens = 50;
  float temperature = 1.0f;  // 0: greedy (argmax)
  int64_t top_k = 0;         // 0: no limit
  float top_p = 1.0f;        // 1: no nucleus cut
  uint64_t seed = 0;
  std::optional<int32_t> stop_token;  // end generation when this token is produced
  bool use_cache = true;

  void validate() const;  // throws gb::UsageError naming the bad value
};

// The probabilities sampling draws from, after temperature, top-k and top-p (V values,
// zero outside the kept set). With temperature 0, all mass on the argmax.
std::vector<float> next_token_distribution(std::span<const float> logits, const SamplingOptions& options);
int32_t sample_next(std::span<const float> logits, const SamplingOptions& options, Rng& rng);

// Generates after `prompt`. on_token sees each new token as it is chosen and may return
// false to stop. Past the context length the model sees only the most recent tokens.
// Returns the new tokens.
std::vector<int32_t> generate(const LanguageModel& model, const std::vector<int32_t>& prompt,
                              const SamplingOptions& options,
                              const std::function<bool(int32_t)>& on_token = nullptr,
                              const std::atomic<bool>* cancel = nullptr);

}  // namespace gb
