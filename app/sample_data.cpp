#include "app/sample_data.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace glassbox { namespace app { namespace sample {
namespace {

std::string utf8(const QString& s) { return s.toStdString(); }

// A small seeded uniform generator in [-1, 1) so sample numbers never change.
float noise(unsigned seed) {
  seed = seed * 1664525u + 1013904223u;
  seed ^= seed >> 13;
  seed *= 2654435761u;
  return static_cast<float>(seed >> 8) / static_cast<float>(1u << 23) - 1.0f;
}

// prefix + number, built by append (GCC 12 warns falsely on operator+ here).
std::string numbered(const char* prefix, int n) {
  std::string s(prefix);
  s.append(std::to_string(n));
  return s;
}

}  // namespace

QStringList tokenizerSchemes() {
  return {QStringLiteral("words"), QStringLiteral("gpt2-style"), QStringLiteral("chars"), QStringLiteral("bytes")};
}

std::vector<trace::TokenSpan> tokenize(const QString& text, const QString& scheme) {
  std::vector<trace::TokenSpan> out;
  const std::string bytes = utf8(text);
  if (scheme == QLatin1String("bytes")) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const auto b = static_cast<unsigned char>(bytes[i]);
      out.push_back({bytes.substr(i, 1), b, i, i + 1, b >= 0x80});
    }
    return out;
  }
  if (scheme == QLatin1String("chars")) {
    std::size_t pos = 0;
    for (char32_t c : text.toUcs4()) {
      const std::string piece = utf8(QString::fromUcs4(&c, 1));
      out.push_back({piece, static_cast<int>(c), pos, pos + piece.size(), false});
      pos += piece.size();
    }
    return out;
  }
  // Words and punctuation; "gpt2-style" glues a leading space onto the word after it.
  const bool keep_space = scheme == QLatin1String("gpt2-style");
  static const QRegularExpression words(QStringLiteral(R"( ?[\p{L}\p{N}_']+| ?[^\s\p{L}\p{N}_']|\s+)"));
  std::vector<std::pair<QString, qsizetype>> pieces;
  auto it = words.globalMatch(text);
  while (it.hasNext()) {
    const auto m = it.next();
    QString piece = m.captured(0);
    qsizetype start = m.capturedStart(0);
    if (!keep_space) {
      const QString trimmed = piece.trimmed();
      if (trimmed.isEmpty()) continue;  // the simple tokenizer drops whitespace
      start += piece.indexOf(trimmed);
      piece = trimmed;
    }
    pieces.emplace_back(piece, start);
  }
  // ids: position in this text's sorted vocabulary, as the book's first tokenizer builds it.
  std::set<QString> vocab;
  for (const auto& p : pieces) vocab.insert(p.first);
  std::map<QString, int> ids;
  for (const auto& w : vocab) ids.emplace(w, static_cast<int>(ids.size()));
  for (const auto& [piece, start] : pieces) {
    const std::size_t b = static_cast<std::size_t>(text.left(start).toUtf8().size());
    const std::string s = utf8(piece);
    out.push_back({s, ids[piece], b, b + s.size(), false});
  }
  return out;
}

std::vector<trace::AttentionMap> attention(const std::vector<std::string>& tokens, int layers, int heads) {
  const int t = static_cast<int>(tokens.size());
  std::vector<trace::AttentionMap> maps;
  for (int l = 0; l < layers; ++l) {
    for (int h = 0; h < heads; ++h) {
      trace::AttentionMap m{tokens, l, h, true, std::vector<float>(static_cast<std::size_t>(t * t), 0.0f), layers};
      const int pattern = (h + l) % 4;
      for (int q = 0; q < t; ++q) {
        float sum = 0.0f;
        for (int k = 0; k <= q; ++k) {
          float score = 0.3f * noise(static_cast<unsigned>((l * 131 + h) * 10007 + q * 101 + k));
          if (pattern == 0 && k == q - 1) score += 3.0f;                   // previous token
          if (pattern == 1 && k == 0) score += 2.5f;                        // first token ("sink")
          // Same token earlier in the text (an "induction"-like look-up), else mostly itself.
          if (pattern == 2 && k < q && tokens[static_cast<std::size_t>(k)] == tokens[static_cast<std::size_t>(q)]) score += 3.0f;
          if (pattern == 2 && k == q) score += 1.5f;
          if (pattern == 3) score *= 0.5f;                                  // broad average
          const float w = std::exp(score);
          m.matrix[static_cast<std::size_t>(q * t + k)] = w;
          sum += w;
        }
        for (int k = 0; k <= q; ++k) m.matrix[static_cast<std::size_t>(q * t + k)] /= sum;
      }
      maps.push_back(std::move(m));
    }
  }
  return maps;
}

trace::NextTokenDistribution nextToken(const QString& prompt) {
  trace::NextTokenDistribution d;
  d.prompt = utf8(prompt);
  // Hand-written continuations; the numbers are illustrative, not a model's output.
  struct Entry {
    const char* token;
    int id;
    float p;
  };
  static const Entry entries[] = {{" forward", 2651, 0.31f}, {" toward", 3371, 0.17f}, {" closer", 5699, 0.12f},
                                  {" ahead", 4058, 0.09f},   {" to", 284, 0.08f},      {" into", 656, 0.07f},
                                  {" along", 1863, 0.06f},   {" on", 319, 0.05f},      {" back", 736, 0.03f},
                                  {" up", 510, 0.02f}};
  for (const Entry& e : entries) {
    d.tokens.emplace_back(e.token);
    d.ids.push_back(e.id);
    d.probs.push_back(e.p);
  }
  return d;
}

trace::EmbeddingPoints embeddings() {
  // Each theme is a direction; the five directions lie around a circle in the first two of
  // eight dimensions (so a 2-D projection can show them apart), and every word is its theme's
  // direction plus a little noise in all eight, so cosine similarity groups the themes.
  const std::vector<std::vector<const char*>> themes = {
      {"cat", "dog", "horse", "bird", "fish", "lion"},
      {"king", "queen", "prince", "princess", "crown", "throne"},
      {"one", "two", "three", "four", "five", "ten"},
      {"red", "green", "blue", "yellow", "purple", "orange"},
      {"run", "walk", "jump", "swim", "fly", "climb"},
  };
  trace::EmbeddingPoints points;
  points.dim = 8;
  unsigned seed = 7;
  int id = 0;
  for (std::size_t k = 0; k < themes.size(); ++k) {
    const double angle = 2.0 * 3.14159265358979 * static_cast<double>(k) / static_cast<double>(themes.size());
    for (const char* w : themes[k]) {
      points.labels.emplace_back(w);
      points.ids.push_back(id++);
      for (int j = 0; j < points.dim; ++j) {
        const double base = j == 0 ? std::cos(angle) : j == 1 ? std::sin(angle) : 0.0;
        points.vectors.push_back(static_cast<float>(base) + 0.3f * noise(seed++));
      }
    }
  }
  return points;
}

std::vector<trace::BpeMerge> learnBpe(const QString& corpus, int merges) {
  // Each distinct word (with its leading space) and how often it occurs, as lists of symbols.
  static const QRegularExpression words(QStringLiteral(R"( ?[^\s]+)"));
  std::map<std::vector<std::string>, int> vocab;
  auto it = words.globalMatch(corpus);
  while (it.hasNext()) {
    std::vector<std::string> symbols;
    for (char32_t c : it.next().captured(0).toUcs4()) symbols.push_back(utf8(QString::fromUcs4(&c, 1)));
    ++vocab[symbols];
  }
  std::vector<trace::BpeMerge> learned;
  for (int m = 0; m < merges; ++m) {
    std::map<std::pair<std::string, std::string>, int> pairs;
    for (const auto& [symbols, freq] : vocab)
      for (std::size_t i = 0; i + 1 < symbols.size(); ++i) pairs[{symbols[i], symbols[i + 1]}] += freq;
    if (pairs.empty()) break;
    auto best = pairs.begin();
    for (auto p = pairs.begin(); p != pairs.end(); ++p)
      if (p->second > best->second) best = p;  // map order breaks ties
    if (best->second < 2) break;  // a pair seen once teaches nothing
    const auto [left, right] = best->first;
    learned.push_back({left, right, best->second});
    std::string merged = left;
    merged.append(right);
    std::map<std::vector<std::string>, int> next;
    for (const auto& [symbols, freq] : vocab) {
      std::vector<std::string> out;
      for (std::size_t i = 0; i < symbols.size(); ++i) {
        if (i + 1 < symbols.size() && symbols[i] == left && symbols[i + 1] == right) {
          out.push_back(merged);
          ++i;
        } else {
          out.push_back(symbols[i]);
        }
      }
      next[out] += freq;
    }
    vocab = std::move(next);
  }
  return learned;
}

std::vector<trace::LossPoint> lossCurve() {
  std::vector<trace::LossPoint> points;
  const double start = std::log(50257.0);
  for (int step = 0; step <= 500; step += 10) {
    const double t = step / 500.0;
    const double train = 3.2 + (start - 3.2) * std::exp(-6.0 * t) + 0.08 * noise(static_cast<unsigned>(step));
    const double val = step % 50 == 0 ? 3.6 + (start - 3.6) * std::exp(-5.0 * t) : NAN;
    points.push_back({step, train, val});
  }
  return points;
}

trace::Matrix tokenEmbeddings(const std::vector<trace::TokenSpan>& tokens, int dim) {
  trace::Matrix m;
  m.name = "token embeddings";
  m.rows = static_cast<int>(tokens.size());
  m.cols = dim;
  for (const auto& t : tokens) {
    m.row_labels.push_back(t.text);
    // Seeded by the token id: the same token always gets the same row.
    for (int j = 0; j < dim; ++j) m.values.push_back(std::round(noise(static_cast<unsigned>(t.id * 31 + j)) * 100.0f) / 100.0f);
  }
  for (int j = 0; j < dim; ++j) m.col_labels.push_back(numbered("d", j + 1));
  return m;
}

trace::Matrix positionEmbeddings(const std::vector<trace::TokenSpan>& tokens, int dim) {
  trace::Matrix m;
  m.name = "position embeddings";
  m.rows = static_cast<int>(tokens.size());
  m.cols = dim;
  for (int i = 0; i < m.rows; ++i) {
    m.row_labels.push_back(numbered("pos ", i));
    for (int j = 0; j < dim; ++j) m.values.push_back(std::round(0.5f * noise(static_cast<unsigned>(90001 + i * 17 + j)) * 100.0f) / 100.0f);
  }
  for (int j = 0; j < dim; ++j) m.col_labels.push_back(numbered("d", j + 1));
  return m;
}

}}}  // namespace glassbox::app::sample
