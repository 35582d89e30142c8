#include "views/token_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>

#include "views/colors.h"

namespace glassbox { namespace views {
namespace {

constexpr int kPadX = 6, kPadY = 4, kGap = 4;

QString hexBytes(const std::string& bytes) {
  QStringList parts;
  for (unsigned char c : bytes) parts << QStringLiteral("%1").arg(c, 2, 16, QLatin1Char('0')).toUpper();
  return parts.join(QLatin1Char(' '));
}

bool darkPalette(const QWidget* w) { return w->palette().color(QPalette::Window).lightness() < 128; }

}  // namespace

TokenChips::TokenChips(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
}

void TokenChips::setTokens(const std::vector<trace::TokenSpan>& tokens) {
  tokens_ = tokens;
  rects_ = layoutChips(width());
  updateGeometry();
  update();
}

void TokenChips::setShowWhitespace(bool show) {
  show_whitespace_ = show;
  setTokens(tokens_);
}

void TokenChips::setShowIds(bool show) {
  show_ids_ = show;
  setTokens(tokens_);
}

QString TokenChips::chipText(const trace::TokenSpan& token) const {
  if (show_ids_) return QString::number(token.id);
  if (token.partial_utf8) return QStringLiteral("⟨%1⟩").arg(hexBytes(token.text));
  QString s = QString::fromStdString(token.text);
  if (show_whitespace_) {
    s.replace(QLatin1Char(' '), QChar(0x00B7));   // ·
    s.replace(QLatin1Char('\t'), QChar(0x2192));  // →
    s.replace(QLatin1Char('\n'), QChar(0x21B5));  // ↵
  } else {
    s.replace(QLatin1Char('\n'), QChar(0x21B5));
  }
  return s;
}

QString TokenChips::describe(int i) const {
  if (i < 0 || i >= static_cast<int>(tokens_.size())) return {};
  const trace::TokenSpan& t = tokens_[static_cast<std::size_t>(i)];
  QString text = tr("Token %1\nid: %2\nbytes: %3 (%4 to %5)\ntext: \"%6\"")
                     .arg(i + 1)
                     .arg(t.id)
                     .arg(hexBytes(t.text))
                     .arg(t.byte_begin)
                     .arg(t.byte_end)
                     .arg(t.partial_utf8 ? tr("part of a character") : QString::fromStdString(t.text));
  if (t.partial_utf8)
    text += QLatin1Char('\n') + tr("These bytes are only part of a UTF-8 character; the next token completes it.");
  return text;
}

std::vector<QRect> TokenChips::layoutChips(int width) const {
  std::vector<QRect> rects;
  const QFontMetrics fm(font());
  const int h = fm.height() + 2 * kPadY;
  int x = 0, y = 0;
  width = std::max(width, 80);
  for (const auto& t : tokens_) {
    const int w = std::min(width, fm.horizontalAdvance(chipText(t)) + 2 * kPadX);
    if (x > 0 && x + w > width) {
      x = 0;
      y += h + kGap;
    }
    rects.emplace_back(x, y, w, h);
    x += w + kGap;
  }
  return rects;
}

int TokenChips::heightForWidth(int width) const {
  const auto rects = layoutChips(width);
  return rects.empty() ? fontMetrics().height() : rects.back().bottom() + 2;
}

QSize TokenChips::sizeHint() const { return QSize(400, heightForWidth(400)); }

void TokenChips::resizeEvent(QResizeEvent*) { rects_ = layoutChips(width()); }

int TokenChips::tokenAt(const QPoint& pos) const {
  for (std::size_t i = 0; i < rects_.size(); ++i)
    if (rects_[i].contains(pos)) return static_cast<int>(i);
  return -1;
}

void TokenChips::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const bool dark = darkPalette(this);
  for (std::size_t i = 0; i < tokens_.size() && i < rects_.size(); ++i) {
    const QRectF r = QRectF(rects_[i]).adjusted(0.5, 0.5, -0.5, -0.5);
    const QColor bg = chipColor(static_cast<int>(i), dark);
    p.setBrush(bg);
    if (tokens_[i].partial_utf8) {
      p.setPen(QPen(QColor(0xd0, 0x30, 0x30), 2, Qt::DashLine));  // incomplete character
    } else {
      p.setPen(QPen(bg.darker(130), 1));
    }
    p.drawRoundedRect(r, 5, 5);
    p.setPen(textColorOn(bg));
    p.drawText(r, Qt::AlignCenter, chipText(tokens_[i]));
  }
}

void TokenChips::mouseMoveEvent(QMouseEvent* event) {
  const int i = tokenAt(event->position().toPoint());
  if (i < 0) {
    QToolTip::hideText();
    return;
  }
  QToolTip::showText(event->globalPosition().toPoint(), describe(i), this, rects_[static_cast<std::size_t>(i)]);
}

TokenView::TokenView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  input_ = new QLineEdit(this);
  input_->setPlaceholderText(tr("Type any text to see its tokens"));
  layout->addWidget(input_);
  auto* options = new QHBoxLayout;
  whitespace_box_ = new QCheckBox(tr("Show whitespace"), this);
  ids_box_ = new QCheckBox(tr("Show token IDs"), this);
  options->addWidget(whitespace_box_);
  options->addWidget(ids_box_);
  options->addStretch(1);
  layout->addLayout(options);

  picture_ = new QWidget(this);
  auto* picture_layout = new QVBoxLayout(picture_);
  chips_ = new TokenChips(picture_);
  QFont chip_font = chips_->font();
  chip_font.setPointSizeF(chip_font.pointSizeF() * 1.25);
  chips_->setFont(chip_font);
  picture_layout->addWidget(chips_);
  stats_ = new QLabel(picture_);
  picture_layout->addWidget(stats_);
  picture_layout->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(picture_);
  layout->addWidget(scroll, 1);

  connect(input_, &QLineEdit::textEdited, this, &TokenView::textEdited);
  connect(whitespace_box_, &QCheckBox::toggled, chips_, &TokenChips::setShowWhitespace);
  connect(ids_box_, &QCheckBox::toggled, chips_, &TokenChips::setShowIds);
}

void TokenView::setTokens(const QString& text, const std::vector<trace::TokenSpan>& tokens) {
  text_ = text;
  tokens_ = tokens;
  chips_->setTokens(tokens);
  stats_->setText(statsText());
}

void TokenView::setInputVisible(bool visible) { input_->setVisible(visible); }
void TokenView::setInputText(const QString& text) { input_->setText(text); }
void TokenView::setShowWhitespace(bool show) { whitespace_box_->setChecked(show); }
void TokenView::setShowIds(bool show) { ids_box_->setChecked(show); }

void TokenView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

QString TokenView::statsText() const {
  const auto chars = text_.toUcs4().size();  // Unicode characters, not UTF-16 units
  const auto bytes = text_.toUtf8().size();
  const auto n = tokens_.size();
  const QString per_token = n ? QString::number(static_cast<double>(chars) / static_cast<double>(n), 'f', 2)
                              : QStringLiteral("–");
  return tr("%1 characters · %2 bytes · %3 tokens · %4 characters per token")
      .arg(chars).arg(bytes).arg(n).arg(per_token);
}

QWidget* TokenView::pictureWidget() { return picture_; }

QString TokenView::csv() const {
  QString out = QStringLiteral("index,id,text,bytes_hex,byte_begin,byte_end,partial_utf8\n");
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const auto& t = tokens_[i];
    out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
               .arg(i)
               .arg(t.id)
               .arg(csvField(t.partial_utf8 ? QString() : QString::fromStdString(t.text)))
               .arg(hexBytes(t.text))
               .arg(t.byte_begin)
               .arg(t.byte_end)
               .arg(t.partial_utf8 ? 1 : 0);
  }
  return out;
}

}}  // namespace glassbox::views
