#include "app/chat_controller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>

#include "app/chat_sample.h"
#include "app/chat_state.h"
#include "app/model_paths.h"
#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "views/chat_view.h"

namespace glassbox { namespace app {

namespace {

trace::ChatToken toTrace(const gb::GeneratedToken& t) {
  trace::ChatToken out{t.text, t.id, t.prob, {}};
  for (const gb::TokenChoice& c : t.top) out.top.push_back({c.text, c.id, c.prob});
  return out;
}

QString stopReasonText(const std::string& reason) {
  if (reason == "eos") return QCoreApplication::translate("ChatController", "stopped at end of text");
  if (reason == "end_of_turn") return QCoreApplication::translate("ChatController", "stopped at the end of its turn");
  if (reason == "max_tokens") return QCoreApplication::translate("ChatController", "reached max tokens");
  if (reason == "context_full") return QCoreApplication::translate("ChatController", "the context is full");
  if (reason == "cancelled") return QCoreApplication::translate("ChatController", "stopped by you");
  return QString::fromStdString(reason);
}

}  // namespace

bool ChatModelChoice::available() const { return QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))); }

ChatController::ChatController(EngineWorkerHost& host, const QString& conversations_dir, bool bundled, QObject* parent)
    : QObject(parent), host_(host), dir_(conversations_dir), worker_(std::make_shared<ChatWorkerState>()) {
  if (bundled) {
    for (const char* name : {"glassbox-chat", "glassbox-base"}) {
      // Where it is (app/model_paths.h), or where it would be once built.
      QString dir = findBundledModel(QString::fromLatin1(name));
      if (dir.isEmpty()) dir = QDir(modelSearchPath().value(0)).filePath(QString::fromLatin1(name));
      models_.push_back({QString::fromLatin1(name), dir, true, {}, 0});
    }
  }
  for (std::size_t i = 0; i < models_.size(); ++i)
    if (models_[i].available()) {
      current_model_ = static_cast<int>(i);
      break;
    }
  conv_ = freshConversation();
  save_timer_ = new QTimer(this);
  save_timer_->setSingleShot(true);
  save_timer_->setInterval(400);  // typing in the system prompt saves once, not per key
  connect(save_timer_, &QTimer::timeout, this, &ChatController::saveNow);
  connect(&host_, &EngineWorkerHost::finished, this, &ChatController::onFinished);
  connect(&host_, &EngineWorkerHost::failed, this, &ChatController::onFailed);
  connect(&host_, &EngineWorkerHost::progress, this, [this](const JobProgress& p) {
    if (p.job == gen_job_) drain();
  });

  // Reopen what was there before.
  auto loaded = std::make_shared<std::vector<gb::Conversation>>();
  const std::string dir = dir_.toStdString();
  submit([dir, loaded](const ProgressFn&, const std::atomic<bool>&) {
    *loaded = gb::load_conversations(dir);
    return QVariant();
  }, [this, loaded](const QVariant* value, const JobFailure*) {
    if (!value) return;
    saved_ = std::move(*loaded);
    if (conv_.messages().empty() && !saved_.empty()) {
      conv_ = saved_.front();
      for (std::size_t i = 0; i < models_.size(); ++i)
        if (models_[i].name.toStdString() == conv_.model) current_model_ = static_cast<int>(i);
    }
    refreshChrome();
    refreshView();
    emit conversationsLoaded();
  });
  if (!models_.empty() && models_[static_cast<std::size_t>(current_model_)].available()) chooseModel(current_model_);
}

ChatController::~ChatController() {
  if (dirty_) {
    // The worker may already be stopped at exit: this last small write happens here.
    try {
      QDir().mkpath(dir_);
      conv_.save(QDir(dir_).filePath(QString::fromStdString(conv_.id) + QStringLiteral(".json")).toStdString());
    } catch (const std::exception&) {
    }
  }
}

quint64 ChatController::submit(Job job, Handler handler) {
  const quint64 id = host_.submit(std::move(job));
  handlers_[id] = std::move(handler);
  return id;
}

void ChatController::onFinished(const JobResult& result) {
  auto it = handlers_.find(result.job);
  if (it == handlers_.end()) return;
  Handler h = std::move(it->second);
  handlers_.erase(it);
  h(&result.value, nullptr);
}

void ChatController::onFailed(const JobFailure& failure) {
  auto it = handlers_.find(failure.job);
  if (it == handlers_.end()) return;
  Handler h = std::move(it->second);
  handlers_.erase(it);
  h(nullptr, &failure);
}

bool ChatController::waitIdle(int timeout_ms) {
  QElapsedTimer timer;
  timer.start();
  while (!handlers_.empty() && timer.elapsed() < timeout_ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  QCoreApplication::processEvents();
  return handlers_.empty();
}

gb::Conversation ChatController::freshConversation() const {
  gb::Conversation c;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  c.id = now.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")).toStdString();
  c.created_ms = c.updated_ms = now.toMSecsSinceEpoch();
  if (!models_.empty()) {
    const ChatModelChoice& m = models_[static_cast<std::size_t>(current_model_)];
    c.model = m.name.toStdString();
    if (!m.template_name.isEmpty()) c.template_name = m.template_name.toStdString();
  }
  c.system_prompt = gb::ChatTemplate{gb::ChatTemplate::parse(c.template_name).value_or(gb::ChatTemplateKind::Alpaca)}
                        .default_system_prompt();
  return c;
}

std::string ChatController::modelDir(const std::string& name) const {
  for (const ChatModelChoice& m : models_)
    if (m.name.toStdString() == name) return m.dir.toStdString();
  return models_.empty() ? std::string() : models_[static_cast<std::size_t>(current_model_)].dir.toStdString();
}

void ChatController::attach(views::ChatView* view) {
  view_ = view;
  if (!view) return;
  using views::ChatView;
  connect(view, &ChatView::sendRequested, this, &ChatController::send);
  connect(view, &ChatView::stopRequested, this, &ChatController::stop);
  connect(view, &ChatView::regenerateRequested, this, &ChatController::regenerate);
  connect(view, &ChatView::editRequested, this, &ChatController::editAndResend);
  connect(view, &ChatView::branchRequested, this, &ChatController::branchFromToken);
  connect(view, &ChatView::siblingRequested, this, &ChatController::showSibling);
  connect(view, &ChatView::attentionRequested, this, &ChatController::requestAttention);
  connect(view, &ChatView::modelChosen, this, &ChatController::chooseModel);
  connect(view, &ChatView::templateChosen, this, &ChatController::setTemplate);
  connect(view, &ChatView::systemPromptChanged, this, &ChatController::setSystemPrompt);
  connect(view, &ChatView::newConversationRequested, this, &ChatController::newConversation);
  connect(view, &ChatView::conversationChosen, this, [this](int index) {
    index -= unsaved_entry_ ? 1 : 0;
    if (index >= 0 && index < static_cast<int>(saved_.size())) openConversation(saved_[static_cast<std::size_t>(index)].id);
  });
  connect(view, &ChatView::settingsChanged, this, [this] {
    if (!view_) return;
    const ChatView::Settings s = view_->settings();
    setSettings({static_cast<float>(s.temperature), s.top_k, static_cast<float>(s.top_p), s.max_tokens,
                 static_cast<uint64_t>(s.seed)});
  });
  if (!models_.empty() && models_[static_cast<std::size_t>(current_model_)].context_length == 0)
    chooseModel(current_model_);
  connect(view, &ChatView::exportMarkdownRequested, this, [this] {
    if (!view_) return;
    const QString path = QFileDialog::getSaveFileName(view_, tr("Export the conversation"),
                                                      QString::fromStdString(conv_.id) + QStringLiteral(".md"),
                                                      tr("Markdown (*.md)"));
    if (!path.isEmpty()) exportMarkdown(path);
  });
  refreshChrome();
  refreshView();
}

void ChatController::refreshChrome() {
  if (!view_) return;
  QStringList labels;
  QList<bool> available;
  for (const ChatModelChoice& m : models_) {
    labels << (m.bundled ? tr("%1 (bundled)").arg(m.name) : m.name) + (m.available() ? QString() : tr(" — not built yet"));
    available << m.available();
  }
  view_->setModels(labels, available, current_model_);
  QStringList templates;
  for (const std::string& n : gb::ChatTemplate::names()) templates << QString::fromStdString(n);
  view_->setTemplates(templates, QString::fromStdString(conv_.template_name));
  const gb::ChatSettings& s = conv_.settings;
  view_->setSettings({s.temperature, static_cast<int>(s.top_k), s.top_p, static_cast<int>(s.max_new_tokens),
                      static_cast<qint64>(s.seed)});
  view_->setSystemPrompt(QString::fromStdString(conv_.system_prompt));
  QStringList titles;
  int current = -1;
  for (std::size_t i = 0; i < saved_.size(); ++i) {
    titles << QString::fromStdString(saved_[i].title.empty() ? saved_[i].id : saved_[i].title);
    if (saved_[i].id == conv_.id) current = static_cast<int>(i);
  }
  unsaved_entry_ = current < 0;
  if (unsaved_entry_) {
    titles.prepend(tr("New chat"));
    current = 0;
  }
  view_->setConversations(titles, current);
  const int ctx = models_.empty() ? 0 : models_[static_cast<std::size_t>(current_model_)].context_length;
  view_->setStatus(usage_.used > 0 ? static_cast<int>(usage_.used) : 0, ctx > 0 ? ctx : -1, -1.0);
  view_->setNotice(models_.empty() || !models_[static_cast<std::size_t>(current_model_)].available()
                       ? tr("No model to chat with yet: open a model directory (File › Open model…) or build the "
                            "bundled ones (tools/train_bundled.sh).")
                       : QString());
}

QString ChatController::infoLine(const gb::ChatMessage& m) const {
  QStringList parts;
  if (!m.model.empty()) parts << QString::fromStdString(m.model);
  if (m.tokens_per_sec > 0) parts << tr("%1 tokens/s").arg(m.tokens_per_sec, 0, 'f', 1);
  if (m.context_length > 0) parts << tr("context %1 of %2").arg(m.context_used).arg(m.context_length);
  if (!m.stop_reason.empty()) parts << stopReasonText(m.stop_reason);
  parts << tr("seed %1").arg(m.seed);
  return parts.join(QStringLiteral(" · "));
}

std::vector<trace::ChatEntry> ChatController::entries() const {
  std::vector<trace::ChatEntry> out;
  for (int id : conv_.thread()) {
    const gb::ChatMessage& m = conv_.message(id);
    trace::ChatEntry e;
    e.id = id;
    e.assistant = m.role == gb::ChatRole::Assistant;
    e.text = m.content;
    for (const gb::GeneratedToken& t : m.tokens) e.tokens.push_back(toTrace(t));
    const std::vector<int> siblings = conv_.siblings(id);
    e.sibling_count = static_cast<int>(siblings.size());
    e.sibling_index = static_cast<int>(std::find(siblings.begin(), siblings.end(), id) - siblings.begin());
    e.streaming = id == gen_message_;
    if (e.assistant && !e.streaming) e.info = infoLine(m).toStdString();
    out.push_back(std::move(e));
  }
  return out;
}

void ChatController::refreshView() {
  if (!view_) return;
  const bool no_model = models_.empty() || !models_[static_cast<std::size_t>(current_model_)].available();
  // Nothing to chat with and nothing said yet: show what a chat looks like.
  view_->setMessages(no_model && conv_.messages().empty() ? sampleChat() : entries());
  view_->setGenerating(generating());
}

void ChatController::touch() {
  conv_.updated_ms = QDateTime::currentDateTimeUtc().toMSecsSinceEpoch();
  dirty_ = true;
  save_timer_->start();
}

void ChatController::saveNow() {
  save_timer_->stop();
  if (!dirty_) return;
  dirty_ = false;
  // Keep the list of conversations in step (most recent first).
  auto it = std::find_if(saved_.begin(), saved_.end(), [&](const gb::Conversation& c) { return c.id == conv_.id; });
  if (it != saved_.end()) saved_.erase(it);
  if (!conv_.messages().empty()) saved_.insert(saved_.begin(), conv_);
  if (conv_.messages().empty()) return;
  const QString path = QDir(dir_).filePath(QString::fromStdString(conv_.id) + QStringLiteral(".json"));
  const std::string json = conv_.to_json();
  const QString dir = dir_;
  submit([path, dir, json](const ProgressFn&, const std::atomic<bool>&) {
    if (!QDir().mkpath(dir)) throw gb::Error(dir.toStdString() + ": cannot create the folder for conversations");
    gb::write_file_atomic(path.toStdString(), json);
    return QVariant(path);
  }, [this](const QVariant* value, const JobFailure* failure) {
    if (value) emit saved(value->toString());
    else if (failure && !failure->cancelled) emit failed(failure->message);
  });
  refreshChrome();
}

void ChatController::addModel(const QString& dir) {
  const QString name = QFileInfo(QDir::cleanPath(dir)).fileName();
  auto it = std::find_if(models_.begin(), models_.end(), [&](const ChatModelChoice& m) { return m.dir == dir; });
  if (it == models_.end()) {
    models_.push_back({name, dir, false, {}, 0});
    it = models_.end() - 1;
  }
  chooseModel(static_cast<int>(it - models_.begin()));
}

void ChatController::chooseModel(int index) {
  if (index < 0 || index >= static_cast<int>(models_.size()) || generating()) return;
  current_model_ = index;
  const ChatModelChoice& m = models_[static_cast<std::size_t>(index)];
  if (conv_.messages().empty()) conv_.model = m.name.toStdString();
  refreshChrome();
  // Load it now when someone is looking (to show its context length and template); otherwise
  // the first answer loads it.
  if (!m.available() || !view_) return;
  auto info = std::make_shared<std::pair<std::string, int64_t>>();
  const std::string dir = m.dir.toStdString();
  auto state = worker_;
  submit([state, dir, info](const ProgressFn& progress, const std::atomic<bool>&) {
    progress(0.1, QCoreApplication::translate("ChatController", "Loading %1").arg(QString::fromStdString(dir)));
    const gb::ChatModel& model = state->ensure(dir);
    *info = {model.chat_template.name(), model.model->config().context_length};
    return QVariant();
  }, [this, index, info](const QVariant* value, const JobFailure* failure) {
    if (!value) {
      if (failure && !failure->cancelled) {
        if (view_) view_->setNotice(failure->message);
        emit failed(failure->message);
      }
      return;
    }
    ChatModelChoice& m = models_[static_cast<std::size_t>(index)];
    m.template_name = QString::fromStdString(info->first);
    m.context_length = static_cast<int>(info->second);
    // A new conversation takes the model's own template (and that template's system prompt).
    if (conv_.messages().empty() && index == current_model_ && conv_.template_name != info->first) {
      const std::string old_default =
          gb::ChatTemplate{gb::ChatTemplate::parse(conv_.template_name).value_or(gb::ChatTemplateKind::Alpaca)}.default_system_prompt();
      conv_.template_name = info->first;
      if (conv_.system_prompt == old_default)
        conv_.system_prompt = gb::ChatTemplate{*gb::ChatTemplate::parse(info->first)}.default_system_prompt();
    }
    refreshChrome();
    emit modelLoaded(index);
  });
}

void ChatController::newConversation() {
  if (generating()) return;
  saveNow();
  conv_ = freshConversation();
  usage_ = {};
  refreshChrome();
  refreshView();
}

void ChatController::openConversation(const std::string& id) {
  if (generating() || id == conv_.id) return;
  saveNow();
  auto it = std::find_if(saved_.begin(), saved_.end(), [&](const gb::Conversation& c) { return c.id == id; });
  if (it == saved_.end()) return;
  conv_ = *it;
  for (std::size_t i = 0; i < models_.size(); ++i)
    if (models_[i].name.toStdString() == conv_.model && i != static_cast<std::size_t>(current_model_)) chooseModel(static_cast<int>(i));
  usage_ = {};
  refreshChrome();
  refreshView();
}

void ChatController::setSettings(const gb::ChatSettings& settings) {
  try {
    settings.sampling().validate();
  } catch (const gb::UsageError& e) {
    emit failed(QString::fromUtf8(e.what()));
    return;
  }
  conv_.settings = settings;
  touch();
}

void ChatController::setSystemPrompt(const QString& prompt) {
  conv_.system_prompt = prompt.toStdString();
  touch();
}

void ChatController::setTemplate(const QString& name) {
  if (!gb::ChatTemplate::parse(name.toStdString()) || conv_.template_name == name.toStdString()) return;
  conv_.template_name = name.toStdString();
  touch();
}

uint64_t ChatController::nextSeedOffset(int parent) const {
  // The first answer under a message uses the seed itself, each regeneration the next seed,
  // so every answer can be made again and no two are drawn alike.
  uint64_t n = 0;
  for (int id : conv_.children(parent)) n += conv_.message(id).role == gb::ChatRole::Assistant;
  return n;
}

void ChatController::send(const QString& text) {
  if (generating() || text.trimmed().isEmpty()) return;
  const int parent = conv_.current();
  const int user = conv_.add(parent, gb::ChatRole::User, text.toStdString());
  startGeneration(conv_.add(user, gb::ChatRole::Assistant, std::string()), {});
}

void ChatController::editAndResend(int message_id, const QString& text) {
  if (generating() || !conv_.has(message_id) || conv_.message(message_id).role != gb::ChatRole::User) return;
  const int user = conv_.add(conv_.message(message_id).parent, gb::ChatRole::User, text.toStdString());
  startGeneration(conv_.add(user, gb::ChatRole::Assistant, std::string()), {});
}

void ChatController::regenerate() {
  if (generating() || conv_.current() < 0) return;
  const gb::ChatMessage& leaf = conv_.message(conv_.current());
  const int parent = leaf.role == gb::ChatRole::Assistant ? leaf.parent : leaf.id;
  startGeneration(conv_.add(parent, gb::ChatRole::Assistant, std::string()), {});
}

void ChatController::branchFromToken(int message_id, int token_index, int token_id) {
  if (generating() || !conv_.has(message_id)) return;
  const gb::ChatMessage& m = conv_.message(message_id);
  if (m.role != gb::ChatRole::Assistant || token_index < 0 || token_index >= static_cast<int>(m.tokens.size())) return;
  // The new answer keeps the tokens before the click, takes the chosen alternative there
  // (with the probabilities it had), and the model writes the rest.
  std::vector<gb::GeneratedToken> prefix(m.tokens.begin(), m.tokens.begin() + token_index);
  gb::GeneratedToken chosen = m.tokens[static_cast<std::size_t>(token_index)];
  const auto alt = std::find_if(chosen.top.begin(), chosen.top.end(), [&](const gb::TokenChoice& c) { return c.id == token_id; });
  if (alt == chosen.top.end()) return;
  chosen.id = alt->id;
  chosen.text = alt->text;
  chosen.prob = alt->prob;
  prefix.push_back(std::move(chosen));
  startGeneration(conv_.add(m.parent, gb::ChatRole::Assistant, std::string()), std::move(prefix));
}

void ChatController::showSibling(int message_id, int delta) {
  if (generating() || !conv_.has(message_id)) return;
  const std::vector<int> siblings = conv_.siblings(message_id);
  const auto at = std::find(siblings.begin(), siblings.end(), message_id) - siblings.begin();
  const auto next = at + delta;
  if (next < 0 || next >= static_cast<std::ptrdiff_t>(siblings.size())) return;
  conv_.select(siblings[static_cast<std::size_t>(next)]);
  touch();
  refreshView();
}

}}  // namespace glassbox::app
