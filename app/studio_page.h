#pragma once
#include <QJsonObject>
#include <QPointer>

#include "app/studio_controller.h"
#include "views/export.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace glassbox { namespace views {
class StudioView;
}}

namespace glassbox { namespace app {
class DataSource;
}}

namespace glassbox { namespace app {

// The training studio as a lesson step shows it: the settings form (corpus, tokenizer, model
// size with its live parameter count and memory estimate, device, batch, context, steps,
// learning rate and warmup), the Start / Pause / Resume / Stop buttons, and the StudioView
// fed by the app's one StudioController, so a run keeps going while the learner moves
// between steps and every page shows the same run.
//
// Lesson parameters (all optional) preset the form when no run is active:
//   corpus, corpus_chars, tokenizer ("bpe" or a name), bpe_vocab, preset, dropout, steps,
//   batch, context, lr, warmup, eval_every, sample_every, snapshot_every, seed;
//   tab (0 charts, 1 samples, 2 attention through time);
//   log: "glassbox-base" shows that bundled model's training_log.json instead of a run.
class StudioPage : public views::ExportableView {
  Q_OBJECT
 public:
  // controller: the app's (StudioController::instance()). Without one (a view test), the
  // page shows `sample`'s training curve, labelled as such.
  StudioPage(StudioController* controller, const QJsonObject& params, DataSource* sample = nullptr,
             QWidget* parent = nullptr);

  views::StudioView* view() const { return view_; }
  QString csv() const override;
  QWidget* pictureWidget() override;

  // Applies lesson parameters to settings (a pure function, for tests).
  static gb::RunSettings applyParams(gb::RunSettings settings, const QJsonObject& params);

 private:
  void buildForm();
  void fillForm();
  void readForm();
  void updateEstimate();
  void updateButtons();
  void showState(StudioController::State state);
  void attachRun();
  // preview: shown before the learner's first run, and dropped as soon as one begins.
  void loadLog(const QString& model, bool preview);

  QPointer<StudioController> controller_;
  EngineWorkerHost* worker_ = nullptr;
  views::StudioView* view_ = nullptr;
  bool filling_ = false;
  QString text_file_;

  QComboBox* corpus_ = nullptr;
  QPushButton* open_text_ = nullptr;
  QSpinBox* corpus_chars_ = nullptr;
  QLabel* corpus_size_ = nullptr;
  QComboBox* tokenizer_ = nullptr;
  QSpinBox* bpe_vocab_ = nullptr;
  QComboBox* preset_ = nullptr;
  QSpinBox* layers_ = nullptr;
  QSpinBox* width_ = nullptr;
  QSpinBox* heads_ = nullptr;
  QSpinBox* model_context_ = nullptr;
  QDoubleSpinBox* dropout_ = nullptr;
  QLabel* estimate_ = nullptr;
  QComboBox* device_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* context_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QSpinBox* warmup_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* pause_ = nullptr;
  QPushButton* resume_ = nullptr;
  QPushButton* stop_ = nullptr;
  QLabel* state_ = nullptr;
  QTimer* measure_timer_ = nullptr;
};

}}  // namespace glassbox::app
