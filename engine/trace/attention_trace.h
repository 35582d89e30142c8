#pragma once
// The attention a model pays while reading some tokens, as the views' AttentionMap structs:
// one forward pass with Context::trace set, every layer and head.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/nn/language_model.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/trace/trace.h"

namespace gb {

// Attention maps (T, T) of every layer and head for the last max_tokens of ids (T ≤
// max_tokens and ≤ the context length), labelled with the tokens' text. Row T-1 is what the
// last token attended to when the model chose the token after it.
std::vector<glassbox::trace::AttentionMap> attention_maps(const LanguageModel& model, const Tokenizer& tokenizer,
                                                          std::span<const int32_t> ids, int64_t max_tokens = 64);

}  // namespace gb
