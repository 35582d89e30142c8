// glassbox-cli and Vulkan, as an outside tool sees them: `devices` lists each Vulkan device
// with its type, `--device vulkan` runs there, and without a driver it says why in one line
// on stderr and runs on the CPU.
#include <QtTest>

#include <QFileInfo>
#include <QJsonArray>

#include "cli/cli_run.h"
#include "engine/backend/backend.h"

class TestVulkanCli : public QObject {
  Q_OBJECT

  static QJsonArray devices() { return QJsonDocument::fromJson(run_cli({"devices"}).out).array(); }

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists(GLASSBOX_CLI)) QSKIP("glassbox-cli is not built");
  }

  void lists_vulkan_devices_with_their_type() {
    std::string why;
    if (!gb::backend_available(gb::Device::Vulkan, &why)) QSKIP(why.c_str());
    int vulkan = 0;
    for (const auto& v : devices()) {
      const QJsonObject d = v.toObject();
      if (d["backend"].toString() != "vulkan") continue;
      ++vulkan;
      QVERIFY(!d["name"].toString().isEmpty());
      QVERIFY(QStringList({"discrete", "integrated", "virtual", "cpu", "other"}).contains(d["type"].toString()));
      if (d["name"].toString().contains("llvmpipe")) QCOMPARE(d["type"].toString(), QString("cpu"));
    }
    QVERIFY(vulkan >= 1);
  }

  void bench_gemm_runs_on_vulkan() {
    std::string why;
    if (!gb::backend_available(gb::Device::Vulkan, &why)) QSKIP(why.c_str());
    const CliRun r = run_cli({"bench", "gemm", "--size", "64", "--reps", "2", "--device", "vulkan"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.json()["backend"].toString(), QString("vulkan"));
    QVERIFY(r.json()["gflops"].toDouble() > 0.0);
  }

  // Last: changes this process's environment, which the child processes inherit.
  void without_a_driver_the_cpu_runs_with_a_reason() {
    qputenv("VK_DRIVER_FILES", "/nonexistent");
    qputenv("VK_ICD_FILENAMES", "/nonexistent");
    for (const auto& v : devices()) QCOMPARE(v.toObject()["backend"].toString(), QString("cpu"));
    const CliRun r = run_cli({"bench", "gemm", "--size", "32", "--reps", "1", "--device", "vulkan"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.json()["backend"].toString(), QString("cpu"));
    QVERIFY2(r.one_line_error(), r.err.constData());
    QVERIFY2(r.err.contains("Vulkan") && r.err.contains("running on the CPU"), r.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestVulkanCli)
#include "test_vulkan_cli.moc"
