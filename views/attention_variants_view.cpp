#include "views/attention_variants_view.h"

#include <QComboBox>
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

// Two bar groups: KV-cache memory (left) and measured tokens/s (right), one bar per variant.
class VariantBars : public QWidget {
 public:
  explicit VariantBars(QWidget* parent) : QWidget(parent) { setMinimumHeight(170); }
  std::vector<trace::AttentionVariant> variants;

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (variants.empty()) return;
    const double half = width() / 2.0;
    drawGroup(p, QRectF(8, 4, half - 16, height() - 8), AttentionVariantsView::tr("KV-cache memory"), true);
    drawGroup(p, QRectF(half + 8, 4, half - 16, height() - 8), AttentionVariantsView::tr("Generation speed (measured)"), false);
  }

 private:
  void drawGroup(QPainter& p, const QRectF& area, const QString& title, bool memory) {
    const QPalette pal = palette();
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(area.left(), area.top(), area.width(), 20), Qt::AlignLeft | Qt::AlignVCenter, title);
    p.setFont(font());
    double top = 0;
    for (const auto& v : variants) top = std::max(top, memory ? static_cast<double>(v.kv_cache_bytes) : v.tokens_per_sec);
    const double label_w = 48, value_w = 140;
    const double row_h = (area.height() - 24) / static_cast<double>(variants.size());
    for (std::size_t i = 0; i < variants.size(); ++i) {
      const auto& v = variants[i];
      const double y = area.top() + 24 + static_cast<double>(i) * row_h;
      p.setPen(pal.color(QPalette::WindowText));
      p.drawText(QRectF(area.left(), y, label_w, row_h), Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(v.name));
      const double value = memory ? static_cast<double>(v.kv_cache_bytes) : v.tokens_per_sec;
      const QRectF track(area.left() + label_w, y + row_h * 0.2, area.width() - label_w - value_w, row_h * 0.6);
      QString text;
      if (!memory && value < 0) {
        text = AttentionVariantsView::tr("not measured");
      } else {
        const double w = top > 0 ? track.width() * value / top : 0;
        p.setPen(Qt::NoPen);
        p.setBrush(heatColor(0.2 + 0.3 * static_cast<double>(i)));
        p.drawRect(QRectF(track.left(), track.top(), std::max(2.0, w), track.height()));
        text = memory ? formatBytes(v.kv_cache_bytes) : AttentionVariantsView::tr("%1 tokens/s").arg(value, 0, 'f', 1);
      }
      p.setPen(pal.color(QPalette::WindowText));
      p.drawText(QRectF(track.right() + 6, y, value_w - 6, row_h), Qt::AlignLeft | Qt::AlignVCenter, text);
    }
  }
};

AttentionVariantsView::AttentionVariantsView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  title_ = new QLabel(this);
  title_->setWordWrap(true);
  layout->addWidget(title_);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Context (positions):"), this));
  context_ = new QSpinBox(this);
  context_->setRange(1, 1 << 20);
  context_->setSingleStep(1024);
  context_->setGroupSeparatorShown(true);
  context_->setValue(4096);
  controls->addWidget(context_);
  controls->addWidget(new QLabel(tr("Bytes per value:"), this));
  bytes_ = new QComboBox(this);
  bytes_->addItem(tr("2 (16-bit: f16, bf16)"), 2);
  bytes_->addItem(tr("4 (32-bit float)"), 4);
  bytes_->addItem(tr("1 (8-bit quantised)"), 1);
  controls->addWidget(bytes_);
  controls->addStretch(1);
  layout->addLayout(controls);
  formulas_ = new QLabel(this);
  formulas_->setTextFormat(Qt::RichText);
  formulas_->setWordWrap(true);
  layout->addWidget(formulas_);
  bars_ = new VariantBars(this);
  layout->addWidget(bars_, 1);
  connect(context_, &QSpinBox::valueChanged, this, [this] { recompute(); });
  connect(bytes_, &QComboBox::currentIndexChanged, this, [this] { recompute(); });
}

void AttentionVariantsView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void AttentionVariantsView::setVariants(const std::vector<trace::AttentionVariant>& variants, const QString& model_name) {
  variants_ = variants;
  model_name_ = model_name;
  if (!variants_.empty()) {
    const QSignalBlocker a(context_), b(bytes_);
    context_->setValue(static_cast<int>(variants_[0].context));
    const int i = bytes_->findData(variants_[0].bytes_per_value);
    if (i >= 0) bytes_->setCurrentIndex(i);
  }
  recompute();
}

void AttentionVariantsView::setSpeeds(const std::vector<trace::AttentionVariant>& measured) {
  for (auto& v : variants_)
    for (const auto& m : measured)
      if (m.name == v.name) v.tokens_per_sec = m.tokens_per_sec, v.measured_on = m.measured_on;
  recompute();
}

void AttentionVariantsView::setContext(int context) {
  context_->setValue(context);
}

void AttentionVariantsView::setBytesPerValue(int bytes) {
  const int i = bytes_->findData(bytes);
  if (i >= 0) bytes_->setCurrentIndex(i);
}

QString AttentionVariantsView::formula(std::size_t i) const {
  const auto& v = variants_[i];
  return tr("%1: 2 · %2 layers · %3 key-value heads · %4 (head size) · %5 positions · %6 bytes = %7")
      .arg(QString::fromStdString(v.name))
      .arg(v.layers)
      .arg(v.kv_heads)
      .arg(v.head_dim)
      .arg(formatCount(v.context))
      .arg(v.bytes_per_value)
      .arg(formatBytes(v.kv_cache_bytes));
}

void AttentionVariantsView::recompute() {
  for (auto& v : variants_) {
    v.context = context_->value();
    v.bytes_per_value = bytes_->currentData().toInt();
    // The formula the struct documents; the engine's kv_cache_bytes() computes the same.
    v.kv_cache_bytes = 2 * v.layers * v.kv_heads * v.head_dim * v.context * v.bytes_per_value;
  }
  if (variants_.empty()) {
    title_->clear();
    formulas_->clear();
  } else {
    const auto& v = variants_[0];
    title_->setText(tr("<b>%1</b>: %2 layers, %3 query heads of size %4. Every generated token adds its keys and "
                       "values to the cache; sharing key-value heads between query heads shrinks it.")
                        .arg(model_name_.toHtmlEscaped())
                        .arg(v.layers)
                        .arg(v.heads)
                        .arg(v.head_dim));
    QStringList lines;
    for (std::size_t i = 0; i < variants_.size(); ++i) lines << formula(i).toHtmlEscaped();
    QString speeds;
    for (const auto& m : variants_)
      if (m.tokens_per_sec >= 0 && !m.measured_on.empty()) {
        speeds = tr("Speeds measured here, now, generating with %1-shaped models of each kind.")
                     .arg(QString::fromStdString(m.measured_on).toHtmlEscaped());
        break;
      }
    formulas_->setText(lines.join(QStringLiteral("<br>")) + (speeds.isEmpty() ? QString() : QStringLiteral("<br><i>%1</i>").arg(speeds)));
  }
  bars_->variants = variants_;
  bars_->update();
}

QString AttentionVariantsView::csv() const {
  QString out = QStringLiteral("variant,layers,heads,kv_heads,head_dim,context,bytes_per_value,kv_cache_bytes,tokens_per_sec\n");
  for (const auto& v : variants_)
    out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9\n")
               .arg(QString::fromStdString(v.name))
               .arg(v.layers)
               .arg(v.heads)
               .arg(v.kv_heads)
               .arg(v.head_dim)
               .arg(v.context)
               .arg(v.bytes_per_value)
               .arg(v.kv_cache_bytes)
               .arg(v.tokens_per_sec >= 0 ? QString::number(v.tokens_per_sec, 'f', 2) : QString());
  return out;
}

}}  // namespace glassbox::views
