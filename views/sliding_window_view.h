#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QSpinBox;
class QLabel;
class QSlider;

namespace glassbox { namespace views {

// The data loader made visible: a row of token ids with the input window (context length
// tokens, moved by the stride) and its target window (the same window shifted one token
// right). The target of each input position is the token that follows it.
class SlidingWindowView : public ExportableView {
  Q_OBJECT
 public:
  explicit SlidingWindowView(QWidget* parent = nullptr);
  void setTokens(const std::vector<trace::TokenSpan>& tokens);
  void setContext(int context);
  void setStride(int stride);
  void setWindow(int index);
  void setNotice(const QString& notice);
  int windowCount() const;  // how many full (input, target) pairs fit
  // Token indices [begin, begin + context) of window `index`'s input; target is begin + 1.
  int windowBegin(int index) const;
  std::vector<int> inputIds(int index) const;
  std::vector<int> targetIds(int index) const;

  QString csv() const override;
  QWidget* pictureWidget() override;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();
  void paintStrip(QWidget* strip);

  std::vector<trace::TokenSpan> tokens_;
  QLabel* notice_;
  QSpinBox* context_box_;
  QSpinBox* stride_box_;
  QSlider* window_slider_;
  QLabel* window_label_;
  QWidget* strip_;
  QLabel* pairs_;
  QWidget* picture_;
};

}}  // namespace glassbox::views
