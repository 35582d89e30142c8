#pragma once
// Connects the chat view to the engine: keeps the conversation (a gb::Conversation), loads
// models and generates answers on the EngineWorker thread, streams the tokens back to the
// view, and saves every conversation as JSON so it is there again after a restart.
//
// Threads: the conversation and the view live on the UI thread. A generation job runs
// gb::stream_chat on the worker; each token goes into a shared buffer and the job's progress
// signal (queued) tells the UI thread to take it. The model itself is only ever touched by
// jobs, which the worker runs one at a time.
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "app/engine_worker.h"
#include "engine/generate/conversation.h"
#include "engine/trace/trace.h"
#include "views/chat_view.h"

class QTimer;

namespace glassbox { namespace app {

struct ChatWorkerState;
struct ChatStream;

struct ChatModelChoice {
  QString name;   // the directory's name, as conversations record it
  QString dir;
  bool bundled = false;
  bool available() const;  // has a config.json
  // Filled once the worker has loaded it.
  QString template_name;
  int context_length = 0;
};

class ChatController : public QObject {
  Q_OBJECT
 public:
  // Conversations are saved in (and reopened from) conversations_dir. With bundled = true the
  // bundled base and chat models head the model list.
  ChatController(EngineWorkerHost& host, const QString& conversations_dir, bool bundled = true,
                 QObject* parent = nullptr);
  ~ChatController() override;

  // Shows the conversation in `view` and takes its requests. One view at a time: a lesson
  // page makes a new one each time the step is shown.
  void attach(views::ChatView* view);
  views::ChatView* view() const { return view_; }

  const std::vector<ChatModelChoice>& models() const { return models_; }
  int currentModel() const { return current_model_; }
  // Adds a model directory (Open model…) and makes it the current one.
  void addModel(const QString& dir);
  void chooseModel(int index);

  const gb::Conversation& conversation() const { return conv_; }
  const std::vector<gb::Conversation>& saved() const { return saved_; }
  void newConversation();
  void openConversation(const std::string& id);
  void setSettings(const gb::ChatSettings& settings);
  void setSystemPrompt(const QString& prompt);
  void setTemplate(const QString& name);

  void send(const QString& text);
  void stop();
  void regenerate();
  void editAndResend(int message_id, const QString& text);
  void branchFromToken(int message_id, int token_index, int token_id);
  void showSibling(int message_id, int delta);
  void requestAttention(int message_id, int token_index);
  // Writes the shown thread as Markdown (atomically, on the worker).
  void exportMarkdown(const QString& path);

  bool generating() const { return gen_job_ != 0; }
  // Processes events until no job of this controller is left (tests, screenshots).
  bool waitIdle(int timeout_ms = 60000);

 signals:
  void tokensArrived(int message_id, int count);
  void generationFinished(int message_id, const QString& stop_reason);
  void attentionReady(int message_id, int token_index, const std::vector<glassbox::trace::AttentionMap>& maps);
  void modelLoaded(int index);
  void conversationsLoaded();
  void saved(const QString& path);
  void failed(const QString& message);

 private:
  using Handler = std::function<void(const QVariant* value, const JobFailure* failure)>;

  quint64 submit(Job job, Handler handler);
  void onFinished(const JobResult& result);
  void onFailed(const JobFailure& failure);
  void startGeneration(int assistant_id, std::vector<gb::GeneratedToken> prefix);
  void drain();
  void finishGeneration(const JobFailure* failure);
  void refreshView();
  void refreshChrome();
  std::vector<trace::ChatEntry> entries() const;
  QString infoLine(const gb::ChatMessage& m) const;
  void touch();       // the conversation changed: remember it, save soon
  void saveNow();
  gb::Conversation freshConversation() const;
  uint64_t nextSeedOffset(int parent) const;
  std::string modelDir(const std::string& name) const;

  EngineWorkerHost& host_;
  QString dir_;
  std::shared_ptr<ChatWorkerState> worker_;  // only jobs touch what it holds
  std::map<quint64, Handler> handlers_;
  QPointer<views::ChatView> view_;
  std::vector<ChatModelChoice> models_;
  int current_model_ = 0;
  gb::Conversation conv_;
  std::vector<gb::Conversation> saved_;
  bool dirty_ = false;
  bool unsaved_entry_ = false;  // the view's conversation list starts with "New chat"
  QTimer* save_timer_;

  quint64 gen_job_ = 0;
  int gen_message_ = -1;
  std::shared_ptr<ChatStream> stream_;
  QElapsedTimer first_token_;
  int streamed_ = 0;
  gb::ContextUsage usage_;
};

}}  // namespace glassbox::app
