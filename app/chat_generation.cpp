// ChatController's engine work: generating an answer (streamed), its end, the attention of a
// token, and the Markdown export. Everything heavy runs in EngineWorker jobs.
#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QMutexLocker>
#include <QVBoxLayout>
#include <algorithm>

#include "app/chat_controller.h"
#include "app/chat_state.h"
#include "engine/core/error.h"
#include "engine/generate/chat_model.h"
#include "engine/io/atomic_file.h"
#include "engine/trace/attention_trace.h"
#include "views/attention_view.h"
#include "views/chat_view.h"

namespace glassbox { namespace app {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Answers are stored without the spaces and blank lines around them (a template puts its own);
// in the plain template the answer continues the text, so its leading space is part of it.
std::string tidyAnswer(std::string text, const std::string& template_name) {
  while (!text.empty() && isSpace(text.back())) text.pop_back();
  if (template_name != "plain") {
    size_t b = 0;
    while (b < text.size() && isSpace(text[b])) ++b;
    text.erase(0, b);
  }
  return text;
}

}  // namespace

void ChatController::startGeneration(int assistant_id, std::vector<gb::GeneratedToken> prefix) {
  gb::ChatMessage& m = conv_.message(assistant_id);
  const ChatModelChoice* model = models_.empty() ? nullptr : &models_[static_cast<std::size_t>(current_model_)];
  m.model = model ? model->name.toStdString() : std::string();
  const uint64_t offset = nextSeedOffset(m.parent) - 1;  // this answer is already one of the children
  m.seed = conv_.settings.seed + offset;
  m.tokens = prefix;
  for (const gb::GeneratedToken& t : prefix) m.content += t.text;
  if (conv_.model.empty() || conv_.messages().size() <= 2) conv_.model = m.model;

  const std::vector<gb::ChatTurn> turns = conv_.turns(m.parent);
  std::vector<int32_t> prefix_ids;
  for (const gb::GeneratedToken& t : prefix) prefix_ids.push_back(t.id);
  const std::string dir = model ? model->dir.toStdString() : std::string();
  const std::string template_name = conv_.template_name;
  const gb::SamplingOptions sampling = conv_.settings.sampling(offset);
  stream_ = std::make_shared<ChatStream>();
  auto stream = stream_;
  auto state = worker_;
  gen_message_ = assistant_id;
  streamed_ = 0;
  first_token_.invalidate();
  gen_job_ = submit(
      [state, stream, dir, turns, prefix_ids, template_name, sampling](const ProgressFn& progress,
                                                                        const std::atomic<bool>& cancel) {
        if (dir.empty()) throw gb::Error("no model to chat with: open a model directory first");
        const gb::ChatModel& chat = state->ensure(dir);
        gb::ChatTemplate tmpl = chat.chat_template;  // the model's bos / eos texts
        tmpl.kind = gb::ChatTemplate::parse(template_name).value_or(gb::ChatTemplateKind::Alpaca);
        gb::ChatRequest request = chat.request(turns, tmpl, sampling);
        request.answer_prefix = prefix_ids;
        const gb::ChatResult result = gb::stream_chat(
            *chat.model, *chat.tokenizer, request,
            [&](const gb::GeneratedToken& t, const gb::ContextUsage& usage) {
              {
                QMutexLocker lock(&stream->mutex);
                stream->tokens.push_back(t);
                stream->usage = usage;
              }
              progress(0.0, QString());  // wakes the UI thread, which takes the tokens
            },
            &cancel);
        QMutexLocker lock(&stream->mutex);
        stream->result = result;
        stream->has_result = true;
        return QVariant();
      },
      [this](const QVariant*, const JobFailure* failure) { finishGeneration(failure); });
  touch();
  refreshView();
}

void ChatController::drain() {
  if (!stream_ || gen_message_ < 0) return;
  std::vector<gb::GeneratedToken> tokens;
  {
    QMutexLocker lock(&stream_->mutex);
    tokens.swap(stream_->tokens);
    usage_ = stream_->usage;
  }
  if (tokens.empty()) return;
  if (!first_token_.isValid()) first_token_.start();
  gb::ChatMessage& m = conv_.message(gen_message_);
  std::vector<trace::ChatToken> shown;
  for (gb::GeneratedToken& t : tokens) {
    m.content += t.text;
    shown.push_back({t.text, t.id, t.prob, {}});
    for (const gb::TokenChoice& c : t.top) shown.back().top.push_back({c.text, c.id, c.prob});
    m.tokens.push_back(std::move(t));
  }
  streamed_ += static_cast<int>(shown.size());
  // Tokens/s while streaming: tokens after the first over the time since it came.
  const double seconds = first_token_.nsecsElapsed() * 1e-9;
  if (view_) {
    view_->appendTokens(gen_message_, shown);
    view_->setStatus(static_cast<int>(usage_.used), static_cast<int>(usage_.length),
                     streamed_ > 1 && seconds > 0 ? (streamed_ - 1) / seconds : -1.0);
  }
  emit tokensArrived(gen_message_, static_cast<int>(shown.size()));
}

void ChatController::finishGeneration(const JobFailure* failure) {
  drain();
  const int id = gen_message_;
  gb::ChatMessage& m = conv_.message(id);
  bool has_result = false;
  gb::ChatResult result;
  {
    QMutexLocker lock(&stream_->mutex);
    has_result = stream_->has_result;
    if (has_result) result = stream_->result;
  }
  if (has_result) {
    m.content = tidyAnswer(result.text, conv_.template_name);
    m.stop_reason = gb::stop_reason_name(result.reason);
    m.tokens_per_sec = result.tokens_per_sec;
    m.context_used = result.context.used;
    m.context_length = result.context.length;
    usage_ = result.context;
  } else {
    // Failed before or while generating: keep what came, say why.
    m.content = tidyAnswer(m.content, conv_.template_name);
    m.stop_reason = failure && failure->cancelled ? "cancelled" : "error";
  }
  gen_job_ = 0;
  gen_message_ = -1;
  stream_.reset();
  touch();
  saveNow();
  refreshView();
  if (view_) {
    const int ctx = static_cast<int>(usage_.length);
    view_->setStatus(static_cast<int>(usage_.used), ctx > 0 ? ctx : -1, m.tokens_per_sec > 0 ? m.tokens_per_sec : -1.0);
    if (failure && !failure->cancelled) view_->setNotice(failure->message);
  }
  if (failure && !failure->cancelled) emit failed(failure->message);
  emit generationFinished(id, QString::fromStdString(m.stop_reason));
}

void ChatController::stop() {
  if (gen_job_) host_.cancel(gen_job_);
}

void ChatController::requestAttention(int message_id, int token_index) {
  if (generating() || !conv_.has(message_id) || models_.empty()) return;
  const gb::ChatMessage& m = conv_.message(message_id);
  if (m.role != gb::ChatRole::Assistant || token_index < 0 || token_index >= static_cast<int>(m.tokens.size())) return;
  // The model reads the prompt and the answer up to and including this token.
  const std::vector<gb::ChatTurn> turns = conv_.turns(m.parent);
  std::vector<int32_t> answer;
  for (int i = 0; i <= token_index; ++i) answer.push_back(m.tokens[static_cast<std::size_t>(i)].id);
  const std::string dir = modelDir(m.model);
  const std::string template_name = conv_.template_name;
  auto maps = std::make_shared<std::vector<trace::AttentionMap>>();
  auto state = worker_;
  submit([state, dir, turns, answer, template_name, maps](const ProgressFn&, const std::atomic<bool>&) {
    const gb::ChatModel& chat = state->ensure(dir);
    gb::ChatTemplate tmpl = chat.chat_template;
    tmpl.kind = gb::ChatTemplate::parse(template_name).value_or(gb::ChatTemplateKind::Alpaca);
    std::vector<int32_t> ids = gb::encode_chat_prompt(*chat.tokenizer, tmpl.render(turns, true), tmpl);
    ids.insert(ids.end(), answer.begin(), answer.end());
    // The chat's model may keep only 16-bit weights; the traced forward pass reads f32.
    const gb::F32WeightsForAWhile widened(*chat.model);
    *maps = gb::attention_maps(*chat.model, *chat.tokenizer, ids, 48);
    return QVariant();
  }, [this, message_id, token_index, maps](const QVariant* value, const JobFailure* failure) {
    if (!value) {
      if (failure && !failure->cancelled) emit failed(failure->message);
      return;
    }
    emit attentionReady(message_id, token_index, *maps);
    if (!view_ || maps->empty()) return;
    // A window beside the chat with the attention view, on the last layer's heads.
    auto* dialog = new QDialog(view_->window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Attention while reading \"%1\"").arg(QString::fromStdString(maps->front().tokens.back())));
    auto* layout = new QVBoxLayout(dialog);
    auto* caption = new QLabel(tr("Each row is a token reading the ones before it. The last row is this token; the row "
                                  "above it is what the model looked at when it chose this token. (The last %1 tokens.)")
                                   .arg(maps->front().tokens.size()),
                               dialog);
    caption->setWordWrap(true);
    layout->addWidget(caption);
    auto* attention = new views::AttentionView(dialog);
    attention->setMaps(*maps);
    attention->showHead(maps->back().layer, 0);
    layout->addWidget(attention, 1);
    dialog->resize(900, 760);
    dialog->show();
  });
}

void ChatController::exportMarkdown(const QString& path) {
  gb::Conversation::MarkdownLabels labels;
  labels.user = tr("You").toStdString();
  labels.assistant = tr("Assistant").toStdString();
  labels.system = tr("System prompt").toStdString();
  labels.model = tr("Model").toStdString();
  labels.template_name = tr("template").toStdString();
  labels.settings = tr("temperature %t · top-k %k · top-p %p · max tokens %n · seed %s").toStdString();
  const std::string text = conv_.to_markdown(labels);
  submit([path, text](const ProgressFn&, const std::atomic<bool>&) {
    gb::write_file_atomic(path.toStdString(), text);
    return QVariant(path);
  }, [this](const QVariant* value, const JobFailure* failure) {
    if (value) emit saved(value->toString());
    else if (failure && !failure->cancelled) emit failed(failure->message);
  });
}

}}  // namespace glassbox::app
