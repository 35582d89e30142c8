#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QLineEdit;
class QLabel;
class QVBoxLayout;
class QScrollArea;
class QComboBox;

namespace glassbox { namespace views {

class TokenChips;

// The same text through several tokenizers, one row each: the tokenizer's name and
// vocabulary size, its token count and characters per token, and the tokens as chips.
// Presets fill in texts that split very differently (the probe text of "Hands-On Large
// Language Models", Korean); the learner can also type. A tokenizer that could not run here
// shows why instead of chips.
class TokenizerCompareView : public ExportableView {
  Q_OBJECT
 public:
  explicit TokenizerCompareView(QWidget* parent = nullptr);

  // The preset texts, in the order of the picker: (name, text).
  static std::vector<std::pair<QString, QString>> presets();
  static QString probeText();

  // The text the runs came from (for characters per token) and the runs, one row each.
  void setRuns(const QString& text, const std::vector<trace::TokenizerRun>& runs);
  void setText(const QString& text);  // does not emit textEdited
  QString text() const;
  void setNotice(const QString& notice);
  // The row summaries as shown ("GPT-2 · 50,257 tokens in the vocabulary · 27 tokens · …").
  QStringList summaries() const;
  int tokenCount(int row) const;

  QString csv() const override;
  QWidget* pictureWidget() override;

 signals:
  // The learner typed or picked a preset; the owner tokenizes again (off the UI thread).
  void textEdited(const QString& text);

 private:
  void rebuild();

  QString text_;
  std::vector<trace::TokenizerRun> runs_;
  QLabel* notice_;
  QComboBox* presets_;
  QLineEdit* input_;
  QScrollArea* scroll_;
  QWidget* rows_;
  QVBoxLayout* rows_layout_;
  std::vector<QLabel*> summaries_;
};

}}  // namespace glassbox::views
