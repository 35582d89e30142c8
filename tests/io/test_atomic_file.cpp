// Atomic writes: a reader sees the old file or the new one, never a part, and a failed
// write leaves no temporary file behind.
#include <QtTest>

#include <filesystem>
#include <stdexcept>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

using namespace gb;
namespace fs = std::filesystem;

class TestAtomicFile : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path dir() const { return fs::path(tmp_.path().toStdString()); }
  int files() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir())) ++n;
    return n;
  }

 private slots:
  void writesAndReplaces() {
    const fs::path path = dir() / "a.json";
    write_file_atomic(path, "first");
    QCOMPARE(read_file(path), std::string("first"));
    write_file_atomic(path, std::string("se\0cond", 7));
    QCOMPARE(read_file(path), std::string("se\0cond", 7));
    QCOMPARE(files(), 1);
  }

  void streamsInPieces() {
    const fs::path path = dir() / "b.bin";
    AtomicFileWriter out(path);
    out.write("abc");
    QVERIFY(!fs::exists(path));  // nothing at the target until commit
    out.write("");
    out.write("def");
    out.commit();
    QCOMPARE(read_file(path), std::string("abcdef"));
    QVERIFY_THROWS_EXCEPTION(Error, out.write("more"));
  }

  // An exception between the first write and commit (the writer is destroyed unfinished)
  // keeps the old file and removes the temporary one.
  void abandonedWriteChangesNothing() {
    const fs::path path = dir() / "c.bin";
    write_file_atomic(path, "old");
    const int before = files();
    try {
      AtomicFileWriter out(path);
      out.write("new, half written");
      throw std::runtime_error("interrupted");
    } catch (const std::runtime_error&) {
    }
    QCOMPARE(read_file(path), std::string("old"));
    QCOMPARE(files(), before);
  }

  void errorsNameTheFile() {
    const fs::path nowhere = dir() / "missing" / "x.bin";
    try {
      write_file_atomic(nowhere, "x");
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).rfind(nowhere.string() + ": cannot write: ", 0) == 0);
    }
    try {
      read_file(dir() / "absent");
      QFAIL("no error");
    } catch (const Error& e) {
      QCOMPARE(std::string(e.what()), (dir() / "absent").string() + ": no such file");
    }
  }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
