#pragma once
// The chat: a conversation with a model, and what the model was thinking while it answered.
// Every generated token is coloured by the probability the model gave it (red: a guess,
// green: sure); hovering a token lists the five tokens the model found most likely there, and
// clicking one branches the answer from that point. The view only shows plain data
// (trace::ChatEntry) and says what the learner asked for through signals; the app's
// ChatController does the work on the engine thread.
#include <QString>
#include <QStringList>
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace glassbox { namespace views {

// The colour a token of probability p is drawn on (light or dark theme): a red-to-green scale,
// pale enough to read text on.
QColor probabilityColor(double p, bool dark_theme);

class ChatView : public ExportableView {
  Q_OBJECT
 public:
  // The sampling settings of the shown conversation.
  struct Settings {
    double temperature = 0.7;
    int top_k = 40;
    double top_p = 0.95;
    int max_tokens = 200;
    qint64 seed = 42;
  };

  explicit ChatView(QWidget* parent = nullptr);

  // The shown thread, first message first. Replaces what was shown.
  void setMessages(const std::vector<trace::ChatEntry>& messages);
  // Streaming: tokens that arrived for message `id` (shown after a short delay, many at once).
  void appendTokens(int id, const std::vector<trace::ChatToken>& tokens);
  const std::vector<trace::ChatEntry>& messages() const { return messages_; }

  // Model picker: labels, which can be chosen (a bundled model not built yet cannot), current.
  void setModels(const QStringList& labels, const QList<bool>& available, int current);
  int currentModel() const;
  void setTemplates(const QStringList& names, const QString& current);
  QString currentTemplate() const;
  void setSettings(const Settings& settings);
  Settings settings() const;
  void setSystemPrompt(const QString& prompt);
  QString systemPrompt() const;
  // The saved conversations (titles, most recent first) and which one is shown.
  void setConversations(const QStringList& titles, int current);

  // While generating, Send becomes Stop and nothing else that changes the thread can be used.
  void setGenerating(bool generating);
  bool generating() const { return generating_; }
  // "Context used N of M tokens · 41.2 tokens/s"; a negative value hides that part.
  void setStatus(int context_used, int context_length, double tokens_per_sec);
  QString statusText() const;
  void setNotice(const QString& notice);
  void setInputText(const QString& text);
  QString inputText() const;
  // Starts editing a user message: its text goes into the box, and Send resends it as a new branch.
  void beginEdit(int id);
  int editing() const { return editing_; }

  // What hovering token `index` of message `id` shows: the token, its probability, the top 5.
  QString tokenToolTip(int id, int index) const;
  // The menu a click on a token opens: branch with each alternative, open its attention.
  // The caller owns the menu.
  QMenu* tokenMenu(int id, int index, QWidget* parent);
  // The transcript as HTML (built now, so tests need not wait for the streaming timer).
  QString transcriptHtml();

  QString csv() const override;  // one row per generated token
  QWidget* pictureWidget() override;

 signals:
  void sendRequested(const QString& text);
  void editRequested(int id, const QString& text);  // edit-and-resend of user message `id`
  void stopRequested();
  void regenerateRequested();
  // Continue message `id` from its token `index`, with token `token_id` there instead.
  void branchRequested(int id, int index, int token_id);
  void attentionRequested(int id, int index);
  void siblingRequested(int id, int delta);  // show the previous (-1) or next (+1) alternative
  void modelChosen(int index);
  void templateChosen(const QString& name);
  void settingsChanged();
  void systemPromptChanged(const QString& prompt);
  void newConversationRequested();
  void conversationChosen(int index);
  void exportMarkdownRequested();

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void retranslate();
  void rebuild();
  void onLink(const QUrl& url);
  void onHover(const QUrl& url);
  void submit();
  const trace::ChatEntry* find(int id) const;
  QString messageHtml(const trace::ChatEntry& m, bool dark) const;

  std::vector<trace::ChatEntry> messages_;
  bool generating_ = false;
  bool dirty_ = false;
  int editing_ = -1;
  int context_used_ = -1, context_length_ = -1;
  double tokens_per_sec_ = -1.0;
  bool updating_ = false;  // setting widgets from the controller: emit nothing

  QLabel* notice_;
  QLabel* model_label_;
  QComboBox* model_box_;
  QLabel* template_label_;
  QComboBox* template_box_;
  QComboBox* conversation_box_;
  QPushButton* new_button_;
  QPushButton* export_button_;
  QToolButton* system_toggle_;
  QPlainTextEdit* system_edit_;
  QLabel* temperature_label_;
  QDoubleSpinBox* temperature_;
  QLabel* top_k_label_;
  QSpinBox* top_k_;
  QLabel* top_p_label_;
  QDoubleSpinBox* top_p_;
  QLabel* max_tokens_label_;
  QSpinBox* max_tokens_;
  QLabel* seed_label_;
  QSpinBox* seed_;
  QTextBrowser* transcript_;
  QLabel* legend_;
  QLabel* edit_label_;
  QPushButton* cancel_edit_;
  QPlainTextEdit* input_;
  QPushButton* send_;
  QPushButton* regenerate_;
  QLabel* status_;
  QTimer* refresh_;
};

}}  // namespace glassbox::views
