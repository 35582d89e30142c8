#pragma once
#include <QObject>
#include <functional>
#include <map>
#include <memory>

#include "app/data_source.h"
#include "app/engine_worker.h"

namespace glassbox { namespace app {

// A DataSource that runs another DataSource's work on the EngineWorker thread and calls back
// on the UI thread when the job finishes, so that no view data is ever computed on the UI thread.
// `compute` is only ever called from the worker thread (one job at a time): the
// EngineDataSource in the app, a SampleDataSource in tests that need hand-made data.
// A request that repeats an earlier one still waiting (the learner typing: attention or the
// next token for a newer text) cancels the earlier one, so the worker never falls behind.
class WorkerDataSource : public QObject, public DataSource {
  Q_OBJECT
 public:
  WorkerDataSource(EngineWorkerHost& host, DataSource& compute, QObject* parent = nullptr);
  bool isLive() const override { return compute_.isLive(); }
  QString modelName() const override { return compute_.modelName(); }
  bool isRandomModel() const override { return compute_.isRandomModel(); }
  int pendingRequests() const { return static_cast<int>(pending_.size()); }

  void tokenize(const QString& text, const QString& tokenizer,
                std::function<void(std::vector<trace::TokenSpan>)> done) override;
  void attention(const QString& text, int layer, std::function<void(std::vector<trace::AttentionMap>)> done) override;
  void compareTokenizers(const QString& text, const QStringList& tokenizers,
                         std::function<void(std::vector<trace::TokenizerRun>)> done) override;
  void nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) override;
  void embeddings(std::function<void(trace::EmbeddingPoints)> done) override;
  void inputEmbeddings(const QString& text,
                       std::function<void(trace::Matrix token, trace::Matrix position)> done) override;
  void bpeMerges(const QString& corpus, int merges, std::function<void(std::vector<trace::BpeMerge>)> done) override;
  void trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) override;
  void withModel(std::function<void(const ModelAccess&)> work, std::function<void()> done) override;

 private:
  // Runs `work` on the worker; its result is handed to `deliver` on the UI thread.
  // The result travels in a shared slot written by the job and read after the queued finished()
  // signal, which orders the two. A non-empty `supersede` key cancels the pending request
  // with the same key (its callback is never called).
  template <class T>
  void run(std::function<void(T*)> work, std::function<void(T&)> deliver, const QString& supersede = QString()) {
    if (!supersede.isEmpty()) {
      if (auto old = latest_.find(supersede); old != latest_.end()) {
        host_.cancel(old->second);
        pending_.erase(old->second);
      }
    }
    auto slot = std::make_shared<T>();
    const quint64 id = host_.submit([work = std::move(work), slot](const ProgressFn&, const std::atomic<bool>&) {
      work(slot.get());
      return QVariant();
    });
    pending_[id] = [slot, deliver = std::move(deliver)] { deliver(*slot); };
    if (!supersede.isEmpty()) latest_[supersede] = id;
  }

  EngineWorkerHost& host_;
  DataSource& compute_;
  std::map<quint64, std::function<void()>> pending_;
  std::map<QString, quint64> latest_;  // supersede key → its newest job
};

}}  // namespace glassbox::app
