#pragma once
#include <QJsonObject>
#include <QPointer>

#include "app/instruct_controller.h"
#include "views/export.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace glassbox { namespace views {
class LossChartView;
class ResponseTableView;
}}

namespace glassbox { namespace app {

// Instruction finetuning, evaluation and comparison as lessons 8 and 9 show them: the
// settings form (base model, data, full or LoRA with rank, alpha and modules, epochs, steps,
// learning rate, batch, length, prompt masking; trainable of total parameters and how long
// it will take), Start / Cancel / Save / Chat with it, Evaluate / Compare / Multiple choice /
// Judge, a progress line, and tabs with the live loss curve and the four tables, all fed by
// the app's one InstructController, so a run keeps going while the learner moves on.
//
// Lesson parameter: tab ("curves", "answers", "compare", "choice" or "judge").
class InstructPage : public views::ExportableView {
  Q_OBJECT
 public:
  explicit InstructPage(InstructController* controller, const QJsonObject& params, QWidget* parent = nullptr);

  views::LossChartView* chart() const { return chart_; }
  views::ResponseTableView* tableView(InstructController::Table t) const { return tables_[t]; }
  QTabWidget* tabs() const { return tabs_; }
  QString csv() const override;
  QWidget* pictureWidget() override;

  static int tabIndex(const QString& name);

 private:
  void buildForm(QWidget* form);
  void fillForm();
  void readForm();
  void updateEstimate();
  void updateButtons();
  void showTable(int table);
  void showCurve();

  QPointer<InstructController> controller_;
  bool filling_ = false;
  views::LossChartView* chart_ = nullptr;
  views::ResponseTableView* tables_[InstructController::TableCount] = {};
  QTabWidget* tabs_ = nullptr;

  QLabel* base_ = nullptr;
  QLabel* data_ = nullptr;
  QLabel* benchmark_ = nullptr;
  QComboBox* method_ = nullptr;
  QSpinBox* rank_ = nullptr;
  QDoubleSpinBox* alpha_ = nullptr;
  QLineEdit* modules_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* max_steps_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* max_length_ = nullptr;
  QCheckBox* mask_prompt_ = nullptr;
  QSpinBox* items_ = nullptr;
  QSpinBox* new_tokens_ = nullptr;
  QCheckBox* judge_alpaca_ = nullptr;
  QLabel* parameters_ = nullptr;
  QLabel* estimate_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* save_ = nullptr;
  QPushButton* chat_ = nullptr;
  QPushButton* evaluate_ = nullptr;
  QPushButton* compare_ = nullptr;
  QPushButton* choice_ = nullptr;
  QPushButton* judge_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* error_ = nullptr;
};

}}  // namespace glassbox::app
