#include "engine/tokenizer/stream.h"

#include <thread>

#include "engine/tokenizer/byte_level_bpe.h"

namespace gb {

size_t next_safe_cut(std::string_view text, size_t from) {
  // "x\nThe": a visible ASCII character, a newline, a letter. The character before the
  // newline matters: after "  \n" or "\n\n", GPT-2's \s+(?!\S) would take the newline into
  // the whitespace before it if the text ended there, and split differently.
  for (size_t p = std::max<size_t>(from, 2); p < text.size(); ++p) {
    const char c = text[p];
    const char before = text[p - 2];
    if (text[p - 1] == '\n' && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && before > ' ' && before < 0x7F)
      return p;
  }
  return text.size();
}

bool can_encode_in_chunks(const Tokenizer& tok) { return dynamic_cast<const ByteLevelBpe*>(&tok) != nullptr; }

void encode_stream(const Tokenizer& tok, std::istream& in, bool allow_special,
                   const std::function<void(std::span<const int32_t>)>& sink, size_t block_bytes) {
  const bool chunks = can_encode_in_chunks(tok);
  std::string buf;
  std::vector<char> block(block_bytes);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    buf.append(block.data(), static_cast<size_t>(in.gcount()));
    if (!chunks || !in) continue;
    // Encode up to the last safe cut; keep the rest for the next block. A cut can only be
    // trusted when a letter follows it, so the search starts one block back at most.
    size_t cut = 0;
    for (size_t p = next_safe_cut(buf, buf.size() > block_bytes ? buf.size() - block_bytes : 0); p < buf.size();
         p = next_safe_cut(buf, p + 1))
      cut = p;
    if (cut == 0) continue;
    const auto ids = tok.encode(std::string_view(buf).substr(0, cut), allow_special);
    sink(ids);
    buf.erase(0, cut);
  }
  if (!buf.empty()) {
    const auto ids = tok.encode(buf, allow_special);
    sink(ids);
  }
}

std::vector<int32_t> encode_parallel(const Tokenizer& tok, std::string_view text, bool allow_special, int threads) {
  if (threads <= 1 || !can_encode_in_chunks(tok)) return tok.encode(text, allow_special);
  std::vector<size_t> cuts = {0};
  for (int t = 1; t < threads; ++t) {
    const size_t c = next_safe_cut(text, std::max(cuts.back() + 1, text.size() * t / threads));
    if (c >= text.size()) break;
    cuts.push_back(c);
  }
  cuts.push_back(text.size());
  std::vector<std::vector<int32_t>> parts(cuts.size() - 1);
  std::vector<std::thread> pool;
  for (size_t i = 0; i + 1 < cuts.size(); ++i)
    pool.emplace_back([&, i] { parts[i] = tok.encode(text.substr(cuts[i], cuts[i + 1] - cuts[i]), allow_special); });
  for (auto& th : pool) th.join();
  std::vector<int32_t> ids;
  for (auto& p : parts) ids.insert(ids.end(), p.begin(), p.end());
  return ids;
}

}  // namespace gb
