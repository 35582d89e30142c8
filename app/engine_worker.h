#pragma once
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <QVariant>
#include <atomic>
#include <functional>
#include <map>
#include <memory>

namespace glassbox { namespace app {

// Plain values that travel from the worker thread to the UI thread in queued signals.
struct JobProgress {
  quint64 job = 0;
  double fraction = 0.0;  // 0..1
  QString message;
};
struct JobResult {
  quint64 job = 0;
  QVariant value;  // e.g. a trace struct registered with Q_DECLARE_METATYPE
};
struct JobFailure {
  quint64 job = 0;
  QString message;
  bool cancelled = false;
};

// A job runs on the worker thread. It reports progress through `progress` (any thread-safe
// call; delivered to the UI as a queued signal) and must return soon after `cancel` turns true.
// It returns its result, or throws std::exception to fail.
using ProgressFn = std::function<void(double fraction, const QString& message)>;
using Job = std::function<QVariant(const ProgressFn& progress, const std::atomic<bool>& cancel)>;

// Runs engine work (forward passes, training steps, file loads) on its own thread, one job at
// a time in the order submitted, so that the UI thread never computes. Lives on the worker
// thread; talk to it through EngineWorkerHost.
class EngineWorker : public QObject {
  Q_OBJECT
 public:
  void run(quint64 id, const glassbox::app::Job& job, std::shared_ptr<std::atomic<bool>> cancel);

 signals:
  void started(quint64 job);
  void progress(const glassbox::app::JobProgress& progress);
  void finished(const glassbox::app::JobResult& result);
  void failed(const glassbox::app::JobFailure& failure);
};

// Owns the worker thread. submit() and cancel() are called from the UI thread; the signals
// arrive on the UI thread (queued).
class EngineWorkerHost : public QObject {
  Q_OBJECT
 public:
  explicit EngineWorkerHost(QObject* parent = nullptr);
  ~EngineWorkerHost() override;

  quint64 submit(Job job);
  // Asks a queued or running job to stop; it then reports failed() with cancelled = true.
  void cancel(quint64 job);
  void cancelAll();
  int pendingJobs() const;
  // Cancels everything and waits for the running job to return; later submits are dropped.
  // Call it before destroying anything that queued jobs refer to.
  void stop();

 signals:
  void started(quint64 job);
  void progress(const glassbox::app::JobProgress& progress);
  void finished(const glassbox::app::JobResult& result);
  void failed(const glassbox::app::JobFailure& failure);

 private:
  QThread thread_;
  EngineWorker* worker_;
  quint64 next_id_ = 1;
  bool stopped_ = false;
  mutable QMutex mutex_;
  std::map<quint64, std::shared_ptr<std::atomic<bool>>> cancel_flags_;
};

}}  // namespace glassbox::app

Q_DECLARE_METATYPE(glassbox::app::JobProgress)
Q_DECLARE_METATYPE(glassbox::app::JobResult)
Q_DECLARE_METATYPE(glassbox::app::JobFailure)
