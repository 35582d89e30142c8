#include "views/arch_diagram_widget.h"

#include <QFontMetrics>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace glassbox { namespace views {

namespace {

constexpr double kMargin = 10, kGap = 8, kFramePad = 12, kHeader = 46, kFrameLabel = 22, kBoxPadX = 8, kBoxPadY = 4;

// A soft colour per kind of block, the same in both diagrams so that the eye pairs them.
QColor kindColor(const std::string& kind, bool dark) {
  QColor c;
  if (kind == "token_embedding" || kind == "position_embedding" || kind == "rope") c = QColor(0x5b, 0x8d, 0xd6);
  else if (kind == "layer_norm" || kind == "rms_norm" || kind == "final_norm") c = QColor(0x9a, 0x9a, 0xa6);
  else if (kind == "attention") c = QColor(0xe0, 0x8a, 0x3a);
  else if (kind == "lm_head") c = QColor(0x9b, 0x6b, 0xc8);
  else c = QColor(0x4f, 0xa8, 0x6a);  // feed-forward, SwiGLU, experts
  return dark ? c.darker(170) : c.lighter(150);
}

}  // namespace

QString formatCount(std::int64_t n) {
  QLocale english(QLocale::English);  // 1,234,567 in every language the app speaks
  return english.toString(static_cast<qlonglong>(n));
}

QString formatShortCount(std::int64_t n) {
  const double v = static_cast<double>(n);
  if (v >= 1e9) return QStringLiteral("%1 B").arg(v / 1e9, 0, 'f', 2);
  if (v >= 1e6) return QStringLiteral("%1 M").arg(v / 1e6, 0, 'f', 1);
  if (v >= 1e3) return QStringLiteral("%1 K").arg(v / 1e3, 0, 'f', 1);
  return QString::number(n);
}

QString formatBytes(std::int64_t bytes) {
  const double v = static_cast<double>(bytes);
  if (v >= 1024.0 * 1024 * 1024) return QStringLiteral("%1 GiB").arg(v / (1024.0 * 1024 * 1024), 0, 'f', 2);
  if (v >= 1024.0 * 1024) return QStringLiteral("%1 MiB").arg(v / (1024.0 * 1024), 0, 'f', 1);
  if (v >= 1024.0) return QStringLiteral("%1 KiB").arg(v / 1024.0, 0, 'f', 1);
  return QStringLiteral("%1 B").arg(bytes);
}

QString formatShape(const std::vector<std::int64_t>& shape) {
  QStringList dims;
  for (std::int64_t d : shape) dims << QString::number(d);
  return QLatin1Char('(') + dims.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString blockTitle(const trace::ArchBlock& b, const QString& family) {
  const std::string& k = b.kind;
  if (k == "token_embedding") return ArchDiagramWidget::tr("Token embedding");
  if (k == "position_embedding") return ArchDiagramWidget::tr("Position embedding (learned)");
  if (k == "rope") return ArchDiagramWidget::tr("Rotary positions (RoPE, no weights)");
  if (k == "layer_norm") return ArchDiagramWidget::tr("LayerNorm");
  if (k == "rms_norm") return ArchDiagramWidget::tr("RMSNorm");
  if (k == "final_norm")
    return family == QLatin1String("gpt2") ? ArchDiagramWidget::tr("Final LayerNorm") : ArchDiagramWidget::tr("Final RMSNorm");
  if (k == "attention") {
    QString kind = ArchDiagramWidget::tr("Multi-head attention");
    if (b.kv_heads == 1 && b.heads > 1) kind = ArchDiagramWidget::tr("Multi-query attention");
    else if (b.kv_heads < b.heads) kind = ArchDiagramWidget::tr("Grouped-query attention");
    return b.kv_heads < b.heads
               ? ArchDiagramWidget::tr("%1: %2 query / %3 key-value heads × %4").arg(kind).arg(b.heads).arg(b.kv_heads).arg(b.head_dim)
               : ArchDiagramWidget::tr("%1: %2 heads × %3").arg(kind).arg(b.heads).arg(b.head_dim);
  }
  if (k == "feed_forward") return ArchDiagramWidget::tr("Feed-forward, GELU (%1 wide)").arg(b.hidden);
  if (k == "swiglu") return ArchDiagramWidget::tr("Feed-forward, SwiGLU (%1 wide)").arg(b.hidden);
  if (k == "moe")
    return ArchDiagramWidget::tr("Mixture of experts: %1 of %2 SwiGLU experts").arg(b.experts_per_token).arg(b.experts);
  if (k == "lm_head") return ArchDiagramWidget::tr("Output head (logits)");
  return QString::fromStdString(k);
}

ArchDiagramWidget::ArchDiagramWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(false);
  setCursor(Qt::PointingHandCursor);
}

void ArchDiagramWidget::setDiagram(const trace::ArchDiagram& diagram) {
  diagram_ = diagram;
  layoutBoxes();
  updateGeometry();
  update();
}

void ArchDiagramWidget::setSelected(const QString& block_id) {
  selected_ = block_id;
  update();
}

QRectF ArchDiagramWidget::blockRect(const QString& block_id) const {
  for (std::size_t i = 0; i < diagram_.blocks.size() && i < boxes_.size(); ++i)
    if (QString::fromStdString(diagram_.blocks[i].id) == block_id) return boxes_[i];
  return {};
}

QFont ArchDiagramWidget::titleFont() const {
  QFont f = font();
  f.setBold(true);
  return f;
}

QFont ArchDiagramWidget::smallFont() const {
  QFont f = font();
  f.setPointSizeF(font().pointSizeF() * 0.85);
  return f;
}

QString ArchDiagramWidget::frameLabel() const {
  return tr("Transformer block × %1 layers").arg(diagram_.layers);
}

ArchDiagramWidget::BoxText ArchDiagramWidget::boxText(const trace::ArchBlock& b) const {
  BoxText t;
  t.title = blockTitle(b, QString::fromStdString(diagram_.family));
  if (!b.shared_with.empty()) t.count = tr("tied: reuses the token embedding (0 new)");
  else if (b.tensors.empty()) t.count = tr("no weights");
  else if (b.per_layer) t.count = tr("%1 per layer").arg(formatCount(b.parameters));
  else t.count = tr("%1 parameters").arg(formatCount(b.parameters));
  if (b.active_parameters != b.parameters) t.count += tr(" (%1 active)").arg(formatCount(b.active_parameters));
  QStringList shapes;
  for (const auto& w : b.tensors)
    shapes << (w.copies > 1 ? QStringLiteral("%1× ").arg(w.copies) : QString()) + formatShape(w.shape);
  t.shapes = shapes.join(QStringLiteral("  "));
  return t;
}

namespace {
// Height of text wrapped at word boundaries into `width` (nothing is cut off: on a
// projector, or in Korean, a title takes two lines rather than losing its end).
double wrappedHeight(const QFont& font, const QString& text, double width) {
  if (text.isEmpty()) return 0;
  return QFontMetricsF(font).boundingRect(QRectF(0, 0, std::max(width, 1.0), 1e6), Qt::TextWordWrap, text).height();
}
}  // namespace

ArchDiagramWidget::BoxLines ArchDiagramWidget::boxLines(const trace::ArchBlock& b, double inner_width) const {
  const BoxText t = boxText(b);
  return {wrappedHeight(titleFont(), t.title, inner_width), wrappedHeight(smallFont(), t.count, inner_width),
          wrappedHeight(smallFont(), t.shapes, inner_width)};
}

double ArchDiagramWidget::layoutFor(double width, std::vector<QRectF>* boxes, QRectF* frame) const {
  const double w = width - 2 * kMargin;
  double y = kMargin + kHeader;
  bool inside = false;
  double frame_top = 0;
  QRectF around;
  for (std::size_t i = 0; i < diagram_.blocks.size(); ++i) {
    const bool per_layer = diagram_.blocks[i].per_layer;
    if (per_layer && !inside) {  // the repeated block starts: open the frame
      inside = true;
      frame_top = y;
      y += kFramePad + std::max(kFrameLabel, wrappedHeight(font(), frameLabel(), w - 2 * kFramePad) + 6);
    } else if (!per_layer && inside) {
      inside = false;
      around = QRectF(kMargin, frame_top, w, y - frame_top + kFramePad - kGap);
      y += kFramePad + kGap;
    }
    const double pad = per_layer ? kFramePad : 0;
    const double box_width = w - 2 * pad;
    const BoxLines lines = boxLines(diagram_.blocks[i], box_width - 2 * kBoxPadX);
    const double height = 2 * kBoxPadY + lines.title + lines.count + lines.shapes + 2;
    if (boxes) boxes->emplace_back(kMargin + pad, y, box_width, height);
    y += height + kGap;
  }
  if (inside) {
    around = QRectF(kMargin, frame_top, w, y - frame_top + kFramePad - kGap);
    y += kFramePad;
  }
  if (frame) *frame = around;
  return y + kMargin;
}

QSize ArchDiagramWidget::sizeHint() const {
  return {300, heightForWidth(300)};
}

QSize ArchDiagramWidget::minimumSizeHint() const {
  return {220, 120};  // taller than this through heightForWidth (the view scrolls)
}

bool ArchDiagramWidget::hasHeightForWidth() const {
  return true;
}

int ArchDiagramWidget::heightForWidth(int width) const {
  return static_cast<int>(std::ceil(layoutFor(width, nullptr, nullptr)));
}

void ArchDiagramWidget::resizeEvent(QResizeEvent*) {
  layoutBoxes();
}

void ArchDiagramWidget::layoutBoxes() {
  boxes_.clear();
  frame_ = QRectF();
  layoutFor(width(), &boxes_, &frame_);
}

void ArchDiagramWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  const bool dark = pal.color(QPalette::Window).lightness() < 128;
  const QColor text = pal.color(QPalette::WindowText);
  p.fillRect(rect(), pal.color(QPalette::Base));
  if (diagram_.blocks.empty()) {
    p.setPen(text);
    p.drawText(rect(), Qt::AlignCenter, tr("No architecture yet"));
    return;
  }
  const QString family = QString::fromStdString(diagram_.family);

  // Header: the model's name and its totals.
  QFont bold = font();
  bold.setBold(true);
  bold.setPointSizeF(font().pointSizeF() * 1.15);
  p.setFont(bold);
  p.setPen(text);
  const QRectF head(kMargin, kMargin, width() - 2 * kMargin, 22);
  p.drawText(head, Qt::AlignLeft | Qt::AlignVCenter,
             QStringLiteral("%1 (%2)").arg(QString::fromStdString(diagram_.name),
                                           family == QLatin1String("gpt2") ? QStringLiteral("GPT-2") : QStringLiteral("Llama")));
  p.setFont(font());
  QString totals = tr("%1 parameters").arg(formatCount(diagram_.total_parameters));
  if (diagram_.active_parameters != diagram_.total_parameters)
    totals += tr(", %1 active per token").arg(formatCount(diagram_.active_parameters));
  p.drawText(QRectF(kMargin, kMargin + 22, width() - 2 * kMargin, 18), Qt::AlignLeft | Qt::AlignVCenter, totals);

  if (!frame_.isNull()) {
    QPen pen(text, 1.5, Qt::DashLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(frame_, 8, 8);
    p.drawText(QRectF(frame_.left() + kFramePad, frame_.top() + 4, frame_.width() - 2 * kFramePad,
                      frame_.height() - 8),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, frameLabel());
  }

  for (std::size_t i = 0; i < diagram_.blocks.size() && i < boxes_.size(); ++i) {
    const trace::ArchBlock& b = diagram_.blocks[i];
    const QRectF r = boxes_[i];
    const bool chosen = QString::fromStdString(b.id) == selected_;
    const QColor fill = kindColor(b.kind, dark);
    p.setPen(QPen(chosen ? pal.color(QPalette::Highlight) : fill.darker(140), chosen ? 3 : 1));
    p.setBrush(fill);
    p.drawRoundedRect(r, 6, 6);
    p.setPen(dark ? QColor(0xf0, 0xf0, 0xf0) : QColor(0x10, 0x10, 0x10));
    const QRectF inner = r.adjusted(kBoxPadX, kBoxPadY, -kBoxPadX, -kBoxPadY);
    const BoxText text = boxText(b);
    const BoxLines lines = boxLines(b, inner.width());
    constexpr int kWrap = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    double y = inner.top();
    p.setFont(titleFont());
    p.drawText(QRectF(inner.left(), y, inner.width(), lines.title), kWrap, text.title);
    y += lines.title + 2;
    p.setFont(smallFont());
    p.drawText(QRectF(inner.left(), y, inner.width(), lines.count), kWrap, text.count);
    y += lines.count;
    p.drawText(QRectF(inner.left(), y, inner.width(), lines.shapes), kWrap, text.shapes);
    p.setFont(font());
  }
}

void ArchDiagramWidget::mousePressEvent(QMouseEvent* event) {
  for (std::size_t i = 0; i < boxes_.size() && i < diagram_.blocks.size(); ++i) {
    if (boxes_[i].contains(event->position())) {
      const QString id = QString::fromStdString(diagram_.blocks[i].id);
      setSelected(id);
      emit blockClicked(id);
      return;
    }
  }
}

}}  // namespace glassbox::views
