// glassbox-cli tokenize --tokenizer NAME|PATH [--jsonl] [--allow-special] [--offsets]
//   stdin text → {"ids":[...],"tokens":[...]}   (tokens: each token's text; bytes that are
//   not whole UTF-8 characters show as U+FFFD there, the ids are exact)
//   --offsets adds "offsets":[[begin,end],...] (byte ranges in the input) and "partial":
//   the indices of tokens that hold only part of a UTF-8 character.
//   --jsonl: each input line is a JSON string; each output line is a JSON array of its ids.
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/tokenizer/stream.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/tokenizer/utf8.h"

namespace gb::cli {

namespace {

std::string json_string(const std::string& bytes) { return nlohmann::json(utf8::sanitize(bytes)).dump(); }

int tokenize_jsonl(const Tokenizer& tok, bool allow_special) {
  std::string line;
  int64_t line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.empty()) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const std::exception&) {
      throw UsageError("stdin line " + std::to_string(line_no) + ": not a JSON string");
    }
    if (!j.is_string()) throw UsageError("stdin line " + std::to_string(line_no) + ": not a JSON string");
    print_json_line(nlohmann::json(tok.encode(j.get<std::string>(), allow_special)).dump());
  }
  return 0;
}

}  // namespace

int cmd_tokenize(const Argv& argv) {
  Args args(argv, {"jsonl", "allow-special", "offsets"});
  args.allow_only({"tokenizer", "jsonl", "allow-special", "offsets"});
  const auto tok = load_tokenizer(args.str("tokenizer"));
  const bool allow_special = args.flag("allow-special");
  std::ios::sync_with_stdio(false);
  if (args.flag("jsonl")) return tokenize_jsonl(*tok, allow_special);

  std::string out;
  if (args.flag("offsets")) {
    // Offsets need the whole text at once (they are positions in it).
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const auto pieces = tok->encode_with_offsets(text, allow_special);
    nlohmann::json ids = nlohmann::json::array(), tokens = nlohmann::json::array(),
                   offsets = nlohmann::json::array(), partial = nlohmann::json::array();
    for (size_t i = 0; i < pieces.size(); ++i) {
      ids.push_back(pieces[i].id);
      tokens.push_back(utf8::sanitize(tok->token_bytes(pieces[i].id)));
      offsets.push_back({pieces[i].begin, pieces[i].end});
      if (pieces[i].partial_utf8) partial.push_back(i);
    }
    print_json_line(nlohmann::json{{"ids", ids}, {"tokens", tokens}, {"offsets", offsets}, {"partial", partial}}.dump());
    return 0;
  }
  // A large input streams: ids are collected (4 bytes each) rather than the text.
  std::vector<int32_t> ids;
  encode_stream(*tok, std::cin, allow_special, [&](std::span<const int32_t> part) {
    ids.insert(ids.end(), part.begin(), part.end());
  });
  // Written in pieces: the JSON of 100 MB of text is several times its size.
  const auto flush = [&](bool force) {
    if (!force && out.size() < (1 << 20)) return;
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  out += "{\"ids\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
    flush(false);
  }
  out += "],\"tokens\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += json_string(tok->token_bytes(ids[i]));
    flush(false);
  }
  out += "]}\n";
  flush(true);
  std::fflush(stdout);
  return 0;
}

}  // namespace gb::cli
