// glassbox-cli corpus and train-tokenizer, the two commands tools/train_bundled.sh uses
// besides train: JSON on stdout, one-line errors naming the file.
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.h"

class TestCorpusCli : public QObject {
  Q_OBJECT
 private slots:
  void listsAndExportsCorpora() {
    const CliRun list = run_cli({"corpus"});
    QCOMPARE(list.code, 0);
    const auto lines = list.lines();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].value("name").toString(), QStringLiteral("moby-dick"));
    QCOMPARE(lines[2].value("name").toString(), QStringLiteral("brown"));
    QVERIFY(lines[1].value("available").toBool());

    QTemporaryDir dir;
    const QString out = dir.filePath("moby.txt");
    const CliRun exported = run_cli({"corpus", "--name", "moby-dick", "--out", out});
    QCOMPARE(exported.code, 0);
    QCOMPARE(exported.json().value("characters").toInteger(), 1191160);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.size(), exported.json().value("bytes").toInteger());
  }

  void trainsATokenizerThatLoads() {
    QTemporaryDir dir;
    const QString text = dir.filePath("text.txt");
    {
      QFile f(text);
      QVERIFY(f.open(QIODevice::WriteOnly));
      for (int i = 0; i < 200; ++i) f.write("the whale and the sea and the ship ");
    }
    const QString tok = dir.filePath("tokenizer.json");
    const CliRun trained = run_cli({"train-tokenizer", "--data", text, "--vocab-size", "300", "--out", tok});
    QCOMPARE(trained.code, 0);
    // Bytes, the merges learned (this text runs out of pairs before 300) and <|endoftext|>.
    QCOMPARE(trained.json().value("vocab_size").toInt(), 256 + trained.json().value("merges").toInt() + 1);
    const CliRun counted = run_cli({"corpus", "--data", text, "--tokenizer", tok});
    QCOMPARE(counted.code, 0);
    // Every word of the 1,600 became one token (7,000 bytes), plus the final space.
    QCOMPARE(counted.json().value("tokens").toInt(), 1601);
    const CliRun ids = run_cli({"tokenize", "--tokenizer", tok}, "the whale");
    QCOMPARE(ids.code, 0);
    QCOMPARE(ids.json().value("ids").toArray().size(), 2);  // "the", " whale"
  }

  void badFilesGiveOneLineErrors() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.txt");
    {
      QFile f(bad);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("ok\n\xff\xfe");
    }
    const CliRun r = run_cli({"corpus", "--data", bad});
    QCOMPARE(r.code, 1);
    QVERIFY(r.one_line_error());
    QVERIFY(r.err.contains("bad.txt: not UTF-8 text (byte 0xFF at line 2, column 1)"));
    const CliRun unknown = run_cli({"corpus", "--name", "shakespeare"});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains("unknown corpus 'shakespeare'"));
    const CliRun both = run_cli({"train-tokenizer", "--out", dir.filePath("t.json")});
    QCOMPARE(both.code, 2);
  }
};

QTEST_APPLESS_MAIN(TestCorpusCli)
#include "test_corpus_cli.moc"
