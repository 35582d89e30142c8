// Open text…: each bad file gets a message that says what is wrong.
#include <QTemporaryDir>
#include <QtTest>
#include <stdexcept>

#include "app/text_file.h"

using namespace glassbox::app;

namespace {

QString failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

void write(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class TestTextFile : public QObject {
  Q_OBJECT
 private slots:
  void textFilesMustBeUtf8() {
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.txt"));
    write(good, "안녕 hello");
    QCOMPARE(readTextFile(good), QStringLiteral("안녕 hello"));
    const QString bad = dir.filePath(QStringLiteral("bad.txt"));
    write(bad, QByteArray("caf\xe9", 4));  // Latin-1, not UTF-8
    QVERIFY(failure([&] { readTextFile(bad); }).contains(QStringLiteral("UTF-8")));
    QVERIFY(failure([&] { readTextFile(dir.filePath(QStringLiteral("missing.txt"))); }).contains(QStringLiteral("cannot be read")));
  }
};

QTEST_MAIN(TestTextFile)
#include "test_text_file.moc"
