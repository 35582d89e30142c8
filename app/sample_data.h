#pragma once
// Hand-made data for the views until the engine can compute the real thing. Every function
// here is small and deterministic; the views that show it say it is sample data.
// When the engine lands, EngineDataSource (data_source.h) replaces these calls with jobs.

#include <QString>
#include <vector>

#include "engine/trace/trace.h"

namespace glassbox { namespace app { namespace sample {

// Tokenizes `text` with a teaching tokenizer that needs no vocabulary file:
//  "words": words and punctuation split apart, ids = position in the sorted vocabulary of
//           this text (the book's first simple tokenizer);
//  "gpt2-style": like "words" but each word keeps its leading space, as GPT-2's pieces do;
//  "chars": one token per Unicode character, id = code point;
//  "bytes": one token per UTF-8 byte, id = the byte (multi-byte characters become partial tokens).
std::vector<trace::TokenSpan> tokenize(const QString& text, const QString& scheme);
QStringList tokenizerSchemes();

// Attention maps with the patterns trained heads are known for (previous token, first
// token, same token, broad average), causal and row-normalised: layers × heads maps.
std::vector<trace::AttentionMap> attention(const std::vector<std::string>& tokens, int layers, int heads);

// A plausible next-token distribution after the prompt (top 10), hand-written.
trace::NextTokenDistribution nextToken(const QString& prompt);

// 8-D vectors for about 30 words in a few themes (animals, royalty, numbers, colours, verbs),
// built so that words of a theme point the same way.
trace::EmbeddingPoints embeddings();

// Learns up to `merges` byte-pair-encoding merges from `corpus` (characters within GPT-2 style
// words; ties go to the pair that sorts first, so the result is reproducible). A teaching BPE:
// quadratic, meant for a paragraph, not a corpus.
std::vector<trace::BpeMerge> learnBpe(const QString& corpus, int merges);

// A training run's loss curve, hand-made: starts at ln(50257) ≈ 10.8 (uniform guessing) and
// falls; validation measured every 50 steps.
std::vector<trace::LossPoint> lossCurve();

// Token and position embeddings (T, dim) for a short input, small seeded values.
trace::Matrix tokenEmbeddings(const std::vector<trace::TokenSpan>& tokens, int dim);
trace::Matrix positionEmbeddings(const std::vector<trace::TokenSpan>& tokens, int dim);

}}}  // namespace glassbox::app::sample
