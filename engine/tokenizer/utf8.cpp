#include "engine/tokenizer/utf8.h"

#include <array>

namespace gb::utf8 {

size_t valid_char_len(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte (Unicode Table 3-7)
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) { n = 3; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) { n = 3; hi = 0x9F; }
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) { n = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) { n = 4; hi = 0x8F; }
  else return 0;
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  return n;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// Length of the maximal ill-formed subpart at s[i]: the longest prefix of a well-formed
// sequence that is there (at least 1 byte). Each such subpart is one U+FFFD.
size_t ill_formed_len(std::string_view s, size_t i) {
  const uint8_t c = static_cast<uint8_t>(s[i]);
  size_t n = 0;
  uint8_t lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) { n = 3; lo = 0xA0; }
  else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 3;
  else if (c == 0xED) { n = 3; hi = 0x9F; }
  else if (c == 0xF0) { n = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) { n = 4; hi = 0x8F; }
  else return 1;
  size_t k = 1;
  for (; k < n && i + k < s.size(); ++k) {
    const uint8_t d = static_cast<uint8_t>(s[i + k]);
    const uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (d < l || d > h) break;
  }
  return k;
}

char32_t char_at(std::string_view s, size_t i, size_t n) {
  const auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<uint8_t>(s[i + k])); };
  switch (n) {
    case 1: return b(0);
    case 2: return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3: return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default: return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
  }
}

}  // namespace

std::u32string decode(std::string_view s, std::vector<size_t>* starts) {
  std::u32string out;
  out.reserve(s.size());
  if (starts) starts->clear();
  size_t i = 0;
  while (i < s.size()) {
    if (starts) starts->push_back(i);
    const size_t n = valid_char_len(s, i);
    if (n) {
      out += char_at(s, i, n);
      i += n;
    } else {
      out += U'\uFFFD';
      i += ill_formed_len(s, i);
    }
  }
  if (starts) starts->push_back(s.size());
  return out;
}

std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t n = valid_char_len(s, i);
    if (n) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      append(out, U'\uFFFD');
      i += ill_formed_len(s, i);
    }
  }
  return out;
}

namespace {

struct ByteTable {
  std::array<char32_t, 256> to_unicode{};
  std::array<int, 324> to_byte{};  // indexed by code point; every stand-in is below 0x144
  ByteTable() {
    to_byte.fill(-1);
    const auto printable = [](int b) {
      return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    };
    char32_t next = 0x100;
    for (int b = 0; b < 256; ++b) {
      to_unicode[b] = printable(b) ? char32_t(b) : next++;
      to_byte[to_unicode[b]] = b;
    }
  }
};

const ByteTable& table() {
  static const ByteTable t;
  return t;
}

}  // namespace

char32_t byte_to_unicode(uint8_t b) { return table().to_unicode[b]; }

int unicode_to_byte(char32_t cp) { return cp < 324 ? table().to_byte[cp] : -1; }

std::string bytes_to_printable(std::string_view bytes) {
  std::string out;
  for (char c : bytes) append(out, byte_to_unicode(static_cast<uint8_t>(c)));
  return out;
}

bool printable_to_bytes(std::string_view printable, std::string& bytes) {
  bytes.clear();
  size_t i = 0;
  while (i < printable.size()) {
    const size_t n = valid_char_len(printable, i);
    if (!n) return false;
    const int b = unicode_to_byte(char_at(printable, i, n));
    if (b < 0) return false;
    bytes += static_cast<char>(b);
    i += n;
  }
  return true;
}

bool cuts_a_character(std::string_view text, size_t begin, size_t end) {
  // A boundary cuts a character when it falls on a continuation byte of a well-formed one.
  const auto inside = [&](size_t pos) {
    if (pos == 0 || pos >= text.size()) return false;
    if ((static_cast<uint8_t>(text[pos]) & 0xC0) != 0x80) return false;
    for (size_t back = 1; back <= 3 && back <= pos; ++back) {
      const size_t start = pos - back;
      if ((static_cast<uint8_t>(text[start]) & 0xC0) != 0x80) return valid_char_len(text, start) > back;
    }
    return false;
  };
  return inside(begin) || inside(end);
}

}  // namespace gb::utf8
