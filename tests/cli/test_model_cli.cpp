// glassbox-cli train, generate, logits, bench and devices against the DESIGN.md contract,
// and every bad input the engine-core issue lists: one line on stderr naming the file and
// the problem, exit 1 (or 2 for bad usage), no crash, no partial output left behind.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cmath>

#include "cli/cli_run.h"

namespace {

const QString kFixtures = GLASSBOX_FIXTURES;

void write(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

QByteArray read(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Some English to train on: varied enough that validation loss means something.
QByteArray corpus(int repeats) {
  const QByteArray text =
      "The quick brown fox jumps over the lazy dog. A journey of a thousand miles begins with one step. "
      "All that glitters is not gold, and not all those who wander are lost. The sea was calm and the "
      "sky was clear; the ship sailed on towards the distant island, where the birds sang all day.\n";
  QByteArray out;
  for (int i = 0; i < repeats; ++i) out += text;
  return out;
}

// A copy of the tiny PyTorch-made model directory that a test may break.
QString copy_fixture_model(const QTemporaryDir& tmp, const QString& name = "model") {
  const QString dir = tmp.filePath(name);
  QDir().mkpath(dir);
  for (const QString f : {"config.json", "model.safetensors"})
    QFile::copy(kFixtures + "/gpt2-tiny/" + f, dir + "/" + f);
  return dir;
}

}  // namespace

class TestModelCli : public QObject {
  Q_OBJECT
 private slots:
  void devicesListsTheCpu() {
    CliRun r = run_cli({"devices"});
    QCOMPARE(r.code, 0);
    const QJsonArray list = QJsonDocument::fromJson(r.out).array();
    QVERIFY(!list.isEmpty());
    QCOMPARE(list[0].toObject()["type"].toString(), QString("cpu"));
    QVERIFY(list[0].toObject().contains("name") && list[0].toObject().contains("backend"));
  }

  void trainPrintsFallingLossAndSavesAModel() {
    QTemporaryDir tmp;
    write(tmp.filePath("data.txt"), corpus(900));  // ~300 KB: "a few hundred KB of text"
    const QString out = tmp.filePath("run");
    CliRun r = run_cli({"train", "--model", "gpt-tiny", "--data", tmp.filePath("data.txt"), "--out", out,
                        "--tokenizer", "gpt2", "--steps", "30", "--batch", "4", "--context", "32", "--lr", "3e-3",
                        "--eval-every", "10", "--seed", "1"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QList<QJsonObject> steps = r.lines();
    QCOMPARE(steps.size(), 30);
    for (const char* key : {"step", "loss", "val_loss", "lr", "tokens_per_sec"}) QVERIFY(steps[0].contains(key));
    QVERIFY(std::abs(steps[0]["loss"].toDouble() - std::log(50257.0)) < 0.2);
    QVERIFY(steps.last()["loss"].toDouble() < steps.first()["loss"].toDouble() - 2.0);
    QVERIFY(steps[9]["val_loss"].isDouble() && steps[10]["val_loss"].isNull());
    QVERIFY(steps.last()["val_loss"].toDouble() < steps.first()["val_loss"].toDouble() - 1.0);
    for (const QString f : {"config.json", "model.safetensors", "tokenizer.json", "trainer_state.json",
                            "trainer_state.safetensors"})
      QVERIFY2(QFile::exists(out + "/" + f), qPrintable(f));
    QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).filter(".tmp").size(), 0);

    // The saved model generates text, and is deterministic for a seed.
    CliRun g = run_cli({"generate", "--model", out, "--prompt", "The quick", "--max-new-tokens", "8", "--seed", "3"});
    QVERIFY2(g.code == 0, g.err.constData());
    QCOMPARE(g.json()["ids"].toArray().size(), 8);
    QVERIFY(g.json().contains("text") && g.json().contains("tokens_per_sec"));
    CliRun g2 = run_cli({"generate", "--model", out, "--prompt", "The quick", "--max-new-tokens", "8", "--seed", "3"});
    QCOMPARE(g2.json()["ids"], g.json()["ids"]);
  }

  void resumeContinuesTheSameCurve() {
    QTemporaryDir tmp;
    write(tmp.filePath("data.txt"), corpus(200));
    const QStringList common = {"--model", "gpt-tiny", "--data", tmp.filePath("data.txt"), "--tokenizer", "gpt2",
                                "--batch", "2", "--context", "16", "--eval-every", "3", "--seed", "4"};
    CliRun full = run_cli(QStringList{"train", "--out", tmp.filePath("a"), "--steps", "6"} + common);
    QVERIFY2(full.code == 0, full.err.constData());
    CliRun first = run_cli(QStringList{"train", "--out", tmp.filePath("b"), "--steps", "6"} + common +
                           QStringList{"--stop-after", "3"});
    QVERIFY2(first.code == 0, first.err.constData());
    CliRun rest = run_cli(QStringList{"train", "--out", tmp.filePath("b"), "--steps", "6", "--resume"} + common);
    QVERIFY2(rest.code == 0, rest.err.constData());
    QList<QJsonObject> joined = first.lines() + rest.lines();
    QCOMPARE(joined.size(), 6);
    for (int i = 0; i < 6; ++i) QCOMPARE(joined[i]["loss"].toDouble(), full.lines()[i]["loss"].toDouble());
  }

  void generateWithSixteenBitWeights() {
    // glassbox-base is stored in f16, so reading its matrices as f16 is exact and greedy
    // decoding gives the f32 run's tokens; bf16 rounds them again (3 fewer mantissa bits).
    const QString base = QString(GLASSBOX_SOURCE_DIR) + "/resources/models/glassbox-base";
    const QStringList args = {"generate", "--model", base, "--prompt", "Call me Ishmael.", "--max-new-tokens", "24",
                              "--temperature", "0"};
    CliRun f32 = run_cli(args);
    QVERIFY2(f32.code == 0, f32.err.constData());
    QCOMPARE(f32.json()["weights"].toString(), QString("f32"));
    CliRun f16 = run_cli(args + QStringList{"--weights", "f16"});
    QVERIFY2(f16.code == 0, f16.err.constData());
    QCOMPARE(f16.json()["weights"].toString(), QString("f16"));
    QCOMPARE(f16.json()["ids"].toArray().size(), 24);
    QCOMPARE(f16.json()["ids"], f32.json()["ids"]);
    CliRun bf16 = run_cli(args + QStringList{"--weights", "bf16"});
    QVERIFY2(bf16.code == 0, bf16.err.constData());
    QCOMPARE(bf16.json()["ids"].toArray().first(), f32.json()["ids"].toArray().first());
    CliRun bad = run_cli(args + QStringList{"--weights", "int4"});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--weights must be f32, f16 or bf16, not 'int4'"), bad.err.constData());
  }

  void logitsOfTheReferenceModel() {
    // The PyTorch fixture: its first sequence's last-position logits, without a tokenizer.
    QTemporaryDir tmp;
    const QString dir = copy_fixture_model(tmp);
    CliRun r = run_cli({"logits", "--model", dir, "--ids", "1,2,3", "--all-positions"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray rows = r.json()["logits"].toArray();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].toArray().size(), 97);
    CliRun last = run_cli({"logits", "--model", dir, "--ids", "1,2,3"});
    QCOMPARE(last.json()["logits"].toArray().size(), 1);
    QCOMPARE(last.json()["logits"].toArray()[0], rows[2]);
  }

  void benchReportsTokensPerSecond() {
    CliRun t = run_cli({"bench", "train", "--model", "gpt-tiny", "--batch", "2", "--context", "16", "--steps", "1"});
    QVERIFY2(t.code == 0, t.err.constData());
    QVERIFY(t.json()["tokens_per_sec"].toDouble() > 0);
    CliRun g = run_cli({"bench", "generate", "--model", "gpt-tiny", "--max-new-tokens", "4"});
    QVERIFY2(g.code == 0, g.err.constData());
    QCOMPARE(g.json()["new_tokens"].toInt(), 4);
  }

  void badModelDirectories_data() {
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing config") << "rm-config" << "config.json: no such file";
    QTest::newRow("malformed config") << "bad-json" << "config.json: not valid JSON";
    QTest::newRow("unknown model_type") << "model-type" << "unknown model_type \"bert\"";
    QTest::newRow("truncated weights") << "truncate" << "model.safetensors:";
    QTest::newRow("header past end") << "header-len" << "runs past the end of the file";
    QTest::newRow("malformed header") << "header-json" << "model.safetensors:";
    QTest::newRow("missing tensor") << "rename-tensor" << "tensor 'ln_f.bias' is missing";
    QTest::newRow("wrong shape") << "wrong-shape" << "model.safetensors:";
    QTest::newRow("unsupported dtype") << "dtype" << "unsupported dtype";
    QTest::newRow("missing weights") << "rm-weights" << "model.safetensors";
  }
  void badModelDirectories() {
    QFETCH(QString, breakage);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    const QString dir = copy_fixture_model(tmp);
    const QString config = dir + "/config.json", weights = dir + "/model.safetensors";
    QByteArray st = read(weights);
    const quint64 header_len = qFromLittleEndian<quint64>(st.constData());
    QByteArray header = st.mid(8, int(header_len));
    auto rewrite_header = [&](const QByteArray& from, const QByteArray& to) {
      QVERIFY2(header.contains(from), from.constData());
      QVERIFY(from.size() == to.size());  // keep the data offsets valid
      header.replace(from, to);
      write(weights, st.left(8) + header + st.mid(8 + int(header_len)));
    };
    if (breakage == "rm-config") QFile::remove(config);
    if (breakage == "bad-json") write(config, "{\"model_type\": \"gpt2\", ");
    if (breakage == "model-type") write(config, read(config).replace("\"gpt2\"", "\"bert\""));
    if (breakage == "truncate") write(weights, st.left(st.size() / 2));
    if (breakage == "header-len") {
      QByteArray b = st;
      qToLittleEndian<quint64>(quint64(st.size()) * 4, b.data());
      write(weights, b);
    }
    if (breakage == "header-json") rewrite_header("\"dtype\"", "\"dtype ");
    if (breakage == "rename-tensor") rewrite_header("\"ln_f.bias\"", "\"ln_f.byas\"");
    if (breakage == "wrong-shape") rewrite_header("[32,128]", "[128,32]");
    if (breakage == "dtype") rewrite_header("\"F32\"", "\"I32\"");
    if (breakage == "rm-weights") QFile::remove(weights);
    CliRun r = run_cli({"logits", "--model", dir, "--ids", "1,2"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.one_line_error(), r.err.constData());
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
  }

  void badTrainingInputs_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty data") << QByteArray() << QStringList{} << 1 << "data.txt: the file is empty";
    QTest::newRow("not utf-8") << QByteArray("caf\xe9 au lait, ") + corpus(50) << QStringList{} << 1
                               << "data.txt: not UTF-8 text (invalid byte at offset 3)";
    QTest::newRow("too short") << QByteArray("Just a few words here.") << QStringList{} << 1
                               << "data.txt: too short to train on";
    QTest::newRow("negative steps") << corpus(50) << QStringList{"--steps", "-1"} << 2 << "--steps must be between";
    QTest::newRow("nan lr") << corpus(50) << QStringList{"--lr", "nan"} << 2 << "--lr must be a finite number";
    QTest::newRow("bad device") << corpus(50) << QStringList{"--device", "tpu"} << 2 << "--device must be";
    QTest::newRow("unknown preset") << corpus(50) << QStringList{"--model", "gpt5"} << 2 << "neither a preset";
    QTest::newRow("unknown option") << corpus(50) << QStringList{"--stepz", "3"} << 2 << "unknown option --stepz";
  }
  void badTrainingInputs() {
    QFETCH(QByteArray, data);
    QFETCH(QStringList, extra);
    QFETCH(int, code);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    write(tmp.filePath("data.txt"), data);
    const QString out = tmp.filePath("out");
    QStringList args = {"train", "--model", "gpt-tiny", "--data", tmp.filePath("data.txt"), "--out", out,
                        "--tokenizer", "gpt2", "--steps", "2", "--context", "32"};
    for (int i = 0; i + 1 < extra.size(); i += 2) {  // later flags replace earlier ones
      const int at = args.indexOf(extra[i]);
      if (at >= 0) args[at + 1] = extra[i + 1];
      else args << extra[i] << extra[i + 1];
    }
    CliRun r = run_cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.one_line_error(), r.err.constData());
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY2(!QFileInfo::exists(out), "a failed run must not leave an output directory");
  }

  void missingDataFile() {
    QTemporaryDir tmp;
    CliRun r = run_cli({"train", "--model", "gpt-tiny", "--data", tmp.filePath("nope.txt"), "--out",
                        tmp.filePath("out")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("nope.txt: no such file"));
  }
  void generateWithoutTokenizerExplainsWhy() {
    QTemporaryDir tmp;
    const QString dir = copy_fixture_model(tmp);
    CliRun r = run_cli({"generate", "--model", dir, "--prompt", "hi"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("has no tokenizer.json"), r.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestModelCli)
#include "test_model_cli.moc"
