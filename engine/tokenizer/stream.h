#pragma once
// Encoding text too large to hold twice (a 100 MB corpus) and encoding on many threads.
// Both cut the text where no tokenizer here can have a token across the cut: right after
// a newline that follows a visible ASCII character and is followed by an ASCII letter
// ("end.\nThe"). A byte-level regex never joins a newline to a following letter, nor (with
// a visible character before it) to whitespace before it; BERT-style splitters cut at
// whitespace.
#include <functional>
#include <istream>
#include <span>
#include <string_view>
#include <vector>

#include "engine/tokenizer/tokenizer.h"

namespace gb {

// The first safe cut at or after `from` (text.size() if none).
size_t next_safe_cut(std::string_view text, size_t from);

// True when cutting text at safe cuts gives the same ids as encoding it whole. SentencePiece-
// style tokenizers add "▁" at the start of the text, so they are encoded whole.
bool can_encode_in_chunks(const Tokenizer& tok);

// Reads `in` in blocks of about block_bytes and calls sink with the ids of each block, in
// order; memory stays at about one block plus the ids of one block.
void encode_stream(const Tokenizer& tok, std::istream& in, bool allow_special,
                   const std::function<void(std::span<const int32_t>)>& sink, size_t block_bytes = 1 << 20);

// encode(text) on `threads` threads: the text is cut at safe cuts into one chunk per thread.
std::vector<int32_t> encode_parallel(const Tokenizer& tok, std::string_view text, bool allow_special, int threads);

}  // namespace gb
