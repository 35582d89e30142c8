// MainWindow and the training studio: closing the app mid-run asks first, then saves a
// checkpoint (the studio's Resume continues the same curve next time), so nothing is lost.
// Closing mid-finetune of the classifier asks too: that run has no checkpoint and is dropped.
#include <QCloseEvent>
#include <QMessageBox>

#include "app/classifier_controller.h"
#include "app/instruct_controller.h"
#include "app/main_window.h"
#include "app/studio_controller.h"

namespace glassbox { namespace app {

void MainWindow::closeEvent(QCloseEvent* event) {
  if (studio_ && studio_->isActive()) {
    const auto answer = QMessageBox::question(
        this, tr("A model is training"),
        tr("The training studio is running. Save a checkpoint and quit? Resume in the studio continues the run "
           "where it stopped."),
        QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Save);
    if (answer != QMessageBox::Save) {
      event->ignore();
      return;
    }
    if (!studio_->stopAndWait()) {
      QMessageBox::warning(this, tr("A model is training"),
                           tr("The checkpoint could not be saved in time; the app stays open."));
      event->ignore();
      return;
    }
  }
  if (instruct_ && instruct_->isTraining()) {
    // An instruction finetune keeps no checkpoint: quitting loses it, so ask.
    const auto answer = QMessageBox::question(
        this, tr("A model is being finetuned"),
        tr("Instruction finetuning is running and will be lost if you quit. Quit anyway?"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Discard) {
      event->ignore();
      return;
    }
    instruct_->cancel();
    instruct_->waitIdle(30000);
  }
  if (classifier_ && classifier_->isActive()) {
    const auto answer = QMessageBox::question(
        this, tr("A classifier is finetuning"),
        tr("The spam classifier is still finetuning. Quit and lose this run? (Only a finished run can be saved.)"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Discard) {
      event->ignore();
      return;
    }
    classifier_->cancelAndWait();  // stops after the current step; the worker stops next
  }
  event->accept();
}

}}  // namespace glassbox::app
