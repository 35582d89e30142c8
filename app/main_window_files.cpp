// MainWindow's file actions: Open model…, Open text…, Export view…. File work runs as
// EngineWorker jobs; a bad file gets a dialog that says what is wrong and the app keeps what it had.
#include <QCoreApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <memory>

#include "app/lesson_page.h"
#include "app/main_window.h"
#include "app/model_check.h"
#include "views/export.h"

namespace glassbox { namespace app {

void MainWindow::openModel() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a model directory"));
  if (dir.isEmpty()) return;
  const quint64 job = worker_.submit([dir](const ProgressFn& progress, const std::atomic<bool>&) {
    progress(0.1, QCoreApplication::translate("MainWindow", "Checking %1").arg(dir));
    const ModelDirectoryInfo info = checkModelDirectory(dir);
    return QVariant::fromValue(QStringList{info.name, info.model_type, QString::number(info.tensor_count)});
  });
  jobStarted(tr("Opening model…"), job);
  auto connections = std::make_shared<QList<QMetaObject::Connection>>();
  *connections << connect(&worker_, &EngineWorkerHost::finished, this, [this, job, connections, dir](const JobResult& r) {
    if (r.job != job) return;
    for (const auto& c : *connections) disconnect(c);
    jobEnded(job);
    chat_->addModel(dir);  // the chat can talk to any model that was opened
    const QStringList info = r.value.toStringList();
    // The engine that runs it is not in this build yet: the lessons keep using sample data.
    model_label_->setText(tr("Model: %1 (%2, %3 tensors) — checked; running it arrives with the engine")
                              .arg(info.value(0), info.value(1), info.value(2)));
  });
  *connections << connect(&worker_, &EngineWorkerHost::failed, this, [this, job, connections](const JobFailure& f) {
    if (f.job != job) return;
    for (const auto& c : *connections) disconnect(c);
    jobEnded(job);
    if (!f.cancelled) QMessageBox::warning(this, tr("Cannot open this model"), f.message);
  });
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
