#pragma once
// Shared by the tokenizer tests: the corpus files and the ids the original tokenizers gave
// for them (tests/fixtures/tokenizer/expected.json, made by tools/tokenizer/make_fixtures.mjs).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fixtures {

inline std::filesystem::path dir() { return std::filesystem::path(GLASSBOX_FIXTURES) / "tokenizer"; }

inline std::string read(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline const nlohmann::json& expected() {
  static const nlohmann::json j = nlohmann::json::parse(read(dir() / "expected.json"));
  return j;
}

inline std::string corpus(const std::string& file) { return read(dir() / "corpus" / file); }

// First index where a and b differ, with a few ids around it, for a readable failure.
inline std::string first_difference(const std::vector<int32_t>& got, const std::vector<int32_t>& want) {
  size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  std::ostringstream s;
  s << "differ at " << i << " (got " << got.size() << " ids, want " << want.size() << "): got";
  for (size_t k = i; k < got.size() && k < i + 6; ++k) s << ' ' << got[k];
  s << " / want";
  for (size_t k = i; k < want.size() && k < i + 6; ++k) s << ' ' << want[k];
  return s.str();
}

}  // namespace fixtures
