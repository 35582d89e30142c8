#include "app/engine_worker.h"

#include <QMetaObject>
#include <exception>

namespace glassbox { namespace app {

void EngineWorker::run(quint64 id, const Job& job, std::shared_ptr<std::atomic<bool>> cancel) {
  if (cancel->load()) {
    emit failed({id, tr("Cancelled"), true});
    return;
  }
  emit started(id);
  const ProgressFn report = [this, id](double fraction, const QString& message) {
    emit progress({id, fraction, message});
  };
  try {
    QVariant value = job(report, *cancel);
    if (cancel->load()) emit failed({id, tr("Cancelled"), true});
    else emit finished({id, std::move(value)});
  } catch (const std::exception& e) {
    emit failed({id, QString::fromUtf8(e.what()), false});
  } catch (...) {
    emit failed({id, tr("The job failed with an unknown error."), false});
  }
}

EngineWorkerHost::EngineWorkerHost(QObject* parent) : QObject(parent), worker_(new EngineWorker) {
  qRegisterMetaType<JobProgress>();
  qRegisterMetaType<JobResult>();
  qRegisterMetaType<JobFailure>();
  thread_.setObjectName(QStringLiteral("glassbox-engine"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  // Queued: the worker's signals are emitted on its thread and delivered on ours.
  connect(worker_, &EngineWorker::started, this, &EngineWorkerHost::started, Qt::QueuedConnection);
  connect(worker_, &EngineWorker::progress, this, &EngineWorkerHost::progress, Qt::QueuedConnection);
  auto forget = [this](quint64 id) {
    QMutexLocker lock(&mutex_);
    cancel_flags_.erase(id);
  };
  connect(worker_, &EngineWorker::finished, this, [this, forget](const JobResult& r) {
    forget(r.job);
    emit finished(r);
  }, Qt::QueuedConnection);
  connect(worker_, &EngineWorker::failed, this, [this, forget](const JobFailure& f) {
    forget(f.job);
    emit failed(f);
  }, Qt::QueuedConnection);
  thread_.start();
}

EngineWorkerHost::~EngineWorkerHost() { stop(); }

void EngineWorkerHost::stop() {
  {
    QMutexLocker lock(&mutex_);
    stopped_ = true;
  }
  cancelAll();
  thread_.quit();
  thread_.wait();
}

quint64 EngineWorkerHost::submit(Job job) {
  auto flag = std::make_shared<std::atomic<bool>>(false);
  quint64 id = 0;
  {
    QMutexLocker lock(&mutex_);
    id = next_id_++;
    if (stopped_) return id;  // shutting down: the job never runs
    cancel_flags_[id] = flag;
  }
  // The lambda runs on the worker thread (the worker's event loop queues jobs in order).
  QMetaObject::invokeMethod(worker_, [w = worker_, id, job = std::move(job), flag] { w->run(id, job, flag); },
                            Qt::QueuedConnection);
  return id;
}

void EngineWorkerHost::cancel(quint64 job) {
  QMutexLocker lock(&mutex_);
  if (auto it = cancel_flags_.find(job); it != cancel_flags_.end()) it->second->store(true);
}

void EngineWorkerHost::cancelAll() {
  QMutexLocker lock(&mutex_);
  for (auto& [id, flag] : cancel_flags_) flag->store(true);
}

int EngineWorkerHost::pendingJobs() const {
  QMutexLocker lock(&mutex_);
  return static_cast<int>(cancel_flags_.size());
}

}}  // namespace glassbox::app
