#include "views/matrix_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "views/colors.h"
#include "views/export.h"

namespace glassbox { namespace views {

MatrixWidget::MatrixWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void MatrixWidget::setMatrix(const trace::Matrix& m) {
  matrix_ = m;
  updateGeometry();
  update();
}

void MatrixWidget::setCompact(bool compact, int side_px) {
  compact_ = compact;
  compact_side_ = side_px;
  setCursor(compact ? Qt::PointingHandCursor : Qt::ArrowCursor);
  updateGeometry();
  update();
}

void MatrixWidget::setSelected(bool selected) {
  selected_ = selected;
  update();
}

// Compact cells are square (a heatmap); full cells are as wide as a number and one line
// high, so that the six-row matrices of lesson 3 fit three to a screen.
int MatrixWidget::cellWidth() const {
  if (compact_) return std::max(1, compact_side_ / std::max(1, std::max(matrix_.rows, matrix_.cols)));
  return fontMetrics().horizontalAdvance(QStringLiteral("-0.00")) + 8;
}

int MatrixWidget::cellHeight() const { return compact_ ? cellWidth() : fontMetrics().height() + 10; }

int MatrixWidget::labelWidth() const {
  if (compact_ || matrix_.row_labels.empty()) return 0;
  int w = 0;
  for (const auto& l : matrix_.row_labels)
    w = std::max(w, fontMetrics().horizontalAdvance(QString::fromStdString(l)));
  return w + 8;
}

QRect MatrixWidget::cellsRect() const {
  const int title_h = compact_ ? fontMetrics().height() + 2 : fontMetrics().height() * 2;
  const int col_label_h = (!compact_ && !matrix_.col_labels.empty()) ? fontMetrics().height() + 4 : 0;
  return QRect(labelWidth() + 2, title_h + col_label_h, matrix_.cols * cellWidth(), matrix_.rows * cellHeight());
}

QSize MatrixWidget::sizeHint() const {
  const QRect r = cellsRect();
  const int title_w = fontMetrics().horizontalAdvance(QString::fromStdString(matrix_.name)) + 4;
  return QSize(std::max(r.right() + 4, title_w), r.bottom() + 4);
}

QSize MatrixWidget::minimumSizeHint() const { return sizeHint(); }

bool MatrixWidget::cellAt(const QPoint& pos, int* row, int* col) const {
  const QRect r = cellsRect();
  if (!r.contains(pos) || matrix_.rows == 0 || matrix_.cols == 0) return false;
  *row = std::min(matrix_.rows - 1, (pos.y() - r.top()) / cellHeight());
  *col = std::min(matrix_.cols - 1, (pos.x() - r.left()) / cellWidth());
  return true;
}

void MatrixWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing, false);
  const QRect r = cellsRect();
  const int cw = cellWidth(), ch = cellHeight();

  QFont title_font = font();
  title_font.setBold(true);
  p.setFont(title_font);
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRect(0, 0, width(), r.top() - (compact_ ? 0 : fontMetrics().height() + 4)),
             Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(matrix_.name));
  p.setFont(font());

  // Colour scale spans this matrix's finite values (each matrix is read on its own).
  float lo = INFINITY, hi = -INFINITY;
  for (float v : matrix_.values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(hi > lo)) hi = lo + 1.0f;

  for (int i = 0; i < matrix_.rows; ++i) {
    for (int j = 0; j < matrix_.cols; ++j) {
      const float v = matrix_.values[static_cast<std::size_t>(i * matrix_.cols + j)];
      const QRect cell(r.left() + j * cw, r.top() + i * ch, cw, ch);
      const bool masked = !std::isfinite(v);
      const QColor bg = masked ? maskedColor() : heatColor((v - lo) / (hi - lo));
      p.fillRect(cell, bg);
      if (!compact_) {
        p.setPen(textColorOn(bg));
        p.drawText(cell, Qt::AlignCenter,
                   masked ? QStringLiteral("−∞") : QString::number(static_cast<double>(v), 'f', 2));
      }
    }
  }
  if (!compact_) {
    p.setPen(palette().color(QPalette::WindowText));
    for (int i = 0; i < matrix_.rows && i < static_cast<int>(matrix_.row_labels.size()); ++i)
      p.drawText(QRect(0, r.top() + i * ch, r.left() - 6, ch), Qt::AlignRight | Qt::AlignVCenter,
                 QString::fromStdString(matrix_.row_labels[static_cast<std::size_t>(i)]));
    for (int j = 0; j < matrix_.cols && j < static_cast<int>(matrix_.col_labels.size()); ++j) {
      const QString label = QString::fromStdString(matrix_.col_labels[static_cast<std::size_t>(j)]);
      p.drawText(QRect(r.left() + j * cw, r.top() - fontMetrics().height() - 4, cw, fontMetrics().height()),
                 Qt::AlignCenter, fontMetrics().elidedText(label, Qt::ElideRight, cw));
    }
  }
  p.setPen(QPen(selected_ ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid),
                selected_ ? 3 : 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(r.adjusted(0, 0, -1, -1));
}

void MatrixWidget::mouseMoveEvent(QMouseEvent* event) {
  int row = 0, col = 0;
  if (!cellAt(event->position().toPoint(), &row, &col)) {
    QToolTip::hideText();
    return;
  }
  const float v = matrix_.values[static_cast<std::size_t>(row * matrix_.cols + col)];
  auto label = [](const std::vector<std::string>& labels, int i) {
    return i < static_cast<int>(labels.size()) ? QString::fromStdString(labels[static_cast<std::size_t>(i)])
                                               : QString::number(i);
  };
  const QString value = std::isfinite(v) ? QString::number(static_cast<double>(v), 'f', 4) : tr("masked (−∞)");
  QToolTip::showText(event->globalPosition().toPoint(),
                     tr("%1 — row %2, column %3: %4")
                         .arg(QString::fromStdString(matrix_.name), label(matrix_.row_labels, row),
                              label(matrix_.col_labels, col), value),
                     this);
}

void MatrixWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) emit clicked();
}

MatrixStrip::MatrixStrip(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(12);
}

void MatrixStrip::setMatrices(const std::vector<trace::Matrix>& matrices, const QStringList& operators) {
  matrices_ = matrices;
  auto* box = static_cast<QHBoxLayout*>(layout());
  while (QLayoutItem* item = box->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  for (std::size_t i = 0; i < matrices.size(); ++i) {
    auto* m = new MatrixWidget(this);
    m->setMatrix(matrices[i]);
    box->addWidget(m, 0, Qt::AlignTop);
    if (i + 1 < matrices.size()) {
      auto* op = new QLabel(i < static_cast<std::size_t>(operators.size()) ? operators[static_cast<int>(i)] : QString(), this);
      QFont f = op->font();
      f.setPointSizeF(f.pointSizeF() * 1.8);
      f.setBold(true);
      op->setFont(f);
      box->addWidget(op, 0, Qt::AlignVCenter);
    }
  }
  box->addStretch(1);
}

QString MatrixStrip::csv() const {
  QString out = QStringLiteral("matrix,row,column,row_label,column_label,value\n");
  for (const auto& m : matrices_) {
    for (int i = 0; i < m.rows; ++i) {
      for (int j = 0; j < m.cols; ++j) {
        const QString rl = i < static_cast<int>(m.row_labels.size()) ? QString::fromStdString(m.row_labels[static_cast<std::size_t>(i)]) : QString();
        const QString cl = j < static_cast<int>(m.col_labels.size()) ? QString::fromStdString(m.col_labels[static_cast<std::size_t>(j)]) : QString();
        out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                   .arg(csvField(QString::fromStdString(m.name)))
                   .arg(i)
                   .arg(j)
                   .arg(csvField(rl), csvField(cl))
                   .arg(static_cast<double>(m.values[static_cast<std::size_t>(i * m.cols + j)]), 0, 'g', 7);
      }
    }
  }
  return out;
}

}}  // namespace glassbox::views
