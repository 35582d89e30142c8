#pragma once
// The general Hugging Face pipeline: normalizer → pre-tokenizer → model (BPE with
// SentencePiece-style byte fallback, or WordPiece) → post-processor; decoder for decode().
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/tokenizer/hf_json_util.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

namespace hf {
struct AddedToken {
  std::string content;
  int32_t id = 0;
  bool special = false;
};
std::vector<AddedToken> read_added_tokens(const JsonFile& f);
std::vector<std::pair<std::string, std::string>> read_merges(const JsonFile& f, const nlohmann::json& model);
}  // namespace hf

// name: what name() says (default: the file's path).
std::unique_ptr<Tokenizer> load_hf_pipeline(const hf::JsonFile& f, const std::string& name = "");

}  // namespace gb
