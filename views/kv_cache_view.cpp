#include "views/kv_cache_view.h"

#include <QCheckBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>

#include "views/arch_diagram_widget.h"
#include "views/colors.h"

namespace glassbox { namespace views {

// Rows: step 0 (the prompt, all computed once) then one per generated token. Columns:
// positions. A cell is "computed" (bright), "read from the cache" (muted) or empty.
class KvCacheGrid : public QWidget {
 public:
  explicit KvCacheGrid(QWidget* parent) : QWidget(parent) { setMinimumHeight(220); }
  const trace::KvCacheRun* run = nullptr;
  int step = 0;
  bool cached = true;

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (!run || run->tokens.empty()) return;
    const int n = static_cast<int>(run->tokens.size());
    const int prompt = std::clamp(run->prompt_tokens, 1, n);
    const int rows = n - prompt + 1;
    const double label_w = 70, head_h = 70, legend_h = 26;
    const double cw = std::min(40.0, (width() - label_w - 8) / n);
    const double ch = std::min(24.0, (height() - head_h - legend_h - 4) / rows);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    p.setFont(small);
    const QFontMetricsF fm(small);
    // Token labels, rotated, above their columns.
    p.setPen(pal.color(QPalette::WindowText));
    for (int j = 0; j < n; ++j) {
      p.save();
      p.translate(label_w + (j + 0.5) * cw + 4, head_h - 4);
      p.rotate(-60);
      QString t = QString::fromStdString(run->tokens[static_cast<std::size_t>(j)]);
      t.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
      p.drawText(QPointF(0, 0), fm.elidedText(t, Qt::ElideRight, head_h * 1.1));
      p.restore();
    }
    const QColor fresh = heatColor(0.85), reused = heatColor(0.35);
    for (int r = 0; r < rows; ++r) {
      const double y = head_h + r * ch;
      p.setPen(pal.color(QPalette::WindowText));
      p.drawText(QRectF(0, y, label_w - 4, ch), Qt::AlignRight | Qt::AlignVCenter,
                 r == 0 ? KvCacheView::tr("prompt") : KvCacheView::tr("step %1").arg(r));
      if (r > step) continue;  // not generated yet
      const int length = prompt + r;  // positions the model sees at this step (the newest is length-1)
      for (int j = 0; j < length && j < n; ++j) {
        const bool computed = !cached || r == 0 || j == length - 1;
        p.fillRect(QRectF(label_w + j * cw + 1, y + 1, cw - 2, ch - 2), computed ? fresh : reused);
      }
    }
    const double ly = head_h + rows * ch + 6;
    p.fillRect(QRectF(label_w, ly + 4, 12, 12), fresh);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QPointF(label_w + 16, ly + 14), KvCacheView::tr("key and value computed"));
    const double x2 = label_w + 40 + fm.horizontalAdvance(KvCacheView::tr("key and value computed"));
    p.fillRect(QRectF(x2, ly + 4, 12, 12), reused);
    p.drawText(QPointF(x2 + 16, ly + 14), KvCacheView::tr("read from the cache"));
  }
};

KvCacheView::KvCacheView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Generated tokens:"), this));
  step_ = new QSlider(Qt::Horizontal, this);
  step_->setRange(0, 0);
  controls->addWidget(step_, 1);
  cached_ = new QCheckBox(tr("Use the KV cache"), this);
  cached_->setChecked(true);
  controls->addWidget(cached_);
  layout->addLayout(controls);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  layout->addWidget(summary_);
  grid_ = new KvCacheGrid(this);
  grid_->run = &run_;
  layout->addWidget(grid_, 1);
  connect(step_, &QSlider::valueChanged, this, [this] { refresh(); });
  connect(cached_, &QCheckBox::toggled, this, [this] { refresh(); });
}

void KvCacheView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void KvCacheView::setRun(const trace::KvCacheRun& run) {
  run_ = run;
  const QSignalBlocker quiet(step_);
  step_->setRange(0, generatedTokens());
  step_->setValue(generatedTokens());
  refresh();
}

int KvCacheView::generatedTokens() const {
  return std::max(0, static_cast<int>(run_.tokens.size()) - run_.prompt_tokens);
}

void KvCacheView::setStep(int step) {
  step_->setValue(step);
}

int KvCacheView::step() const {
  return step_->value();
}

void KvCacheView::setCached(bool cached) {
  cached_->setChecked(cached);
}

bool KvCacheView::cached() const {
  return cached_->isChecked();
}

long long KvCacheView::kvComputations(int prompt, int step, bool cached) {
  if (cached) return static_cast<long long>(prompt) + step;
  // Step 0 computes the prompt; step s recomputes all prompt + s positions.
  long long n = 0;
  for (int s = 0; s <= step; ++s) n += prompt + s;
  return n;
}

void KvCacheView::refresh() {
  grid_->step = step();
  grid_->cached = cached();
  grid_->update();
  if (run_.tokens.empty()) {
    summary_->clear();
    return;
  }
  const int s = step();
  const long long with = kvComputations(run_.prompt_tokens, s, true);
  const long long without = kvComputations(run_.prompt_tokens, s, false);
  QString text = tr("After %1 new tokens: <b>%2</b> key/value rows computed per layer with the cache, <b>%3</b> without "
                    "(the cache holds %4 per token for all %5 layers).")
                     .arg(s)
                     .arg(with)
                     .arg(without)
                     .arg(formatBytes(run_.kv_bytes_per_token))
                     .arg(run_.layers);
  if (run_.cached_tokens_per_sec > 0 && run_.uncached_tokens_per_sec > 0)
    text += QStringLiteral("<br>") +
            tr("Measured on %1: <b>%2 tokens/s</b> with the cache, %3 tokens/s without: <b>%4× faster</b>.")
                .arg(QString::fromStdString(run_.model).toHtmlEscaped())
                .arg(run_.cached_tokens_per_sec, 0, 'f', 1)
                .arg(run_.uncached_tokens_per_sec, 0, 'f', 1)
                .arg(run_.cached_tokens_per_sec / run_.uncached_tokens_per_sec, 0, 'f', 1);
  summary_->setText(text);
}

QString KvCacheView::csv() const {
  QString out = QStringLiteral("step,sequence_length,kv_rows_cached,kv_rows_uncached\n");
  for (int s = 0; s <= generatedTokens(); ++s)
    out += QStringLiteral("%1,%2,%3,%4\n")
               .arg(s)
               .arg(run_.prompt_tokens + s)
               .arg(kvComputations(run_.prompt_tokens, s, true))
               .arg(kvComputations(run_.prompt_tokens, s, false));
  return out;
}

}}  // namespace glassbox::views
