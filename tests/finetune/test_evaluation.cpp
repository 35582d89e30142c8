// Evaluation: exact match and token F1 as SQuAD defines them, the confusion matrix, the
// benchmark file's checks, log-likelihood scoring against the model's own loss, and
// parsing a judge's score.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/finetune/evaluation.h"

using namespace gb;

class TestEvaluation : public QObject {
  Q_OBJECT
 private slots:
  void exactMatchAndF1() {
    QVERIFY(exact_match("The Austin.", "austin"));
    QVERIFY(!exact_match("Austin, Texas", "Austin"));
    QCOMPARE(token_f1("Austin", "Austin"), 1.0);
    QCOMPARE(token_f1("Dallas", "Austin"), 0.0);
    // "capital is austin" vs "austin": precision 1/3, recall 1 → F1 = 0.5.
    QVERIFY(std::abs(token_f1("The capital is Austin.", "Austin") - 0.5) < 1e-12);
    // Repeated words count once per occurrence on each side.
    QVERIFY(std::abs(token_f1("a b b", "b c") - 0.5) < 1e-12);  // "a" dropped: [b b] vs [b c]
    QCOMPARE(token_f1("", ""), 1.0);
    QCOMPARE(token_f1("the", "Austin"), 0.0);
  }

  void confusionMatrix() {
    ConfusionMatrix cm({"ham", "spam"});
    for (auto [t, p] : std::vector<std::pair<int, int>>{{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 0}})
      cm.add(t, p);
    QCOMPARE(cm.total(), int64_t{7});
    QVERIFY(std::abs(cm.accuracy() - 5.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(cm.precision(1) - 3.0 / 4.0) < 1e-12);
    QVERIFY(std::abs(cm.recall(1) - 3.0 / 4.0) < 1e-12);
    QVERIFY(std::abs(cm.recall(0) - 2.0 / 3.0) < 1e-12);
    QVERIFY_THROWS_EXCEPTION(Error, cm.add(2, 0));
  }

  void judgeScores() {
    QCOMPARE(parse_judge_score(" 85"), std::optional<int>(85));
    QCOMPARE(parse_judge_score("Score: 100\n"), std::optional<int>(100));
    QCOMPARE(parse_judge_score("I give it 7/10, so 70"), std::optional<int>(70));
    QCOMPARE(parse_judge_score("85.5 or 90"), std::optional<int>(90));
    QCOMPARE(parse_judge_score("1234 then 0"), std::optional<int>(0));
    QCOMPARE(parse_judge_score("great answer"), std::optional<int>());
    const std::string p = judge_prompt({"Add.", "2 and 3", "5"}, "6");
    QVERIFY(p.find("Reference answer: 5\n") != std::string::npos && p.find("Answer to grade: 6\n") != std::string::npos);
    QVERIFY(p.find("Task input: 2 and 3\n") != std::string::npos);
    QVERIFY(judge_prompt({"Add.", "", "5"}, "6").find("Task input") == std::string::npos);
  }

  void benchmarkFileChecks() {
    const Benchmark b = parse_benchmark(
        R"({"name":"t","questions":[{"question":"2+2?","choices":["4","5"],"answer":0}]})", "b.json");
    QCOMPARE(b.questions.size(), size_t{1});
    QCOMPARE(benchmark_prompt(b.questions[0]), std::string("Question: 2+2?\nAnswer:"));
    auto error_of = [](const char* text) {
      try {
        parse_benchmark(text, "b.json");
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    QCOMPARE(error_of(R"({"questions":[{"question":"q","choices":["a","b"],"answer":2}]})"),
             std::string("b.json: question 0: answer 2 is not the index of a choice"));
    QCOMPARE(error_of(R"({"questions":[{"question":"q","choices":["a"],"answer":0}]})"),
             std::string("b.json: question 0: needs a \"choices\" array of two or more strings"));
    QCOMPARE(error_of(R"([1])"), std::string("b.json: expected an object with a \"questions\" array"));
    // The bundled sample benchmark is well formed.
    const Benchmark sample =
        load_benchmark(std::string(GLASSBOX_SOURCE_DIR) + "/resources/datasets/benchmarks/glassbox-sample.json");
    QVERIFY(sample.questions.size() >= 50);
  }

  void logLikelihoodAgreesWithTheLoss() {
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 50;
    c.context_length = 16;
    auto model = create_model(c, 7);
    const std::vector<int32_t> context = {3, 14, 15, 9}, cont = {26, 5, 35};
    int64_t n = 0;
    const double ll = continuation_log_likelihood(*model, context, cont, &n);
    QCOMPARE(n, int64_t{3});
    // The same number from the model's mean cross-entropy over just the continuation's targets.
    std::vector<int32_t> ids = context;
    ids.insert(ids.end(), cont.begin(), cont.end());
    std::vector<int32_t> targets(ids.size(), -100);
    for (size_t t = context.size() - 1; t + 1 < ids.size(); ++t) targets[t] = ids[t + 1];
    const double loss = model->loss(Context{}, ids, targets, 1, static_cast<int64_t>(ids.size())).value().item();
    QVERIFY2(std::abs(ll + 3 * loss) < 1e-4, (std::to_string(ll) + " vs " + std::to_string(-3 * loss)).c_str());
  }
};

QTEST_APPLESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"
