#include "engine/generate/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/error.h"

namespace gb {

void SamplingOptions::validate() const {
  if (max_new_tokens < 0) throw UsageError("max-new-tokens must not be negative");
  if (!(std::isfinite(temperature) && temperature >= 0.0f)) throw UsageError("temperature must be >= 0");
  if (top_k < 0) throw UsageError("top-k must not be negative");
  if (!(top_p > 0.0f && top_p <= 1.0f)) throw UsageError("top-p must be in (0, 1]");
}

std::vector<float> next_token_distribution(std::span<const float> logits, const SamplingOptions& o) {
  const size_t V = logits.size();
  std::vector<float> p(V, 0.0f);
  if (V == 0) return p;
  if (o.temperature == 0.0f) {
    p[std::max_element(logits.begin(), logits.end()) - logits.begin()] = 1.0f;
    return p;
  }
  // Candidates by descending logit; ties keep the lower id first so results are stable.
  std::vector<int32_t> order(V);
  std::iota(order.begin(), order.end(), 0);
  size_t keep = (o.top_k > 0) ? std::min<size_t>(V, static_cast<size_t>(o.top_k)) : V;
  auto by_logit = [&](int32_t a, int32_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); };
  if (keep < V || o.top_p < 1.0f) {
    std::partial_sort(order.begin(), order.begin() + keep, order.end(), by_logit);
  }
  const float mx = *std::max_element(logits.begin(), logits.end());
  double sum = 0.0;
  for (size_t i = 0; i < keep; ++i) sum += std::exp((logits[order[i]] - mx) / o.temperature);
  if (o.top_p < 1.0f) {
    // Smallest prefix whose probability reaches top_p.
    double cum = 0.0;
    size_t cut = keep;
    for (size_t i = 0; i < keep; ++i) {
      cum += std::exp((logits[order[i]] - mx) / o.temperature) / sum;
      if (cum >= o.top_p) {
        cut = i + 1;
        break;
      }
    }
    keep = cut;
    sum = 0.0;
    for (size_t i = 0; i < keep; ++i) sum += std::exp((logits[order[i]] - mx) / o.temperature);
  }
  for (size_t i = 0; i < keep; ++i)
    p[order[i]] = static_cast<float>(std::exp((logits[order[i]] - mx) / o.temperature) / sum);
  return p;
}

int32_t sample_next(std::span<const float> logits, const SamplingOptions& o, Rng& rng) {
  if (o.temperature == 0.0f)
    return static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  const std::vector<float> p = next_token_distribution(logits, o);
  const double u = rng.uniform();
  double cum = 0.0;
  int32_t last = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] <= 0.0f) continue;
    cum += p[i];
    last = static_cast<int32_t>(i);
    if (u < cum) return last;
  }
  return last;  // rounding left u past the total: the last kept token
}

std::vector<int32_t> generate(const LanguageModel& model, const std::vector<int32_t>& prompt, const SamplingOptions& o,
                              const std::function<bool(int32_t)>& on_token, const std::atomic<bool>* cancel) {
  o.validate();
  GB_CHECK(!prompt.empty(), "generation needs at least one prompt token");
  const int64_t ctx_len = model.config().context_length;
  const int64_t V = model.config().vocab_size;
  for (int32_t id : prompt)
    GB_CHECK(id >= 0 && id < V, "prompt token id " + std::to_string(id) + " is outside the vocabulary");
  Rng rng(o.seed);
  std::vector<int32_t> seq = prompt;
  std::vector<int32_t> out;
  KVCache cache;
  auto window = [&](int64_t keep) {  // the most recent `keep` tokens
    return std::span<const int32_t>(seq).last(static_cast<size_t>(std::min<int64_t>(keep, seq.size())));
  };
  Tensor logits;
  if (o.use_cache) logits = model.forward_cached(window(ctx_len), cache);
  for (int64_t i = 0; i < o.max_new_tokens; ++i) {
    if (cancel && cancel->load()) break;
    if (!o.use_cache) {
      auto w = window(ctx_len);
      Var all = model.forward(Context{}, w, 1, static_cast<int64_t>(w.size()));
      logits = all.value()
                   .slice_rows(static_cast<int64_t>(w.size()) - 1, static_cast<int64_t>(w.size()))
                   .to(Device::CPU);  // sampling reads the logits on the host
    }
    const int32_t next = sample_next(std::span<const float>(logits.data(), V), o, rng);
    seq.push_back(next);
    out.push_back(next);
    if (on_token && !on_token(next)) break;
    if (o.stop_token && next == *o.stop_token) break;
    if (i + 1 == o.max_new_tokens) break;
    if (o.use_cache) {
      if (cache.length == ctx_len) {
        // The cache is full: start again from the most recent half of the context, so the
        // next ctx_len/2 tokens are cheap again.
        cache = KVCache();
        logits = model.forward_cached(window(ctx_len / 2 + 1), cache);
      } else {
        logits = model.forward_cached(std::span<const int32_t>(&seq.back(), 1), cache);
      }
    }
  }
  return out;
}

}  // namespace gb
