// glassbox-cli finetune, classify and eval against the DESIGN.md contract: JSON lines on
// stdout, a summary line, files a program can open, and one-line errors for bad input.
// A tiny model (trained here for two steps) keeps it fast; the numbers are not the point.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "cli/cli_run.h"

namespace {

void write(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class TestFinetuneCli : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString model_;

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    write(tmp_.filePath("tiny.json"),
          "{\"model_type\":\"gpt2\",\"vocab_size\":256,\"n_positions\":64,\"n_embd\":32,\"n_head\":2,\"n_layer\":2}");
    QByteArray text;
    for (int i = 0; i < 40; ++i) text += "The capital of Texas is Austin. Two plus two is four. ";
    write(tmp_.filePath("corpus.txt"), text);
    model_ = tmp_.filePath("base");
    const CliRun r = run_cli({"train", "--model", tmp_.filePath("tiny.json"), "--tokenizer", "bytes", "--data",
                              tmp_.filePath("corpus.txt"), "--out", model_, "--steps", "2", "--batch", "2",
                              "--context", "32"});
    QVERIFY2(r.code == 0, r.err.constData());
    QByteArray alpaca = "[";
    for (int i = 0; i < 20; ++i)
      alpaca += QByteArray(i ? "," : "") + "{\"instruction\":\"Add the numbers.\",\"input\":\"" + QByteArray::number(i) +
                " and 1\",\"output\":\"" + QByteArray::number(i + 1) + "\"}";
    write(tmp_.filePath("alpaca.json"), alpaca + "]");
    write(tmp_.filePath("bench.json"),
          "{\"name\":\"t\",\"questions\":[{\"question\":\"2+2?\",\"choices\":[\"4\",\"5\"],\"answer\":0},"
          "{\"question\":\"Capital of Texas?\",\"choices\":[\"Austin\",\"Boston\",\"Dover\"],\"answer\":0}]}");
  }

  void instructWithLoraWritesAPeftAdapter() {
    const QString out = tmp_.filePath("adapter");
    const CliRun r = run_cli({"finetune", "instruct", "--model", model_, "--data", tmp_.filePath("alpaca.json"), "--out",
                              out, "--lora", "--lora-rank", "2", "--max-steps", "3", "--batch", "4", "--show", "2",
                              "--mask-prompt"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QList<QJsonObject> lines = r.lines();
    QCOMPARE(lines.size(), 4);  // 3 steps + the summary
    QVERIFY(std::isfinite(lines[0].value("loss").toDouble()));
    const QJsonObject done = lines.last();
    QVERIFY(done.value("done").toBool());
    QVERIFY(done.value("trainable_parameters").toInteger() < done.value("total_parameters").toInteger() / 10);
    QCOMPARE(done.value("held_out").toArray().size(), 1);  // 5% of 20 is the test split
    QVERIFY(QFile::exists(out + "/adapter_config.json") && QFile::exists(out + "/adapter_model.safetensors"));
    // The adapter applies to its base in eval.
    const CliRun e = run_cli({"eval", "instruct", "--model", model_, "--adapter", out, "--data",
                              tmp_.filePath("alpaca.json"), "--split", "val", "--max-new-tokens", "4"});
    QVERIFY2(e.code == 0, e.err.constData());
    QCOMPARE(e.json().value("examples").toInt(), 2);  // 10% of 20
    const double f1 = e.json().value("f1").toDouble();
    QVERIFY(f1 >= 0.0 && f1 <= 1.0);
  }

  void multipleChoiceBenchmark() {
    const CliRun r = run_cli({"eval", "choice", "--model", model_, "--benchmark", tmp_.filePath("bench.json")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject j = r.json();
    QCOMPARE(j.value("questions").toInt(), 2);
    QVERIFY(std::abs(j.value("chance").toDouble() - (0.5 + 1.0 / 3.0) / 2) < 1e-9);
    QCOMPARE(j.value("items").toArray()[1].toObject().value("log_likelihood").toArray().size(), 3);
  }

  void classifyFinetuneAndClassify() {
    const QString out = tmp_.filePath("clf");
    const CliRun r = run_cli({"finetune", "classify", "--model", model_, "--out", out, "--train", "lora", "--max-steps",
                              "2", "--max-tokens", "16", "--batch", "4"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject done = r.lines().last();
    QVERIFY(done.value("done").toBool());
    QCOMPARE(done.value("test_examples").toInt(), 759);
    QCOMPARE(done.value("confusion").toObject().value("labels").toArray().size(), 2);
    const CliRun c = run_cli({"classify", "--model", out, "--text", "WIN a FREE prize now!!!"});
    QVERIFY2(c.code == 0, c.err.constData());
    const QJsonObject p = c.json().value("probabilities").toObject();
    QVERIFY(std::abs(p.value("ham").toDouble() + p.value("spam").toDouble() - 1.0) < 1e-5);
    QVERIFY(c.json().value("label").toString() == "ham" || c.json().value("label").toString() == "spam");
  }

  void badInputIsOneLine() {
    write(tmp_.filePath("bad.json"), "[{\"instruction\":\"x\"}]");
    CliRun r = run_cli({"finetune", "instruct", "--model", model_, "--data", tmp_.filePath("bad.json"), "--out",
                        tmp_.filePath("never")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.one_line_error());
    QVERIFY(r.err.contains("bad.json: entry 0: has no \"output\""));
    QVERIFY(!QDir(tmp_.filePath("never")).exists());
    r = run_cli({"classify", "--model", model_, "--text", "hi"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.one_line_error() && r.err.contains("not a classifier"));
    r = run_cli({"eval", "nonsense", "--model", model_});
    QCOMPARE(r.code, 2);
    r = run_cli({"finetune", "classify", "--model", model_, "--out", tmp_.filePath("x"), "--train", "everything"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.one_line_error());
  }
};

QTEST_GUILESS_MAIN(TestFinetuneCli)
#include "test_finetune_cli.moc"
