// Every view exports PNG, SVG, PDF and CSV through one function.
#include <QTemporaryDir>
#include <QtTest>

#include "views/attention_view.h"
#include "views/export.h"
#include "views/next_token_view.h"
#include "views/token_view.h"

using namespace glassbox;

class TestExport : public QObject {
  Q_OBJECT
 private slots:
  void writesEveryFormat_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("png") << "png" << QByteArray("\x89PNG");
    QTest::newRow("svg") << "svg" << QByteArray("<?xml");
    QTest::newRow("pdf") << "pdf" << QByteArray("%PDF");
    QTest::newRow("csv") << "csv" << QByteArray("layer,head");
  }

  void writesEveryFormat() {
    QFETCH(QString, suffix);
    QFETCH(QByteArray, magic);
    views::AttentionView view;
    view.resize(640, 480);
    view.setMaps({{{"a", "b"}, 0, 0, true, {1, 0, 0.4f, 0.6f}}});
    view.showHead(0, 0);
    view.show();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("attention.") + suffix);
    QString error;
    QVERIFY2(views::exportView(view, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray head = file.read(64);
    QVERIFY2(head.contains(magic), head.constData());
    QVERIFY(file.size() > 100 || suffix == QLatin1String("csv"));
  }

  void csvQuotesFieldsThatNeedIt() {
    QCOMPARE(views::csvField(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(views::csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(views::csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(views::csvField(QStringLiteral(" lead")), QStringLiteral("\" lead\""));
  }

  void unknownFormatSaysWhy() {
    views::TokenView view;
    QString error;
    QVERIFY(!views::exportView(view, QStringLiteral("/tmp/x.bmp"), &error));
    QVERIFY(error.contains(QStringLiteral("bmp")));
  }

  void tokenAndNextTokenViewsExportCsv() {
    views::TokenView tokens;
    tokens.setTokens(QStringLiteral("a, b"), {{"a,", 1, 0, 2, false}, {" b", 2, 2, 4, false}});
    QVERIFY(tokens.csv().contains(QStringLiteral("\"a,\"")));
    views::NextTokenView next;
    next.setDistribution({"p", {" x"}, {7}, {1.0f}});
    QVERIFY(next.csv().contains(QStringLiteral("1,7, x,1,1")) || next.csv().contains(QStringLiteral("1,7,\" x\",1,1")));
  }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
