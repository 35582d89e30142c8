#pragma once
#include <QRect>
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QLineEdit;
class QCheckBox;
class QLabel;

namespace glassbox { namespace views {

// Paints tokens as coloured chips that wrap like text. Hover shows a token's id, bytes and text.
class TokenChips : public QWidget {
  Q_OBJECT
 public:
  explicit TokenChips(QWidget* parent = nullptr);
  void setTokens(const std::vector<trace::TokenSpan>& tokens);
  void setShowWhitespace(bool show);
  void setShowIds(bool show);
  // What a chip shows for a token (whitespace made visible, partial UTF-8 as hex bytes).
  QString chipText(const trace::TokenSpan& token) const;
  // The tooltip text for token i.
  QString describe(int i) const;
  int tokenAt(const QPoint& pos) const;

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  std::vector<QRect> layoutChips(int width) const;
  std::vector<trace::TokenSpan> tokens_;
  std::vector<QRect> rects_;
  bool show_whitespace_ = false;
  bool show_ids_ = false;
};

// Text as token chips, with an optional input line, whitespace and id toggles and the
// counts a lesson talks about: characters, bytes, tokens and characters per token.
class TokenView : public ExportableView {
  Q_OBJECT
 public:
  explicit TokenView(QWidget* parent = nullptr);
  // `text` is the input the tokens came from (for the counts).
  void setTokens(const QString& text, const std::vector<trace::TokenSpan>& tokens);
  void setInputVisible(bool visible);
  void setInputText(const QString& text);  // does not emit textEdited
  void setNotice(const QString& notice);
  void setShowWhitespace(bool show);
  void setShowIds(bool show);
  QString statsText() const;
  TokenChips* chips() const { return chips_; }

  QString csv() const override;
  QWidget* pictureWidget() override;

 signals:
  // The learner typed; the owner tokenizes (off the UI thread) and calls setTokens.
  void textEdited(const QString& text);

 private:
  QString text_;
  std::vector<trace::TokenSpan> tokens_;
  QLabel* notice_;
  QLineEdit* input_;
  QCheckBox* whitespace_box_;
  QCheckBox* ids_box_;
  TokenChips* chips_;
  QLabel* stats_;
  QWidget* picture_;
};

}}  // namespace glassbox::views
