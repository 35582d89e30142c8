// The engine worker runs jobs on its own thread: the UI event loop keeps turning during a
// long job, progress arrives as queued signals, cancel stops a job, errors come back as failures.
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>
#include <QtTest>
#include <stdexcept>

#include "app/engine_worker.h"
#include "app/worker_data_source.h"

using namespace glassbox::app;
using namespace glassbox;

namespace {

// Records the thread each request runs on.
class RecordingSource : public SampleDataSource {
 public:
  QThread* tokenize_thread = nullptr;
  void tokenize(const QString& text, const QString& tokenizer,
                std::function<void(std::vector<trace::TokenSpan>)> done) override {
    tokenize_thread = QThread::currentThread();
    SampleDataSource::tokenize(text, tokenizer, std::move(done));
  }
};

}  // namespace

class TestEngineWorker : public QObject {
  Q_OBJECT
 private slots:
  void longJobDoesNotFreezeTheEventLoopAndCancels() {
    EngineWorkerHost host;
    QSignalSpy progress(&host, &EngineWorkerHost::progress);
    QSignalSpy failed(&host, &EngineWorkerHost::failed);
    QSignalSpy finished(&host, &EngineWorkerHost::finished);
    std::atomic<int> iterations{0};
    QThread* job_thread = nullptr;
    // A job that would take 20 s if nobody stopped it.
    const quint64 id = host.submit([&](const ProgressFn& report, const std::atomic<bool>& cancel) {
      job_thread = QThread::currentThread();
      for (int i = 0; i < 2000 && !cancel.load(); ++i) {
        QThread::msleep(10);
        iterations = i + 1;
        report(i / 2000.0, QStringLiteral("step %1").arg(i));
      }
      return QVariant(iterations.load());
    });
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(10);
    QTest::qWait(400);  // the UI thread keeps serving events while the job runs
    QVERIFY2(ticks >= 10, qPrintable(QStringLiteral("timer fired %1 times").arg(ticks)));
    QVERIFY(progress.count() > 0);
    QVERIFY(job_thread != nullptr && job_thread != QThread::currentThread());
    QCOMPARE(progress.last().at(0).value<JobProgress>().job, id);

    host.cancel(id);
    QVERIFY(failed.wait(2000));
    const JobFailure failure = failed.at(0).at(0).value<JobFailure>();
    QCOMPARE(failure.job, id);
    QVERIFY(failure.cancelled);
    QCOMPARE(finished.count(), 0);
    QVERIFY(iterations.load() < 2000);
    QCOMPARE(host.pendingJobs(), 0);
  }

  void resultsAndErrorsComeBackInOrder() {
    EngineWorkerHost host;
    QSignalSpy finished(&host, &EngineWorkerHost::finished);
    QSignalSpy failed(&host, &EngineWorkerHost::failed);
    const quint64 a = host.submit([](const ProgressFn&, const std::atomic<bool>&) { return QVariant(41 + 1); });
    const quint64 b = host.submit([](const ProgressFn&, const std::atomic<bool>&) -> QVariant {
      throw std::runtime_error("config.json is not valid JSON");
    });
    const quint64 c = host.submit([](const ProgressFn&, const std::atomic<bool>&) { return QVariant(QStringLiteral("done")); });
    QTRY_COMPARE(finished.count() + failed.count(), 3);
    QCOMPARE(finished.at(0).at(0).value<JobResult>().job, a);
    QCOMPARE(finished.at(0).at(0).value<JobResult>().value.toInt(), 42);
    QCOMPARE(finished.at(1).at(0).value<JobResult>().job, c);
    const JobFailure f = failed.at(0).at(0).value<JobFailure>();
    QCOMPARE(f.job, b);
    QVERIFY(!f.cancelled);
    QCOMPARE(f.message, QStringLiteral("config.json is not valid JSON"));
  }

  void viewDataIsComputedOnTheWorkerAndDeliveredOnTheUiThread() {
    EngineWorkerHost host;
    RecordingSource compute;
    WorkerDataSource data(host, compute);
    QThread* delivered_on = nullptr;
    std::vector<trace::TokenSpan> tokens;
    data.tokenize(QStringLiteral("Your journey starts"), QStringLiteral("words"), [&](std::vector<trace::TokenSpan> t) {
      delivered_on = QThread::currentThread();
      tokens = std::move(t);
    });
    QCOMPARE(data.pendingRequests(), 1);
    QTRY_COMPARE(data.pendingRequests(), 0);
    QVERIFY(compute.tokenize_thread != nullptr && compute.tokenize_thread != QThread::currentThread());
    QCOMPARE(delivered_on, QThread::currentThread());
    QCOMPARE(tokens.size(), 3u);
    QCOMPARE(tokens[1].text, std::string("journey"));
  }

  void stopWaitsForTheRunningJobAndDropsTheRest() {
    EngineWorkerHost host;
    std::atomic<bool> running{false};
    std::atomic<bool> returned{false};
    std::atomic<bool> queued_ran{false};
    host.submit([&](const ProgressFn&, const std::atomic<bool>& cancel) {
      running = true;
      while (!cancel.load()) QThread::msleep(1);
      QThread::msleep(20);  // still busy after the cancel request
      returned = true;
      return QVariant();
    });
    host.submit([&](const ProgressFn&, const std::atomic<bool>&) {
      queued_ran = true;
      return QVariant();
    });
    QTRY_VERIFY(running.load());
    host.stop();
    QVERIFY(returned.load());  // stop() returned only after the job did
    QVERIFY(!queued_ran.load());
    host.submit([&](const ProgressFn&, const std::atomic<bool>&) {
      queued_ran = true;
      return QVariant();
    });
    QTest::qWait(20);
    QVERIFY(!queued_ran.load());
  }

  void queuedJobCancelledBeforeItStartsNeverRuns() {
    EngineWorkerHost host;
    QSignalSpy failed(&host, &EngineWorkerHost::failed);
    std::atomic<bool> release{false};
    std::atomic<bool> second_ran{false};
    host.submit([&](const ProgressFn&, const std::atomic<bool>&) {
      while (!release.load()) QThread::msleep(1);
      return QVariant();
    });
    const quint64 second = host.submit([&](const ProgressFn&, const std::atomic<bool>&) {
      second_ran = true;
      return QVariant();
    });
    host.cancel(second);
    release = true;
    QVERIFY(failed.wait(2000));
    QCOMPARE(failed.at(0).at(0).value<JobFailure>().job, second);
    QVERIFY(!second_ran.load());
  }
};

QTEST_MAIN(TestEngineWorker)
#include "test_engine_worker.moc"
