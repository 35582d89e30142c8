#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

namespace glassbox { namespace views {

// Lesson 1's picture: text → tokens → token ids → embeddings → transformer blocks →
// next-token probabilities, top to bottom, filled with one example. One stage can be
// highlighted so the lesson text can point at it.
class PipelineView : public ExportableView {
  Q_OBJECT
 public:
  explicit PipelineView(QWidget* parent = nullptr);
  void setExample(const QString& text, const std::vector<trace::TokenSpan>& tokens,
                  const trace::NextTokenDistribution& next, int blocks);
  void setHighlight(int stage);  // 0..5, -1 for none
  void setNotice(const QString& notice);  // a line drawn above the diagram (e.g. "sample data")
  int highlight() const { return highlight_; }
  static int stageCount() { return 6; }
  QString stageName(int stage) const;

  QString csv() const override;
  QSize sizeHint() const override { return {640, 560}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QString text_;
  std::vector<trace::TokenSpan> tokens_;
  trace::NextTokenDistribution next_;
  int blocks_ = 12;
  int highlight_ = -1;
  QString notice_;
};

}}  // namespace glassbox::views
