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
// `compute` is only ever called from the worker thread (one job at a time).
// Today `compute` is the SampleDataSource; the engine-backed source will plug in the same way.
class WorkerDataSource : public QObject, public DataSource {
  Q_OBJECT
 public:
  WorkerDataSource(EngineWorkerHost& host, DataSource& compute, QObject* parent = nullptr);
  bool isLive() const override { return compute_.isLive(); }
  QString modelName() const override { return compute_.modelName(); }
  int pendingRequests() const { return static_cast<int>(pending_.size()); }

  void tokenize(const QString& text, const QString& tokenizer,
                std::function<void(std::vector<trace::TokenSpan>)> done) override;
  void attention(const QString& text, std::function<void(std::vector<trace::AttentionMap>)> done) override;
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
  // signal, which orders the two.
  template <class T>
  void run(std::function<void(T*)> work, std::function<void(T&)> deliver) {
    auto slot = std::make_shared<T>();
    const quint64 id = host_.submit([work = std::move(work), slot](const ProgressFn&, const std::atomic<bool>&) {
      work(slot.get());
      return QVariant();
    });
    pending_[id] = [slot, deliver = std::move(deliver)] { deliver(*slot); };
  }

  EngineWorkerHost& host_;
  DataSource& compute_;
  std::map<quint64, std::function<void()>> pending_;
};

}}  // namespace glassbox::app
