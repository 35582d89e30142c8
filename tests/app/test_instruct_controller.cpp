// Instruction finetuning, evaluation and comparison driven through the app's controller,
// offscreen, with tiny real runs on the bundled glassbox-base: steps run as worker jobs while
// the event loop turns, the curve and the tables fill, Cancel stops, bad files say so.
#include <QFile>
#include <QPushButton>
#include <QTranslator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <memory>

#include "app/engine_worker.h"
#include "app/instruct_controller.h"
#include "app/instruct_page.h"
#include "app/model_paths.h"
#include "engine/finetune/evaluation.h"
#include "engine/finetune/lora.h"
#include "engine/io/model_dir.h"
#include "views/loss_chart_view.h"
#include "views/response_table_view.h"

using namespace glassbox;
using namespace glassbox::app;
using Task = InstructController::Task;

namespace {

// 60 examples of the bundled set, so the 85/10/5 split gives 51 / 6 / 3.
QString writeSmallData(const QTemporaryDir& dir) {
  const std::vector<gb::AlpacaExample> all =
      gb::load_alpaca_json(std::filesystem::path(GLASSBOX_SOURCE_DIR) / "resources/datasets/instructions/train.json");
  const std::vector<gb::AlpacaExample> some(all.begin(), all.begin() + 60);
  const QString path = dir.filePath(QStringLiteral("small.json"));
  std::ofstream(path.toStdString()) << gb::alpaca_to_json(some);
  return path;
}

InstructSettings tinySettings(const QString& data) {
  InstructSettings s = InstructController::defaultSettings();
  s.data = data;
  s.train.max_steps = 4;
  s.train.batch = 2;
  s.train.max_length = 96;  // with the prompt masked, 48 would cut some batches to no target at all (loss 0)
  s.train.eval_every = 2;
  s.train.eval_batches = 1;
  s.train.lora.rank = 2;
  s.train.lora.alpha = 4;
  s.eval_items = 3;
  s.max_new_tokens = 8;
  return s;
}

struct Loaded {
  std::unique_ptr<gb::LanguageModel> model;
  std::unique_ptr<gb::Tokenizer> tokenizer;
};
Loaded loadBundled(const QString& name) {
  const std::string dir = findBundledModel(name).toStdString();
  return {gb::load_model(dir), gb::load_tokenizer(dir + "/tokenizer.json")};
}

}  // namespace

class TestInstructController : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // "Chat with it" saves under the app's data folder
    QVERIFY2(!findBundledModel().isEmpty(), "resources/models/glassbox-base is needed");
  }

  void loraRunStreamsTheCurveThenEvaluatesAndCompares() {
    QTemporaryDir dir;
    const QString data = writeSmallData(dir);
    EngineWorkerHost host;
    InstructController c(host);
    QVERIFY(c.setSettings(tinySettings(data)));
    InstructPage page(&c, QJsonObject{{QStringLiteral("tab"), QStringLiteral("curves")}});
    QSignalSpy logs(&c, &InstructController::logsAdded);
    QSignalSpy failed(&c, &InstructController::failed);
    c.start();
    QCOMPARE(c.task(), Task::Training);
    QVERIFY(!c.setSettings(InstructController::defaultSettings()));  // locked while running
    QVERIFY(c.waitIdle());
    QVERIFY2(failed.isEmpty(), qPrintable(c.lastError()));
    QVERIFY(logs.count() >= 1);

    // The curve: steps 1..4 in order, finite losses, validation at steps 2 and 4.
    QCOMPARE(c.logs().size(), size_t(4));
    for (size_t i = 0; i < c.logs().size(); ++i) {
      QCOMPARE(c.logs()[i].step, int64_t(i + 1));
      QVERIFY(std::isfinite(c.logs()[i].loss) && c.logs()[i].loss > 0);
    }
    QVERIFY(c.logs()[1].val_loss && c.logs()[3].val_loss && !c.logs()[0].val_loss);
    QCOMPARE(page.chart()->points().size(), size_t(4));
    QVERIFY(std::isfinite(page.chart()->points()[3].val) && std::isnan(page.chart()->points()[2].val));

    // LoRA rank 2 on glassbox-base's 4 blocks: 2 · (256+768 + 256+256 + 256+1024 + 1024+256) · 4.
    QVERIFY(c.hasTrained() && c.trainedWithLora());
    QCOMPARE(c.trainableCount(), qint64(2 * 4096 * 4));
    const Loaded base = loadBundled(QStringLiteral("glassbox-base"));
    gb::LoraConfig lora;
    lora.rank = 2;
    QCOMPARE(c.trainableCount(), qint64(gb::LoraAdapter(*base.model, lora).trainable_count()));
    QCOMPARE(c.totalCount(), qint64(base.model->parameter_count()));
    QVERIFY(c.trainableCount() < c.totalCount());

    // The held-out table: one row per test item of the same split, expected = its output,
    // the mean the controller reports = the mean of the rows = the view's mean.
    const gb::InstructionSplits splits = gb::load_instruction_splits(data.toStdString(), 123);
    QCOMPARE(splits.test.size(), size_t(3));
    const trace::ResponseTable& eval = c.table(InstructController::EvalTable);
    QCOMPARE(eval.rows.size(), size_t(3));
    QCOMPARE(eval.models.size(), size_t(1));
    double sum = 0;
    for (size_t i = 0; i < 3; ++i) {
      QCOMPARE(eval.rows[i].expected, splits.test[i].output);
      QCOMPARE(eval.rows[i].instruction, splits.test[i].instruction);
      QCOMPARE(eval.rows[i].scores[0], gb::token_f1(eval.rows[i].responses[0], splits.test[i].output));
      sum += eval.rows[i].scores[0];
    }
    QVERIFY(std::abs(c.f1() - sum / 3) < 1e-12);
    QVERIFY(std::abs(page.tableView(InstructController::EvalTable)->meanScore(0) - sum / 3) < 1e-12);

    // The comparison: base, glassbox-chat (a LoRA run keeps the bundled one as "tuned"), LoRA.
    c.compare();
    QCOMPARE(c.task(), Task::Comparing);
    QVERIFY(c.waitIdle());
    QVERIFY2(failed.isEmpty(), qPrintable(c.lastError()));
    const trace::ResponseTable& cmp = c.table(InstructController::CompareTable);
    QCOMPARE(cmp.models.size(), size_t(3));
    QCOMPARE(cmp.models[0], std::string("glassbox-base"));
    QCOMPARE(cmp.models[1], std::string("glassbox-chat"));
    QCOMPARE(cmp.rows.size(), size_t(3));
    gb::SamplingOptions greedy;
    greedy.temperature = 0.0f;
    greedy.max_new_tokens = 8;
    QCOMPARE(cmp.rows[0].responses[0], gb::respond(*base.model, *base.tokenizer, splits.test[0], greedy));
    const Loaded chat = loadBundled(QStringLiteral("glassbox-chat"));
    QCOMPARE(cmp.rows[1].responses[1], gb::respond(*chat.model, *chat.tokenizer, splits.test[1], greedy));
    // The LoRA column answers with the adapter: the same as the evaluation did.
    for (size_t i = 0; i < 3; ++i) QCOMPARE(cmp.rows[i].responses[2], eval.rows[i].responses[0]);

    // Save writes the adapter in the PEFT layout, and nothing else.
    const QString out = dir.filePath(QStringLiteral("adapter"));
    QSignalSpy saved(&c, &InstructController::saved);
    c.save(out);
    QVERIFY(c.waitIdle());
    QCOMPARE(saved.count(), 1);
    QVERIFY(QFile::exists(out + QStringLiteral("/adapter_config.json")));
    QVERIFY(QFile::exists(out + QStringLiteral("/adapter_model.safetensors")));
    QVERIFY(!QFile::exists(out + QStringLiteral("/model.safetensors")));
    QCOMPARE(gb::LoraAdapter::read_config(out.toStdString()).rank, int64_t(2));

    // Chat with it: a whole model directory (the adapter merged) that answers as the table did.
    QString chat_dir;
    c.setChatOpener([&chat_dir](const QString& d) { chat_dir = d; });
    QVERIFY(c.canChat());
    c.chatWithIt();
    QVERIFY(c.waitIdle());
    QVERIFY(!chat_dir.isEmpty());
    const std::unique_ptr<gb::LanguageModel> merged = gb::load_model(chat_dir.toStdString());
    const std::unique_ptr<gb::Tokenizer> merged_tokenizer = gb::load_tokenizer((chat_dir + "/tokenizer.json").toStdString());
    QCOMPARE(gb::respond(*merged, *merged_tokenizer, splits.test[0], greedy), eval.rows[0].responses[0]);
  }

  void cancelStopsAfterTheCurrentStep() {
    QTemporaryDir dir;
    const QString data = writeSmallData(dir);
    EngineWorkerHost host;
    InstructController c(host);
    InstructSettings s = tinySettings(data);
    s.train.max_steps = 200;
    s.train.eval_every = 0;
    QVERIFY(c.setSettings(s));
    // Cancel as soon as the first steps arrive: no further step may run.
    size_t at_cancel = 0;
    connect(&c, &InstructController::logsAdded, &c, [&] {
      if (at_cancel == 0) {
        at_cancel = c.logs().size();
        c.cancel();
      }
    });
    QElapsedTimer t;
    t.start();
    c.start();
    QVERIFY(c.waitIdle(30000));
    QVERIFY(at_cancel > 0);
    QCOMPARE(c.logs().size(), at_cancel);
    QVERIFY(c.cancelled());
    QVERIFY(c.hasTrained());                                   // the model so far stays usable
    QVERIFY(c.table(InstructController::EvalTable).rows.empty());  // no evaluation after a cancel
    QVERIFY(t.elapsed() < 30000);
  }

  void cancelWhileAStepRunsFinishesSoon() {
    QTemporaryDir dir;
    const QString data = writeSmallData(dir);
    EngineWorkerHost host;
    InstructController c(host);
    InstructSettings s = tinySettings(data);
    s.train.max_steps = 200;
    s.train.eval_every = 0;
    s.train.use_lora = false;  // a full finetune: the heavier step
    QVERIFY(c.setSettings(s));
    c.start();
    QTimer::singleShot(400, &c, &InstructController::cancel);
    QVERIFY(c.waitIdle(30000));
    QVERIFY(c.cancelled());
    QVERIFY(c.logs().size() < 200);
    QCOMPARE(c.step(), qint64(c.logs().size()));
    QVERIFY(c.hasTrained() && !c.trainedWithLora());
    QCOMPARE(c.trainableCount(), c.totalCount());
  }

  void aMalformedAlpacaFileIsOneLineNamingIt() {
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("broken-alpaca.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"([{"instruction": "Say hi", "output": 7}])");
    f.close();
    EngineWorkerHost host;
    InstructController c(host);
    InstructSettings s = tinySettings(bad);
    QVERIFY(c.setSettings(s));
    QSignalSpy failed(&c, &InstructController::failed);
    c.start();
    QVERIFY(c.waitIdle(30000));
    QCOMPARE(failed.count(), 1);
    const QString error = failed.at(0).at(0).toString();
    QVERIFY2(error.contains(QStringLiteral("broken-alpaca.json")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QVERIFY(!c.hasTrained());
    QVERIFY(c.logs().empty());
  }

  void multipleChoiceMatchesTheEngine() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "tiny", "questions": [
      {"question": "What is the capital of Texas?", "choices": ["Austin", "Paris", "Rome"], "answer": 0},
      {"question": "What is 2 plus 2?", "choices": ["3", "4", "5", "22"], "answer": 1},
      {"question": "What is the plural of wolf?", "choices": ["wolfs", "wolves"], "answer": 1}]})");
    f.close();
    EngineWorkerHost host;
    InstructController c(host);
    InstructSettings s = InstructController::defaultSettings();
    s.benchmark = path;
    QVERIFY(c.setSettings(s));
    c.runChoice();
    QVERIFY(c.waitIdle(60000));
    const trace::ResponseTable& t = c.table(InstructController::ChoiceTable);
    QCOMPARE(t.rows.size(), size_t(3));
    // Not trained yet: the bundled glassbox-chat answers, as run_benchmark says it does.
    const Loaded chat = loadBundled(QStringLiteral("glassbox-chat"));
    const gb::Benchmark b = gb::load_benchmark(path.toStdString());
    const gb::BenchmarkResult r = gb::run_benchmark(*chat.model, *chat.tokenizer, b);
    for (size_t i = 0; i < 3; ++i) {
      QCOMPARE(t.rows[i].responses[0], b.questions[i].choices[static_cast<size_t>(r.items[i].predicted)]);
      QCOMPARE(t.rows[i].expected, b.questions[i].choices[static_cast<size_t>(b.questions[i].answer)]);
    }
    QVERIFY(std::abs(c.choiceAccuracy() - r.accuracy) < 1e-12);
  }

  void aJudgeScoresEachResponse() {
    QTemporaryDir dir;
    const QString data = writeSmallData(dir);
    EngineWorkerHost host;
    InstructController c(host);
    InstructSettings s = tinySettings(data);
    s.eval_items = 2;
    QVERIFY(c.setSettings(s));
    const QString judge = findBundledModel(QStringLiteral("glassbox-chat"));
    c.setJudgeSource([judge] { return judge; });
    c.runJudge();
    QCOMPARE(c.task(), Task::Judging);
    QVERIFY(c.waitIdle(60000));
    const trace::ResponseTable& t = c.table(InstructController::JudgeTable);
    QCOMPARE(t.rows.size(), size_t(2));
    // The subject is glassbox-chat (nothing trained); row 0 as the engine judges it.
    const Loaded chat = loadBundled(QStringLiteral("glassbox-chat"));
    const gb::InstructionSplits splits = gb::load_instruction_splits(data.toStdString(), 123);
    const gb::InstructionEval e = gb::evaluate_instructions(*chat.model, *chat.tokenizer, {splits.test[0]}, 8);
    QCOMPARE(t.rows[0].responses[0], e.items[0].response);
    const gb::JudgeResult j = gb::judge_responses(*chat.model, *chat.tokenizer, {splits.test[0]}, {e.items[0].response}, true);
    QCOMPARE(std::isnan(t.rows[0].scores[0]), !j.items[0].score.has_value());
    if (j.items[0].score) QCOMPARE(t.rows[0].scores[0], double(*j.items[0].score));
    double sum = 0;
    int n = 0;
    for (const auto& r : t.rows)
      if (std::isfinite(r.scores[0])) {
        QVERIFY(r.scores[0] >= 0 && r.scores[0] <= 100);
        sum += r.scores[0], ++n;
      }
    if (n > 0) QVERIFY(std::abs(c.judgeMean() - sum / n) < 1e-12);
    else QVERIFY(std::isnan(c.judgeMean()));
  }

  void thePageSpeaksKorean() {
    // The contexts in translations/glassbox_ko.ts are the classes' own (namespaced) names.
    QTranslator ko;
    QVERIFY(ko.load(QStringLiteral(":/i18n/glassbox_ko.qm")));
    QCoreApplication::installTranslator(&ko);
    InstructPage page(nullptr, QJsonObject());
    QStringList texts;
    for (const QPushButton* b : page.findChildren<QPushButton*>()) texts << b->text();
    QCoreApplication::removeTranslator(&ko);
    QVERIFY2(texts.contains(QStringLiteral("파인튜닝 시작")), qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(texts.contains(QStringLiteral("모델 비교")));
  }

  void judgeWithoutAJudgeSaysSo() {
    EngineWorkerHost host;
    InstructController c(host);
    c.setJudgeSource([] { return QString(); });
    QSignalSpy failed(&c, &InstructController::failed);
    c.runJudge();
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("No judge model is open")));
    QVERIFY(!c.busy());
  }
};

QTEST_MAIN(TestInstructController)
#include "test_instruct_controller.moc"
