#pragma once
// Scores for held-out answers and for classifiers.
//   exact match: 1 when the normalised response equals the normalised reference;
//   token F1: the harmonic mean of precision and recall of the words they share (SQuAD's
//   definition: lower case, punctuation and the articles a/an/the removed, words counted
//   with multiplicity).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

// Lower case, ASCII punctuation dropped, articles dropped, whitespace collapsed.
std::string normalize_answer(std::string_view text);
std::vector<std::string> answer_words(std::string_view text);  // normalize_answer split on spaces

bool exact_match(std::string_view response, std::string_view reference);
double token_f1(std::string_view response, std::string_view reference);

// counts[truth][predicted].
struct ConfusionMatrix {
  std::vector<std::string> labels;
  std::vector<std::vector<int64_t>> counts;

  explicit ConfusionMatrix(std::vector<std::string> label_names = {});
  void add(int truth, int predicted);
  int64_t total() const;
  double accuracy() const;  // 0 when empty
  // Of the items predicted as c, the share that are c; of the items that are c, the share
  // predicted as c. 0 when undefined.
  double precision(int c) const;
  double recall(int c) const;
  std::string to_json() const;  // {"labels":[...],"counts":[[...]],"accuracy":x}
};

}  // namespace gb
