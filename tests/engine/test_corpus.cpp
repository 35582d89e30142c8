// The training corpora: what is installed and how big, book order for Moby-Dick, the Brown
// Corpus without its tags, and clear one-line errors for files that are not UTF-8 text.
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <fstream>

#include "engine/core/error.h"
#include "engine/train/corpus.h"
#include "engine/train/train_estimate.h"

using namespace gb;

namespace {

std::string write(const QTemporaryDir& dir, const char* name, const std::string& bytes) {
  const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The message of the gb::Error that f throws ("" if none).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

}  // namespace

class TestCorpus : public QObject {
  Q_OBJECT
 private slots:
  void listsTheThreeCorporaWithTheirSizes() {
    const auto all = corpora();
    QCOMPARE(all.size(), size_t(3));
    QCOMPARE(all[0].name, std::string("moby-dick"));
    QCOMPARE(default_corpus(), std::string("moby-dick"));
    for (const auto& c : all) QVERIFY2(c.available, c.problem.c_str());
    // Pinned packages: 135 chapters + the epilogue; 233 addresses; 500 Brown files.
    QCOMPARE(all[0].files, int64_t(136));
    QCOMPARE(all[1].files, int64_t(233));
    QCOMPARE(all[2].files, int64_t(500));
    QVERIFY(all[0].bytes_on_disk > 1'100'000 && all[0].bytes_on_disk < 1'300'000);
    QVERIFY(all[1].bytes_on_disk > 10'000'000);
  }

  void mobyDickIsInBookOrder() {
    const std::string text = read_corpus("moby-dick");
    QVERIFY(text.rfind("CHAPTER 1. Loomings.\n\nCall me Ishmael.", 0) == 0);
    // chapter_10.txt sorts before chapter_2.txt by name; the book has 2 first.
    const size_t c2 = text.find("CHAPTER 2. The Carpet-Bag."), c10 = text.find("CHAPTER 10. A Bosom Friend.");
    QVERIFY(c2 != std::string::npos && c10 != std::string::npos && c2 < c10);
    QVERIFY(text.find("CHAPTER 135. The Chase.—Third Day.") < text.find("Epilogue"));
    const TextStats s = text_stats(text);
    QCOMPARE(s.bytes, int64_t(1'194'394));
    QCOMPARE(s.characters, int64_t(1'191'160));  // em dashes and curly quotes are 3 bytes, one character
  }

  void brownTagsAreStripped() {
    QCOMPARE(strip_brown_tags("\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ./.\n"),
             std::string("The jury said \"no evidence\".\n"));
    // The tag follows the last slash; punctuation tags with suffixes (-hl) still attach.
    QCOMPARE(strip_brown_tags("a/at 1-1/2/cd story/nn ,/,-hl (/( or/cc so/rb )/) !/."),
             std::string("a 1-1/2 story, (or so)!\n"));
    const std::string text = read_corpus("brown");
    QVERIFY(text.rfind("The Fulton County Grand Jury said Friday", 0) == 0);
    QVERIFY(text.find("/at ") == std::string::npos);
    QVERIFY(text.find("/nn") == std::string::npos);
  }

  void sotuIsOldestFirst() {
    const std::string text = read_corpus("sotu");
    QVERIFY(text.rfind("Fellow-Citizens of the Senate and House of Representatives:", 0) == 0);
    QVERIFY(text.size() > 10'000'000);
  }

  void unknownCorpusIsAUsageError() {
    QVERIFY_THROWS_EXCEPTION(UsageError, read_corpus("shakespeare"));
  }

  void missingPackagesAreReportedNotThrown() {
    qputenv("GLASSBOX_DATA", "/nonexistent-glassbox-data");
    const auto all = corpora();
    qunsetenv("GLASSBOX_DATA");
    QCOMPARE(all.size(), size_t(3));
    QVERIFY(!all[0].available);
    QVERIFY(all[0].problem.find("not installed") != std::string::npos);
  }

  void textFilesAreCheckedWithClearErrors() {
    QTemporaryDir dir;
    const std::string good = write(dir, "good.txt", "\xEF\xBB\xBFline one\r\nline two\r\n");
    QCOMPARE(read_text_file(good), std::string("line one\nline two\n"));  // BOM dropped, CRLF → LF

    const std::string bad = write(dir, "latin1.txt", "caf\xE9 ok\nna\xEFve\n");
    const std::string e1 = error_of([&] { read_text_file(bad); });
    QVERIFY2(e1.find("latin1.txt: not UTF-8 text (byte 0xE9 at line 1, column 4)") != std::string::npos, e1.c_str());
    const std::string e2 = error_of([&] { read_text_file(write(dir, "empty.txt", "")); });
    QVERIFY2(e2.find("empty.txt: the file is empty") != std::string::npos, e2.c_str());
    const std::string e3 = error_of([&] { read_text_file(write(dir, "utf16.txt", std::string("h\0i\0", 4))); });
    QVERIFY2(e3.find("NUL byte") != std::string::npos, e3.c_str());
    const std::string e4 = error_of([&] { read_text_file(dir.filePath("missing.txt").toStdString()); });
    QVERIFY2(e4.find("missing.txt: no such file") != std::string::npos, e4.c_str());
    const std::string e5 = error_of([&] { read_text_file(dir.path().toStdString()); });
    QVERIFY2(e5.find("is a folder") != std::string::npos, e5.c_str());
    for (const std::string& e : {e1, e2, e3, e4, e5}) QVERIFY(e.find('\n') == std::string::npos);
  }

  void textStatsCountCharactersNotBytes() {
    const TextStats s = text_stats("héllo wörld\n한국어 text");
    QCOMPARE(s.characters, int64_t(20));
    QCOMPARE(s.words, int64_t(4));
    QCOMPARE(s.lines, int64_t(2));
  }

  void footprintCountsWhatTrainingHolds() {
    ModelConfig c = preset("gpt-mini");
    c.vocab_size = 4096;
    c.context_length = 256;
    const TrainingFootprint f = estimate_training(c, 8, 256);
    QCOMPARE(f.parameters, c.parameter_count());
    QCOMPARE(f.parameters, int64_t(4'273'664));  // glassbox-base: 4 layers, 256 wide, 4096 tokens, context 256
    QCOMPARE(f.weight_bytes, 4 * f.parameters);
    QCOMPARE(f.optimizer_bytes, 8 * f.parameters);
    // Activations grow linearly with the batch.
    const TrainingFootprint f2 = estimate_training(c, 16, 256);
    QCOMPARE(f2.activation_bytes, 2 * f.activation_bytes);
    QCOMPARE(f2.weight_bytes, f.weight_bytes);
  }
};

QTEST_APPLESS_MAIN(TestCorpus)
#include "test_corpus.moc"
