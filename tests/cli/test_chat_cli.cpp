// glassbox-cli chat: one JSON line per token as it is generated, then a summary, per the
// DESIGN.md contract; the template a model directory declares; bad input in one line.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include "cli_run.h"

namespace {

void write(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class TestChatCli : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    // A tiny model with the GPT-2 tokenizer: two training steps are enough to save one.
    QVERIFY(tmp_.isValid());
    QByteArray text;
    for (int i = 0; i < 40; ++i) text += "The sea was calm and the sky was clear. The ship sailed on.\n";
    write(tmp_.filePath("data.txt"), text);
    model_ = tmp_.filePath("model");
    const CliRun r = run_cli({"train", "--model", "gpt-tiny", "--data", tmp_.filePath("data.txt"), "--out", model_,
                              "--tokenizer", "gpt2", "--steps", "2", "--batch", "2", "--context", "16"});
    QVERIFY2(r.code == 0, r.err.constData());
  }

  void streamsOneLinePerToken() {
    const CliRun r = run_cli({"chat", "--model", model_, "--message", "Name a color.", "--max-new-tokens", "6",
                              "--temperature", "0", "--show-prompt"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QList<QJsonObject> lines = r.lines();
    QVERIFY(lines.size() >= 3);
    // The prompt is the book's Alpaca format (a Glassbox model has no tokenizer_config.json).
    QCOMPARE(lines.first()["prompt"].toString(),
             QString("Below is an instruction that describes a task. Write a response that appropriately completes "
                     "the request.\n\n### Instruction:\nName a color.\n\n### Response:\n"));
    const QJsonObject done = lines.last();
    QCOMPARE(done["done"].toBool(), true);
    QCOMPARE(done["template"].toString(), QString("alpaca"));
    const int tokens = done["tokens"].toInt();
    QCOMPARE(lines.size(), tokens + 2);
    QString joined;
    for (int i = 1; i <= tokens; ++i) {
      const QJsonObject t = lines[i];
      for (const char* key : {"token", "id", "p", "top", "context_used", "context_length"}) QVERIFY2(t.contains(key), key);
      QCOMPARE(t["top"].toArray().size(), 5);
      // Greedy: the chosen token is the most likely one.
      QCOMPARE(t["top"].toArray()[0].toObject()["id"].toInt(), t["id"].toInt());
      QVERIFY(t["p"].toDouble() > 0.0 && t["p"].toDouble() <= 1.0);
      QCOMPARE(t["context_length"].toInt(), 64);  // gpt-tiny
      QCOMPARE(t["context_used"].toInt(), done["prompt_tokens"].toInt() + i);
      joined += t["token"].toString();
    }
    const QString reason = done["stop_reason"].toString();
    QVERIFY2(reason == "max_tokens" || reason == "eos" || reason == "end_of_turn" || reason == "context_full", qPrintable(reason));
    if (reason == "max_tokens") QCOMPARE(tokens, 6);
    // The tokens' texts add up to the answer (which may go on to where an end marker began).
    QVERIFY(done["text"].toString().startsWith(joined));
    if (reason == "max_tokens" || reason == "eos") QCOMPARE(joined, done["text"].toString());
    // Deterministic for a seed.
    const CliRun again = run_cli({"chat", "--model", model_, "--message", "Name a color.", "--max-new-tokens", "6",
                                  "--temperature", "0", "--show-prompt"});
    const QList<QJsonObject> again_lines = again.lines();
    QCOMPARE(again_lines.size(), lines.size());
    for (int i = 0; i + 1 < lines.size(); ++i) QCOMPARE(again_lines[i], lines[i]);  // all but the timing line
    QCOMPARE(again_lines.last()["text"], done["text"]);
  }

  void templateFromTokenizerConfig() {
    // A model directory that declares ChatML gets ChatML prompts; --template overrides it.
    const QString dir = tmp_.filePath("chatml");
    QDir().mkpath(dir);
    for (const QString f : {"config.json", "model.safetensors", "tokenizer.json"}) QFile::copy(model_ + "/" + f, dir + "/" + f);
    write(dir + "/tokenizer_config.json", R"({"chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}"})");
    CliRun r = run_cli({"chat", "--model", dir, "--message", "Hi", "--system", "Be brief.", "--max-new-tokens", "1",
                        "--show-prompt"});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.lines().first()["prompt"].toString(),
             QString("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
    QCOMPARE(r.lines().last()["template"].toString(), QString("chatml"));
    r = run_cli({"chat", "--model", dir, "--message", "Hi", "--template", "plain", "--max-new-tokens", "1", "--show-prompt"});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.lines().first()["prompt"].toString(), QString("Hi"));
  }

  void badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("no message") << QStringList{"chat", "--model", "MODEL"} << 2 << "--message";
    QTest::newRow("bad template") << QStringList{"chat", "--model", "MODEL", "--message", "x", "--template", "vicuna"} << 2 << "--template";
    QTest::newRow("bad top-p") << QStringList{"chat", "--model", "MODEL", "--message", "x", "--top-p", "0"} << 2 << "top-p";
    QTest::newRow("preset") << QStringList{"chat", "--model", "gpt-tiny", "--message", "x"} << 2 << "model directory";
    QTest::newRow("missing dir") << QStringList{"chat", "--model", "/nonexistent/dir", "--message", "x"} << 2 << "/nonexistent/dir";
  }
  void badInput() {
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, says);
    args.replaceInStrings("MODEL", model_);
    const CliRun r = run_cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.one_line_error(), r.err.constData());
    QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
  }
  void noTokenizerExplainsWhy() {
    const QString dir = tmp_.filePath("bare");
    QDir().mkpath(dir);
    for (const QString f : {"config.json", "model.safetensors"}) QFile::copy(model_ + "/" + f, dir + "/" + f);
    const CliRun r = run_cli({"chat", "--model", dir, "--message", "x"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.one_line_error());
    QVERIFY2(r.err.contains("tokenizer.json"), r.err.constData());
  }

 private:
  QTemporaryDir tmp_;
  QString model_;
};

QTEST_GUILESS_MAIN(TestChatCli)
#include "test_chat_cli.moc"
