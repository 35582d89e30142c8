#pragma once
#include <QRectF>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <vector>

#include "engine/trace/trace.h"

namespace glassbox { namespace views {

// 124439808 → "124,439,808" (the learner compares these with the book's figures).
QString formatCount(std::int64_t n);
// 124439808 → "124.4 M", 6738415616 → "6.74 B".
QString formatShortCount(std::int64_t n);
// 2147483648 → "2.00 GiB" (binary units, as memory is sold and reported).
QString formatBytes(std::int64_t bytes);
// The box title for a block: "Grouped-query attention", "RMSNorm", "Feed-forward (SwiGLU)", …
QString blockTitle(const trace::ArchBlock& block, const QString& family);
// "(768, 2304)".
QString formatShape(const std::vector<std::int64_t>& shape);

// One model drawn as a column of boxes in data-flow order (top to bottom): the parts outside
// the transformer block, and the per-layer parts inside a frame marked "× N layers". Every
// box shows its parameter count and weight shapes; clicking a box selects it.
class ArchDiagramWidget : public QWidget {
  Q_OBJECT
 public:
  explicit ArchDiagramWidget(QWidget* parent = nullptr);
  void setDiagram(const trace::ArchDiagram& diagram);
  const trace::ArchDiagram& diagram() const { return diagram_; }
  // Highlights a block (empty: none).
  void setSelected(const QString& block_id);
  QString selected() const { return selected_; }
  // Where a block's box is drawn (widget coordinates); empty when unknown.
  QRectF blockRect(const QString& block_id) const;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;
  // Boxes grow to fit their wrapped text, so the height follows the width.
  bool hasHeightForWidth() const override;
  int heightForWidth(int width) const override;

 signals:
  void blockClicked(const QString& block_id);

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent*) override;

 private:
  struct BoxText {
    QString title, count, shapes;
  };
  struct BoxLines {  // heights of the three texts of a box, wrapped
    double title = 0, count = 0, shapes = 0;
  };
  QFont titleFont() const;
  QString frameLabel() const;
  QFont smallFont() const;
  BoxText boxText(const trace::ArchBlock& b) const;
  BoxLines boxLines(const trace::ArchBlock& b, double inner_width) const;
  // Lays the boxes out for a width; returns the height the diagram needs.
  double layoutFor(double width, std::vector<QRectF>* boxes, QRectF* frame) const;
  void layoutBoxes();
  trace::ArchDiagram diagram_;
  QString selected_;
  std::vector<QRectF> boxes_;  // one per block, same order
  QRectF frame_;               // around the per-layer blocks
};

}}  // namespace glassbox::views
