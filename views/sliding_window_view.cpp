#include "views/sliding_window_view.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace glassbox { namespace views {
namespace {

const QColor kInput(0x3b, 0x82, 0xf6);   // blue: what the model reads
const QColor kTarget(0xf5, 0x9e, 0x0b);  // orange: what it must predict

QString shown(const std::string& text) {
  QString s = QString::fromStdString(text);
  s.replace(QLatin1Char(' '), QChar(0x00B7));
  s.replace(QLatin1Char('\n'), QChar(0x21B5));
  return s;
}

QString idList(const std::vector<int>& ids) {
  QStringList parts;
  for (int id : ids) parts << QString::number(id);
  return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

}  // namespace

SlidingWindowView::SlidingWindowView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Context length"), this));
  context_box_ = new QSpinBox(this);
  context_box_->setRange(1, 32);
  context_box_->setValue(4);
  controls->addWidget(context_box_);
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("Stride"), this));
  stride_box_ = new QSpinBox(this);
  stride_box_->setRange(1, 32);
  stride_box_->setValue(1);
  controls->addWidget(stride_box_);
  controls->addSpacing(12);
  window_label_ = new QLabel(this);
  controls->addWidget(window_label_);
  window_slider_ = new QSlider(Qt::Horizontal, this);
  controls->addWidget(window_slider_, 1);
  layout->addLayout(controls);

  picture_ = new QWidget(this);
  auto* picture_layout = new QVBoxLayout(picture_);
  strip_ = new QWidget(picture_);
  strip_->setMinimumHeight(150);
  strip_->installEventFilter(this);
  picture_layout->addWidget(strip_);
  pairs_ = new QLabel(picture_);
  pairs_->setTextFormat(Qt::RichText);
  pairs_->setWordWrap(true);
  pairs_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  picture_layout->addWidget(pairs_, 1);
  layout->addWidget(picture_, 1);

  connect(context_box_, &QSpinBox::valueChanged, this, [this] { refresh(); });
  connect(stride_box_, &QSpinBox::valueChanged, this, [this] { refresh(); });
  connect(window_slider_, &QSlider::valueChanged, this, [this] { refresh(); });
}

void SlidingWindowView::setTokens(const std::vector<trace::TokenSpan>& tokens) {
  tokens_ = tokens;
  refresh();
}
void SlidingWindowView::setContext(int context) { context_box_->setValue(context); }
void SlidingWindowView::setStride(int stride) { stride_box_->setValue(stride); }
void SlidingWindowView::setWindow(int index) { window_slider_->setValue(index); }

void SlidingWindowView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

int SlidingWindowView::windowCount() const {
  // Input needs `context` tokens and the target one more, as the book's loader does.
  const int n = static_cast<int>(tokens_.size()), c = context_box_->value(), s = stride_box_->value();
  if (n < c + 1) return 0;
  return (n - c - 1) / s + 1;
}

int SlidingWindowView::windowBegin(int index) const { return index * stride_box_->value(); }

std::vector<int> SlidingWindowView::inputIds(int index) const {
  std::vector<int> ids;
  const int b = windowBegin(index);
  for (int i = b; i < b + context_box_->value() && i < static_cast<int>(tokens_.size()); ++i)
    ids.push_back(tokens_[static_cast<std::size_t>(i)].id);
  return ids;
}

std::vector<int> SlidingWindowView::targetIds(int index) const {
  std::vector<int> ids;
  const int b = windowBegin(index) + 1;
  for (int i = b; i < b + context_box_->value() && i < static_cast<int>(tokens_.size()); ++i)
    ids.push_back(tokens_[static_cast<std::size_t>(i)].id);
  return ids;
}

void SlidingWindowView::refresh() {
  const int count = windowCount();
  {
    const QSignalBlocker block(window_slider_);
    window_slider_->setRange(0, std::max(0, count - 1));
  }
  const int w = window_slider_->value();
  window_label_->setText(tr("Window %1 of %2").arg(count ? w + 1 : 0).arg(count));
  if (count == 0) {
    pairs_->setText(tr("The text is too short for this context length."));
    strip_->update();
    return;
  }
  // Every input prefix and the token the model must predict after it.
  const int b = windowBegin(w), c = context_box_->value();
  QString html = QStringLiteral("<p><b>%1</b> <span style='color:%3'>%2</span></p>")
                     .arg(tr("input x:"), idList(inputIds(w)), kInput.name());
  html += QStringLiteral("<p><b>%1</b> <span style='color:%3'>%2</span></p>")
              .arg(tr("target y:"), idList(targetIds(w)), kTarget.name());
  html += QStringLiteral("<p>%1</p><table cellspacing='4'>").arg(tr("What the model learns from this one window:"));
  for (int k = 1; k <= c; ++k) {
    QString context;
    for (int i = b; i < b + k; ++i) context += shown(tokens_[static_cast<std::size_t>(i)].text).toHtmlEscaped();
    const QString next = shown(tokens_[static_cast<std::size_t>(b + k)].text).toHtmlEscaped();
    html += QStringLiteral("<tr><td style='color:%1'>%2</td><td>&nbsp;→&nbsp;</td><td style='color:%3'><b>%4</b></td></tr>")
                .arg(kInput.name(), context, kTarget.name(), next);
  }
  html += QStringLiteral("</table>");
  pairs_->setText(html);
  strip_->update();
}

bool SlidingWindowView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == strip_ && event->type() == QEvent::Paint) {
    paintStrip(strip_);
    return true;
  }
  return ExportableView::eventFilter(watched, event);
}

void SlidingWindowView::paintStrip(QWidget* strip) {
  QPainter p(strip);
  p.setRenderHint(QPainter::Antialiasing);
  const int n = static_cast<int>(tokens_.size());
  if (n == 0) return;
  // Show up to 16 tokens around the current window so a long text still fits.
  const int w = window_slider_->value(), c = context_box_->value();
  const int b = windowCount() ? windowBegin(w) : 0;
  const int shown_count = std::min(n, 16);
  const int first = std::clamp(b - 2, 0, std::max(0, n - shown_count));
  const int cell = std::max(36, (strip->width() - 8) / shown_count);
  const QFontMetrics fm(p.font());
  const int row_h = fm.height() + 10;
  const int y_text = 8, y_id = y_text + row_h, y_in = y_id + row_h + 8, y_out = y_in + row_h;
  const QColor fg = strip->palette().color(QPalette::WindowText);
  for (int i = first; i < first + shown_count; ++i) {
    const int x = 4 + (i - first) * cell;
    const QRect text_rect(x, y_text, cell - 2, row_h);
    const QRect id_rect(x, y_id, cell - 2, row_h);
    p.setPen(strip->palette().color(QPalette::Mid));
    p.setBrush(strip->palette().color(QPalette::Base));
    p.drawRect(id_rect);
    p.setPen(fg);
    p.drawText(text_rect, Qt::AlignCenter, fm.elidedText(shown(tokens_[static_cast<std::size_t>(i)].text), Qt::ElideRight, cell - 4));
    p.drawText(id_rect, Qt::AlignCenter, QString::number(tokens_[static_cast<std::size_t>(i)].id));
  }
  if (!windowCount()) return;
  auto bar = [&](int from, const QColor& color, int y, const QString& label) {
    const int x0 = 4 + (from - first) * cell;
    const QRect r(x0, y, c * cell - 2, row_h - 4);
    QColor fill = color;
    fill.setAlpha(60);
    p.setPen(QPen(color, 2));
    p.setBrush(fill);
    p.drawRoundedRect(r, 4, 4);
    p.setPen(fg);
    p.drawText(r, Qt::AlignCenter, label);
  };
  bar(b, kInput, y_in, tr("input (context = %1)").arg(c));
  bar(b + 1, kTarget, y_out, tr("target (shifted by one)"));
}

QWidget* SlidingWindowView::pictureWidget() { return picture_; }

QString SlidingWindowView::csv() const {
  QString out = QStringLiteral("window,first_token,input_ids,target_ids\n");
  for (int w = 0; w < windowCount(); ++w) {
    auto join = [](const std::vector<int>& ids) {
      QStringList parts;
      for (int id : ids) parts << QString::number(id);
      return parts.join(QLatin1Char(' '));
    };
    out += QStringLiteral("%1,%2,%3,%4\n").arg(w).arg(windowBegin(w)).arg(join(inputIds(w)), join(targetIds(w)));
  }
  return out;
}

}}  // namespace glassbox::views
