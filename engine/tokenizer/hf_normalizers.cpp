// Normalizers of the Hugging Face pipeline: NFC/NFD/NFKC/NFKD, Lowercase, StripAccents,
// BertNormalizer, Prepend, Replace, Strip and Sequence. Unicode data from utf8proc.
#include <utf8proc.h>

#include "engine/tokenizer/hf_text.h"
#include "engine/tokenizer/utf8.h"

namespace gb::hf {

Aligned Aligned::from_input(std::string_view input) {
  Aligned a;
  a.text.reserve(input.size());
  a.begin.reserve(input.size());
  a.end.reserve(input.size());
  std::vector<size_t> starts;
  const std::u32string cps = utf8::decode(input, &starts);
  std::string ch;
  for (size_t i = 0; i < cps.size(); ++i) {
    ch.clear();
    utf8::append(ch, cps[i]);
    a.append(ch, static_cast<uint32_t>(starts[i]), static_cast<uint32_t>(starts[i + 1]));
  }
  return a;
}

void Aligned::append(std::string_view bytes, uint32_t b, uint32_t e) {
  text.append(bytes);
  begin.insert(begin.end(), bytes.size(), b);
  end.insert(end.end(), bytes.size(), e);
}

Aligned Aligned::slice(size_t b, size_t e) const {
  Aligned a;
  a.text = text.substr(b, e - b);
  a.begin.assign(begin.begin() + static_cast<std::ptrdiff_t>(b), begin.begin() + static_cast<std::ptrdiff_t>(e));
  a.end.assign(end.begin() + static_cast<std::ptrdiff_t>(b), end.begin() + static_cast<std::ptrdiff_t>(e));
  return a;
}

void for_each_char(std::string_view text, const std::function<void(char32_t, size_t, size_t)>& fn) {
  size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                    static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    const size_t len = n > 0 ? static_cast<size_t>(n) : 1;
    fn(n > 0 ? static_cast<char32_t>(cp) : U'\uFFFD', i, len);
    i += len;
  }
}

bool is_white_space(char32_t c) {
  return (c >= 9 && c <= 13) || c == 32 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_bert_punctuation(char32_t c) {
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

namespace {

using nlohmann::json;

// Applies a per-character rewrite: fn(cp, out) appends the replacement of cp to out.
Aligned map_chars(const Aligned& in, const std::function<void(char32_t, std::string&)>& fn) {
  Aligned out;
  out.text.reserve(in.text.size());
  std::string rep;
  for_each_char(in.text, [&](char32_t cp, size_t pos, size_t) {
    rep.clear();
    fn(cp, rep);
    out.append(rep, in.begin[pos], in.end[pos]);
  });
  return out;
}

// Unicode normalization. A run of characters from one starter (combining class 0) to the
// next is normalized as a unit, and all its output bytes point at the run's origin.
Aligned unicode_normalize(const Aligned& in, utf8proc_option_t options) {
  Aligned out;
  size_t run = 0;
  const auto flush = [&](size_t stop) {
    if (stop <= run) return;
    if (stop == run + 1 && static_cast<uint8_t>(in.text[run]) < 0x80) {  // ASCII is its own normal form
      out.append(std::string_view(in.text).substr(run, 1), in.begin[run], in.end[run]);
      run = stop;
      return;
    }
    utf8proc_uint8_t* mapped = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.text.data() + run),
                                static_cast<utf8proc_ssize_t>(stop - run), &mapped,
                                static_cast<utf8proc_option_t>(options | UTF8PROC_STABLE));
    if (n >= 0) out.append(std::string_view(reinterpret_cast<char*>(mapped), static_cast<size_t>(n)), in.begin[run], in.end[stop - 1]);
    else out.append(std::string_view(in.text).substr(run, stop - run), in.begin[run], in.end[stop - 1]);
    std::free(mapped);
    run = stop;
  };
  for_each_char(in.text, [&](char32_t cp, size_t pos, size_t) {
    if (pos > run && utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class == 0) flush(pos);
  });
  flush(in.text.size());
  return out;
}

void append_lower(char32_t cp, std::string& out) {
  utf8::append(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
}

Aligned strip_accents(const Aligned& in) {
  const Aligned nfd = unicode_normalize(in, UTF8PROC_DECOMPOSE);
  return map_chars(nfd, [](char32_t cp, std::string& out) {
    if (utf8proc_category(static_cast<utf8proc_int32_t>(cp)) != UTF8PROC_CATEGORY_MN) utf8::append(out, cp);
  });
}

std::string string_field(const JsonFile& f, const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_string()) f.fail(where + " has no string \"" + key + "\"");
  return j[key].get<std::string>();
}

}  // namespace

Normalizer make_normalizer(const JsonFile& f, const json& j) {
  if (j.is_null()) return [](const Aligned& a) { return a; };
  const std::string type = f.type_of(j, "normalizer");
  if (type == "NFC") return [](const Aligned& a) { return unicode_normalize(a, UTF8PROC_COMPOSE); };
  if (type == "NFD") return [](const Aligned& a) { return unicode_normalize(a, UTF8PROC_DECOMPOSE); };
  if (type == "NFKC")
    return [](const Aligned& a) { return unicode_normalize(a, static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT)); };
  if (type == "NFKD")
    return [](const Aligned& a) { return unicode_normalize(a, static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT)); };
  if (type == "Lowercase") return [](const Aligned& a) { return map_chars(a, append_lower); };
  if (type == "StripAccents") return strip_accents;
  if (type == "BertNormalizer") {
    const bool clean = f.flag(j, "clean_text", true), chinese = f.flag(j, "handle_chinese_chars", true);
    const bool lower = f.flag(j, "lowercase", true);
    const bool strip = f.flag(j, "strip_accents", lower);  // null: follows lowercase
    return [=](const Aligned& in) {
      Aligned a = map_chars(in, [&](char32_t cp, std::string& out) {
        if (clean) {
          if (cp == 0 || cp == 0xFFFD) return;
          const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
          const bool control = cp != '\t' && cp != '\n' && cp != '\r' &&
                               (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CN ||
                                cat == UTF8PROC_CATEGORY_CO || cat == UTF8PROC_CATEGORY_CS);
          if (control) return;
          if (is_white_space(cp)) cp = ' ';
        }
        if (chinese && is_cjk_ideograph(cp)) {
          out += ' ';
          utf8::append(out, cp);
          out += ' ';
          return;
        }
        utf8::append(out, cp);
      });
      if (strip) a = strip_accents(a);
      if (lower) a = map_chars(a, append_lower);
      return a;
    };
  }
  if (type == "Prepend") {
    const std::string p = string_field(f, j, "prepend", "normalizer Prepend");
    return [p](const Aligned& in) {
      if (in.text.empty()) return in;
      Aligned a;
      a.append(p, in.origin_begin(0), in.origin_begin(0));
      a.text += in.text;
      a.begin.insert(a.begin.end(), in.begin.begin(), in.begin.end());
      a.end.insert(a.end.end(), in.end.begin(), in.end.end());
      return a;
    };
  }
  if (type == "Replace") {
    if (!j.contains("pattern") || !j["pattern"].contains("String"))
      f.fail("normalizer Replace: only a String pattern is supported");
    const std::string from = j["pattern"]["String"].get<std::string>();
    const std::string to = string_field(f, j, "content", "normalizer Replace");
    if (from.empty()) f.fail("normalizer Replace: empty pattern");
    return [from, to](const Aligned& in) {
      Aligned a;
      size_t i = 0;
      while (i < in.text.size()) {
        if (in.text.compare(i, from.size(), from) == 0) {
          a.append(to, in.begin[i], in.end[i + from.size() - 1]);
          i += from.size();
        } else {
          a.append(std::string_view(in.text).substr(i, 1), in.begin[i], in.end[i]);
          ++i;
        }
      }
      return a;
    };
  }
  if (type == "Strip") {
    const bool left = f.flag(j, "strip_left", true), right = f.flag(j, "strip_right", true);
    return [left, right](const Aligned& in) {
      size_t b = 0, e = in.text.size();
      while (left && b < e && std::isspace(static_cast<unsigned char>(in.text[b]))) ++b;
      while (right && e > b && std::isspace(static_cast<unsigned char>(in.text[e - 1]))) --e;
      return in.slice(b, e);
    };
  }
  if (type == "Sequence") {
    if (!j.contains("normalizers") || !j["normalizers"].is_array()) f.fail("normalizer Sequence has no list");
    std::vector<Normalizer> steps;
    for (const auto& n : j["normalizers"]) steps.push_back(make_normalizer(f, n));
    return [steps](const Aligned& in) {
      Aligned a = in;
      for (const auto& s : steps) a = s(a);
      return a;
    };
  }
  f.fail("normalizer " + type + " is not supported");
}

}  // namespace gb::hf
