// Spam-classifier finetuning driven through the app's controller, offscreen, as the page
// drives it: preparation, the accuracy before, training and the test evaluation run as short
// worker jobs while the event loop turns. A tiny real run (glassbox-base, a few dozen
// messages, 16 tokens, 6 steps) must give exactly what the engine's own loop gives; cancel
// must stop a job between steps; the message box must answer with the bundled classifier
// (pinned on texts from the test split) and then with the one just finetuned; a saved
// classifier must load with the same probabilities.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "app/classifier_controller.h"
#include "app/classifier_page.h"
#include "app/engine_worker.h"
#include "app/model_paths.h"
#include "engine/finetune/classifier.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/finetune/spam_data.h"
#include "engine/io/model_dir.h"
#include "views/classifier_view.h"

using namespace glassbox;
using namespace glassbox::app;
using State = ClassifierController::State;

namespace {

ClassifierSettings tinySettings() {
  ClassifierSettings s = ClassifierController::defaultSettings();
  s.part = gb::TrainPart::LastBlock;
  s.train_limit = 48;
  s.test_limit = 40;
  s.max_tokens = 16;
  s.batch = 4;
  s.epochs = 1;
  s.max_steps = 6;
  s.eval_every = 3;
  s.eval_batches = 1;
  s.lr = 1e-3;
  return s;
}

bool waitFor(ClassifierController& c, State state, int ms = 180000) {
  QElapsedTimer t;
  t.start();
  while (c.state() != state && t.elapsed() < ms) QTest::qWait(5);
  return c.state() == state;
}

// What the controller does, with the engine alone: the same splits, encoding, head and loop.
struct Reference {
  std::unique_ptr<gb::LanguageModel> model;
  std::unique_ptr<gb::Tokenizer> tokenizer;
  std::unique_ptr<gb::SequenceClassifier> classifier;
  std::vector<gb::EncodedText> train, val, test;
  double before = 0;
  gb::ConfusionMatrix after;
  std::vector<gb::ClassifierLog> logs;
};

Reference referenceRun(const ClassifierSettings& s) {
  Reference r;
  const std::string base = findBundledModel().toStdString();
  r.model = gb::load_model(base);
  r.tokenizer = gb::load_tokenizer(base + "/tokenizer.json");
  gb::ClassificationSplits splits =
      gb::balance_and_split(gb::load_spam_assassin(gb::default_spam_assassin_dir()), s.split_seed);
  splits.train.resize(static_cast<size_t>(s.train_limit));
  splits.test.resize(static_cast<size_t>(s.test_limit));
  const int32_t pad = gb::end_of_text_id(*r.tokenizer);
  r.train = gb::encode_texts(*r.tokenizer, splits.train, s.max_tokens, pad);
  r.val = gb::encode_texts(*r.tokenizer, splits.val, s.max_tokens, pad);
  r.test = gb::encode_texts(*r.tokenizer, splits.test, s.max_tokens, pad);
  r.classifier = std::make_unique<gb::SequenceClassifier>(*r.model, splits.labels, pad, s.seed);
  r.before = r.classifier->evaluate(r.test).accuracy();
  gb::ClassifierTrainOptions o;
  o.part = s.part;
  o.epochs = s.epochs;
  o.max_steps = s.max_steps;
  o.batch = s.batch;
  o.lr = static_cast<float>(s.lr);
  o.eval_every = s.eval_every;
  o.eval_batches = s.eval_batches;
  o.seed = s.seed;
  r.logs = gb::train_classifier(*r.classifier, r.train, r.val, o).logs;
  r.after = r.classifier->evaluate(r.test);
  return r;
}

int64_t sum(const trace::ConfusionCounts& c) {
  int64_t n = 0;
  for (const auto& row : c.counts)
    for (int64_t x : row) n += x;
  return n;
}

}  // namespace

class TestClassifierController : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    qRegisterMetaType<trace::ConfusionCounts>();
    qRegisterMetaType<trace::ClassPrediction>();
    QVERIFY2(!findBundledModel().isEmpty(), "glassbox-base is bundled (resources/models)");
    QVERIFY2(!ClassifierController::bundledClassifier().isEmpty(), "glassbox-classifier is bundled");
  }

  void finetunesAsTheEngineLoopDoes() {
    EngineWorkerHost host;
    ClassifierController c(host);
    QCOMPARE(ClassifierController::instance(), &c);
    const ClassifierSettings s = tinySettings();
    QVERIFY(c.setSettings(s));
    ClassifierPage page(&c, QJsonObject());
    std::vector<QString> order;  // which report came when
    connect(&c, &ClassifierController::accuracyBeforeMeasured, this, [&order] { order.push_back(QStringLiteral("before")); });
    connect(&c, &ClassifierController::pointsAdded, this, [&order] { order.push_back(QStringLiteral("points")); });
    connect(&c, &ClassifierController::confusionReady, this, [&order] { order.push_back(QStringLiteral("matrix")); });
    c.start();
    QCOMPARE(c.state(), State::Preparing);
    QVERIFY(!c.setSettings(ClassifierController::defaultSettings()));  // locked while a run is active
    QVERIFY(waitFor(c, State::Finished));
    QVERIFY(c.hasTrained());

    // The data as the lesson describes it: the split sizes, examples of both classes.
    QCOMPARE(c.trainCount(), qint64(48));
    QCOMPARE(c.valCount(), qint64(379));  // 10% of 2 × 1,896
    QCOMPARE(c.testCount(), qint64(40));
    int ham = 0, spam = 0;
    for (const ClassifierExample& e : c.examples()) (e.label == QLatin1String("ham") ? ham : spam)++;
    QCOMPARE(ham, 3);
    QCOMPARE(spam, 3);
    QVERIFY(page.examplesText().contains(QStringLiteral("<b>spam</b>")));

    // Accuracy before, then the curve, then the matrix.
    QVERIFY(order.size() >= 3);
    QCOMPARE(order.front(), QStringLiteral("before"));
    QCOMPARE(order.back(), QStringLiteral("matrix"));

    // Points in step order, finite losses, validation exactly at steps 3 and 6.
    QCOMPARE(c.points().size(), size_t(6));
    QCOMPARE(c.stepsDone(), qint64(6));
    QCOMPARE(c.totalSteps(), qint64(6));
    for (size_t i = 0; i < c.points().size(); ++i) {
      const trace::ClassifierPoint& p = c.points()[i];
      QCOMPARE(p.step, int64_t(i + 1));
      QVERIFY(std::isfinite(p.train_loss) && p.train_loss > 0);
      QCOMPARE(std::isfinite(p.val_loss), p.step % 3 == 0);
      QCOMPARE(std::isfinite(p.val_accuracy), p.step % 3 == 0);
    }
    QCOMPARE(page.view()->points().size(), size_t(6));

    // The confusion matrix counts every evaluated test message once.
    QCOMPARE(sum(c.confusion()), qint64(40));
    QCOMPARE(c.confusion().labels, (std::vector<std::string>{"ham", "spam"}));

    // The same run through the engine's own loop: identical numbers, so the chunked jobs
    // neither skip, repeat nor reorder a step or an evaluation batch.
    const Reference ref = referenceRun(s);
    QCOMPARE(c.accuracyBefore(), ref.before);
    QCOMPARE(ref.logs.size(), c.points().size());
    for (size_t i = 0; i < ref.logs.size(); ++i) {
      QCOMPARE(c.points()[i].train_loss, ref.logs[i].loss);
      if (ref.logs[i].val_loss) QCOMPARE(c.points()[i].val_loss, *ref.logs[i].val_loss);
    }
    QCOMPARE(c.confusion().counts, ref.after.counts);
    QVERIFY(page.view()->accuracyText().contains(QStringLiteral("40 messages")));

    // The message box now answers with the classifier just finetuned: the reference's numbers.
    QSignalSpy predictions(&c, &ClassifierController::prediction);
    const QString text = QStringLiteral("Subject: cheap meds online, no prescription needed");
    c.classify(text);
    QVERIFY(predictions.wait(30000));
    const auto p = predictions.takeFirst().at(0).value<trace::ClassPrediction>();
    std::vector<int32_t> ids = ref.tokenizer->encode(text.toStdString());
    ids.resize(std::min<size_t>(ids.size(), 16));
    const std::vector<float> expected = ref.classifier->probabilities(ids);
    QCOMPARE(p.probabilities.size(), size_t(2));
    QCOMPARE(p.probabilities[0], expected[0]);
    QCOMPARE(p.probabilities[1], expected[1]);

    // Save → load_classifier: the same probabilities (stored as f32).
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("my-classifier"));
    QSignalSpy saved(&c, &ClassifierController::saved);
    c.save(out);
    QVERIFY(saved.wait(30000));
    QCOMPARE(saved.at(0).at(0).toString(), out);
    QVERIFY(gb::is_classifier_dir(out.toStdString()));
    const gb::LoadedClassifier loaded = gb::load_classifier(out.toStdString());
    QCOMPARE(loaded.max_tokens, int64_t(16));
    const std::vector<float> reloaded = loaded.classifier->probabilities(ids);
    QVERIFY(std::abs(reloaded[0] - p.probabilities[0]) < 1e-6f);
    QVERIFY(std::abs(reloaded[1] - p.probabilities[1]) < 1e-6f);
  }

  void cancelStopsTheJobBetweenSteps() {
    EngineWorkerHost host;
    ClassifierController c(host);
    ClassifierSettings s = tinySettings();
    s.max_steps = 0;
    s.epochs = 100;  // 1,200 steps: minutes, unless cancel() stops the job
    s.eval_every = 0;
    QVERIFY(c.setSettings(s));
    // One training job would run the whole run if it did not look at cancel() between steps.
    c.setChunkSeconds(1e6);
    c.start();
    QVERIFY(waitFor(c, State::Training));
    QTest::qWait(300);  // inside the one long job
    QElapsedTimer t;
    t.start();
    c.cancel();
    QCOMPARE(c.state(), State::Cancelling);
    c.cancel();  // twice is harmless
    QVERIFY(waitFor(c, State::Cancelled, 20000));
    QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(c.stepsDone() >= 1);
    QVERIFY(c.stepsDone() < c.totalSteps());
    QCOMPARE(c.totalSteps(), qint64(1200));
    QVERIFY(!c.hasTrained());
    QVERIFY(!c.isActive());
    // Steps arrived in order up to where it stopped.
    for (size_t i = 0; i < c.points().size(); ++i) QCOMPARE(c.points()[i].step, int64_t(i + 1));

    // Cancelled while preparing: no training, no crash, and a new run can start after.
    c.setChunkSeconds(0.25);
    c.start();
    c.cancel();
    QVERIFY(waitFor(c, State::Cancelled, 30000));
    QCOMPARE(c.stepsDone(), qint64(0));
    QVERIFY(c.points().empty());
    QTRY_COMPARE_WITH_TIMEOUT(host.pendingJobs(), 0, 30000);
  }

  void theMessageBoxAnswersWithTheBundledClassifier() {
    EngineWorkerHost host;
    ClassifierController c(host);
    QSignalSpy predictions(&c, &ClassifierController::prediction);
    // Two messages of the test split (split seed 123) and the lesson's two examples, with what
    // glassbox-classifier answers (glassbox-cli classify): p(spam) 0.998 and 0.001 for the
    // e-mails, 0.997 and 0.004 for the lesson's lines.
    const gb::ClassificationSplits splits =
        gb::balance_and_split(gb::load_spam_assassin(gb::default_spam_assassin_dir()), 123);
    QCOMPARE(splits.test[20].label, 1);  // "Subject: STOP THE MLM INSANITY! …"
    QCOMPARE(splits.test[15].label, 0);  // "Subject: Geneticists and a tiny worm win Nobel prize …"
    const std::vector<std::pair<QString, bool>> cases = {
        {QString::fromStdString(splits.test[20].text), true},
        {QString::fromStdString(splits.test[15].text), false},
        {QStringLiteral("You have won a free cruise, click here"), true},
        {QStringLiteral("Meeting moved to 3pm, see agenda attached"), false}};
    for (const auto& [text, is_spam] : cases) {
      c.classify(text);
      QVERIFY(predictions.wait(30000));
      const auto p = predictions.takeFirst().at(0).value<trace::ClassPrediction>();
      QCOMPARE(p.labels, (std::vector<std::string>{"ham", "spam"}));
      QCOMPARE(QString::fromStdString(p.text), text);
      QVERIFY(std::abs(p.probabilities[0] + p.probabilities[1] - 1.0f) < 1e-5f);
      QVERIFY2(is_spam ? p.probabilities[1] > 0.9f : p.probabilities[1] < 0.1f,
               qPrintable(QStringLiteral("%1: %2").arg(text.left(40)).arg(p.probabilities[1])));
    }
    QCOMPARE(c.predictorName(), ClassifierController::tr("the bundled glassbox-classifier"));

    // Typing fast: while one text is computed, only the latest of those typed after it follows.
    c.classify(QStringLiteral("W"));
    c.classify(QStringLiteral("Wi"));
    c.classify(QStringLiteral("Win"));
    c.classify(QStringLiteral("Win a"));
    QTRY_COMPARE_WITH_TIMEOUT(predictions.count(), 2, 30000);
    QTest::qWait(200);
    QCOMPARE(predictions.count(), 2);
    QCOMPARE(QString::fromStdString(predictions.at(0).at(0).value<trace::ClassPrediction>().text), QStringLiteral("W"));
    QCOMPARE(QString::fromStdString(predictions.at(1).at(0).value<trace::ClassPrediction>().text), QStringLiteral("Win a"));
  }

  void lessonParametersPresetTheForm() {
    ClassifierSettings s = ClassifierController::defaultSettings();
    QCOMPARE(s.part, gb::TrainPart::All);
    s = ClassifierPage::applyParams(s, QJsonObject{{"train", "head"}, {"max_steps", 120}, {"max_tokens", 32}});
    QCOMPARE(s.part, gb::TrainPart::Head);
    QCOMPARE(s.lr, ClassifierController::defaultLearningRate(gb::TrainPart::Head));
    QCOMPARE(s.max_steps, 120);
    QCOMPARE(s.max_tokens, 32);
    s = ClassifierPage::applyParams(s, QJsonObject{{"train", "no-such-part"}});
    QCOMPARE(s.part, gb::TrainPart::Head);  // unknown names change nothing

    // The page shows the bundled classifier's training log before the first run.
    EngineWorkerHost host;
    ClassifierController c(host);
    ClassifierPage page(&c, QJsonObject{{"text", "Meeting moved to 3pm"}});
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPreview(), 30000);
    QVERIFY(c.previewPoints().size() > 900);  // 664 + 332 steps of its two stages
    QCOMPARE(sum(c.previewConfusion()), qint64(759));
    QVERIFY(std::abs(c.previewAccuracyBefore() - 0.540) < 0.01);
    QCOMPARE(page.view()->points().size(), c.previewPoints().size());
    QTRY_VERIFY_WITH_TIMEOUT(!page.view()->predictionText().isEmpty(), 30000);  // the lesson's text, classified
  }
};

QTEST_MAIN(TestClassifierController)
#include "test_classifier_controller.moc"
