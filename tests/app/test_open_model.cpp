// Open model… in the window: the model loads on the worker, the status bar names it, its
// device and the memory in use; a bad directory is reported (naming the file and the
// problem) and the model that was loaded stays in use.
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

#include "app/main_window.h"
#include "engine/backend/backend.h"
#include "engine/io/model_dir.h"
#include "engine/nn/gpt_model.h"
#include "engine/tokenizer/tokenizer.h"

using namespace glassbox::app;

namespace {

// Waits for a job of the window's worker to end; true when it finished, false when it failed.
bool waitForJob(MainWindow& window, quint64 job) {
  QSignalSpy finished(&window.worker(), &EngineWorkerHost::finished);
  QSignalSpy failed(&window.worker(), &EngineWorkerHost::failed);
  auto has = [job](const QSignalSpy& spy, auto tag) {
    for (const auto& args : spy)
      if (qvariant_cast<decltype(tag)>(args.at(0)).job == job) return true;
    return false;
  };
  for (int i = 0; i < 600 && !has(finished, JobResult{}) && !has(failed, JobFailure{}); ++i) QTest::qWait(100);
  QCoreApplication::processEvents();
  return has(finished, JobResult{});
}

}  // namespace

class TestOpenModel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qputenv("GLASSBOX_MODELS", QByteArray(QDir::tempPath().toUtf8() + "/glassbox-no-models")); }

  void statusBarNamesModelDeviceAndMemory() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    QVERIFY(window.waitForData());
    const QString status = window.statusLine();
    QVERIFY2(status.contains(QStringLiteral("random model")) && status.contains(QStringLiteral("16.3 M parameters")),
             qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("Device: CPU")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("weights 62 MB")), qPrintable(status));
  }

  void openingAModelShowsIt() {
    QTemporaryDir dir;
    gb::save_model(dir.path().toStdString(), gb::GPTModel(gb::preset("gpt-tiny"), 3), gb::load_tokenizer("gpt2").get());
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    QVERIFY(waitForJob(window, window.openModelDirectory(dir.path(), true)));
    QVERIFY(window.lastModelError().isEmpty());
    const QString status = window.statusLine();
    QVERIFY2(status.contains(QFileInfo(dir.path()).fileName()) && status.contains(QStringLiteral("3.3 M parameters")),
             qPrintable(status));
    QVERIFY(!window.engine().isRandomModel());
  }

  void badModelIsReportedAndTheOldOneKept() {
    QTemporaryDir dir;
    QFile config(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"model_type": "gpt2", "n_embd": 64, "n_layer": 2, "n_head": 2, "vocab_size": 50257, "n_positions": 64})");
    config.close();
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    QVERIFY(window.waitForData());
    const QString before = window.statusLine().section(QStringLiteral(" | "), 0, 1);
    QVERIFY(!waitForJob(window, window.openModelDirectory(dir.path(), true)));
    QVERIFY2(window.lastModelError().contains(QStringLiteral("model.safetensors")), qPrintable(window.lastModelError()));
    QCOMPARE(window.statusLine().section(QStringLiteral(" | "), 0, 1), before);
    QVERIFY(window.engine().isRandomModel());
    // The app keeps working with the model it had.
    window.showStep(2, 4);
    QVERIFY(window.waitForData());
  }

  void vulkanRunsOrTheStatusSaysWhyNot() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.setDevice(QStringLiteral("vulkan"));
    QVERIFY(window.waitForData());
    QTRY_VERIFY_WITH_TIMEOUT(window.engine().hasModel(), 60000);
    QTest::qWait(200);
    std::string why;
    const QString status = window.statusLine();
    if (gb::backend_available(gb::Device::Vulkan, &why))
      QVERIFY2(status.contains(QString::fromStdString(gb::device_name(gb::Device::Vulkan))), qPrintable(status));
    else
      QVERIFY2(status.contains(QStringLiteral("Vulkan unavailable: ") + QString::fromStdString(why)), qPrintable(status));
  }

  // A device that fails mid-run reports from the worker thread; the status bar says so.
  void midRunDeviceFailureShowsInTheStatusBar() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    QVERIFY(window.waitForData());
    QTRY_VERIFY_WITH_TIMEOUT(window.engine().hasModel(), 60000);
    QVERIFY(!window.statusLine().contains(QStringLiteral("failed mid-run")));
    std::thread worker([] { gb::report_device_fallback("vulkan: device lost (simulated)"); });
    worker.join();
    QTRY_VERIFY2(window.statusLine().contains(QStringLiteral("Device: CPU (the GPU failed mid-run: vulkan: device lost (simulated))")),
                 qPrintable(window.statusLine()));
  }
};

QTEST_MAIN(TestOpenModel)
#include "test_open_model.moc"
