// TrainingRun, the studio's engine: a run on a slice of Moby-Dick with a BPE trained right
// there, samples and attention snapshots on schedule, and a crash (the run object dropped
// without a final checkpoint) that resumes from the last autosave onto the same loss curve.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/io/model_dir.h"
#include "engine/train/training_run.h"

using namespace gb;
namespace fs = std::filesystem;

namespace {

RunSettings tiny_run() {
  RunSettings s;
  s.corpus = "moby-dick";
  s.corpus_chars = 20000;
  s.tokenizer = "bpe";
  s.bpe_vocab = 320;
  s.model = preset("gpt-tiny");
  s.model.emb_dim = 32;
  s.model.context_length = 32;
  s.model.drop_rate = 0.1f;  // dropout draws from the trainer's RNG: resume must restore it
  s.train.steps = 12;
  s.train.batch = 4;
  s.train.context = 32;
  s.train.lr = 3e-3f;
  s.train.warmup = 2;
  s.train.eval_every = 4;
  s.train.eval_batches = 2;
  s.train.seed = 7;
  s.sample_every = 6;
  s.sample_tokens = 8;
  s.snapshot_every = 4;
  s.checkpoint_every = 4;
  return s;
}

}  // namespace

class TestTrainingRun : public QObject {
  Q_OBJECT
 private slots:
  void startsFromABpeTrainedOnTheCorpus() {
    QTemporaryDir dir;
    auto run = TrainingRun::start(tiny_run(), dir.path().toStdString());
    QCOMPARE(run->tokenizer().vocab_size(), int64_t(320));
    QCOMPARE(run->model().config().vocab_size, int64_t(320));
    QCOMPARE(run->corpus_characters(), int64_t(20000));
    QVERIFY(run->corpus_tokens() > 3000 && run->corpus_tokens() < 20000);
    // Step 0: one sample (noise) and one snapshot are there before training.
    QCOMPARE(run->history().samples.size(), size_t(1));
    QCOMPARE(run->history().snapshots.size(), size_t(1));
    const auto& snap = run->history().snapshots[0];
    QCOMPARE(snap.maps.size(), size_t(2 * 2));  // layers × heads
    const size_t T = snap.maps[0].tokens.size();
    QVERIFY(T > 5);
    for (size_t r = 0; r < T; ++r) {
      double sum = 0;
      for (size_t c = 0; c < T; ++c) sum += snap.maps[1].matrix[r * T + c];
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
      if (r + 1 < T) QCOMPARE(snap.maps[1].matrix[r * T + r + 1], 0.0f);  // causal
    }
    QVERIFY(TrainingRun::resumable(dir.path().toStdString()));
    // The first loss is about ln V: an untrained model guesses uniformly.
    const auto first = run->step();
    QVERIFY2(std::abs(first.train - std::log(320.0)) < 0.3, qPrintable(QString::number(first.train)));
    QVERIFY(std::isfinite(first.val));  // validation at step 1
  }

  void crashAndResumeGivesTheSameCurve() {
    QTemporaryDir a, b;
    std::vector<double> straight;
    {
      auto run = TrainingRun::start(tiny_run(), a.path().toStdString());
      while (!run->finished()) {
        straight.push_back(run->step().train);
        if (run->checkpoint_due()) run->checkpoint();
      }
    }
    {
      auto run = TrainingRun::start(tiny_run(), b.path().toStdString());
      for (int i = 0; i < 6; ++i) {
        run->step();
        if (run->checkpoint_due()) run->checkpoint();  // autosave at step 4, as the studio does
      }
      // Dropped at step 6 without saving: a crash. Steps 5 and 6 are lost.
    }
    auto resumed = TrainingRun::resume(b.path().toStdString());
    QCOMPARE(resumed->steps_done(), int64_t(4));
    QCOMPARE(resumed->history().steps.size(), size_t(4));
    QCOMPARE(resumed->history().snapshots.size(), size_t(2));  // steps 0 and 4
    QCOMPARE(resumed->history().samples.size(), size_t(1));   // step 0; the one at 6 was lost
    while (!resumed->finished()) resumed->step();
    const auto& h = resumed->history().steps;
    QCOMPARE(h.size(), straight.size());
    for (size_t i = 0; i < h.size(); ++i) QCOMPARE(h[i].train, straight[i]);
    // Samples after resuming are those of the uninterrupted run (their own seed).
    auto again = TrainingRun::resume(a.path().toStdString());
    QCOMPARE(resumed->history().samples.back().text, again->history().samples.back().text);
  }

  void aCheckpointIsAModelDirectory() {
    QTemporaryDir dir;
    auto run = TrainingRun::start(tiny_run(), dir.path().toStdString());
    for (int i = 0; i < 4; ++i) run->step();
    run->checkpoint();
    const fs::path ckpt = fs::path(dir.path().toStdString()) / "checkpoint";
    const auto m = load_model(ckpt);
    QCOMPARE(m->parameter_count(), run->model().parameter_count());
    QCOMPARE(load_tokenizer(ckpt.string())->vocab_size(), int64_t(320));
    QVERIFY(!fs::exists(fs::path(dir.path().toStdString()) / "checkpoint.new"));
    QVERIFY(!fs::exists(fs::path(dir.path().toStdString()) / "checkpoint.old"));
    // A crash between the two renames of the swap leaves checkpoint.old: still resumable.
    fs::rename(ckpt, fs::path(dir.path().toStdString()) / "checkpoint.old");
    QCOMPARE(TrainingRun::resume(dir.path().toStdString())->steps_done(), int64_t(4));
  }

  void aChangedCorpusIsRefused() {
    QTemporaryDir dir;
    const std::string file = dir.filePath("text.txt").toStdString();
    {
      std::string text;
      for (int i = 0; i < 400; ++i) text += "the cat sat on the mat and looked at the sea. ";
      QFile f(QString::fromStdString(file));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(text.c_str());
    }
    RunSettings s = tiny_run();
    s.text_file = file;
    s.corpus_chars = 0;
    const std::string run_dir = dir.filePath("run").toStdString();
    TrainingRun::start(s, run_dir);
    {
      QFile f(QString::fromStdString(file));
      QVERIFY(f.open(QIODevice::Append));
      f.write("a new line");
    }
    try {
      TrainingRun::resume(run_dir);
      QFAIL("resume accepted a changed corpus");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("changed since this run started") != std::string::npos, e.what());
    }
  }

  void badSettingsAreNamed() {
    RunSettings s = tiny_run();
    s.model.n_heads = 3;  // 32 does not divide into 3 heads
    QVERIFY_THROWS_EXCEPTION(Error, s.validate());
    s = tiny_run();
    s.train.context = 64;  // longer than the model's 32
    QVERIFY_THROWS_EXCEPTION(UsageError, s.validate());
    s = tiny_run();
    const RunSettings back = RunSettings::from_json(s.to_json(), "run.json");
    QCOMPARE(back.to_json(), s.to_json());
  }
};

QTEST_APPLESS_MAIN(TestTrainingRun)
#include "test_training_run.moc"
