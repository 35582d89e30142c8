#include "views/bpe_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QSlider>
#include <QVBoxLayout>

#include "views/token_view.h"

namespace glassbox { namespace views {
namespace {

QString shown(const std::string& s) {
  QString q = QString::fromStdString(s);
  q.replace(QLatin1Char(' '), QChar(0x00B7));
  return q;
}

// a + b, by append (GCC 12 warns falsely on operator+ for strings here).
std::string joined(const std::string& a, const std::string& b) {
  std::string s = a;
  s.append(b);
  return s;
}

}  // namespace

std::vector<std::string> bpeSegment(const std::string& text, const std::vector<trace::BpeMerge>& merges, int applied) {
  // Words with their leading space, as GPT-2 pre-tokenizes; merges never cross a word.
  static const QRegularExpression words(QStringLiteral(R"( ?[^\s]+|\s+)"));
  std::vector<std::string> out;
  auto it = words.globalMatch(QString::fromStdString(text));
  while (it.hasNext()) {
    const QString word = it.next().captured(0);
    std::vector<std::string> parts;
    for (char32_t c : word.toUcs4()) parts.push_back(QString::fromUcs4(&c, 1).toStdString());
    for (int m = 0; m < applied && m < static_cast<int>(merges.size()); ++m) {
      const auto& rule = merges[static_cast<std::size_t>(m)];
      std::vector<std::string> next;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i + 1 < parts.size() && parts[i] == rule.left && parts[i + 1] == rule.right) {
          next.push_back(joined(rule.left, rule.right));
          ++i;
        } else {
          next.push_back(parts[i]);
        }
      }
      parts = std::move(next);
    }
    out.insert(out.end(), parts.begin(), parts.end());
  }
  return out;
}

BpeView::BpeView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  auto* controls = new QHBoxLayout;
  slider_label_ = new QLabel(this);
  controls->addWidget(slider_label_);
  slider_ = new QSlider(Qt::Horizontal, this);
  controls->addWidget(slider_, 1);
  layout->addLayout(controls);

  picture_ = new QWidget(this);
  auto* body = new QHBoxLayout(picture_);
  body->setContentsMargins(0, 0, 0, 0);
  auto* left = new QVBoxLayout;
  auto* merges_label = new QLabel(tr("Merges, in the order learned (pair → new token, count)"), picture_);
  merges_label->setWordWrap(true);
  left->addWidget(merges_label);
  list_ = new QListWidget(picture_);
  left->addWidget(list_, 1);
  body->addLayout(left, 2);  // the list is narrow; the sentence gets the room
  auto* right = new QVBoxLayout;
  right->addWidget(new QLabel(tr("Sample sentence"), picture_));
  sample_ = new QLineEdit(picture_);
  right->addWidget(sample_);
  chips_ = new TokenChips(picture_);
  QFont chip_font = chips_->font();
  chip_font.setPointSizeF(chip_font.pointSizeF() * 1.25);
  chips_->setFont(chip_font);
  chips_->setShowWhitespace(true);
  right->addWidget(chips_);
  stats_ = new QLabel(picture_);
  right->addWidget(stats_);
  right->addStretch(1);
  body->addLayout(right, 4);
  layout->addWidget(picture_, 1);

  connect(slider_, &QSlider::valueChanged, this, [this] { refresh(); });
  connect(sample_, &QLineEdit::textEdited, this, [this] { refresh(); });
  connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0 && row + 1 != slider_->value()) slider_->setValue(row + 1);
  });
}

void BpeView::setMerges(const std::vector<trace::BpeMerge>& merges) {
  merges_ = merges;
  const QSignalBlocker block(list_);
  list_->clear();
  for (std::size_t i = 0; i < merges_.size(); ++i) {
    const auto& m = merges_[i];
    list_->addItem(tr("%1.  %2 + %3 → %4   (%5×)")
                       .arg(i + 1)
                       .arg(shown(m.left), shown(m.right), shown(joined(m.left, m.right)))
                       .arg(m.count));
  }
  slider_->setRange(0, static_cast<int>(merges_.size()));
  refresh();
}

void BpeView::setSample(const QString& sample) {
  sample_->setText(sample);
  refresh();
}

void BpeView::setApplied(int applied) { slider_->setValue(applied); }
int BpeView::applied() const { return slider_->value(); }

void BpeView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void BpeView::refresh() {
  const int n = slider_->value();
  slider_label_->setText(tr("Merges applied: %1 of %2").arg(n).arg(merges_.size()));
  const std::string text = sample_->text().toStdString();
  pieces_ = bpeSegment(text, merges_, n);
  std::vector<trace::TokenSpan> spans;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    spans.push_back({pieces_[i], static_cast<int>(i), pos, pos + pieces_[i].size(), false});
    pos += pieces_[i].size();
  }
  chips_->setTokens(spans);
  const auto chars = sample_->text().toUcs4().size();
  stats_->setText(tr("%1 characters → %2 tokens").arg(chars).arg(pieces_.size()));
  const QSignalBlocker block(list_);
  list_->setCurrentRow(n - 1);
}

QWidget* BpeView::pictureWidget() { return picture_; }

QString BpeView::csv() const {
  QString out = QStringLiteral("rank,left,right,merged,count\n");
  for (std::size_t i = 0; i < merges_.size(); ++i) {
    const auto& m = merges_[i];
    out += QStringLiteral("%1,%2,%3,%4,%5\n")
               .arg(i + 1)
               .arg(csvField(QString::fromStdString(m.left)), csvField(QString::fromStdString(m.right)),
                    csvField(QString::fromStdString(joined(m.left, m.right))))
               .arg(m.count);
  }
  return out;
}

}}  // namespace glassbox::views
