#include "views/chat_view.h"

#include <QComboBox>
#include <QCursor>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace glassbox { namespace views {
namespace {

QString fromUtf8(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// A token as a learner should read it in a list: spaces and newlines made visible.
QString visible(const std::string& text) {
  QString s = fromUtf8(text);
  s.replace(QLatin1Char(' '), QChar(0x2423)).replace(QLatin1Char('\n'), QChar(0x21B5)).replace(QLatin1Char('\t'), QChar(0x21E5));
  return s.isEmpty() ? QStringLiteral("∅") : s;
}

QString percent(double p) { return QStringLiteral("%1%").arg(p * 100.0, 0, 'f', p < 0.1 ? 2 : 1); }

bool isDark(const QWidget* w) { return w->palette().color(QPalette::Base).lightness() < 128; }

// Every other token a shade darker, so that neighbours of the same probability still show
// where one token ends and the next begins.
QColor shade(const QColor& c, std::size_t index) { return index % 2 ? c.darker(108) : c; }

}  // namespace

QColor probabilityColor(double p, bool dark_theme) {
  // Hue from red (0°, unlikely) through yellow to green (120°, sure). The square root spreads
  // out the low end, where a learner looks for the model's guesses.
  const double t = std::sqrt(std::clamp(p, 0.0, 1.0));
  const int hue = static_cast<int>(std::lround(120.0 * t));
  return dark_theme ? QColor::fromHsl(hue, 120, 62) : QColor::fromHsl(hue, 200, 205);
}

ChatView::ChatView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);

  auto* top = new QHBoxLayout;
  model_label_ = new QLabel(this);
  model_box_ = new QComboBox(this);
  model_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  template_label_ = new QLabel(this);
  template_box_ = new QComboBox(this);
  conversation_box_ = new QComboBox(this);
  conversation_box_->setMinimumContentsLength(18);
  conversation_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  new_button_ = new QPushButton(this);
  export_button_ = new QPushButton(this);
  top->addWidget(model_label_);
  top->addWidget(model_box_);
  top->addWidget(template_label_);
  top->addWidget(template_box_);
  top->addStretch(1);
  top->addWidget(conversation_box_, 1);
  top->addWidget(new_button_);
  top->addWidget(export_button_);
  layout->addLayout(top);

  auto* knobs = new QHBoxLayout;
  system_toggle_ = new QToolButton(this);
  system_toggle_->setCheckable(true);
  system_toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  system_toggle_->setArrowType(Qt::RightArrow);
  knobs->addWidget(system_toggle_);
  knobs->addStretch(1);
  auto addKnob = [&](QLabel*& label, QWidget* box) {
    label = new QLabel(this);
    knobs->addWidget(label);
    knobs->addWidget(box);
  };
  temperature_ = new QDoubleSpinBox(this);
  temperature_->setRange(0.0, 2.0);
  temperature_->setSingleStep(0.1);
  temperature_->setDecimals(2);
  top_k_ = new QSpinBox(this);
  top_k_->setRange(0, 1000);
  top_p_ = new QDoubleSpinBox(this);
  top_p_->setRange(0.01, 1.0);
  top_p_->setSingleStep(0.05);
  top_p_->setDecimals(2);
  max_tokens_ = new QSpinBox(this);
  max_tokens_->setRange(1, 4096);
  seed_ = new QSpinBox(this);
  seed_->setRange(0, 1'000'000'000);
  addKnob(temperature_label_, temperature_);
  addKnob(top_k_label_, top_k_);
  addKnob(top_p_label_, top_p_);
  addKnob(max_tokens_label_, max_tokens_);
  addKnob(seed_label_, seed_);
  layout->addLayout(knobs);

  system_edit_ = new QPlainTextEdit(this);
  system_edit_->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 12);
  system_edit_->hide();
  layout->addWidget(system_edit_);

  transcript_ = new QTextBrowser(this);
  transcript_->setOpenLinks(false);
  transcript_->setOpenExternalLinks(false);
  transcript_->setMouseTracking(true);
  layout->addWidget(transcript_, 1);

  auto* below = new QHBoxLayout;
  legend_ = new QLabel(this);
  status_ = new QLabel(this);
  status_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  below->addWidget(legend_, 1);
  below->addWidget(status_);
  layout->addLayout(below);

  auto* edit_row = new QHBoxLayout;
  edit_label_ = new QLabel(this);
  cancel_edit_ = new QPushButton(this);
  edit_row->addWidget(edit_label_, 1);
  edit_row->addWidget(cancel_edit_);
  edit_label_->hide();
  cancel_edit_->hide();
  layout->addLayout(edit_row);

  auto* input_row = new QHBoxLayout;
  input_ = new QPlainTextEdit(this);
  input_->setMaximumHeight(fontMetrics().lineSpacing() * 3 + 14);
  input_->installEventFilter(this);
  auto* buttons = new QVBoxLayout;
  send_ = new QPushButton(this);
  send_->setDefault(true);
  regenerate_ = new QPushButton(this);
  buttons->addWidget(send_);
  buttons->addWidget(regenerate_);
  input_row->addWidget(input_, 1);
  input_row->addLayout(buttons);
  layout->addLayout(input_row);

  refresh_ = new QTimer(this);
  refresh_->setSingleShot(true);
  refresh_->setInterval(40);  // streaming tokens are drawn ~25 times a second, not once each
  connect(refresh_, &QTimer::timeout, this, &ChatView::rebuild);

  connect(send_, &QPushButton::clicked, this, [this] {
    if (generating_) emit stopRequested();
    else submit();
  });
  connect(regenerate_, &QPushButton::clicked, this, &ChatView::regenerateRequested);
  connect(cancel_edit_, &QPushButton::clicked, this, [this] {
    editing_ = -1;
    input_->clear();
    edit_label_->hide();
    cancel_edit_->hide();
    retranslate();
  });
  connect(new_button_, &QPushButton::clicked, this, &ChatView::newConversationRequested);
  connect(export_button_, &QPushButton::clicked, this, &ChatView::exportMarkdownRequested);
  connect(system_toggle_, &QToolButton::toggled, this, [this](bool on) {
    system_edit_->setVisible(on);
    system_toggle_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
  });
  connect(system_edit_, &QPlainTextEdit::textChanged, this, [this] {
    if (!updating_) emit systemPromptChanged(system_edit_->toPlainText());
  });
  connect(model_box_, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (!updating_ && i >= 0) emit modelChosen(i);
  });
  connect(template_box_, &QComboBox::currentTextChanged, this, [this](const QString& t) {
    if (!updating_ && !t.isEmpty()) emit templateChosen(t);
  });
  connect(conversation_box_, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (!updating_ && i >= 0) emit conversationChosen(i);
  });
  auto changed = [this] {
    if (!updating_) emit settingsChanged();
  };
  connect(temperature_, &QDoubleSpinBox::valueChanged, this, changed);
  connect(top_k_, &QSpinBox::valueChanged, this, changed);
  connect(top_p_, &QDoubleSpinBox::valueChanged, this, changed);
  connect(max_tokens_, &QSpinBox::valueChanged, this, changed);
  connect(seed_, &QSpinBox::valueChanged, this, changed);
  connect(transcript_, &QTextBrowser::anchorClicked, this, &ChatView::onLink);
  connect(transcript_, qOverload<const QUrl&>(&QTextBrowser::highlighted), this, &ChatView::onHover);

  setSettings(Settings{});
  retranslate();
  rebuild();
}

void ChatView::retranslate() {
  model_label_->setText(tr("Model"));
  template_label_->setText(tr("Template"));
  new_button_->setText(tr("New chat"));
  export_button_->setText(tr("Export Markdown…"));
  system_toggle_->setText(tr("System prompt"));
  system_edit_->setPlaceholderText(tr("Instructions the model reads before the conversation (empty: none)"));
  temperature_label_->setText(tr("Temperature"));
  top_k_label_->setText(tr("Top-k"));
  top_k_->setSpecialValueText(tr("off"));
  top_p_label_->setText(tr("Top-p"));
  max_tokens_label_->setText(tr("Max tokens"));
  seed_label_->setText(tr("Seed"));
  temperature_->setToolTip(tr("0 always takes the most likely token; higher values take more risks."));
  top_k_->setToolTip(tr("Sample only from the k most likely tokens (off: from all)."));
  top_p_->setToolTip(tr("Sample only from the most likely tokens whose probabilities add up to p."));
  seed_->setToolTip(tr("The same seed, prompt and settings give the same answer. Regenerate uses the next seeds."));
  cancel_edit_->setText(tr("Cancel edit"));
  edit_label_->setText(tr("Editing your message: Send asks again with the new text, as a new branch (the old one is kept)."));
  input_->setPlaceholderText(tr("Type a message (Enter sends, Shift+Enter starts a new line)"));
  send_->setText(generating_ ? tr("Stop") : editing_ >= 0 ? tr("Resend") : tr("Send"));
  regenerate_->setText(tr("Regenerate"));
  QString legend = tr("Token colour: the model's probability") + QStringLiteral("  ");
  for (double p : {0.02, 0.1, 0.3, 0.6, 0.95})
    legend += QStringLiteral("<span style=\"background-color:%1; color:%2\">&nbsp;%3&nbsp;</span> ")
                  .arg(probabilityColor(p, isDark(this)).name(), palette().color(QPalette::Text).name(), percent(p));
  legend_->setText(legend);
  setStatus(context_used_, context_length_, tokens_per_sec_);
  dirty_ = true;
  refresh_->start();
}

void ChatView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange) retranslate();
  ExportableView::changeEvent(event);
}

bool ChatView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == input_ && event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
      if (!generating_) submit();
      return true;
    }
  }
  return ExportableView::eventFilter(watched, event);
}

void ChatView::submit() {
  const QString text = input_->toPlainText().trimmed();
  if (text.isEmpty() || generating_) return;
  input_->clear();
  if (editing_ >= 0) {
    const int id = editing_;
    editing_ = -1;
    edit_label_->hide();
    cancel_edit_->hide();
    retranslate();
    emit editRequested(id, text);
  } else {
    emit sendRequested(text);
  }
}

void ChatView::setMessages(const std::vector<trace::ChatEntry>& messages) {
  messages_ = messages;
  rebuild();
}

void ChatView::appendTokens(int id, const std::vector<trace::ChatToken>& tokens) {
  for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
    if (it->id != id) continue;
    for (const trace::ChatToken& t : tokens) {
      it->tokens.push_back(t);
      it->text += t.text;
    }
    it->streaming = true;
    dirty_ = true;
    if (!refresh_->isActive()) refresh_->start();
    return;
  }
}

const trace::ChatEntry* ChatView::find(int id) const {
  for (const trace::ChatEntry& m : messages_)
    if (m.id == id) return &m;
  return nullptr;
}

QString ChatView::messageHtml(const trace::ChatEntry& m, bool dark) const {
  const QColor bubble = m.assistant ? palette().color(QPalette::Base) : palette().color(QPalette::AlternateBase);
  const QString muted = palette().color(QPalette::PlaceholderText).name();
  QString html = QStringLiteral("<table width=\"100%\" cellpadding=\"8\" cellspacing=\"0\" style=\"margin-bottom:8px\" bgcolor=\"%1\"><tr><td>")
                     .arg(bubble.name());
  html += QStringLiteral("<b>%1</b>").arg(m.assistant ? tr("Assistant") : tr("You"));
  if (m.sibling_count > 1) {
    // ‹ 2/3 › : this message has alternatives (regenerated answers, edited questions).
    html += QStringLiteral("&nbsp;&nbsp;<a href=\"prev:%1\">&lsaquo;</a> %2/%3 <a href=\"next:%1\">&rsaquo;</a>")
                .arg(m.id)
                .arg(m.sibling_index + 1)
                .arg(m.sibling_count);
  }
  if (!m.assistant && !generating_) html += QStringLiteral("&nbsp;&nbsp;<a href=\"edit:%1\">%2</a>").arg(m.id).arg(tr("edit"));
  html += QStringLiteral("<p style=\"white-space:pre-wrap; margin-top:4px\">");
  if (m.assistant && !m.tokens.empty()) {
    const QString ink = palette().color(QPalette::Text).name();
    for (std::size_t i = 0; i < m.tokens.size(); ++i) {
      const trace::ChatToken& t = m.tokens[i];
      if (t.text.empty()) continue;  // the first bytes of a character the next token completes
      html += QStringLiteral("<a href=\"tok:%1:%2\" style=\"background-color:%3; color:%4; text-decoration:none\">%5</a>")
                  .arg(m.id)
                  .arg(static_cast<int>(i))
                  .arg(shade(probabilityColor(t.prob, dark), i).name(), ink, fromUtf8(t.text).toHtmlEscaped());
    }
  } else {
    html += fromUtf8(m.text).toHtmlEscaped();
  }
  if (m.streaming) html += QStringLiteral("<span style=\"color:%1\">&#9613;</span>").arg(muted);
  html += QStringLiteral("</p>");
  if (!m.info.empty()) html += QStringLiteral("<p style=\"color:%1; margin-top:2px\"><small>%2</small></p>").arg(muted, fromUtf8(m.info).toHtmlEscaped());
  return html + QStringLiteral("</td></tr></table>");
}

QString ChatView::transcriptHtml() {
  if (dirty_) rebuild();
  return transcript_->toHtml();
}

void ChatView::rebuild() {
  refresh_->stop();
  dirty_ = false;
  QScrollBar* bar = transcript_->verticalScrollBar();
  const bool at_end = bar->value() >= bar->maximum() - 4;
  const int kept = bar->value();
  QString html;
  const bool dark = isDark(this);
  for (const trace::ChatEntry& m : messages_) html += messageHtml(m, dark);
  if (messages_.empty())
    html = QStringLiteral("<p style=\"color:%1\">%2</p>")
               .arg(palette().color(QPalette::PlaceholderText).name(),
                    tr("Ask the model something. Each word of its answer will be coloured by how sure it was."));
  transcript_->setHtml(html);
  bar->setValue(at_end ? bar->maximum() : kept);  // follow a streaming answer, keep a reader's place
  const bool has_answer = !messages_.empty() && messages_.back().assistant;
  regenerate_->setEnabled(!generating_ && !messages_.empty() && (has_answer || !messages_.back().assistant));
}

void ChatView::onHover(const QUrl& url) {
  if (url.scheme() != QLatin1String("tok")) {
    QToolTip::hideText();
    return;
  }
  const QStringList parts = url.path().split(QLatin1Char(':'));
  if (parts.size() != 2) return;
  QToolTip::showText(QCursor::pos(), tokenToolTip(parts[0].toInt(), parts[1].toInt()), transcript_);
}

void ChatView::onLink(const QUrl& url) {
  const QString scheme = url.scheme();
  const QStringList parts = url.path().split(QLatin1Char(':'));
  const int id = parts.value(0).toInt();
  if (scheme == QLatin1String("tok") && parts.size() == 2) {
    QMenu* menu = tokenMenu(id, parts[1].toInt(), this);
    if (!menu) return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(QCursor::pos());
  } else if (scheme == QLatin1String("edit") && !generating_) {
    beginEdit(id);
  } else if ((scheme == QLatin1String("prev") || scheme == QLatin1String("next")) && !generating_) {
    emit siblingRequested(id, scheme == QLatin1String("prev") ? -1 : 1);
  }
}

QString ChatView::tokenToolTip(int id, int index) const {
  const trace::ChatEntry* m = find(id);
  if (!m || index < 0 || index >= static_cast<int>(m->tokens.size())) return {};
  const trace::ChatToken& t = m->tokens[static_cast<std::size_t>(index)];
  QString html = tr("<b>%1</b> — probability %2").arg(visible(t.text).toHtmlEscaped(), percent(t.prob));
  html += QStringLiteral("<br>") + tr("The model's top %1 here:").arg(t.top.size()) + QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
  for (const trace::ChatTokenChoice& c : t.top) {
    const bool chosen = c.id == t.id;
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td></tr>")
                .arg(chosen ? QStringLiteral("▶") : QString(), visible(c.text).toHtmlEscaped(), percent(c.prob));
  }
  html += QStringLiteral("</table><i>") + tr("Click to branch the answer from here.") + QStringLiteral("</i>");
  return html;
}

QMenu* ChatView::tokenMenu(int id, int index, QWidget* parent) {
  const trace::ChatEntry* m = find(id);
  if (!m || !m->assistant || index < 0 || index >= static_cast<int>(m->tokens.size())) return nullptr;
  const trace::ChatToken& t = m->tokens[static_cast<std::size_t>(index)];
  auto* menu = new QMenu(parent);
  menu->addSection(tr("Branch from here with…"));
  for (const trace::ChatTokenChoice& c : t.top) {
    QAction* a = menu->addAction(QStringLiteral("%1    %2").arg(visible(c.text), percent(c.prob)));
    a->setData(c.id);
    // Branching with the token already there would give the same answer again.
    a->setEnabled(!generating_ && c.id != t.id);
    const int token_id = c.id;
    connect(a, &QAction::triggered, this, [this, id, index, token_id] { emit branchRequested(id, index, token_id); });
  }
  menu->addSeparator();
  QAction* attention = menu->addAction(tr("Show the attention of this token"));
  attention->setEnabled(!generating_);
  connect(attention, &QAction::triggered, this, [this, id, index] { emit attentionRequested(id, index); });
  return menu;
}

void ChatView::beginEdit(int id) {
  const trace::ChatEntry* m = find(id);
  if (!m || m->assistant) return;
  editing_ = id;
  input_->setPlainText(fromUtf8(m->text));
  input_->setFocus();
  edit_label_->show();
  cancel_edit_->show();
  retranslate();
}

void ChatView::setModels(const QStringList& labels, const QList<bool>& available, int current) {
  updating_ = true;
  model_box_->clear();
  model_box_->addItems(labels);
  if (auto* model = qobject_cast<QStandardItemModel*>(model_box_->model()))
    for (int i = 0; i < labels.size() && i < available.size(); ++i) model->item(i)->setEnabled(available[i]);
  model_box_->setCurrentIndex(current);
  updating_ = false;
}

int ChatView::currentModel() const { return model_box_->currentIndex(); }

void ChatView::setTemplates(const QStringList& names, const QString& current) {
  updating_ = true;
  template_box_->clear();
  template_box_->addItems(names);
  template_box_->setCurrentText(current);
  updating_ = false;
}

QString ChatView::currentTemplate() const { return template_box_->currentText(); }

void ChatView::setSettings(const Settings& s) {
  updating_ = true;
  temperature_->setValue(s.temperature);
  top_k_->setValue(s.top_k);
  top_p_->setValue(s.top_p);
  max_tokens_->setValue(s.max_tokens);
  seed_->setValue(static_cast<int>(std::clamp<qint64>(s.seed, 0, seed_->maximum())));
  updating_ = false;
}

ChatView::Settings ChatView::settings() const {
  return {temperature_->value(), top_k_->value(), top_p_->value(), max_tokens_->value(), seed_->value()};
}

void ChatView::setSystemPrompt(const QString& prompt) {
  if (prompt == system_edit_->toPlainText()) return;
  updating_ = true;
  system_edit_->setPlainText(prompt);
  updating_ = false;
}

QString ChatView::systemPrompt() const { return system_edit_->toPlainText(); }

void ChatView::setConversations(const QStringList& titles, int current) {
  updating_ = true;
  conversation_box_->clear();
  conversation_box_->addItems(titles);
  conversation_box_->setCurrentIndex(current);
  updating_ = false;
}

void ChatView::setGenerating(bool generating) {
  generating_ = generating;
  for (QWidget* w : std::initializer_list<QWidget*>{model_box_, template_box_, conversation_box_, new_button_})
    w->setEnabled(!generating);
  if (!generating)
    for (trace::ChatEntry& m : messages_) m.streaming = false;
  retranslate();
  rebuild();
}

void ChatView::setStatus(int context_used, int context_length, double tokens_per_sec) {
  context_used_ = context_used;
  context_length_ = context_length;
  tokens_per_sec_ = tokens_per_sec;
  status_->setText(statusText());
}

QString ChatView::statusText() const {
  QStringList parts;
  if (context_length_ > 0)
    parts << tr("Context used %1 of %2 tokens").arg(std::max(context_used_, 0)).arg(context_length_);
  if (tokens_per_sec_ >= 0) parts << tr("%1 tokens/s").arg(tokens_per_sec_, 0, 'f', 1);
  return parts.join(QStringLiteral(" · "));
}

void ChatView::setNotice(const QString& notice) { showNotice(notice_, notice); }

void ChatView::setInputText(const QString& text) { input_->setPlainText(text); }

QString ChatView::inputText() const { return input_->toPlainText(); }

QString ChatView::csv() const {
  QString out = QStringLiteral("message,role,token_index,token,token_id,probability");
  for (int k = 1; k <= 5; ++k) out += QStringLiteral(",top%1,top%1_probability").arg(k);
  out += QLatin1Char('\n');
  for (const trace::ChatEntry& m : messages_) {
    const QString role = m.assistant ? QStringLiteral("assistant") : QStringLiteral("user");
    if (m.tokens.empty()) {
      out += QStringLiteral("%1,%2,,%3,,\n").arg(m.id).arg(role, csvField(fromUtf8(m.text)));
      continue;
    }
    for (std::size_t i = 0; i < m.tokens.size(); ++i) {
      const trace::ChatToken& t = m.tokens[i];
      // Probabilities are floats: 6 significant digits say all they hold.
      out += QStringLiteral("%1,%2,%3,%4,%5,%6")
                 .arg(m.id)
                 .arg(role)
                 .arg(i)
                 .arg(csvField(fromUtf8(t.text)))
                 .arg(t.id)
                 .arg(static_cast<double>(t.prob), 0, 'g', 6);
      for (const trace::ChatTokenChoice& c : t.top)
        out += QStringLiteral(",%1,%2").arg(csvField(fromUtf8(c.text))).arg(static_cast<double>(c.prob), 0, 'g', 6);
      out += QLatin1Char('\n');
    }
  }
  return out;
}

QWidget* ChatView::pictureWidget() { return transcript_; }

}}  // namespace glassbox::views
