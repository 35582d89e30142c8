#include "views/weight_stats_widget.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "views/arch_diagram_widget.h"
#include "views/colors.h"

namespace glassbox { namespace views {

namespace {
constexpr double kRowHeight = 112, kPad = 8;
}

WeightStatsWidget::WeightStatsWidget(QWidget* parent) : QWidget(parent) {
  setMinimumWidth(260);
}

void WeightStatsWidget::setStats(const trace::BlockStats& stats) {
  stats_ = stats;
  message_ = stats.tensors.empty() ? QString::fromStdString(stats.error) : QString();
  updateGeometry();
  update();
}

void WeightStatsWidget::setMessage(const QString& message) {
  stats_ = {};
  message_ = message;
  update();
}

QSize WeightStatsWidget::sizeHint() const {
  return {320, static_cast<int>(std::max<std::size_t>(1, stats_.tensors.size()) * kRowHeight + 2 * kPad)};
}

void WeightStatsWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  p.fillRect(rect(), pal.color(QPalette::Base));
  p.setPen(pal.color(QPalette::WindowText));
  if (stats_.tensors.empty()) {
    p.drawText(rect().adjusted(10, 10, -10, -10), Qt::AlignCenter | Qt::TextWordWrap,
               message_.isEmpty() ? tr("Click a block to see its weights") : message_);
    return;
  }
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.85);
  const double w = width() - 2 * kPad;
  double y = kPad;
  for (const trace::WeightStats& s : stats_.tensors) {
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    const QString name = QString::fromStdString(s.name) + QLatin1Char(' ') + formatShape(s.shape);
    p.drawText(QRectF(kPad, y, w, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(bold).elidedText(name, Qt::ElideMiddle, w));
    p.setFont(small);
    p.drawText(QRectF(kPad, y + 18, w, 16), Qt::AlignLeft | Qt::AlignVCenter,
               tr("mean %1   std %2   min %3   max %4")
                   .arg(s.mean, 0, 'g', 3).arg(s.std, 0, 'g', 3).arg(s.min, 0, 'g', 3).arg(s.max, 0, 'g', 3));
    // The histogram: one bar per bin, height relative to the fullest bin.
    const QRectF plot(kPad, y + 36, w, kRowHeight - 56);
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    const std::int64_t top = s.histogram.empty() ? 0 : *std::max_element(s.histogram.begin(), s.histogram.end());
    if (top > 0) {
      const double bw = plot.width() / static_cast<double>(s.histogram.size());
      p.setPen(Qt::NoPen);
      p.setBrush(heatColor(0.45));
      for (std::size_t i = 0; i < s.histogram.size(); ++i) {
        const double h = plot.height() * static_cast<double>(s.histogram[i]) / static_cast<double>(top);
        p.drawRect(QRectF(plot.left() + static_cast<double>(i) * bw, plot.bottom() - h, std::max(1.0, bw - 1), h));
      }
    }
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRectF(kPad, plot.bottom() + 2, w / 2, 16), Qt::AlignLeft | Qt::AlignVCenter, QString::number(s.min, 'g', 3));
    p.drawText(QRectF(kPad + w / 2, plot.bottom() + 2, w / 2, 16), Qt::AlignRight | Qt::AlignVCenter,
               QString::number(s.max, 'g', 3));
    y += kRowHeight;
  }
}

}}  // namespace glassbox::views
