#include "app/classifier_page.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QScrollArea>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <cmath>

#include "app/model_paths.h"
#include "app/settings_column.h"
#include "views/classifier_view.h"

namespace glassbox { namespace app {

namespace {

// Training messages of the balanced split (70% of 2 × 1,896), for the step count before a run.
constexpr int kTrainMessages = 2654;
// Seconds one step takes on a 2-core laptop CPU with glassbox-base, batch 8 and 64 tokens
// (measured on a busy machine with glassbox-cli finetune classify); other batches and
// lengths scale it.
double secondsPerStep(gb::TrainPart part) {
  switch (part) {
    case gb::TrainPart::Head: return 0.12;
    case gb::TrainPart::LastBlock: return 0.15;
    case gb::TrainPart::All: return 0.4;
    case gb::TrainPart::Lora: return 0.45;
  }
  return 0.4;
}

QString percent(double x) { return QStringLiteral("%1%").arg(100.0 * x, 0, 'f', 1); }

QString duration(double seconds) {
  if (seconds < 90) return ClassifierPage::tr("%1 s").arg(std::max(1, static_cast<int>(std::lround(seconds))));
  return ClassifierPage::tr("%1 min").arg(std::max(2, static_cast<int>(std::lround(seconds / 60.0))));
}

}  // namespace

ClassifierPage::ClassifierPage(ClassifierController* controller, const QJsonObject& params, QWidget* parent)
    : ExportableView(parent), controller_(controller) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  view_ = new views::ClassifierView(this);
  buildForm();
  layout->addWidget(view_, 1);
  if (!controller_->isActive()) controller_->setSettings(applyParams(controller_->settings(), params));
  fillForm();

  connect(controller_, &ClassifierController::stateChanged, this, [this](ClassifierController::State s) { showState(s); });
  connect(controller_, &ClassifierController::runReset, this, [this] { showRun(); });
  connect(controller_, &ClassifierController::prepared, this, [this] { showExamples(); });
  connect(controller_, &ClassifierController::pointsAdded, this, [this] { view_->setPoints(controller_->points()); });
  connect(controller_, &ClassifierController::accuracyBeforeMeasured, this, [this](double a) {
    view_->setAccuracyText(tr("Test accuracy before finetuning: %1 (%2 messages)").arg(percent(a)).arg(controller_->testCount()));
  });
  connect(controller_, &ClassifierController::progressChanged, this, [this] { showState(controller_->state()); });
  connect(controller_, &ClassifierController::evaluating, this, [this] { showState(controller_->state()); });
  connect(controller_, &ClassifierController::confusionReady, this,
          [this](const trace::ConfusionCounts& c, double before) {
            view_->setConfusion(c, before);
            view_->setNotice(QString());
            // The message box now answers with the classifier just finetuned.
            if (!view_->inputText().isEmpty()) controller_->classify(view_->inputText());
          });
  connect(controller_, &ClassifierController::prediction, this, [this](const trace::ClassPrediction& p) {
    if (QString::fromStdString(p.text) == view_->inputText()) view_->setPrediction(p);
  });
  connect(controller_, &ClassifierController::previewReady, this, [this] {
    showExamples();
    if (!controller_->isActive() && controller_->points().empty()) showPreview();
  });
  connect(controller_, &ClassifierController::saved, this, [this](const QString& dir) {
    state_->setText(tr("Saved to %1 (config.json, model.safetensors, tokenizer.json). "
                       "glassbox-cli classify --model with this folder classifies with it.")
                        .arg(QDir::toNativeSeparators(dir)));
  });
  connect(controller_, &ClassifierController::failed, this, [this](const QString& error) {
    state_->setText(tr("Error: %1").arg(error));
  });
  connect(view_, &views::ClassifierView::textEdited, this, [this](const QString& text) {
    if (text.trimmed().isEmpty()) view_->setPrediction({});
    else controller_->classify(text);
  });

  const QString text = params.value(QStringLiteral("text")).toString();
  if (!text.isEmpty()) {
    view_->setInputText(text);
    controller_->classify(text);
  }
  showRun();
  showExamples();
  showState(controller_->state());
  controller_->loadPreview();
}

ClassifierSettings ClassifierPage::applyParams(ClassifierSettings s, const QJsonObject& p) {
  auto num = [&p](const char* key, double fallback) { return p.value(QLatin1String(key)).toDouble(fallback); };
  if (p.contains(QStringLiteral("train"))) {
    try {
      s.part = gb::parse_train_part(p.value(QStringLiteral("train")).toString().toStdString());
      s.lr = ClassifierController::defaultLearningRate(s.part);
    } catch (const std::exception&) {
      // An unknown name keeps the current choice (lessons are checked by test_lessons).
    }
  }
  s.lora_rank = static_cast<int>(num("lora_rank", s.lora_rank));
  s.epochs = static_cast<int>(num("epochs", s.epochs));
  s.max_steps = static_cast<int>(num("max_steps", s.max_steps));
  s.lr = num("lr", s.lr);
  s.batch = static_cast<int>(num("batch", s.batch));
  s.max_tokens = static_cast<int>(num("max_tokens", s.max_tokens));
  return s;
}

void ClassifierPage::buildForm() {
  SettingsColumn settings(this, 320, 400);
  QWidget* panel = settings.panel;
  QVBoxLayout* column = settings.column;
  QFormLayout* form = settings.form;

  // The two choosers take the column's whole width under their labels: their entries
  // ("glassbox-base (bundled)", "LoRA (frozen weights + …)") are longer than a field.
  base_ = new QComboBox(panel);
  form->addRow(new QLabel(tr("Start from"), panel));
  form->addRow(base_);
  part_ = new QComboBox(panel);
  part_->addItem(tr("the head only"), static_cast<int>(gb::TrainPart::Head));
  part_->addItem(tr("last block + final norm + head"), static_cast<int>(gb::TrainPart::LastBlock));
  part_->addItem(tr("all weights"), static_cast<int>(gb::TrainPart::All));
  part_->addItem(tr("LoRA (frozen weights + low-rank matrices)"), static_cast<int>(gb::TrainPart::Lora));
  form->addRow(new QLabel(tr("What trains"), panel));
  form->addRow(part_);
  lora_rank_ = countSpin(panel, 1, 64);
  form->addRow(tr("LoRA rank"), lora_rank_);
  epochs_ = countSpin(panel, 1, 20);
  form->addRow(tr("Epochs"), epochs_);
  max_steps_ = countSpin(panel, 0, 100'000, 50);
  max_steps_->setSpecialValueText(tr("no limit"));
  form->addRow(tr("At most"), max_steps_);
  max_steps_->setSuffix(tr(" steps"));
  lr_ = new QDoubleSpinBox(panel);
  lr_->setDecimals(5);
  lr_->setRange(0.00001, 0.1);
  lr_->setSingleStep(0.0001);
  form->addRow(tr("Peak learning rate"), lr_);
  batch_ = countSpin(panel, 1, 256);
  form->addRow(tr("Batch"), batch_);
  max_tokens_ = countSpin(panel, 8, 1024, 8);
  max_tokens_->setSuffix(tr(" tokens"));
  form->addRow(tr("Each message cut to"), max_tokens_);
  estimate_ = new QLabel(panel);
  estimate_->setWordWrap(true);
  column->addWidget(estimate_);
  for (QComboBox* box : {base_, part_}) {
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
  }

  auto* buttons = new QGridLayout;
  start_ = new QPushButton(tr("Finetune"), panel);
  cancel_ = new QPushButton(tr("Cancel"), panel);
  save_ = new QPushButton(tr("Save…"), panel);
  buttons->addWidget(start_, 0, 0);
  buttons->addWidget(cancel_, 0, 1);
  buttons->addWidget(save_, 1, 0, 1, 2);
  column->addLayout(buttons);
  progress_ = new QProgressBar(panel);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  column->addWidget(progress_);
  state_ = new QLabel(panel);
  state_->setWordWrap(true);
  column->addWidget(state_);
  auto* examples_title = new QLabel(tr("<b>A few of the e-mails</b> (training split, first %1 characters)").arg(160), panel);
  examples_title->setWordWrap(true);
  column->addWidget(examples_title);
  examples_ = new QLabel(panel);
  examples_->setWordWrap(true);
  examples_->setTextFormat(Qt::RichText);
  column->addWidget(examples_);
  settings.finish();
  layout()->addWidget(settings.scroll);

  auto changed = [this] {
    if (filling_ || !controller_) return;
    readForm();
  };
  connect(base_, &QComboBox::currentIndexChanged, this, changed);
  connect(part_, &QComboBox::currentIndexChanged, this, [this, changed] {
    if (filling_) return;
    const auto part = static_cast<gb::TrainPart>(part_->currentData().toInt());
    lora_rank_->setEnabled(part == gb::TrainPart::Lora);
    {
      const QSignalBlocker block(lr_);
      lr_->setValue(ClassifierController::defaultLearningRate(part));  // each part has its own good step size
    }
    changed();
  });
  for (QSpinBox* s : {lora_rank_, epochs_, max_steps_, batch_, max_tokens_})
    connect(s, &QSpinBox::valueChanged, this, changed);
  connect(lr_, &QDoubleSpinBox::valueChanged, this, changed);
  connect(start_, &QPushButton::clicked, this, [this] {
    if (controller_) controller_->start();
  });
  connect(cancel_, &QPushButton::clicked, this, [this] {
    if (controller_) controller_->cancel();
  });
  connect(save_, &QPushButton::clicked, this, [this] {
    if (!controller_ || !controller_->hasTrained()) return;
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(QStringLiteral("my-spam-classifier"));
    const QString dir = QFileDialog::getSaveFileName(this, tr("Save the classifier as a model folder"), suggested);
    if (dir.isEmpty()) return;
    if (QFileInfo(dir).isFile()) {
      QMessageBox::warning(this, tr("Save the classifier"), tr("%1 is a file; choose a folder name.").arg(dir));
      return;
    }
    state_->setText(tr("Saving…"));
    controller_->save(dir);
  });
}

void ClassifierPage::fillForm() {
  const ClassifierSettings& s = controller_->settings();
  filling_ = true;
  base_->clear();
  base_->addItem(tr("glassbox-base (bundled)"), QString());
  const QString opened = controller_->openedModel();
  if (!opened.isEmpty() && QFileInfo(opened).canonicalFilePath() != QFileInfo(findBundledModel()).canonicalFilePath())
    base_->addItem(tr("the model open in the app: %1").arg(QFileInfo(opened).fileName()), opened);
  if (!s.base_model.isEmpty() && base_->findData(s.base_model) < 0)
    base_->addItem(QFileInfo(s.base_model).fileName(), s.base_model);
  base_->setCurrentIndex(std::max(0, base_->findData(s.base_model)));
  part_->setCurrentIndex(std::max(0, part_->findData(static_cast<int>(s.part))));
  lora_rank_->setValue(s.lora_rank);
  lora_rank_->setEnabled(s.part == gb::TrainPart::Lora);
  epochs_->setValue(s.epochs);
  max_steps_->setValue(s.max_steps);
  lr_->setValue(s.lr > 0 ? s.lr : ClassifierController::defaultLearningRate(s.part));
  batch_->setValue(s.batch);
  max_tokens_->setValue(s.max_tokens);
  filling_ = false;
  readForm();
}

void ClassifierPage::readForm() {
  ClassifierSettings s = controller_->settings();
  s.base_model = base_->currentData().toString();
  s.part = static_cast<gb::TrainPart>(part_->currentData().toInt());
  s.lora_rank = lora_rank_->value();
  s.epochs = epochs_->value();
  s.max_steps = max_steps_->value();
  s.lr = lr_->value();
  s.batch = batch_->value();
  s.max_tokens = max_tokens_->value();
  controller_->setSettings(s);
  // The run's length before it starts: steps from the split size, seconds from a measured rate.
  const int per_epoch = (kTrainMessages + s.batch - 1) / s.batch;
  const int steps = s.max_steps > 0 ? std::min(s.max_steps, s.epochs * per_epoch) : s.epochs * per_epoch;
  const double seconds = steps * secondsPerStep(s.part) * (s.batch / 8.0) * (s.max_tokens / 64.0);
  estimate_->setText(tr("%L1 steps of %2 messages (an epoch is %L3 steps): about %4 on a 2-core laptop, "
                        "plus under a minute to measure the test set before and after.")
                         .arg(steps)
                         .arg(s.batch)
                         .arg(per_epoch)
                         .arg(duration(seconds)));
}

void ClassifierPage::updateButtons() {
  const bool active = controller_->isActive();
  start_->setEnabled(!active);
  cancel_->setEnabled(active && controller_->state() != ClassifierController::State::Cancelling);
  save_->setEnabled(!active && controller_->hasTrained());
  for (QWidget* w : std::initializer_list<QWidget*>{base_, part_, epochs_, max_steps_, lr_, batch_, max_tokens_})
    w->setEnabled(!active);
  lora_rank_->setEnabled(!active && static_cast<gb::TrainPart>(part_->currentData().toInt()) == gb::TrainPart::Lora);
}

QString ClassifierPage::stateText() const { return state_->text(); }

void ClassifierPage::showState(ClassifierController::State s) {
  using State = ClassifierController::State;
  updateButtons();
  const qint64 step = controller_->stepsDone(), total = controller_->totalSteps();
  double fraction = 0;
  QString text;
  switch (s) {
    case State::Idle:
      text = tr("Not finetuned yet. Finetune puts a new 2-class head on %1 and trains it; until then the message box "
                "answers with %2.")
                 .arg(base_->currentText(), controller_->predictorName());
      break;
    case State::Preparing:
      text = tr("Loading the model and the e-mails, tokenizing…");
      break;
    case State::Measuring:
      text = tr("Measuring test accuracy before finetuning (a random head)…");
      break;
    case State::Training:
      fraction = total > 0 ? static_cast<double>(step) / static_cast<double>(total) : 0.0;
      text = controller_->etaSeconds() >= 0
                 ? tr("Step %L1 of %L2, about %3 left. %L4 of %L5 weights train.")
                       .arg(step)
                       .arg(total)
                       .arg(duration(controller_->etaSeconds()))
                       .arg(controller_->trainableParameters())
                       .arg(controller_->totalParameters())
                 : tr("Step %L1 of %L2. %L3 of %L4 weights train.")
                       .arg(step)
                       .arg(total)
                       .arg(controller_->trainableParameters())
                       .arg(controller_->totalParameters());
      break;
    case State::Evaluating:
      fraction = 1.0;
      text = tr("Measuring test accuracy after finetuning…");
      break;
    case State::Cancelling:
      text = tr("Cancelling after this step…");
      break;
    case State::Finished:
      fraction = 1.0;
      text = tr("Finetuned in %L1 steps. The message box now answers with this classifier; Save… keeps it.").arg(step);
      break;
    case State::Cancelled:
      text = tr("Cancelled after %L1 of %L2 steps. The message box still answers with %3.")
                 .arg(step)
                 .arg(total)
                 .arg(controller_->predictorName());
      break;
    case State::Failed:
      text = tr("Error: %1").arg(controller_->lastError());
      break;
  }
  progress_->setValue(static_cast<int>(fraction * 1000));
  state_->setText(text);
}

void ClassifierPage::showRun() {
  if (controller_->state() == ClassifierController::State::Idle && controller_->points().empty()) {
    if (controller_->hasPreview()) showPreview();
    return;
  }
  view_->setNotice(QString());
  view_->setPoints(controller_->points());
  if (!controller_->confusion().labels.empty()) {
    view_->setConfusion(controller_->confusion(), controller_->accuracyBefore());
  } else {
    view_->setConfusion({}, std::nan(""));
    if (std::isfinite(controller_->accuracyBefore()))
      view_->setAccuracyText(tr("Test accuracy before finetuning: %1 (%2 messages)")
                                 .arg(percent(controller_->accuracyBefore()))
                                 .arg(controller_->testCount()));
  }
}

void ClassifierPage::showPreview() {
  if (controller_->previewPoints().empty()) {
    view_->setNotice(tr("Press Finetune to train the classifier and draw its curves here."));
    return;
  }
  view_->setPoints(controller_->previewPoints());
  view_->setConfusion(controller_->previewConfusion(), controller_->previewAccuracyBefore());
  view_->setNotice(tr("Before your run: how the bundled glassbox-classifier was finetuned (its training log: every weight, "
                      "3 epochs, %1 on 2 cores). Press Finetune to draw your own.")
                       .arg(duration(controller_->previewSeconds())));
}

void ClassifierPage::showExamples() {
  QStringList rows;
  for (const ClassifierExample& e : controller_->examples())
    rows << QStringLiteral("<p><b>%1</b>: %2</p>")
                .arg(views::ClassifierView::labelName(e.label.toStdString()).toHtmlEscaped(), e.text.toHtmlEscaped());
  examples_->setText(rows.join(QString()));
}

QString ClassifierPage::examplesText() const { return examples_->text(); }
QString ClassifierPage::csv() const { return view_->csv(); }
QWidget* ClassifierPage::pictureWidget() { return view_->pictureWidget(); }

}}  // namespace glassbox::app
