// Open model… and Open text… checks: each bad input gets a message that says what is wrong.
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <stdexcept>

#include "app/model_check.h"

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

class TestModelCheck : public QObject {
  Q_OBJECT
 private slots:
  void modelDirectoryErrorsNameTheProblem() {
    QTemporaryDir dir;
    QVERIFY(failure([&] { checkModelDirectory(dir.path()); }).contains(QStringLiteral("config.json")));
    write(dir.filePath(QStringLiteral("config.json")), "{ not json");
    QVERIFY(failure([&] { checkModelDirectory(dir.path()); }).contains(QStringLiteral("not valid JSON")));
    write(dir.filePath(QStringLiteral("config.json")), R"({"model_type": "gpt2"})");
    QVERIFY(failure([&] { checkModelDirectory(dir.path()); }).contains(QStringLiteral("model.safetensors")));
    write(dir.filePath(QStringLiteral("model.safetensors")), "abc");
    QVERIFY(failure([&] { checkModelDirectory(dir.path()); }).contains(QStringLiteral("too short")));
  }

  void validDirectoryIsDescribed() {
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("config.json")), R"({"model_type": "gpt2"})");
    const QByteArray header = R"({"wte.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"__metadata__":{}})";
    QByteArray file(8, '\0');
    qToLittleEndian<quint64>(static_cast<quint64>(header.size()), file.data());
    file += header + QByteArray(4, '\0');
    write(dir.filePath(QStringLiteral("model.safetensors")), file);
    const ModelDirectoryInfo info = checkModelDirectory(dir.path());
    QCOMPARE(info.model_type, QStringLiteral("gpt2"));
    QCOMPARE(info.tensor_count, 1);
  }

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

QTEST_MAIN(TestModelCheck)
#include "test_model_check.moc"
