// Pre-tokenizers of the Hugging Face pipeline: Whitespace, WhitespaceSplit, BertPreTokenizer,
// Metaspace, Split, Digits, Punctuation and Sequence. Each cuts one piece into smaller ones.
#include <memory>

#include "engine/tokenizer/hf_text.h"
#include "engine/tokenizer/byte_level_bpe.h"
#include "engine/tokenizer/regex_split.h"
#include "engine/tokenizer/utf8.h"

namespace gb::hf {

namespace {

using nlohmann::json;

enum class Behavior { Isolated, Removed, MergedWithPrevious, MergedWithNext, Contiguous };

// Cuts `in` at the ranges where match(cp) holds, per behavior (as HF's SplitDelimiterBehavior).
// ranges: matched byte ranges, sorted and disjoint.
void split_by_ranges(const Aligned& in, const std::vector<std::pair<size_t, size_t>>& ranges, Behavior how,
                     std::vector<Aligned>& out) {
  std::vector<std::pair<size_t, size_t>> pieces;  // [b, e) of text
  size_t pos = 0;
  for (auto [b, e] : ranges) {
    switch (how) {
      case Behavior::Isolated:
      case Behavior::Contiguous:
        if (b > pos) pieces.push_back({pos, b});
        pieces.push_back({b, e});
        break;
      case Behavior::Removed:
        if (b > pos) pieces.push_back({pos, b});
        break;
      case Behavior::MergedWithPrevious:
        pieces.push_back({pos, e});
        break;
      case Behavior::MergedWithNext:
        if (b > pos) pieces.push_back({pos, b});
        pos = b;
        continue;
    }
    pos = e;
  }
  if (pos < in.text.size()) pieces.push_back({pos, in.text.size()});
  if (how == Behavior::Contiguous) {
    // Adjacent matches become one piece.
    std::vector<std::pair<size_t, size_t>> joined;
    std::vector<bool> matched;
    size_t r = 0;
    for (auto p : pieces) {
      const bool m = r < ranges.size() && ranges[r].first == p.first;
      if (m) ++r;
      if (m && !matched.empty() && matched.back() && joined.back().second == p.first) joined.back().second = p.second;
      else joined.push_back(p), matched.push_back(m);
    }
    pieces.swap(joined);
  }
  for (auto [b, e] : pieces)
    if (e > b) out.push_back(in.slice(b, e));
}

std::vector<std::pair<size_t, size_t>> char_ranges(const Aligned& in, const std::function<bool(char32_t)>& pred,
                                                   bool runs) {
  std::vector<std::pair<size_t, size_t>> r;
  for_each_char(in.text, [&](char32_t cp, size_t pos, size_t len) {
    if (!pred(cp)) return;
    if (runs && !r.empty() && r.back().second == pos) r.back().second = pos + len;
    else r.push_back({pos, pos + len});
  });
  return r;
}

Behavior behavior_of(const JsonFile& f, const json& j, const std::string& where) {
  const std::string b = j.value("behavior", std::string("Isolated"));
  if (b == "Isolated") return Behavior::Isolated;
  if (b == "Removed") return Behavior::Removed;
  if (b == "MergedWithPrevious") return Behavior::MergedWithPrevious;
  if (b == "MergedWithNext") return Behavior::MergedWithNext;
  if (b == "Contiguous") return Behavior::Contiguous;
  f.fail(where + ": behavior " + b + " is not supported");
}

}  // namespace

PreTokenizer make_pre_tokenizer(const JsonFile& f, const json& j) {
  if (j.is_null()) return [](const Aligned& a, std::vector<Aligned>& out) { out.push_back(a); };
  const std::string type = f.type_of(j, "pre_tokenizer");
  if (type == "WhitespaceSplit")
    return [](const Aligned& a, std::vector<Aligned>& out) {
      split_by_ranges(a, char_ranges(a, is_white_space, true), Behavior::Removed, out);
    };
  if (type == "BertPreTokenizer")
    return [](const Aligned& a, std::vector<Aligned>& out) {
      std::vector<Aligned> words;
      split_by_ranges(a, char_ranges(a, is_white_space, true), Behavior::Removed, words);
      for (const auto& w : words) split_by_ranges(w, char_ranges(w, is_bert_punctuation, false), Behavior::Isolated, out);
    };
  if (type == "Whitespace") {
    // \w+|[^\w\s]+ : runs of word characters, runs of other non-space characters.
    auto re = std::make_shared<RegexSplitter>(R"(\w+|[^\w\s]+)");
    return [re](const Aligned& a, std::vector<Aligned>& out) {
      std::vector<Aligned> words;
      split_by_ranges(a, char_ranges(a, is_white_space, true), Behavior::Removed, words);
      for (const auto& w : words)
        re->split(w.text, [&](size_t b, size_t e) { out.push_back(w.slice(b, e)); });
    };
  }
  if (type == "Digits") {
    const bool single = f.flag(j, "individual_digits", false);
    return [single](const Aligned& a, std::vector<Aligned>& out) {
      split_by_ranges(a, char_ranges(a, [](char32_t c) { return c >= '0' && c <= '9'; }, !single), Behavior::Isolated, out);
    };
  }
  if (type == "Punctuation") {
    const Behavior how = behavior_of(f, j, "pre_tokenizer Punctuation");
    return [how](const Aligned& a, std::vector<Aligned>& out) {
      split_by_ranges(a, char_ranges(a, is_bert_punctuation, false), how, out);
    };
  }
  if (type == "Metaspace") {
    const std::string rep = j.value("replacement", std::string("\xE2\x96\x81"));
    std::string scheme = j.value("prepend_scheme", std::string());
    if (scheme.empty()) scheme = f.flag(j, "add_prefix_space", true) ? "always" : "never";
    if (scheme != "always" && scheme != "never" && scheme != "first")
      f.fail("pre_tokenizer Metaspace: prepend_scheme " + scheme + " is not supported");
    const bool split = f.flag(j, "split", true);
    // "first" prepends only to the first piece of the text; pieces reach us one at a time,
    // and the first one starts at input byte 0.
    return [rep, scheme, split](const Aligned& a, std::vector<Aligned>& out) {
      Aligned m;
      const bool first = a.begin.empty() || a.begin[0] == 0;
      if ((scheme == "always" || (scheme == "first" && first)) && a.text.compare(0, rep.size(), rep) != 0)
        m.append(rep, a.origin_begin(0), a.origin_begin(0));
      for (size_t i = 0; i < a.text.size(); ++i) {
        if (a.text[i] == ' ') m.append(rep, a.begin[i], a.end[i]);
        else m.append(std::string_view(a.text).substr(i, 1), a.begin[i], a.end[i]);
      }
      if (!split) {
        out.push_back(std::move(m));
        return;
      }
      std::vector<std::pair<size_t, size_t>> ranges;
      for (size_t p = m.text.find(rep); p != std::string::npos; p = m.text.find(rep, p + rep.size()))
        ranges.push_back({p, p + rep.size()});
      split_by_ranges(m, ranges, Behavior::MergedWithNext, out);
    };
  }
  if (type == "Split") {
    const Behavior how = behavior_of(f, j, "pre_tokenizer Split");
    if (f.flag(j, "invert", false)) f.fail("pre_tokenizer Split with invert=true is not supported");
    if (!j.contains("pattern")) f.fail("pre_tokenizer Split has no pattern");
    const json& p = j["pattern"];
    if (p.contains("String")) {
      const std::string s = p["String"].get<std::string>();
      if (s.empty()) f.fail("pre_tokenizer Split: empty pattern");
      return [s, how](const Aligned& a, std::vector<Aligned>& out) {
        std::vector<std::pair<size_t, size_t>> ranges;
        for (size_t q = a.text.find(s); q != std::string::npos; q = a.text.find(s, q + s.size()))
          ranges.push_back({q, q + s.size()});
        split_by_ranges(a, ranges, how, out);
      };
    }
    if (!p.contains("Regex")) f.fail("pre_tokenizer Split: pattern is neither String nor Regex");
    if (how != Behavior::Isolated) f.fail("pre_tokenizer Split with a Regex supports behavior Isolated only");
    auto re = std::make_shared<RegexSplitter>(p["Regex"].get<std::string>());
    return [re](const Aligned& a, std::vector<Aligned>& out) {
      // Isolated: matches and the text between them are all pieces, which is split() itself.
      re->split(a.text, [&](size_t b, size_t e) { out.push_back(a.slice(b, e)); });
    };
  }
  if (type == "ByteLevel") {
    // Optionally GPT-2's regex, then every byte becomes its printable stand-in ("Ġ" for a
    // space), which is how byte-level vocabularies spell their tokens.
    const bool prefix = f.flag(j, "add_prefix_space", false);
    std::shared_ptr<RegexSplitter> re;
    if (f.flag(j, "use_regex", true)) re = std::make_shared<RegexSplitter>(patterns::kGpt2);
    return [prefix, re](const Aligned& in, std::vector<Aligned>& out) {
      Aligned a = in;
      if (prefix && (a.text.empty() || a.text[0] != ' ')) {
        Aligned p;
        p.append(" ", a.origin_begin(0), a.origin_begin(0));
        p.text += a.text;
        p.begin.insert(p.begin.end(), a.begin.begin(), a.begin.end());
        p.end.insert(p.end.end(), a.end.begin(), a.end.end());
        a = std::move(p);
      }
      const auto to_printable = [&](size_t b, size_t e) {
        Aligned m;
        std::string ch;
        for (size_t i = b; i < e; ++i) {
          ch.clear();
          utf8::append(ch, utf8::byte_to_unicode(static_cast<uint8_t>(a.text[i])));
          m.append(ch, a.begin[i], a.end[i]);
        }
        out.push_back(std::move(m));
      };
      if (re) re->split(a.text, to_printable);
      else if (!a.text.empty()) to_printable(0, a.text.size());
    };
  }
  if (type == "Sequence") {
    if (!j.contains("pretokenizers") || !j["pretokenizers"].is_array()) f.fail("pre_tokenizer Sequence has no list");
    std::vector<PreTokenizer> steps;
    for (const auto& s : j["pretokenizers"]) steps.push_back(make_pre_tokenizer(f, s));
    return [steps](const Aligned& a, std::vector<Aligned>& out) {
      std::vector<Aligned> cur{a}, next;
      for (const auto& s : steps) {
        next.clear();
        for (const auto& piece : cur) s(piece, next);
        cur.swap(next);
      }
      for (auto& piece : cur) out.push_back(std::move(piece));
    };
  }
  f.fail("pre_tokenizer " + type + " is not supported");
}

}  // namespace gb::hf
