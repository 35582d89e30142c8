#pragma once
#include <QWidget>

#include "engine/trace/trace.h"

namespace glassbox { namespace views {

// Paints one small matrix as coloured cells with its numbers, row/column labels and a title.
// Cells holding -inf or NaN are drawn as masked (grey, "−∞"). Hover shows the value.
// Compact mode drops numbers and labels (for grids of attention heads); a click emits clicked().
class MatrixWidget : public QWidget {
  Q_OBJECT
 public:
  explicit MatrixWidget(QWidget* parent = nullptr);
  void setMatrix(const trace::Matrix& m);
  const trace::Matrix& matrix() const { return matrix_; }
  void setCompact(bool compact, int side_px = 200);  // side_px: size of the cell area when compact
  void setSelected(bool selected);
  // Value of the cell under a widget position, or false when outside the cells.
  bool cellAt(const QPoint& pos, int* row, int* col) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  void clicked();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  QRect cellsRect() const;
  int labelWidth() const;
  int cellWidth() const;
  int cellHeight() const;

  trace::Matrix matrix_;
  bool compact_ = false;
  int compact_side_ = 200;
  bool selected_ = false;
};

// A row of matrices with operators between them, e.g. "tokens + positions = input".
class MatrixStrip : public QWidget {
  Q_OBJECT
 public:
  explicit MatrixStrip(QWidget* parent = nullptr);
  // operators[i] is drawn between matrix i and i+1 ("+", "=", "×", "→"); missing ones are blank.
  void setMatrices(const std::vector<trace::Matrix>& matrices, const QStringList& operators);
  const std::vector<trace::Matrix>& matrices() const { return matrices_; }
  QString csv() const;

 private:
  std::vector<trace::Matrix> matrices_;
};

}}  // namespace glassbox::views
