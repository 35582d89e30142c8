#include "views/tokenizer_compare_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

#include "views/token_view.h"

namespace glassbox { namespace views {

QString TokenizerCompareView::probeText() {
  // After the probe text of "Hands-On Large Language Models" (chapter 2): capitals, an emoji,
  // a Chinese character, code keywords and operators, and numbers.
  return QStringLiteral("English and CAPITALIZATION, 🎵 鸟, show_tokens False None elif == >= else: two tabs, 12.0*50=600");
}

std::vector<std::pair<QString, QString>> TokenizerCompareView::presets() {
  return {{tr("Probe text (English, code, numbers, emoji)"), probeText()},
          {tr("Korean"), QStringLiteral("안녕하세요! 토크나이저마다 같은 문장을 다르게 자릅니다. 한국어는 토큰이 몇 개나 들까요?")},
          {tr("English, the same sentence"),
           QStringLiteral("Hello! Every tokenizer cuts the same sentence differently. How many tokens does English take?")}};
}

TokenizerCompareView::TokenizerCompareView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Text:"), this));
  presets_ = new QComboBox(this);
  for (const auto& [name, text] : presets()) presets_->addItem(name, text);
  top->addWidget(presets_);
  top->addStretch(1);
  layout->addLayout(top);
  input_ = new QLineEdit(this);
  input_->setPlaceholderText(tr("Type any text to compare the tokenizers"));
  layout->addWidget(input_);

  scroll_ = new QScrollArea(this);
  scroll_->setWidgetResizable(true);
  scroll_->setFrameShape(QFrame::NoFrame);
  // Chips wrap to the width they have: no sideways scrolling, and a scroll bar that does not
  // come and go (which would change that width after the chips were laid out).
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
  rows_ = new QWidget(scroll_);
  rows_layout_ = new QVBoxLayout(rows_);
  rows_layout_->setSpacing(4);
  scroll_->setWidget(rows_);
  layout->addWidget(scroll_, 1);

  connect(input_, &QLineEdit::textEdited, this, [this](const QString& t) {
    text_ = t;
    emit textEdited(t);
  });
  connect(presets_, &QComboBox::activated, this, [this](int i) {
    setText(presets_->itemData(i).toString());
    emit textEdited(text_);
  });
}

void TokenizerCompareView::setNotice(const QString& notice) { showNotice(notice_, notice); }

void TokenizerCompareView::setText(const QString& text) {
  text_ = text;
  input_->setText(text);
}

QString TokenizerCompareView::text() const { return text_; }

void TokenizerCompareView::setRuns(const QString& text, const std::vector<trace::TokenizerRun>& runs) {
  text_ = text;
  if (input_->text() != text) input_->setText(text);
  runs_ = runs;
  rebuild();
}

int TokenizerCompareView::tokenCount(int row) const {
  return row >= 0 && row < static_cast<int>(runs_.size()) ? static_cast<int>(runs_[static_cast<std::size_t>(row)].tokens.size()) : 0;
}

QStringList TokenizerCompareView::summaries() const {
  QStringList out;
  for (const QLabel* l : summaries_) out << l->text();
  return out;
}

void TokenizerCompareView::rebuild() {
  while (QLayoutItem* item = rows_layout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  summaries_.clear();
  const QLocale locale;
  const qsizetype characters = text_.toUcs4().size();
  // One row per tokenizer: a summary line, then its tokens as chips across the full width.
  for (const auto& run : runs_) {
    QStringList parts{QStringLiteral("<b>%1</b>").arg(QString::fromStdString(run.label).toHtmlEscaped())};
    if (run.vocab_size > 0) parts << tr("vocabulary %1").arg(locale.toString(static_cast<qlonglong>(run.vocab_size)));
    if (run.error.empty()) {
      const auto n = static_cast<qsizetype>(run.tokens.size());
      parts << tr("<b>%1 tokens</b>").arg(locale.toString(static_cast<qlonglong>(n)));
      if (n > 0)
        parts << tr("%1 characters per token").arg(locale.toString(static_cast<double>(characters) / static_cast<double>(n), 'f', 2));
    }
    auto* label = new QLabel(parts.join(QStringLiteral(" · ")), rows_);
    label->setTextFormat(Qt::RichText);
    rows_layout_->addSpacing(6);
    rows_layout_->addWidget(label);
    summaries_.push_back(label);
    if (run.error.empty()) {
      auto* chips = new TokenChips(rows_);
      chips->setShowWhitespace(true);
      chips->setTokens(run.tokens);
      rows_layout_->addWidget(chips);
    } else {
      auto* why = new QLabel(tr("Cannot run here: %1").arg(QString::fromStdString(run.error)), rows_);
      why->setWordWrap(true);
      why->setEnabled(false);  // drawn in the palette's muted colour
      rows_layout_->addWidget(why);
    }
  }
  rows_layout_->addStretch(1);
}

QWidget* TokenizerCompareView::pictureWidget() { return rows_; }

QString TokenizerCompareView::csv() const {
  QString out = QStringLiteral("tokenizer,vocab_size,token_index,id,text,byte_begin,byte_end,error\n");
  for (const auto& run : runs_) {
    const QString name = csvField(QString::fromStdString(run.name));
    if (!run.error.empty()) {
      out += QStringLiteral("%1,%2,,,,,,%3\n").arg(name).arg(run.vocab_size).arg(csvField(QString::fromStdString(run.error)));
      continue;
    }
    for (std::size_t i = 0; i < run.tokens.size(); ++i) {
      const auto& t = run.tokens[i];
      out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,\n")
                 .arg(name).arg(run.vocab_size).arg(i).arg(t.id)
                 .arg(csvField(QString::fromStdString(t.text)))
                 .arg(t.byte_begin).arg(t.byte_end);
    }
  }
  return out;
}

}}  // namespace glassbox::views
