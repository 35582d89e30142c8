// The training studio driven through its controller, offscreen, as the app drives it: steps
// run as worker jobs while the event loop turns, the studio's chart receives the points,
// and a run that is killed mid-way and resumed ends on exactly the uninterrupted curve.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include "app/engine_worker.h"
#include "app/studio_controller.h"
#include "app/studio_page.h"
#include "views/studio_view.h"

using namespace glassbox;
using namespace glassbox::app;
using State = StudioController::State;

namespace {

gb::RunSettings tinySettings() {
  gb::RunSettings s = StudioController::defaultSettings();
  s.corpus_chars = 20000;
  s.bpe_vocab = 300;
  s.model = StudioController::presetConfig(QStringLiteral("gpt-tiny"));
  s.model.emb_dim = 32;
  s.model.context_length = 32;
  s.model.drop_rate = 0.1f;
  s.train.steps = 14;
  s.train.batch = 4;
  s.train.context = 32;
  s.train.warmup = 2;
  s.train.eval_every = 5;
  s.train.eval_batches = 2;
  s.sample_every = 7;
  s.sample_tokens = 6;
  s.snapshot_every = 5;
  s.checkpoint_every = 3;
  return s;
}

bool waitFor(StudioController& c, State state, int ms = 60000) {
  QElapsedTimer t;
  t.start();
  while (c.state() != state && t.elapsed() < ms) QTest::qWait(5);
  return c.state() == state;
}

std::vector<double> losses(const StudioController& c) {
  std::vector<double> out;
  for (const auto& s : c.steps()) out.push_back(s.train);
  return out;
}

}  // namespace

class TestStudio : public QObject {
  Q_OBJECT
 private slots:
  void trainsFromTheControllerAndThePlotGetsPoints() {
    QTemporaryDir dir;
    EngineWorkerHost host;
    StudioController studio(host);
    QCOMPARE(StudioController::instance(), &studio);
    studio.setRunDirectory(dir.path());
    QVERIFY(studio.setSettings(tinySettings()));
    StudioPage page(&studio, QJsonObject(), nullptr);
    QSignalSpy states(&studio, &StudioController::stateChanged);
    studio.start();
    QCOMPARE(studio.state(), State::Preparing);
    QVERIFY(!studio.setSettings(StudioController::defaultSettings()));  // locked while a run is active
    QVERIFY(waitFor(studio, State::Finished));
    QCOMPARE(studio.steps().size(), size_t(14));
    QCOMPARE(studio.vocabulary(), int64_t(300));
    // The chart got every step and the validation points (steps 1, 5, 10, 14).
    QCOMPARE(page.view()->trainPointCount(), 14);
    QCOMPARE(page.view()->valPointCount(), 4);
    QCOMPARE(page.view()->sampleCount(), 3);    // steps 0, 7, 14
    QCOMPARE(page.view()->snapshotCount(), 4);  // steps 0, 5, 10, 14
    QCOMPARE(studio.progress().step, int64_t(14));
    QVERIFY(page.view()->progressText().contains(QStringLiteral("14")));
    // The untrained model starts at about ln V.
    QVERIFY(std::abs(studio.steps().front().train - std::log(300.0)) < 0.3);
    QVERIFY(studio.canResume());  // the finished run's checkpoint is on disk
  }

  void aKilledRunResumesOnTheSameCurve() {
    QTemporaryDir straight_dir, killed_dir;
    // Long enough that the kill lands mid-run (a tiny step takes milliseconds).
    gb::RunSettings settings = tinySettings();
    settings.train.steps = 300;
    settings.train.eval_every = 50;
    settings.snapshot_every = 100;
    settings.checkpoint_every = 25;
    std::vector<double> straight;
    {
      EngineWorkerHost host;
      StudioController studio(host);
      studio.setRunDirectory(straight_dir.path());
      studio.setSettings(settings);
      studio.start();
      QVERIFY(waitFor(studio, State::Finished));
      straight = losses(studio);
    }
    {
      // Killed mid-run: the worker and the controller go away without Stop (no final
      // checkpoint), as when the app crashes; only the autosaves (every 25 steps) remain.
      auto host = std::make_unique<EngineWorkerHost>();
      auto studio = std::make_unique<StudioController>(*host);
      studio->setRunDirectory(killed_dir.path());
      studio->setSettings(settings);
      studio->start();
      QTRY_VERIFY_WITH_TIMEOUT(studio->steps().size() >= 30, 60000);
      QVERIFY(studio->state() == State::Training);
      host->stop();
      studio.reset();
      host.reset();
    }
    EngineWorkerHost host;
    StudioController studio(host);
    studio.setRunDirectory(killed_dir.path());
    QVERIFY(studio.canResume());
    StudioPage page(&studio, QJsonObject(), nullptr);
    int64_t resumed_at = -1;  // the step of the last autosave before the kill
    connect(&studio, &StudioController::progressChanged, this, [&resumed_at](const trace::TrainingProgress& p) {
      if (resumed_at < 0) resumed_at = p.step;
    });
    studio.resume();
    QVERIFY(waitFor(studio, State::Finished));
    QVERIFY2(resumed_at >= 25 && resumed_at < 300 && resumed_at % 25 == 0, qPrintable(QString::number(resumed_at)));
    const std::vector<double> resumed = losses(studio);
    QCOMPARE(resumed.size(), straight.size());
    for (size_t i = 0; i < resumed.size(); ++i) QCOMPARE(resumed[i], straight[i]);
    QCOMPARE(page.view()->trainPointCount(), 300);
  }

  void pauseStopAndResume() {
    QTemporaryDir dir;
    EngineWorkerHost host;
    StudioController studio(host);
    studio.setRunDirectory(dir.path());
    gb::RunSettings s = tinySettings();
    s.train.steps = 200;
    studio.setSettings(s);
    studio.start();
    QTRY_VERIFY_WITH_TIMEOUT(studio.steps().size() >= 3, 60000);
    studio.pause();
    QCOMPARE(studio.state(), State::Paused);
    QTRY_COMPARE_WITH_TIMEOUT(host.pendingJobs(), 0, 30000);  // the pause checkpoint is written
    const size_t paused_at = studio.steps().size();
    QTest::qWait(200);
    QCOMPARE(studio.steps().size(), paused_at);  // no steps while paused
    QVERIFY(studio.canResume());
    studio.resume();
    QCOMPARE(studio.state(), State::Training);
    QTRY_VERIFY_WITH_TIMEOUT(studio.steps().size() > paused_at, 60000);
    // Stop (as closing the app does): a checkpoint at the current step, then idle.
    QVERIFY(studio.stopAndWait());
    QCOMPARE(studio.state(), State::Idle);
    const int64_t stopped_at = static_cast<int64_t>(studio.steps().size());
    QVERIFY(studio.canResume());
    studio.resume();
    QTRY_VERIFY_WITH_TIMEOUT(studio.state() == State::Training, 60000);
    QCOMPARE(static_cast<int64_t>(studio.steps().size()) >= stopped_at, true);
    QCOMPARE(studio.steps()[static_cast<size_t>(stopped_at - 1)].step, stopped_at);
    QVERIFY(studio.stopAndWait());
  }

  void badCorpusFileFailsWithTheFileNamed() {
    QTemporaryDir dir;
    EngineWorkerHost host;
    StudioController studio(host);
    studio.setRunDirectory(dir.filePath(QStringLiteral("run")));
    gb::RunSettings s = tinySettings();
    s.text_file = dir.filePath(QStringLiteral("nothing-here.txt")).toStdString();
    studio.setSettings(s);
    QSignalSpy failed(&studio, &StudioController::failed);
    studio.start();
    QVERIFY(waitFor(studio, State::Failed));
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("nothing-here.txt: no such file")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("run"))));  // nothing half-written
  }

  void measuresTheCorpusAndEstimatesMemory() {
    EngineWorkerHost host;
    StudioController studio(host);
    studio.setSettings(tinySettings());
    QSignalSpy measured(&studio, &StudioController::corpusMeasured);
    studio.measureCorpus();
    QVERIFY(measured.wait(30000));
    QCOMPARE(measured.at(0).at(0).toLongLong(), 20000LL);
    QVERIFY(measured.at(0).at(1).toLongLong() > 3000);
    QCOMPARE(measured.at(0).at(2).toLongLong(), 300LL);
    const gb::TrainingFootprint f = studio.footprint();
    gb::ModelConfig c = tinySettings().model;
    c.vocab_size = 300;
    QCOMPARE(f.parameters, c.parameter_count());
    QVERIFY(f.total_bytes() > 16 * f.parameters);
  }

  void lessonParametersPresetTheForm() {
    QJsonObject p;
    p[QStringLiteral("preset")] = QStringLiteral("glassbox-base");
    p[QStringLiteral("corpus_chars")] = 15000;
    p[QStringLiteral("steps")] = 300;
    p[QStringLiteral("dropout")] = 0.0;
    const gb::RunSettings s = StudioPage::applyParams(StudioController::defaultSettings(), p);
    QCOMPARE(s.model.n_layers, int64_t(4));
    QCOMPARE(s.model.emb_dim, int64_t(256));
    QCOMPARE(s.model.context_length, int64_t(256));
    QCOMPARE(s.model.drop_rate, 0.0f);
    QCOMPARE(s.corpus_chars, int64_t(15000));
    QCOMPARE(s.train.steps, int64_t(300));
    QCOMPARE(s.train.context, int64_t(128));  // the default training context still fits
  }
};

QTEST_MAIN(TestStudio)
#include "test_studio.moc"
