#pragma once
// Measures what the KV cache buys: the same greedy generation with the cache (each step feeds
// one token and reads the cached keys and values) and without it (each step runs the whole
// sequence again). Used by the KV-cache and attention-variant views; wall-clock speeds, so
// they are for showing, never for asserting in a test.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/nn/language_model.h"
#include "engine/trace/trace.h"

namespace gb {

struct KvCacheMeasurement {
  std::vector<int32_t> generated;         // the new tokens (greedy)
  double cached_tokens_per_sec = 0.0;
  double uncached_tokens_per_sec = 0.0;   // 0 when not measured
  bool same_tokens = true;                // both runs chose the same tokens
};

// Greedy generation of `new_tokens` after `prompt` with the cache, then (when `uncached`)
// without; each run is timed on its own.
KvCacheMeasurement measure_kv_cache(const LanguageModel& model, const std::vector<int32_t>& prompt,
                                    int64_t new_tokens, bool uncached = true,
                                    const std::atomic<bool>* cancel = nullptr);

// Generation tokens/s of `model` with its KV cache: `new_tokens` greedy tokens after a prompt
// of `prompt_tokens` token ids (0, 1, 2, …).
double cached_generation_speed(const LanguageModel& model, int64_t prompt_tokens, int64_t new_tokens,
                               const std::atomic<bool>* cancel = nullptr);

class Tokenizer;

// measure_kv_cache() as the KV-cache view shows it: the prompt and the generated tokens as
// text (`tokenizer` may be null: ids are shown), the cache's bytes per token and both speeds.
glassbox::trace::KvCacheRun kv_cache_run(const LanguageModel& model, const Tokenizer* tokenizer,
                                          const std::vector<int32_t>& prompt, int64_t new_tokens,
                                          const std::string& model_name);

// MHA, GQA and MQA models of one small size (`base`, a Llama-family config), each built with
// random weights and timed generating `new_tokens` with its cache: tokens/s per variant,
// measured_on = `name`. Throws gb::Error when this build cannot make such a model.
std::vector<glassbox::trace::AttentionVariant> measure_attention_variants(const ModelConfig& base, const std::string& name,
                                                                         int64_t new_tokens,
                                                                         const std::atomic<bool>* cancel = nullptr);

}  // namespace gb
