#pragma once
// Hugging Face tokenizer.json: the format every model directory on the Hub carries.
#include <filesystem>
#include <memory>
#include <string>

#include "engine/tokenizer/tokenizer.h"

namespace gb {

// Reads a tokenizer.json. Byte-level BPE (GPT-2 style) becomes a ByteLevelBpe; other
// pipelines (WordPiece, SentencePiece-style BPE) an HfTokenizer. A component that is not
// supported is an error naming it, never a silently different tokenizer.
// name: what name() says (default: the path).
std::unique_ptr<Tokenizer> load_hf_tokenizer_json(const std::filesystem::path& path, const std::string& name = "");

// The 32,000-token Mistral 7B vocabulary (SentencePiece-style BPE with byte fallback) as
// mistral-tokenizer-js ships it: base64 vocabulary and merges inside its .js file.
std::unique_ptr<Tokenizer> load_mistral_js(const std::filesystem::path& js_file);

}  // namespace gb
