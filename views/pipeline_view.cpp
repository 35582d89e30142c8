#include "views/pipeline_view.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "views/colors.h"

namespace glassbox { namespace views {

PipelineView::PipelineView(QWidget* parent) : ExportableView(parent) { setMinimumSize(480, 420); }

void PipelineView::setExample(const QString& text, const std::vector<trace::TokenSpan>& tokens,
                              const trace::NextTokenDistribution& next, int blocks) {
  text_ = text;
  tokens_ = tokens;
  next_ = next;
  blocks_ = blocks;
  update();
}

void PipelineView::setHighlight(int stage) {
  highlight_ = stage;
  update();
}

void PipelineView::setNotice(const QString& notice) {
  notice_ = notice;
  update();
}

QString PipelineView::stageName(int stage) const {
  switch (stage) {
    case 0: return tr("Text");
    case 1: return tr("Tokens");
    case 2: return tr("Token IDs");
    case 3: return tr("Embeddings");
    case 4: return tr("Transformer blocks");
    case 5: return tr("Next token");
  }
  return {};
}

void PipelineView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const bool dark = palette().color(QPalette::Window).lightness() < 128;
  const QColor fg = palette().color(QPalette::WindowText);
  const int n = stageCount();
  const int gap = 18;
  int top = 4;
  if (!notice_.isEmpty()) {
    const QRect band(0, 0, width(), fontMetrics().height() + 12);
    p.fillRect(band, palette().color(QPalette::AlternateBase));
    p.fillRect(QRect(0, 0, 5, band.height()), QColor(0xe0, 0xa8, 0x00));
    p.setPen(fg);
    p.drawText(band.adjusted(14, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, notice_);
    top = band.height() + 8;
  }
  const int row_h = std::max(40, (height() - top - 4 - gap * (n - 1)) / n);
  const int name_w = std::min(220, width() / 4);
  const QFontMetrics fm(font());
  QFont bold = font();
  bold.setBold(true);

  for (int s = 0; s < n; ++s) {
    const int y = top + s * (row_h + gap);
    const QRectF name_box(4, y, name_w, row_h);
    const QRectF content(name_w + 16, y, width() - name_w - 22, row_h);
    const bool on = highlight_ == s;
    QColor fill = on ? palette().color(QPalette::Highlight) : palette().color(QPalette::Button);
    p.setPen(QPen(on ? fill.darker(130) : palette().color(QPalette::Mid), on ? 3 : 1));
    p.setBrush(fill);
    p.drawRoundedRect(name_box, 8, 8);
    p.setFont(bold);
    p.setPen(on ? palette().color(QPalette::HighlightedText) : fg);
    p.drawText(name_box, Qt::AlignCenter | Qt::TextWordWrap, stageName(s));
    p.setFont(font());
    if (s + 1 < n) {  // arrow down to the next stage
      const double cx = name_box.center().x(), y0 = name_box.bottom() + 2, y1 = y0 + gap - 4;
      p.setPen(QPen(fg, 2));
      p.drawLine(QPointF(cx, y0), QPointF(cx, y1));
      QPainterPath head;
      head.moveTo(cx - 6, y1 - 6);
      head.lineTo(cx, y1);
      head.lineTo(cx + 6, y1 - 6);
      p.drawPath(head);
    }

    // What the example looks like at this stage.
    p.setPen(fg);
    double x = content.left();
    const double cy = content.center().y();
    const double chip_h = std::min<double>(row_h - 8, fm.height() + 12);
    auto chip = [&](const QString& label, const QColor& bg) {
      const double w = fm.horizontalAdvance(label) + 16;
      if (x + w > content.right()) return false;
      const QRectF r(x, cy - chip_h / 2, w, chip_h);
      p.setPen(QPen(bg.darker(130), 1));
      p.setBrush(bg);
      p.drawRoundedRect(r, 5, 5);
      p.setPen(textColorOn(bg));
      p.drawText(r, Qt::AlignCenter, label);
      x += w + 6;
      return true;
    };
    switch (s) {
      case 0:
        p.drawText(content, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, QStringLiteral("“%1”").arg(text_));
        break;
      case 1:
      case 2:
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
          QString label = s == 1 ? QString::fromStdString(tokens_[i].text) : QString::number(tokens_[i].id);
          label.replace(QLatin1Char(' '), QChar(0x00B7));
          if (!chip(label, chipColor(static_cast<int>(i), dark))) break;
        }
        break;
      case 3: {
        // One column of coloured cells per token: a vector of numbers for each.
        const int dims = 6;
        const double cell = std::min<double>((row_h - 6) / dims, 12.0);
        for (std::size_t i = 0; i < tokens_.size() && x + cell * 2 < content.right(); ++i) {
          for (int d = 0; d < dims; ++d) {
            const unsigned h = static_cast<unsigned>(tokens_[i].id) * 2654435761u + static_cast<unsigned>(d) * 40503u;
            p.fillRect(QRectF(x, content.top() + 3 + d * cell, cell * 2, cell - 1), heatColor((h % 1000) / 1000.0));
          }
          x += cell * 2 + 10;
        }
        p.setPen(fg);
        p.drawText(QRectF(x + 6, content.top(), content.right() - x - 6, row_h), Qt::AlignVCenter | Qt::TextWordWrap,
                   tr("one vector of numbers per token"));
        break;
      }
      case 4:
        for (int b = 0; b < std::min(blocks_, 4); ++b) {
          const QRectF r(x + b * 8, content.top() + 4 + b * 4, 200, row_h - 20);
          p.setPen(QPen(palette().color(QPalette::Mid)));
          p.setBrush(heatColor(0.3 + 0.12 * b));
          p.drawRoundedRect(r, 6, 6);
        }
        p.setPen(textColorOn(heatColor(0.66)));
        p.drawText(QRectF(x + 24, content.top() + 16, 200, row_h - 20), Qt::AlignCenter,
                   tr("attention + feed-forward, × %1").arg(blocks_));
        break;
      case 5:
        for (std::size_t i = 0; i < next_.tokens.size() && i < 4; ++i) {
          QString token = QString::fromStdString(next_.tokens[i]);
          token.replace(QLatin1Char(' '), QChar(0x00B7));
          const QString label = QStringLiteral("%1   %2 %").arg(token).arg(static_cast<double>(next_.probs[i]) * 100.0, 0, 'f', 0);
          if (!chip(label, heatColor(0.4 + 0.6 * static_cast<double>(next_.probs[i])))) break;
        }
        break;
    }
  }
}

QString PipelineView::csv() const {
  QString out = QStringLiteral("stage,position,value\n");
  out += QStringLiteral("text,0,%1\n").arg(csvField(text_));
  for (std::size_t i = 0; i < tokens_.size(); ++i)
    out += QStringLiteral("token,%1,%2\n").arg(i).arg(csvField(QString::fromStdString(tokens_[i].text)));
  for (std::size_t i = 0; i < tokens_.size(); ++i) out += QStringLiteral("id,%1,%2\n").arg(i).arg(tokens_[i].id);
  for (std::size_t i = 0; i < next_.tokens.size(); ++i)
    out += QStringLiteral("next,%1,%2 (%3)\n").arg(i).arg(csvField(QString::fromStdString(next_.tokens[i])))
               .arg(static_cast<double>(next_.probs[i]), 0, 'f', 4);
  return out;
}

}}  // namespace glassbox::views
