// Every string the app shows through tr() / translate() has a Korean translation.
//
// lupdate (Qt's own extractor) reads app/ and views/ the way the translators' tools do and
// lists every (context, source text) pair; each must have a finished translation in one of
// translations/*_ko.ts, under the same context (the context is the class's qualified name
// for a Q_OBJECT class: a translation filed under "StudioPage" is never found for
// glassbox::app::StudioPage's tr()). Placeholders %1, %2, … must survive translation.
// Then the compiled catalogues the app embeds are checked at run time through setLanguage.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "app/main_window.h"
#include "views/classifier_view.h"

namespace {

struct Message {
  QString context, source, translation;
  bool finished = false;
};

QList<Message> read_ts(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  QList<Message> out;
  QXmlStreamReader xml(&f);
  QString context;
  Message m;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      m = Message{context, {}, {}, false};
    } else if (name == QLatin1String("source")) {
      m.source = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      const QString type = xml.attributes().value(QLatin1String("type")).toString();
      m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      m.finished = type.isEmpty() && !m.translation.trimmed().isEmpty();
      out.push_back(m);
    }
  }
  return xml.hasError() ? QList<Message>{} : out;
}

QSet<QString> placeholders(const QString& text) {
  static const QRegularExpression re(QStringLiteral("%L?\\d"));
  QSet<QString> out;
  for (auto it = re.globalMatch(text); it.hasNext();) out.insert(it.next().captured().remove(QLatin1Char('L')));
  return out;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT
 private slots:
  void everySourceStringHasAKoreanTranslation() {
    const QString src = QStringLiteral(GLASSBOX_SOURCE_DIR);
    QTemporaryDir tmp;
    const QString fresh = tmp.filePath(QStringLiteral("fresh_ko.ts"));
    QProcess lupdate;
    lupdate.start(QStringLiteral(GLASSBOX_LUPDATE), {QStringLiteral("-silent"), QStringLiteral("-locations"),
                                                      QStringLiteral("none"), QStringLiteral("-I"), src,
                                                      src + QStringLiteral("/app"), src + QStringLiteral("/views"),
                                                      QStringLiteral("-ts"), fresh});
    QVERIFY(lupdate.waitForFinished(120000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
    const QList<Message> wanted = read_ts(fresh);
    QVERIFY2(wanted.size() > 300, "lupdate found too few strings: is it reading the sources?");

    QMap<QPair<QString, QString>, Message> have;
    const QDir dir(src + QStringLiteral("/translations"));
    const QStringList files = dir.entryList({QStringLiteral("*_ko.ts")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString& file : files) {
      const QList<Message> messages = read_ts(dir.filePath(file));
      QVERIFY2(!messages.isEmpty(), qPrintable(file + ": no messages, or not valid XML"));
      for (const Message& m : messages) {
        const auto key = qMakePair(m.context, m.source);
        QVERIFY2(!(have.contains(key) && have[key].finished && m.finished),
                 qPrintable(file + ": translates \"" + m.source + "\" (" + m.context + ") a second time"));
        if (m.finished || !have.contains(key)) have[key] = m;
      }
    }

    QStringList missing, broken;
    for (const Message& w : wanted) {
      const auto it = have.constFind(qMakePair(w.context, w.source));
      if (it == have.cend() || !it->finished) {
        missing << w.context + QStringLiteral(": ") + w.source;
        continue;
      }
      if (placeholders(w.source) != placeholders(it->translation))
        broken << w.context + QStringLiteral(": ") + w.source + QStringLiteral(" → ") + it->translation;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QString::number(missing.size()) +
                                           QStringLiteral(" strings without a Korean translation, e.g.\n") +
                                           missing.mid(0, 15).join(QLatin1Char('\n'))));
    QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("placeholders differ:\n") + broken.join(QLatin1Char('\n'))));
  }

  void theAppSpeaksKoreanInEveryArea() {
    // The catalogues the app embeds, installed the way the language menu does it.
    glassbox::app::MainWindow window;
    QVERIFY(window.setLanguage(QStringLiteral("ko")));
    // One string of each kind of context: a Q_OBJECT class in a namespace, and a plain one.
    QCOMPARE(QCoreApplication::translate("glassbox::app::StudioPage", "Train"), QStringLiteral("학습"));
    QVERIFY(QCoreApplication::translate("EngineDataSource", "random model (untrained)") !=
            QStringLiteral("random model (untrained)"));
    // Class labels that come from the engine as data are shown in the language too.
    QCOMPARE(glassbox::views::ClassifierView::labelName("spam"), QStringLiteral("스팸"));
    QCOMPARE(glassbox::views::ClassifierView::labelName("ham"), QStringLiteral("정상 메일"));
    QVERIFY(window.setLanguage(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("glassbox::app::StudioPage", "Train"), QStringLiteral("Train"));
    QCOMPARE(glassbox::views::ClassifierView::labelName("ham"), QStringLiteral("ham"));
    QCOMPARE(glassbox::views::ClassifierView::labelName("positive"), QStringLiteral("positive"));
  }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
