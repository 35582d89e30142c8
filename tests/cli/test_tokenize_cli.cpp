// glassbox-cli tokenize and bench tokenize, as outside tools call them (DESIGN.md contract).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include "cli/cli_run.h"

namespace {

QList<int> ids_of(const QJsonValue& v) {
  QList<int> out;
  for (const auto& x : v.toArray()) out << x.toInt();
  return out;
}

}  // namespace

class TestTokenizeCli : public QObject {
  Q_OBJECT
 private slots:
  void textToIdsAndTokens() {
    // "Hello world" is [15496, 995] in GPT-2 and [9906, 1917] in cl100k_base.
    CliRun r = run_cli({"tokenize", "--tokenizer", "gpt2"}, "Hello world");
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(ids_of(o["ids"]), (QList<int>{15496, 995}));
    QCOMPARE(o["tokens"].toArray().at(1).toString(), QString(" world"));
    r = run_cli({"tokenize", "--tokenizer", "cl100k_base"}, "Hello world");
    QCOMPARE(ids_of(QJsonDocument::fromJson(r.out).object()["ids"]), (QList<int>{9906, 1917}));
  }
  void specialTokensOnlyWhenAllowed() {
    CliRun r = run_cli({"tokenize", "--tokenizer", "gpt2"}, "<|endoftext|>");
    QVERIFY(!ids_of(QJsonDocument::fromJson(r.out).object()["ids"]).contains(50256));
    r = run_cli({"tokenize", "--tokenizer", "gpt2", "--allow-special"}, "<|endoftext|>");
    QCOMPARE(ids_of(QJsonDocument::fromJson(r.out).object()["ids"]), (QList<int>{50256}));
  }
  void jsonlLineByLine() {
    CliRun r = run_cli({"tokenize", "--tokenizer", "gpt2", "--jsonl"}, "\"Hello world\"\n\"\\u00e9\"\n");
    QCOMPARE(r.code, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(ids_of(QJsonDocument::fromJson("{\"a\":" + lines[0] + "}").object()["a"]), (QList<int>{15496, 995}));
    QCOMPARE(ids_of(QJsonDocument::fromJson("{\"a\":" + lines[1] + "}").object()["a"]), (QList<int>{2634}));  // "é"
  }
  void offsetsAndPartialCharacters() {
    CliRun r = run_cli({"tokenize", "--tokenizer", "gpt2", "--offsets"}, "a 🎉");
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o["offsets"].toArray().at(0).toArray().at(1).toInt(), 1);
    QVERIFY(!o["partial"].toArray().isEmpty());  // the emoji is split into byte tokens
  }
  void errorsAndExitCodes() {
    CliRun r = run_cli({"tokenize"});
    QCOMPARE(r.code, 2);
    r = run_cli({"tokenize", "--tokenizer", "gpt2", "--bogus"});
    QCOMPARE(r.code, 2);
    r = run_cli({"tokenize", "--tokenizer", "/nonexistent/tokenizer.json"}, "x");
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    QVERIFY(r.err.contains("/nonexistent/tokenizer.json"));
    r = run_cli({"tokenize", "--tokenizer", "gpt2", "--jsonl"}, "not json\n");
    QCOMPARE(r.code, 2);
  }
  void benchPrintsMegabytesPerSecond() {
    QTemporaryFile f;
    QVERIFY(f.open());
    f.write(QByteArray("The quick brown fox jumps over the lazy dog.\n").repeated(2000));
    f.flush();
    CliRun r = run_cli({"bench", "tokenize", "--tokenizer", "bytes", "--file", f.fileName(), "--min-seconds", "0"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o["bytes"].toInt(), 90000);
    QCOMPARE(o["tokens"].toInt(), 90000);  // one token per byte
    QVERIFY(o["mb_per_s"].toDouble() > 0);
    r = run_cli({"bench", "tokenize", "--train", "270", "--file", f.fileName()});
    QCOMPARE(r.code, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object()["vocab_size"].toInt(), 270);
  }
};

QTEST_APPLESS_MAIN(TestTokenizeCli)
#include "test_tokenize_cli.moc"
