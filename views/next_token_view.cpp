#include "views/next_token_view.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "views/colors.h"

namespace glassbox { namespace views {

std::vector<float> adjustProbabilities(const std::vector<float>& probs, double temperature, int top_k, double top_p) {
  const std::size_t n = probs.size();
  std::vector<double> p(n, 0.0);
  if (n == 0) return {};
  temperature = std::max(temperature, 1e-3);
  // Work in logs so that a low temperature does not underflow.
  double max_log = -INFINITY;
  for (std::size_t i = 0; i < n; ++i)
    if (probs[i] > 0) max_log = std::max(max_log, std::log(static_cast<double>(probs[i])) / temperature);
  for (std::size_t i = 0; i < n; ++i)
    p[i] = probs[i] > 0 ? std::exp(std::log(static_cast<double>(probs[i])) / temperature - max_log) : 0.0;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  std::vector<bool> keep(n, false);
  double mass = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    if (top_k > 0 && static_cast<int>(r) >= top_k) break;
    if (top_p < 1.0 && r > 0 && mass >= top_p * total) break;
    keep[order[r]] = true;
    mass += p[order[r]];
  }
  std::vector<float> out(n, 0.0f);
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i]) out[i] = static_cast<float>(p[i] / mass);
  return out;
}

NextTokenView::NextTokenView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);

  auto* sliders = new QGridLayout;
  auto add = [&](int row, const QString& name, QSlider*& slider, QLabel*& value, int lo, int hi, int v) {
    sliders->addWidget(new QLabel(name, this), row, 0);
    slider = new QSlider(Qt::Horizontal, this);
    slider->setRange(lo, hi);
    slider->setValue(v);
    sliders->addWidget(slider, row, 1);
    value = new QLabel(this);
    value->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000")));
    sliders->addWidget(value, row, 2);
    connect(slider, &QSlider::valueChanged, this, [this] { refresh(); });
  };
  add(0, tr("Temperature"), temperature_, temperature_label_, 1, 300, 100);  // hundredths
  add(1, tr("Top-k"), top_k_, top_k_label_, 1, 10, 10);
  add(2, tr("Top-p"), top_p_, top_p_label_, 5, 100, 100);  // hundredths
  layout->addLayout(sliders);

  picture_ = new QWidget(this);
  auto* picture_layout = new QVBoxLayout(picture_);
  prompt_label_ = new QLabel(picture_);
  prompt_label_->setWordWrap(true);
  prompt_label_->setTextFormat(Qt::RichText);
  picture_layout->addWidget(prompt_label_);
  bars_ = new QWidget(picture_);
  bars_->setMinimumHeight(220);
  bars_->installEventFilter(this);
  picture_layout->addWidget(bars_, 1);
  layout->addWidget(picture_, 1);

  auto* buttons = new QHBoxLayout;
  auto* greedy = new QPushButton(tr("Greedy: take the most likely"), this);
  auto* sample = new QPushButton(tr("Sample: roll the dice"), this);
  buttons->addWidget(greedy);
  buttons->addWidget(sample);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  connect(greedy, &QPushButton::clicked, this, &NextTokenView::appendGreedy);
  connect(sample, &QPushButton::clicked, this, &NextTokenView::appendSample);
}

void NextTokenView::setDistribution(const trace::NextTokenDistribution& distribution) {
  dist_ = distribution;
  prompt_ = QString::fromStdString(distribution.prompt);
  // Keep the learner's (or the lesson's) top-k unless the new distribution is shorter.
  const QSignalBlocker block(top_k_);
  const int keep = top_k_->value();
  top_k_->setRange(1, std::max<int>(1, static_cast<int>(dist_.probs.size())));
  top_k_->setValue(std::min(keep, top_k_->maximum()));
  refresh();
}

void NextTokenView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void NextTokenView::setTemperature(double t) { temperature_->setValue(static_cast<int>(std::lround(t * 100))); }
void NextTokenView::setTopK(int k) { top_k_->setValue(k); }
void NextTokenView::setTopP(double p) { top_p_->setValue(static_cast<int>(std::lround(p * 100))); }
double NextTokenView::temperature() const { return temperature_->value() / 100.0; }
int NextTokenView::topK() const { return top_k_->value(); }
double NextTokenView::topP() const { return top_p_->value() / 100.0; }

void NextTokenView::refresh() {
  temperature_label_->setText(QString::number(temperature(), 'f', 2));
  top_k_label_->setText(QString::number(topK()));
  top_p_label_->setText(QString::number(topP(), 'f', 2));
  adjusted_ = adjustProbabilities(dist_.probs, temperature(), topK(), topP());
  prompt_label_->setText(tr("Prompt: <b>%1</b>▌").arg(prompt_.toHtmlEscaped()));
  bars_->update();
}

void NextTokenView::append(std::size_t index) {
  if (index >= dist_.tokens.size()) return;
  const QString text = QString::fromStdString(dist_.tokens[index]);
  prompt_ += text;
  refresh();
  emit tokenAppended(index < dist_.ids.size() ? dist_.ids[index] : -1, text);
}

void NextTokenView::appendGreedy() {
  if (adjusted_.empty()) return;
  append(static_cast<std::size_t>(std::max_element(adjusted_.begin(), adjusted_.end()) - adjusted_.begin()));
}

void NextTokenView::appendSample() {
  double u = rng_.generateDouble();
  for (std::size_t i = 0; i < adjusted_.size(); ++i) {
    u -= static_cast<double>(adjusted_[i]);
    if (u < 0 && adjusted_[i] > 0) return append(i);
  }
  appendGreedy();  // rounding left a sliver: take the most likely
}

bool NextTokenView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == bars_ && event->type() == QEvent::Paint) {
    paintBars(bars_);
    return true;
  }
  return ExportableView::eventFilter(watched, event);
}

void NextTokenView::paintBars(QWidget* canvas) {
  QPainter p(canvas);
  p.setRenderHint(QPainter::Antialiasing);
  const std::size_t n = std::min<std::size_t>(dist_.tokens.size(), 12);
  if (n == 0) return;
  const QFontMetrics fm(p.font());
  int label_w = 0;
  for (std::size_t i = 0; i < n; ++i)
    label_w = std::max(label_w, fm.horizontalAdvance(QString::fromStdString(dist_.tokens[i])));
  label_w = std::min(label_w + 16, canvas->width() / 3);
  const int pct_w = fm.horizontalAdvance(QStringLiteral("100.0 %")) + 12;
  const int row_h = std::max(fm.height() + 8, std::min(44, canvas->height() / static_cast<int>(n)));
  const int bar_max = std::max(10, canvas->width() - label_w - pct_w);
  const QColor fg = canvas->palette().color(QPalette::WindowText);
  float top = 0.0f;
  for (float v : adjusted_) top = std::max(top, v);
  for (std::size_t i = 0; i < n; ++i) {
    const int y = static_cast<int>(i) * row_h;
    QString label = QString::fromStdString(dist_.tokens[i]);
    label.replace(QLatin1Char(' '), QChar(0x00B7));
    p.setPen(fg);
    p.drawText(QRect(0, y, label_w - 8, row_h), Qt::AlignRight | Qt::AlignVCenter, label);
    const float v = i < adjusted_.size() ? adjusted_[i] : 0.0f;
    const int w = static_cast<int>(bar_max * static_cast<double>(v));
    const QRect bar(label_w, y + 3, std::max(w, v > 0 ? 2 : 0), row_h - 6);
    if (v > 0) {
      p.setPen(Qt::NoPen);
      p.setBrush(heatColor(0.35 + 0.65 * static_cast<double>(v / std::max(top, 1e-6f))));
      p.drawRoundedRect(bar, 3, 3);
    } else {
      // Filtered out by top-k / top-p: a thin grey stub, crossed out.
      p.setPen(QPen(maskedColor(), 1, Qt::DashLine));
      p.drawLine(label_w, y + row_h / 2, label_w + 30, y + row_h / 2);
    }
    p.setPen(v > 0 ? fg : maskedColor());
    p.drawText(QRect(label_w + std::max(w, 34) + 6, y, pct_w, row_h), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1 %").arg(static_cast<double>(v) * 100.0, 0, 'f', 1));
  }
}

QWidget* NextTokenView::pictureWidget() { return picture_; }

QString NextTokenView::csv() const {
  QString out = QStringLiteral("rank,id,token,probability,shown_probability\n");
  for (std::size_t i = 0; i < dist_.tokens.size(); ++i)
    out += QStringLiteral("%1,%2,%3,%4,%5\n")
               .arg(i + 1)
               .arg(i < dist_.ids.size() ? dist_.ids[i] : -1)
               .arg(csvField(QString::fromStdString(dist_.tokens[i])))
               .arg(static_cast<double>(dist_.probs[i]), 0, 'g', 6)
               .arg(i < adjusted_.size() ? static_cast<double>(adjusted_[i]) : 0.0, 0, 'g', 6);
  return out;
}

}}  // namespace glassbox::views
