// MainWindow's file actions: Open model…, Open text…, Export view…. File work runs as
// EngineWorker jobs; a bad file gets a dialog that says what is wrong and the app keeps what it had.
#include <QCoreApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <functional>
#include <memory>

#include "app/lesson_page.h"
#include "app/main_window.h"
#include "app/text_file.h"
#include "views/export.h"

namespace glassbox { namespace app {

void MainWindow::openModel() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a model directory"));
  if (dir.isEmpty()) return;
  openModelDirectory(dir);
}

quint64 MainWindow::openModelDirectory(const QString& dir, bool quiet) {
  const quint64 job = loadModelJob(tr("Opening model…"), quiet, [this, dir] { engine_data_.loadModel(dir); });
  if (dir.isEmpty()) return job;
  // Once it has loaded, the chat can talk to it too (it loads its own copy when it is used).
  auto once = std::make_shared<QList<QMetaObject::Connection>>();
  *once << connect(&worker_, &EngineWorkerHost::finished, this, [this, job, dir, once](const JobResult& r) {
    if (r.job != job) return;
    for (const auto& c : *once) disconnect(c);
    chat_->addModel(dir);
  });
  *once << connect(&worker_, &EngineWorkerHost::failed, this, [this, job, once](const JobFailure& f) {
    if (f.job != job) return;
    for (const auto& c : *once) disconnect(c);
  });
  return job;
}

void MainWindow::setDevice(const QString& device) {
  const gb::Device d = device == QLatin1String("vulkan") ? gb::Device::Vulkan : gb::Device::CPU;
  // The model in use moves by loading it again on the new device (in the job, so that a
  // load still queued finishes first).
  loadModelJob(tr("Moving the model…"), /*quiet=*/true, [this, d] {
    engine_data_.setDevice(d);
    engine_data_.reload();
  });
}

quint64 MainWindow::loadModelJob(const QString& what, bool quiet, std::function<void()> load) {
  // The load runs on the worker; the model in use is replaced only when the new one is whole.
  const quint64 job = worker_.submit([load = std::move(load)](const ProgressFn& progress, const std::atomic<bool>&) {
    progress(0.1, QCoreApplication::translate("MainWindow", "Loading the model…"));
    load();
    return QVariant();
  });
  jobStarted(what, job);
  auto connections = std::make_shared<QList<QMetaObject::Connection>>();
  *connections << connect(&worker_, &EngineWorkerHost::finished, this, [this, job, connections](const JobResult& r) {
    if (r.job != job) return;
    for (const auto& c : *connections) disconnect(c);
    jobEnded(job);
    last_model_error_.clear();
    updateModelStatus();
    if (lesson_ >= 0) showStep(lesson_, step_);  // the step's view asks the new model
  });
  *connections << connect(&worker_, &EngineWorkerHost::failed, this, [this, job, quiet, connections](const JobFailure& f) {
    if (f.job != job) return;
    for (const auto& c : *connections) disconnect(c);
    jobEnded(job);
    if (f.cancelled) return;
    last_model_error_ = f.message;
    if (!quiet)
      QMessageBox::warning(this, tr("Cannot open this model"),
                           tr("%1\n\nThe model that was loaded is still in use.").arg(f.message));
  });
  return job;
}

void MainWindow::openText() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open a text file"), QString(), tr("Text files (*.txt *.md);;All files (*)"));
  if (path.isEmpty()) return;
  const quint64 job = worker_.submit([path](const ProgressFn&, const std::atomic<bool>&) {
    return QVariant(readTextFile(path));
  });
  jobStarted(tr("Reading text…"), job);
  auto connections = std::make_shared<QList<QMetaObject::Connection>>();
  *connections << connect(&worker_, &EngineWorkerHost::finished, this, [this, job, connections](const JobResult& r) {
    if (r.job != job) return;
    for (const auto& c : *connections) disconnect(c);
    jobEnded(job);
    // The token and sliding-window views show the start of the text (enough to explore).
    custom_text_ = r.value.toString().left(2000);
    if (lesson_ >= 0) showStep(lesson_, step_);
  });
  *connections << connect(&worker_, &EngineWorkerHost::failed, this, [this, job, connections](const JobFailure& f) {
    if (f.job != job) return;
    for (const auto& c : *connections) disconnect(c);
    jobEnded(job);
    if (!f.cancelled) QMessageBox::warning(this, tr("Cannot open this text"), f.message);
  });
}

void MainWindow::exportView() {
  views::ExportableView* view = page_->view();
  if (!view) return;
  QString filter;
  const QString path = QFileDialog::getSaveFileName(this, tr("Export view"), QString(),
                                                    views::exportFilters().join(QStringLiteral(";;")), &filter);
  if (path.isEmpty()) return;
  QString error;
  if (!views::exportView(*view, path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}

}}  // namespace glassbox::app
