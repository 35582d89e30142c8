#pragma once
#include <QJsonObject>
#include <QPointer>

#include "app/classifier_controller.h"
#include "views/export.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace glassbox { namespace views {
class ClassifierView;
}}

namespace glassbox { namespace app {

// Spam-classifier finetuning as a lesson step shows it: the settings (base model, what
// trains, epochs or a step limit, learning rate, batch, tokens per message), Start / Cancel /
// Save…, progress with an ETA, a few ham and spam e-mails, and the ClassifierView fed by the
// app's one ClassifierController (curves while it trains, the test confusion matrix with
// accuracy before and after, and the "type a message" box answered by the worker).
//
// Before the learner's first run the view shows the bundled glassbox-classifier's own
// training log, labelled as such. Lesson parameters (all optional) preset the form when no
// run is active: train ("head", "last-block", "all", "lora"), lora_rank, epochs, max_steps,
// lr, batch, max_tokens; text fills the message box.
class ClassifierPage : public views::ExportableView {
  Q_OBJECT
 public:
  ClassifierPage(ClassifierController* controller, const QJsonObject& params, QWidget* parent = nullptr);

  views::ClassifierView* view() const { return view_; }
  QString csv() const override;
  QWidget* pictureWidget() override;

  // Applies lesson parameters to settings (a pure function, for tests).
  static ClassifierSettings applyParams(ClassifierSettings settings, const QJsonObject& params);
  // What the state line says (for tests and the status of a run).
  QString stateText() const;
  QString examplesText() const;

 private:
  void buildForm();
  void fillForm();
  void readForm();
  void updateButtons();
  void showState(ClassifierController::State state);
  void showRun();      // the controller's current run (curves, matrix, progress)
  void showPreview();  // the bundled classifier's log, before the learner's first run
  void showExamples();

  QPointer<ClassifierController> controller_;
  views::ClassifierView* view_ = nullptr;
  bool filling_ = false;

  QComboBox* base_ = nullptr;
  QComboBox* part_ = nullptr;
  QSpinBox* lora_rank_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* max_steps_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* max_tokens_ = nullptr;
  QLabel* estimate_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* save_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* state_ = nullptr;
  QLabel* examples_ = nullptr;
};

}}  // namespace glassbox::app
