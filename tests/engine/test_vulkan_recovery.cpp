// A Vulkan device that fails in the middle of a run (lost, out of device memory): glassbox-cli
// train and generate say why in one line on stderr and finish on the CPU, with the losses and
// the greedy tokens of a run that was on the CPU all along. The failures are simulated by
// GLASSBOX_VULKAN_FAIL (vk_context.h): lost:N at the Nth queue submit, oom:N at the Nth
// device allocation. The Ns below fall after the first steps / tokens (the test checks that
// some steps ran on Vulkan before the fallback).
#include <QtTest>

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include <cmath>

#include "cli/cli_run.h"
#include "engine/backend/backend.h"

namespace {

QByteArray corpus() {
  const QByteArray text =
      "The quick brown fox jumps over the lazy dog. A journey of a thousand miles begins with one step. "
      "The sea was calm and the sky was clear; the ship sailed on towards the distant island.\n";
  QByteArray out;
  for (int i = 0; i < 60; ++i) out += text;
  return out;
}

// Runs glassbox-cli with GLASSBOX_VULKAN_FAIL set to `fail` (unset when empty).
CliRun run_failing(const QStringList& args, const QByteArray& fail) {
  if (fail.isEmpty()) qunsetenv("GLASSBOX_VULKAN_FAIL");
  else qputenv("GLASSBOX_VULKAN_FAIL", fail);
  CliRun r = run_cli(args);
  qunsetenv("GLASSBOX_VULKAN_FAIL");
  return r;
}

QList<int> ids_of(const CliRun& r) {
  QList<int> ids;
  for (const auto& v : r.json()["ids"].toArray()) ids << v.toInt();
  return ids;
}

}  // namespace

class TestVulkanRecovery : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString data_, model_dir_;
  QStringList train_args_;
  QList<QJsonObject> cpu_steps_;
  QList<int> cpu_ids_;

  QStringList train(const QString& device, const QString& out) const {
    return QStringList{"train", "--out", out, "--device", device} + train_args_;
  }
  QStringList generate(const QString& device) const {
    return {"generate",      "--model",       model_dir_, "--prompt", "The sea was", "--max-new-tokens", "8",
            "--temperature", "0",             "--device", device};
  }

  // The fallback's one line: the reason, then that the CPU carries on.
  static void check_reason(const CliRun& r, const char* reason) {
    QVERIFY2(r.code == 0, r.err.constData());
    const QList<QByteArray> lines = r.err.trimmed().split('\n');
    int fallbacks = 0;
    for (const QByteArray& l : lines)
      if (l.contains("continuing on the CPU")) {
        ++fallbacks;
        QVERIFY2(l.contains(reason), l.constData());
      }
    QVERIFY2(fallbacks == 1, r.err.constData());
  }

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists(GLASSBOX_CLI)) QSKIP("glassbox-cli is not built");
    std::string why;
    if (!gb::backend_available(gb::Device::Vulkan, &why)) QSKIP(why.c_str());
    QVERIFY(tmp_.isValid());
    data_ = tmp_.filePath("data.txt");
    QFile f(data_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(corpus());
    f.close();
    train_args_ = {"--model", "gpt-tiny", "--data", data_, "--tokenizer", "gpt2", "--steps", "6", "--batch", "2",
                   "--context", "32", "--lr", "3e-3", "--eval-every", "3", "--seed", "5"};
    model_dir_ = tmp_.filePath("cpu");
    const CliRun cpu = run_failing(train("cpu", model_dir_), {});
    QVERIFY2(cpu.code == 0, cpu.err.constData());
    cpu_steps_ = cpu.lines();
    QCOMPARE(cpu_steps_.size(), 6);
    const CliRun gen = run_failing(generate("cpu"), {});
    QVERIFY2(gen.code == 0, gen.err.constData());
    cpu_ids_ = ids_of(gen);
    QCOMPARE(cpu_ids_.size(), 8);
  }

  // Training: some steps on Vulkan, then the CPU from the last snapshot on; every step's
  // loss (and validation loss) is the CPU run's.
  void train_goes_on_on_the_cpu_data() {
    QTest::addColumn<QByteArray>("fail");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("device lost") << QByteArray("lost:200") << QByteArray("device lost");
    QTest::newRow("out of memory") << QByteArray("oom:600") << QByteArray("out of device memory");
  }
  void train_goes_on_on_the_cpu() {
    QFETCH(QByteArray, fail);
    QFETCH(QByteArray, reason);
    const CliRun r = run_failing(train("vulkan", tmp_.filePath("vk-" + QString(fail).replace(':', '-'))), fail);
    check_reason(r, reason.constData());
    const QList<QJsonObject> steps = r.lines();
    QCOMPARE(steps.size(), cpu_steps_.size());
    int on_vulkan = 0;
    for (int i = 0; i < steps.size(); ++i) {
      const QString device = steps[i]["device"].toString();
      if (device == "vulkan") {
        QVERIFY2(on_vulkan == i, "a step ran on Vulkan after the fallback");
        ++on_vulkan;
      } else {
        QCOMPARE(device, QString("cpu"));
      }
      const double want = cpu_steps_[i]["loss"].toDouble(), got = steps[i]["loss"].toDouble();
      QVERIFY2(std::abs(want - got) < 1e-3, qPrintable(QString("step %1: %2 vs %3").arg(i + 1).arg(got).arg(want)));
      if (cpu_steps_[i]["val_loss"].isDouble())
        QVERIFY(std::abs(cpu_steps_[i]["val_loss"].toDouble() - steps[i]["val_loss"].toDouble()) < 1e-3);
    }
    QVERIFY2(on_vulkan >= 1 && on_vulkan < steps.size(),
             qPrintable(QString("%1 of %2 steps on Vulkan: the failure was not mid-run").arg(on_vulkan).arg(steps.size())));
  }

  // Generation: the greedy tokens of the CPU, the last of them chosen on the CPU.
  void generate_goes_on_on_the_cpu_data() {
    QTest::addColumn<QByteArray>("fail");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("device lost") << QByteArray("lost:5") << QByteArray("device lost");
    QTest::newRow("out of memory") << QByteArray("oom:150") << QByteArray("out of device memory");
  }
  void generate_goes_on_on_the_cpu() {
    QFETCH(QByteArray, fail);
    QFETCH(QByteArray, reason);
    const CliRun r = run_failing(generate("vulkan"), fail);
    check_reason(r, reason.constData());
    QCOMPARE(r.json()["device"].toString(), QString("cpu"));
    QCOMPARE(ids_of(r), cpu_ids_);
  }

  // Without a simulated failure everything stays on Vulkan (the Ns above are reached only
  // because the runs are long enough, not because something else failed).
  void without_a_failure_vulkan_runs_throughout() {
    const CliRun r = run_failing(generate("vulkan"), {});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(!r.err.contains("continuing on the CPU"), r.err.constData());
    QCOMPARE(r.json()["device"].toString(), QString("vulkan"));
    QCOMPARE(ids_of(r), cpu_ids_);
  }
};

QTEST_GUILESS_MAIN(TestVulkanRecovery)
#include "test_vulkan_recovery.moc"
