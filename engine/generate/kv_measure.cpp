#include "engine/generate/kv_measure.h"

#include <chrono>

#include "engine/generate/sampling.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/trace/architecture.h"

namespace gb {

namespace {

// Runs greedy generation and returns (tokens, seconds).
std::pair<std::vector<int32_t>, double> timed_generate(const LanguageModel& model, const std::vector<int32_t>& prompt,
                                                       int64_t new_tokens, bool use_cache,
                                                       const std::atomic<bool>* cancel) {
  SamplingOptions o;
  o.max_new_tokens = new_tokens;
  o.temperature = 0.0f;  // greedy: both runs must choose the same tokens
  o.use_cache = use_cache;
  const auto start = std::chrono::steady_clock::now();
  std::vector<int32_t> out = generate(model, prompt, o, nullptr, cancel);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {std::move(out), seconds};
}

double per_second(size_t tokens, double seconds) {
  return seconds > 0.0 ? static_cast<double>(tokens) / seconds : 0.0;
}

}  // namespace

KvCacheMeasurement measure_kv_cache(const LanguageModel& model, const std::vector<int32_t>& prompt,
                                    int64_t new_tokens, bool uncached, const std::atomic<bool>* cancel) {
  KvCacheMeasurement m;
  auto [cached, cached_s] = timed_generate(model, prompt, new_tokens, true, cancel);
  m.generated = cached;
  m.cached_tokens_per_sec = per_second(cached.size(), cached_s);
  if (uncached) {
    auto [plain, plain_s] = timed_generate(model, prompt, new_tokens, false, cancel);
    m.uncached_tokens_per_sec = per_second(plain.size(), plain_s);
    m.same_tokens = plain == cached;
  }
  return m;
}

double cached_generation_speed(const LanguageModel& model, int64_t prompt_tokens, int64_t new_tokens,
                               const std::atomic<bool>* cancel) {
  std::vector<int32_t> prompt(static_cast<size_t>(prompt_tokens));
  for (size_t i = 0; i < prompt.size(); ++i)
    prompt[i] = static_cast<int32_t>(i % static_cast<size_t>(model.config().vocab_size));
  auto [tokens, seconds] = timed_generate(model, prompt, new_tokens, true, cancel);
  return per_second(tokens.size(), seconds);
}

glassbox::trace::KvCacheRun kv_cache_run(const LanguageModel& model, const Tokenizer* tokenizer,
                                          const std::vector<int32_t>& prompt, int64_t new_tokens,
                                          const std::string& model_name) {
  const KvCacheMeasurement m = measure_kv_cache(model, prompt, new_tokens);
  glassbox::trace::KvCacheRun run;
  run.model = model_name;
  std::vector<int32_t> all = prompt;
  all.insert(all.end(), m.generated.begin(), m.generated.end());
  for (int32_t id : all) run.tokens.push_back(tokenizer ? tokenizer->token_bytes(id) : std::to_string(id));
  run.prompt_tokens = static_cast<int>(prompt.size());
  const ModelConfig& c = model.config();
  run.layers = static_cast<int>(c.n_layers);
  run.kv_bytes_per_token = kv_cache_bytes(c.n_layers, c.kv_heads(), c.head_dim(), 1, sizeof(float));
  run.cached_tokens_per_sec = m.cached_tokens_per_sec;
  run.uncached_tokens_per_sec = m.uncached_tokens_per_sec;
  return run;
}

std::vector<glassbox::trace::AttentionVariant> measure_attention_variants(const ModelConfig& base, const std::string& name,
                                                                         int64_t new_tokens,
                                                                         const std::atomic<bool>* cancel) {
  std::vector<glassbox::trace::AttentionVariant> out = attention_variants(base, base.context_length, sizeof(float));
  for (auto& v : out) {
    ModelConfig c = base;
    c.n_kv_heads = v.kv_heads;
    const auto model = create_model(c, 1);
    cached_generation_speed(*model, 8, 4, cancel);  // warm up: first-touch allocations, caches
    v.tokens_per_sec = cached_generation_speed(*model, 8, new_tokens, cancel);
    v.measured_on = name;
  }
  return out;
}

}  // namespace gb
