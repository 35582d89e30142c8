#include "views/moe_router_view.h"

#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "views/arch_diagram_widget.h"
#include "views/colors.h"

namespace glassbox { namespace views {

class RouterHeatmap : public QWidget {
 public:
  explicit RouterHeatmap(const MoeRouterView* view, QWidget* parent) : QWidget(parent), view_(view) {
    setMinimumHeight(240);
  }
  int layer = 0;

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const trace::RouterChoices& c = view_->choices();
    const int T = static_cast<int>(c.tokens.size()), E = c.experts;
    if (T == 0 || E <= 0) return;
    const double label_w = 110, head_h = 22, load_h = 60;
    const double cw = std::min(60.0, (width() - label_w - 8) / E);
    const double ch = std::min(22.0, (height() - head_h - load_h - 8) / T);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetricsF fm(small);
    p.setPen(pal.color(QPalette::WindowText));
    for (int e = 0; e < E; ++e)
      p.drawText(QRectF(label_w + e * cw, 0, cw, head_h), Qt::AlignCenter, MoeRouterView::tr("E%1").arg(e));
    for (int t = 0; t < T; ++t) {
      const double y = head_h + t * ch;
      QString tok = QString::fromStdString(c.tokens[static_cast<std::size_t>(t)]);
      tok.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
      p.setPen(pal.color(QPalette::WindowText));
      p.drawText(QRectF(0, y, label_w - 6, ch), Qt::AlignRight | Qt::AlignVCenter,
                 fm.elidedText(QLatin1Char('"') + tok + QLatin1Char('"'), Qt::ElideRight, label_w - 6));
      for (int e = 0; e < E; ++e) {
        const float w = view_->weight(layer, t, e);
        const QRectF cell(label_w + e * cw + 1, y + 1, cw - 2, ch - 2);
        if (w > 0) {
          const QColor color = heatColor(0.15 + 0.85 * w);
          p.fillRect(cell, color);
          if (cw > 34) {
            p.setPen(textColorOn(color));
            p.drawText(cell, Qt::AlignCenter, QString::number(w, 'f', 2));
          }
        } else {
          p.fillRect(cell, pal.color(QPalette::AlternateBase));
        }
      }
    }
    // The load of each expert: bars under its column.
    const std::vector<int> load = view_->load(layer);
    const int top = load.empty() ? 0 : *std::max_element(load.begin(), load.end());
    const double base = head_h + T * ch + load_h;
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRectF(0, base - load_h + 4, label_w - 6, load_h - 8), Qt::AlignRight | Qt::AlignVCenter,
               MoeRouterView::tr("tokens"));
    for (int e = 0; e < E && top > 0; ++e) {
      const double h = (load_h - 22) * load[static_cast<std::size_t>(e)] / top;
      p.fillRect(QRectF(label_w + e * cw + 4, base - 16 - h, cw - 8, h), heatColor(0.5));
      p.setPen(pal.color(QPalette::WindowText));
      p.drawText(QRectF(label_w + e * cw, base - 16, cw, 16), Qt::AlignCenter, QString::number(load[static_cast<std::size_t>(e)]));
    }
  }

 private:
  const MoeRouterView* view_;
};

MoeRouterView::MoeRouterView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  layout->addWidget(summary_);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Layer:"), this));
  layer_ = new QSpinBox(this);
  layer_->setRange(0, 0);
  controls->addWidget(layer_);
  controls->addStretch(1);
  layout->addLayout(controls);
  heatmap_ = new RouterHeatmap(this, this);
  layout->addWidget(heatmap_, 1);
  connect(layer_, &QSpinBox::valueChanged, this, [this] { refresh(); });
}

void MoeRouterView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void MoeRouterView::setChoices(const trace::RouterChoices& choices) {
  choices_ = choices;
  const QSignalBlocker quiet(layer_);
  layer_->setRange(0, std::max(0, choices_.layers - 1));
  refresh();
}

void MoeRouterView::setLayer(int layer) {
  layer_->setValue(layer);
}

int MoeRouterView::layer() const {
  return layer_->value();
}

float MoeRouterView::weight(int layer, int token, int expert) const {
  const int T = static_cast<int>(choices_.tokens.size()), K = choices_.top_k;
  if (layer < 0 || layer >= choices_.layers || token < 0 || token >= T) return 0.0f;
  for (int k = 0; k < K; ++k) {
    const std::size_t i = static_cast<std::size_t>((layer * T + token) * K + k);
    if (i < choices_.expert.size() && choices_.expert[i] == expert) return i < choices_.weight.size() ? choices_.weight[i] : 0.0f;
  }
  return 0.0f;
}

std::vector<int> MoeRouterView::load(int layer) const {
  std::vector<int> out(static_cast<std::size_t>(std::max(0, choices_.experts)), 0);
  const int T = static_cast<int>(choices_.tokens.size()), K = choices_.top_k;
  if (layer < 0 || layer >= choices_.layers) return out;
  for (int t = 0; t < T; ++t)
    for (int k = 0; k < K; ++k) {
      const std::size_t i = static_cast<std::size_t>((layer * T + t) * K + k);
      if (i < choices_.expert.size() && choices_.expert[i] >= 0 && choices_.expert[i] < choices_.experts)
        out[static_cast<std::size_t>(choices_.expert[i])]++;
    }
  return out;
}

void MoeRouterView::refresh() {
  heatmap_->layer = layer();
  heatmap_->update();
  if (choices_.tokens.empty()) {
    summary_->clear();
    return;
  }
  QString text = tr("<b>%1</b>: each token goes to %2 of %3 experts in each of %4 layers.")
                     .arg(QString::fromStdString(choices_.model).toHtmlEscaped())
                     .arg(choices_.top_k)
                     .arg(choices_.experts)
                     .arg(choices_.layers);
  if (choices_.total_parameters > 0)
    text += QLatin1Char(' ') + tr("Active parameters per token: <b>%1</b> of %2 (%3%).")
                                   .arg(formatCount(choices_.active_parameters), formatCount(choices_.total_parameters))
                                   .arg(100.0 * static_cast<double>(choices_.active_parameters) /
                                            static_cast<double>(choices_.total_parameters),
                                        0, 'f', 1);
  summary_->setText(text);
}

QString MoeRouterView::csv() const {
  QString out = QStringLiteral("layer,position,token,expert,weight\n");
  const int T = static_cast<int>(choices_.tokens.size()), K = choices_.top_k;
  for (int l = 0; l < choices_.layers; ++l)
    for (int t = 0; t < T; ++t)
      for (int k = 0; k < K; ++k) {
        const std::size_t i = static_cast<std::size_t>((l * T + t) * K + k);
        if (i >= choices_.expert.size()) continue;
        out += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(l)
                   .arg(t)
                   .arg(csvField(QString::fromStdString(choices_.tokens[static_cast<std::size_t>(t)])))
                   .arg(choices_.expert[i])
                   .arg(i < choices_.weight.size() ? choices_.weight[i] : 0.0f, 0, 'f', 4);
      }
  return out;
}

}}  // namespace glassbox::views
