#include "engine/finetune/metrics.h"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"

namespace gb {

std::string normalize_answer(std::string_view text) {
  std::string lowered;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::ispunct(u)) continue;
    lowered += u < 0x80 ? static_cast<char>(std::tolower(u)) : c;
  }
  std::string out;
  size_t i = 0;
  while (i < lowered.size()) {
    while (i < lowered.size() && std::isspace(static_cast<unsigned char>(lowered[i]))) ++i;
    size_t j = i;
    while (j < lowered.size() && !std::isspace(static_cast<unsigned char>(lowered[j]))) ++j;
    const std::string word = lowered.substr(i, j - i);
    if (!word.empty() && word != "a" && word != "an" && word != "the") {
      if (!out.empty()) out += ' ';
      out += word;
    }
    i = j;
  }
  return out;
}

std::vector<std::string> answer_words(std::string_view text) {
  std::vector<std::string> words;
  const std::string n = normalize_answer(text);
  size_t i = 0;
  while (i < n.size()) {
    size_t j = n.find(' ', i);
    if (j == std::string::npos) j = n.size();
    words.push_back(n.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

bool exact_match(std::string_view response, std::string_view reference) {
  return normalize_answer(response) == normalize_answer(reference);
}

double token_f1(std::string_view response, std::string_view reference) {
  const std::vector<std::string> r = answer_words(response), g = answer_words(reference);
  // SQuAD: when either side has no words, F1 is 1 if both are empty, else 0.
  if (r.empty() || g.empty()) return r.empty() && g.empty() ? 1.0 : 0.0;
  std::map<std::string, int64_t> ref_counts;
  for (const std::string& w : g) ++ref_counts[w];
  int64_t common = 0;
  for (const std::string& w : r) {
    auto it = ref_counts.find(w);
    if (it != ref_counts.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  if (common == 0) return 0.0;
  const double precision = static_cast<double>(common) / static_cast<double>(r.size());
  const double recall = static_cast<double>(common) / static_cast<double>(g.size());
  return 2 * precision * recall / (precision + recall);
}

ConfusionMatrix::ConfusionMatrix(std::vector<std::string> label_names) : labels(std::move(label_names)) {
  counts.assign(labels.size(), std::vector<int64_t>(labels.size(), 0));
}

void ConfusionMatrix::add(int truth, int predicted) {
  const int n = static_cast<int>(labels.size());
  GB_CHECK(truth >= 0 && truth < n && predicted >= 0 && predicted < n,
           "confusion matrix: class index out of range (" + std::to_string(truth) + ", " +
               std::to_string(predicted) + ")");
  ++counts[truth][predicted];
}

int64_t ConfusionMatrix::total() const {
  int64_t n = 0;
  for (const auto& row : counts)
    for (int64_t c : row) n += c;
  return n;
}

double ConfusionMatrix::accuracy() const {
  int64_t right = 0;
  for (size_t i = 0; i < counts.size(); ++i) right += counts[i][i];
  const int64_t n = total();
  return n ? static_cast<double>(right) / static_cast<double>(n) : 0.0;
}

double ConfusionMatrix::precision(int c) const {
  int64_t predicted = 0;
  for (const auto& row : counts) predicted += row[c];
  return predicted ? static_cast<double>(counts[c][c]) / static_cast<double>(predicted) : 0.0;
}

double ConfusionMatrix::recall(int c) const {
  int64_t actual = 0;
  for (int64_t v : counts[c]) actual += v;
  return actual ? static_cast<double>(counts[c][c]) / static_cast<double>(actual) : 0.0;
}

std::string ConfusionMatrix::to_json() const {
  return nlohmann::json{{"labels", labels}, {"counts", counts}, {"accuracy", accuracy()}}.dump();
}

}  // namespace gb
