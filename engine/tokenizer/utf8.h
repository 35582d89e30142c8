#pragma once
// UTF-8 helpers shared by the tokenizers: decoding with replacement, the GPT-2 byte↔unicode
// table that byte-level BPE vocabularies are written in, and the "partial character" test
// that the token views use.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gb::utf8 {

// Length (1..4) of the well-formed UTF-8 character starting at s[i], or 0 if the bytes there
// are not one (a stray continuation byte, an overlong form, a surrogate, a truncated tail).
size_t valid_char_len(std::string_view s, size_t i);

// Appends the UTF-8 form of code point cp.
void append(std::string& out, char32_t cp);

// Code points of s. Ill-formed bytes become U+FFFD, one per maximal ill-formed subpart, as
// the WHATWG decoder (TextDecoder, Node's Buffer.toString) and Python's errors="replace" do.
// starts (if given) receives the byte offset in s where each code point begins, plus s.size().
std::u32string decode(std::string_view s, std::vector<size_t>* starts = nullptr);

// s with ill-formed bytes replaced by U+FFFD (see decode).
std::string sanitize(std::string_view s);

// GPT-2's printable stand-in for each byte: bytes that are printable Latin-1 map to
// themselves, the other 68 to U+0100.. in order. Vocabulary files store tokens in this form.
char32_t byte_to_unicode(uint8_t b);
// The inverse; returns -1 for a code point that stands for no byte.
int unicode_to_byte(char32_t cp);
// Token bytes → their printable form (UTF-8), and back (false if a char is not in the table).
std::string bytes_to_printable(std::string_view bytes);
bool printable_to_bytes(std::string_view printable, std::string& bytes);

// True when [begin, end) of text cuts through a well-formed multi-byte character.
bool cuts_a_character(std::string_view text, size_t begin, size_t end);

}  // namespace gb::utf8
