#include "engine/tokenizer/wordpiece.h"

#include "engine/core/error.h"

namespace gb {

std::unique_ptr<Tokenizer> load_bert_vocab_json(const std::filesystem::path& vocab_json) {
  throw Error(vocab_json.string() + ": not built yet");
}

}  // namespace gb
