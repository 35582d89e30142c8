#include "engine/trace/attention_trace.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/nn/forward_trace.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

std::vector<glassbox::trace::AttentionMap> attention_maps(const LanguageModel& model, const Tokenizer& tokenizer,
                                                          std::span<const int32_t> ids, int64_t max_tokens) {
  GB_CHECK(!ids.empty(), "attention needs at least one token");
  const int64_t T = std::min<int64_t>({static_cast<int64_t>(ids.size()), max_tokens, model.config().context_length});
  const std::span<const int32_t> window = ids.last(static_cast<size_t>(T));
  for (int32_t id : window)
    GB_CHECK(id >= 0 && id < model.config().vocab_size, "token id " + std::to_string(id) + " is outside the vocabulary");
  ForwardTrace trace;
  Context ctx;
  ctx.trace = &trace;
  model.forward(ctx, window, 1, T);
  std::vector<std::string> labels;
  for (int32_t id : window)
    labels.push_back(utf8::sanitize(id < tokenizer.vocab_size() ? tokenizer.token_bytes(id) : std::string()));
  std::vector<glassbox::trace::AttentionMap> maps;
  for (size_t layer = 0; layer < trace.attention.size(); ++layer) {
    const std::vector<float> probs = trace.attention[layer].to_vector();  // (1, H, T, T)
    const int64_t heads = trace.attention[layer].dim(1);
    for (int64_t h = 0; h < heads; ++h) {
      glassbox::trace::AttentionMap m;
      m.tokens = labels;
      m.layer = static_cast<int>(layer);
      m.head = static_cast<int>(h);
      m.causal = true;
      const auto begin = probs.begin() + h * T * T;
      m.matrix.assign(begin, begin + T * T);
      maps.push_back(std::move(m));
    }
  }
  return maps;
}

}  // namespace gb
