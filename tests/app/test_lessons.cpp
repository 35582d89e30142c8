// Every lesson loads, names views that exist, and renders every step (English and Korean)
// to an image that is not blank. Bad lesson files give errors that say what is wrong.
#include <QTemporaryDir>
#include <QtTest>

#include "app/engine_data_source.h"
#include "app/lesson_library.h"
#include "app/lesson_page.h"
#include "app/main_window.h"
#include "app/screenshot.h"
#include "app/view_factory.h"
#include "app/worker_data_source.h"
#include "views/export.h"

using namespace glassbox::app;

class TestLessons : public QObject {
  Q_OBJECT
 private slots:
  void builtInLessonsLoadAndMatchTheSourceFolder() {
    LessonLibrary embedded;
    QVERIFY2(embedded.loadDirectory(QStringLiteral(":/lessons")), qPrintable(embedded.errors().join('\n')));
    LessonLibrary source;
    QVERIFY2(source.loadDirectory(QStringLiteral(GLASSBOX_SOURCE_DIR "/lessons")), qPrintable(source.errors().join('\n')));
    QCOMPARE(embedded.stepCount(), source.stepCount());
    // The whole curriculum, numbered 1..10 in order with no gaps.
    QCOMPARE(embedded.lessons().size(), std::size_t(10));
    for (std::size_t i = 0; i < embedded.lessons().size(); ++i)
      QCOMPARE(embedded.lessons()[i].number, static_cast<int>(i) + 1);
  }

  void everyStepHasBothLanguagesAndAKnownView() {
    LessonLibrary library;
    QVERIFY(library.loadDirectory(QStringLiteral(":/lessons")));
    for (const Lesson& lesson : library.lessons()) {
      QVERIFY2(!lesson.title.ko.isEmpty(), qPrintable(lesson.id));
      for (const LessonStep& step : lesson.steps) {
        const QString where = lesson.id + QLatin1Char('/') + step.id;
        QVERIFY2(ViewFactory::exists(step.view), qPrintable(where + QStringLiteral(": ") + step.view));
        QVERIFY2(!step.title.ko.isEmpty() && !step.text.ko.isEmpty() && !step.try_this.ko.isEmpty(), qPrintable(where));
        QVERIFY2(!step.try_this.en.isEmpty(), qPrintable(where));
        QVERIFY2(step.text.en.size() > 200, qPrintable(where));  // real teaching text, not a stub
      }
    }
  }

  void badFilesSayWhatIsWrong() {
    QString error;
    QVERIFY(!LessonLibrary::parse("{\"id\": \"x\",\n \"number\": 1,\n oops}", QStringLiteral("bad.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("bad.json")) && error.contains(QStringLiteral("line 3")), qPrintable(error));
    QVERIFY(!LessonLibrary::parse(R"({"id":"x","number":1,"title":{"en":"T"},"steps":[{"id":"s","title":{"en":"t"},"text":{"en":"x"}}]})",
                                  QStringLiteral("noview.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("step 1 (s)")) && error.contains(QStringLiteral("view")), qPrintable(error));
    QVERIFY(!LessonLibrary::parse(R"({"id":"x","number":1,"title":"T","steps":[]})", QStringLiteral("t.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("\"title\"")), qPrintable(error));

    // A folder with one good and one bad file keeps the good one and reports the bad one.
    QTemporaryDir dir;
    QFile good(dir.filePath(QStringLiteral("01-good.json")));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write(R"({"id":"g","number":1,"title":{"en":"G"},"steps":[{"id":"s","view":"tokens","title":{"en":"t"},"text":{"en":"x"}}]})");
    good.close();
    QFile bad(dir.filePath(QStringLiteral("02-bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("[]");
    bad.close();
    LessonLibrary library;
    QVERIFY(!library.loadDirectory(dir.path()));
    QCOMPARE(library.lessons().size(), 1u);
    QCOMPARE(library.errors().size(), 1);
    QVERIFY(library.errors()[0].contains(QStringLiteral("02-bad.json")));
  }

  void everyViewBuildsWithDefaultParameters_data() {
    QTest::addColumn<bool>("engine");
    QTest::newRow("engine") << true;
    QTest::newRow("sample") << false;
  }

  void everyViewBuildsWithDefaultParameters() {
    // Views no lesson uses yet (e.g. loss_chart) are still checked here, with the engine's
    // data and with hand-made data.
    QFETCH(bool, engine);
    EngineWorkerHost host;
    SampleDataSource sample;
    EngineDataSource engine_data;
    engine_data.setLearnerCorpus(QStringLiteral("the cat sat on the mat and the dog sat on the log. ").repeated(40));
    WorkerDataSource data(host, engine ? static_cast<DataSource&>(engine_data) : sample);
    for (const QString& name : ViewFactory::viewNames()) {
      QString error;
      std::unique_ptr<glassbox::views::ExportableView> view(ViewFactory::create(name, {}, data, nullptr, &error));
      QVERIFY2(view, qPrintable(name + QStringLiteral(": ") + error));
      view->resize(900, 700);
      view->show();
      QTRY_COMPARE_WITH_TIMEOUT(data.pendingRequests(), 0, 60000);
      QCoreApplication::processEvents();
      QVERIFY2(glassbox::app::distinctColors(view->grab().toImage()) > 8, qPrintable(name));
      QVERIFY2(view->csv().count(QLatin1Char('\n')) >= 2, qPrintable(name));
    }
  }

  void unknownViewIsReportedNotFatal() {
    SampleDataSource data;
    QString error;
    QVERIFY(!ViewFactory::create(QStringLiteral("hologram"), {}, data, nullptr, &error));
    QVERIFY(error.contains(QStringLiteral("hologram")));
  }

  void everyStepRendersInBothLanguages() {
    // The app as it runs: every view fed by the engine (the bundled model, or the random one).
    MainWindow window;
    window.resize(1400, 900);
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.show();
    QVERIFY(window.waitForData(180000));
    QVERIFY(window.engine().hasModel());
    QVERIFY(window.lastModelError().isEmpty());
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("ko")}) {
      QVERIFY(window.setLanguage(language));
      const auto& lessons = window.library().lessons();
      for (std::size_t l = 0; l < lessons.size(); ++l) {
        for (std::size_t s = 0; s < lessons[l].steps.size(); ++s) {
          window.showStep(static_cast<int>(l), static_cast<int>(s));
          QVERIFY(window.waitForData(180000));
          const QString where = language + QLatin1Char(':') + lessons[l].id + QLatin1Char('/') + lessons[l].steps[s].id;
          QVERIFY2(window.page()->view() != nullptr, qPrintable(where));
          // The view alone must be drawn (not an empty panel), and the whole page too.
          const int view_colors = glassbox::app::distinctColors(window.page()->view()->grab().toImage());
          const int page_colors = glassbox::app::distinctColors(window.grab().toImage());
          QVERIFY2(view_colors > 8, qPrintable(where + QStringLiteral(" view colours: %1").arg(view_colors)));
          QVERIFY2(page_colors > 40, qPrintable(where + QStringLiteral(" page colours: %1").arg(page_colors)));
          QVERIFY2(!window.page()->view()->csv().isEmpty(), qPrintable(where));
        }
      }
    }
  }

  void everyStepExportsAllFourFormats() {
    MainWindow window;
    window.resize(1400, 900);
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.show();
    QTemporaryDir dir;
    const auto& lessons = window.library().lessons();
    for (std::size_t l = 0; l < lessons.size(); ++l) {
      for (std::size_t s = 0; s < lessons[l].steps.size(); ++s) {
        window.showStep(static_cast<int>(l), static_cast<int>(s));
        QVERIFY(window.waitForData(180000));
        for (const char* suffix : {"png", "svg", "pdf", "csv"}) {
          const QString path = dir.filePath(QStringLiteral("%1-%2.%3").arg(l).arg(s).arg(QLatin1String(suffix)));
          QString error;
          QVERIFY2(glassbox::views::exportView(*window.page()->view(), path, &error), qPrintable(error));
          QVERIFY2(QFileInfo(path).size() > 20, qPrintable(path));
        }
      }
    }
  }

  void screenshotWritesOneFilePerStep() {
    MainWindow window;
    window.resize(1200, 800);
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.show();
    QTemporaryDir dir;
    QString error;
    const QStringList files = screenshotAllSteps(window, dir.path(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(files.size(), window.library().stepCount());
    QVERIFY(files[0].endsWith(QStringLiteral("/01-what-is-an-llm-01-one-job.png")));
    QImage first(files[0]);
    QVERIFY(!first.isNull());
  }
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
