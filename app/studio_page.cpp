#include "app/studio_page.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QScrollArea>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "app/data_source.h"
#include "app/settings_column.h"
#include "engine/core/paths.h"
#include "engine/train/corpus.h"
#include "views/studio_view.h"

namespace glassbox { namespace app {

namespace {

QString megabytes(int64_t bytes) { return QString::number(static_cast<double>(bytes) / 1e6, 'f', bytes < 10'000'000 ? 1 : 0); }

// The shipped training log shown by the "log" parameter, read on the worker.
struct LogResult {
  gb::TrainingLog log;
  int64_t vocabulary = 0;
};

}  // namespace

StudioPage::StudioPage(StudioController* controller, const QJsonObject& params, DataSource* sample, QWidget* parent)
    : ExportableView(parent), controller_(controller), worker_(controller ? &controller->worker() : nullptr) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  view_ = new views::StudioView(this);
  const QString log = params.value(QStringLiteral("log")).toString();
  if (!log.isEmpty()) {
    // "How this model was made": the bundled model's own curve, no form, no run.
    layout->addWidget(view_, 1);
    loadLog(log, false);
    return;
  }
  if (!controller_) {
    // No app around it: a labelled sample curve, so the view still shows what it draws.
    layout->addWidget(view_, 1);
    view_->setNotice(tr("Sample curve (hand-made): the studio trains in the app."));
    if (sample) {
      QPointer<views::StudioView> guard(view_);
      sample->trainingLoss([guard](std::vector<trace::LossPoint> points) {
        if (!guard) return;
        std::vector<trace::TrainingStep> steps;
        for (const auto& p : points) steps.push_back({p.step, p.train, p.val, 0.0, 0.0, 0.0});
        guard->reset(50257);
        guard->addSteps(steps);
      });
    }
    return;
  }
  buildForm();
  layout->addWidget(view_, 1);
  view_->showTab(params.value(QStringLiteral("tab")).toInt(0));
  if (!controller_->isActive()) controller_->setSettings(applyParams(controller_->settings(), params));
  fillForm();
  attachRun();
  showState(controller_->state());
  updateEstimate();
  controller_->measureCorpus();
  if (controller_->vocabulary() == 0) loadLog(QStringLiteral("glassbox-base"), true);
}

gb::RunSettings StudioPage::applyParams(gb::RunSettings s, const QJsonObject& p) {
  auto num = [&p](const char* key, double fallback) { return p.value(QLatin1String(key)).toDouble(fallback); };
  if (p.contains(QStringLiteral("preset"))) {
    const gb::ModelConfig c = StudioController::presetConfig(p.value(QStringLiteral("preset")).toString());
    s.model = c;
    s.train.context = std::min<int64_t>(s.train.context > 0 ? s.train.context : c.context_length, c.context_length);
  }
  if (p.contains(QStringLiteral("corpus"))) {
    s.corpus = p.value(QStringLiteral("corpus")).toString().toStdString();
    s.text_file.clear();
  }
  s.corpus_chars = static_cast<int64_t>(num("corpus_chars", static_cast<double>(s.corpus_chars)));
  if (p.contains(QStringLiteral("tokenizer"))) s.tokenizer = p.value(QStringLiteral("tokenizer")).toString().toStdString();
  s.bpe_vocab = static_cast<int32_t>(num("bpe_vocab", s.bpe_vocab));
  s.model.drop_rate = static_cast<float>(num("dropout", s.model.drop_rate));
  s.train.steps = static_cast<int64_t>(num("steps", static_cast<double>(s.train.steps)));
  s.train.batch = static_cast<int64_t>(num("batch", static_cast<double>(s.train.batch)));
  s.train.context = static_cast<int64_t>(num("context", static_cast<double>(s.train.context)));
  s.train.lr = static_cast<float>(num("lr", s.train.lr));
  s.train.warmup = static_cast<int64_t>(num("warmup", static_cast<double>(s.train.warmup)));
  s.train.eval_every = static_cast<int64_t>(num("eval_every", static_cast<double>(s.train.eval_every)));
  s.train.seed = static_cast<uint64_t>(num("seed", static_cast<double>(s.train.seed)));
  s.sample_every = static_cast<int64_t>(num("sample_every", static_cast<double>(s.sample_every)));
  s.snapshot_every = static_cast<int64_t>(num("snapshot_every", static_cast<double>(s.snapshot_every)));
  return s;
}

void StudioPage::buildForm() {
  SettingsColumn settings(this, 340, 420);
  QWidget* panel = settings.panel;
  QVBoxLayout* column = settings.column;
  QFormLayout* form = settings.form;

  corpus_ = new QComboBox(panel);
  for (const gb::CorpusInfo& c : gb::corpora()) {
    // Titles in the learner's language; the engine's English title for any other corpus.
    QString title = QString::fromStdString(c.title);
    if (c.name == "moby-dick") title = tr("Moby-Dick (Herman Melville, 1851)");
    else if (c.name == "sotu") title = tr("State of the Union addresses (1790–2016)");
    else if (c.name == "brown") title = tr("Brown Corpus (American English, 1961)");
    if (!c.available) title += QStringLiteral(" — ") + tr("not installed");
    corpus_->addItem(title, QString::fromStdString(c.name));
  }
  auto* corpus_row = new QHBoxLayout;
  corpus_row->addWidget(corpus_, 1);
  open_text_ = new QPushButton(tr("Open text…"), panel);
  corpus_row->addWidget(open_text_);
  form->addRow(tr("Corpus"), corpus_row);
  corpus_chars_ = countSpin(panel, 0, 100'000'000, 1000);
  corpus_chars_->setSpecialValueText(tr("all of it"));
  corpus_chars_->setSuffix(tr(" characters"));
  form->addRow(tr("Use only the first"), corpus_chars_);
  corpus_size_ = new QLabel(tr("counting…"), panel);
  corpus_size_->setWordWrap(true);
  form->addRow(QString(), corpus_size_);

  tokenizer_ = new QComboBox(panel);
  tokenizer_->addItem(tr("BPE trained on this corpus"), QStringLiteral("bpe"));
  tokenizer_->addItem(tr("GPT-2 (50,257 tokens)"), QStringLiteral("gpt2"));
  form->addRow(tr("Tokenizer"), tokenizer_);
  bpe_vocab_ = countSpin(panel, 257, 65536, 256);
  bpe_vocab_->setSuffix(tr(" tokens"));
  form->addRow(tr("BPE vocabulary"), bpe_vocab_);

  preset_ = new QComboBox(panel);
  for (const QString& p : StudioController::presetNames()) preset_->addItem(p, p);
  preset_->addItem(tr("custom"), QStringLiteral("custom"));
  form->addRow(tr("Model size"), preset_);
  layers_ = countSpin(panel, 1, 48);
  form->addRow(tr("Layers"), layers_);
  width_ = countSpin(panel, 8, 2048, 8);
  form->addRow(tr("Embedding width"), width_);
  heads_ = countSpin(panel, 1, 32);
  form->addRow(tr("Attention heads"), heads_);
  model_context_ = countSpin(panel, 8, 2048, 8);
  form->addRow(tr("Context length"), model_context_);
  dropout_ = new QDoubleSpinBox(panel);
  dropout_->setRange(0.0, 0.9);
  dropout_->setSingleStep(0.05);
  form->addRow(tr("Dropout"), dropout_);
  estimate_ = new QLabel(panel);
  estimate_->setWordWrap(true);
  form->addRow(QString(), estimate_);

  device_ = new QComboBox(panel);
  device_->addItem(tr("CPU"), QStringLiteral("cpu"));
  device_->addItem(tr("GPU (Vulkan)"), QStringLiteral("vulkan"));
  form->addRow(tr("Device"), device_);
  batch_ = countSpin(panel, 1, 1024);
  form->addRow(tr("Batch"), batch_);
  context_ = countSpin(panel, 4, 2048, 8);
  form->addRow(tr("Training context"), context_);
  steps_ = countSpin(panel, 1, 1'000'000, 50);
  form->addRow(tr("Steps"), steps_);
  lr_ = new QDoubleSpinBox(panel);
  lr_->setDecimals(5);
  lr_->setRange(0.00001, 0.1);
  lr_->setSingleStep(0.0001);
  form->addRow(tr("Peak learning rate"), lr_);
  warmup_ = countSpin(panel, 0, 100'000, 10);
  warmup_->setSuffix(tr(" steps, then cosine"));
  form->addRow(tr("Warmup"), warmup_);

  auto* buttons = new QGridLayout;
  start_ = new QPushButton(tr("Train"), panel);
  pause_ = new QPushButton(tr("Pause"), panel);
  resume_ = new QPushButton(tr("Resume"), panel);
  stop_ = new QPushButton(tr("Stop"), panel);
  buttons->addWidget(start_, 0, 0);
  buttons->addWidget(stop_, 0, 1);
  buttons->addWidget(pause_, 1, 0);
  buttons->addWidget(resume_, 1, 1);
  column->addLayout(buttons);
  // Long corpus titles must not widen the form past its column.
  for (QComboBox* box : {corpus_, tokenizer_, preset_, device_}) {
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
  }
  state_ = new QLabel(panel);
  state_->setWordWrap(true);
  column->addWidget(state_);
  settings.finish();
  layout()->addWidget(settings.scroll);

  measure_timer_ = new QTimer(this);
  measure_timer_->setSingleShot(true);
  measure_timer_->setInterval(500);
  connect(measure_timer_, &QTimer::timeout, this, [this] {
    if (controller_) controller_->measureCorpus();
  });

  auto changed = [this](bool remeasure) {
    if (filling_ || !controller_) return;
    readForm();
    updateEstimate();
    if (remeasure) {
      corpus_size_->setText(tr("counting…"));
      measure_timer_->start();
    }
  };
  connect(corpus_, &QComboBox::currentIndexChanged, this, [changed] { changed(true); });
  connect(corpus_chars_, &QSpinBox::valueChanged, this, [changed] { changed(true); });
  connect(tokenizer_, &QComboBox::currentIndexChanged, this, [this, changed] {
    bpe_vocab_->setEnabled(tokenizer_->currentData().toString() == QLatin1String("bpe"));
    changed(true);
  });
  connect(bpe_vocab_, &QSpinBox::valueChanged, this, [changed] { changed(true); });
  connect(preset_, &QComboBox::currentIndexChanged, this, [this, changed] {
    if (filling_) return;
    const QString name = preset_->currentData().toString();
    if (name == QLatin1String("custom")) return;
    const gb::ModelConfig c = StudioController::presetConfig(name);
    filling_ = true;
    layers_->setValue(static_cast<int>(c.n_layers));
    width_->setValue(static_cast<int>(c.emb_dim));
    heads_->setValue(static_cast<int>(c.n_heads));
    model_context_->setValue(static_cast<int>(c.context_length));
    context_->setValue(std::min(context_->value(), static_cast<int>(c.context_length)));
    dropout_->setValue(c.drop_rate);
    filling_ = false;
    changed(false);
  });
  // Changing a size by hand makes the model "custom".
  for (QSpinBox* s : {layers_, width_, heads_, model_context_})
    connect(s, &QSpinBox::valueChanged, this, [this, changed] {
      if (filling_) return;
      const QSignalBlocker block(preset_);
      preset_->setCurrentIndex(preset_->findData(QStringLiteral("custom")));
      changed(false);
    });
  connect(dropout_, &QDoubleSpinBox::valueChanged, this, [changed] { changed(false); });
  connect(device_, &QComboBox::currentIndexChanged, this, [changed] { changed(false); });
  for (QSpinBox* s : {batch_, context_, steps_, warmup_})
    connect(s, &QSpinBox::valueChanged, this, [changed] { changed(false); });
  connect(lr_, &QDoubleSpinBox::valueChanged, this, [changed] { changed(false); });

  connect(open_text_, &QPushButton::clicked, this, [this, changed] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Train on a text file"), QString(),
                                                      tr("Text files (*.txt *.md);;All files (*)"));
    if (path.isEmpty()) return;
    text_file_ = path;
    int index = corpus_->findData(QStringLiteral("file"));
    if (index < 0) {
      corpus_->addItem(QString(), QStringLiteral("file"));
      index = corpus_->count() - 1;
    }
    corpus_->setItemText(index, tr("File: %1").arg(QFileInfo(path).fileName()));
    const QSignalBlocker block(corpus_);
    corpus_->setCurrentIndex(index);
    changed(true);
  });
  connect(start_, &QPushButton::clicked, this, [this] {
    if (!controller_) return;
    if (controller_->canResume() &&
        QMessageBox::question(this, tr("Start a new run?"),
                              tr("A saved run can still be resumed. Starting a new run replaces it.")) != QMessageBox::Yes)
      return;
    controller_->start();
  });
  connect(pause_, &QPushButton::clicked, this, [this] {
    if (controller_) controller_->pause();
  });
  connect(resume_, &QPushButton::clicked, this, [this] {
    if (controller_) controller_->resume();
  });
  connect(stop_, &QPushButton::clicked, this, [this] {
    if (controller_) controller_->stop();
  });
}

void StudioPage::fillForm() {
  const gb::RunSettings& s = controller_->settings();
  filling_ = true;
  if (!s.text_file.empty()) {
    text_file_ = QString::fromStdString(s.text_file);
    corpus_->addItem(tr("File: %1").arg(QFileInfo(text_file_).fileName()), QStringLiteral("file"));
    corpus_->setCurrentIndex(corpus_->count() - 1);
  } else {
    corpus_->setCurrentIndex(std::max(0, corpus_->findData(QString::fromStdString(s.corpus))));
  }
  corpus_chars_->setValue(static_cast<int>(s.corpus_chars));
  const int tok = tokenizer_->findData(QString::fromStdString(s.tokenizer));
  if (tok < 0) tokenizer_->addItem(QString::fromStdString(s.tokenizer), QString::fromStdString(s.tokenizer));
  tokenizer_->setCurrentIndex(tok >= 0 ? tok : tokenizer_->count() - 1);
  bpe_vocab_->setValue(s.bpe_vocab);
  bpe_vocab_->setEnabled(s.tokenizer == "bpe");
  layers_->setValue(static_cast<int>(s.model.n_layers));
  width_->setValue(static_cast<int>(s.model.emb_dim));
  heads_->setValue(static_cast<int>(s.model.n_heads));
  model_context_->setValue(static_cast<int>(s.model.context_length));
  dropout_->setValue(s.model.drop_rate);
  QString preset = QStringLiteral("custom");
  for (const QString& p : StudioController::presetNames()) {
    const gb::ModelConfig c = StudioController::presetConfig(p);
    if (c.n_layers == s.model.n_layers && c.emb_dim == s.model.emb_dim && c.n_heads == s.model.n_heads &&
        c.context_length == s.model.context_length)
      preset = p;
  }
  preset_->setCurrentIndex(preset_->findData(preset));
  device_->setCurrentIndex(std::max(0, device_->findData(QString::fromStdString(s.device))));
  batch_->setValue(static_cast<int>(s.train.batch));
  context_->setValue(static_cast<int>(s.train.context > 0 ? s.train.context : s.model.context_length));
  steps_->setValue(static_cast<int>(s.train.steps));
  lr_->setValue(s.train.lr);
  warmup_->setValue(static_cast<int>(std::max<int64_t>(0, s.train.warmup)));
  filling_ = false;
}

void StudioPage::readForm() {
  gb::RunSettings s = controller_->settings();
  const QString corpus = corpus_->currentData().toString();
  if (corpus == QLatin1String("file")) {
    s.text_file = text_file_.toStdString();
  } else {
    s.text_file.clear();
    s.corpus = corpus.toStdString();
  }
  s.corpus_chars = corpus_chars_->value();
  s.tokenizer = tokenizer_->currentData().toString().toStdString();
  s.bpe_vocab = bpe_vocab_->value();
  s.model.n_layers = layers_->value();
  s.model.emb_dim = width_->value();
  s.model.n_heads = heads_->value();
  s.model.context_length = model_context_->value();
  s.model.drop_rate = static_cast<float>(dropout_->value());
  s.device = device_->currentData().toString().toStdString();
  s.train.batch = batch_->value();
  s.train.context = context_->value();
  s.train.steps = steps_->value();
  s.train.lr = static_cast<float>(lr_->value());
  s.train.warmup = warmup_->value();
  controller_->setSettings(s);
}

void StudioPage::updateEstimate() {
  if (!controller_) return;
  const gb::RunSettings& s = controller_->settings();
  QString problem;
  try {
    gb::RunSettings check = s;
    check.model.vocab_size = controller_->plannedVocabulary();
    check.validate();
  } catch (const std::exception& e) {
    problem = QString::fromUtf8(e.what());
  }
  if (!problem.isEmpty()) {
    estimate_->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(problem.toHtmlEscaped()));
  } else {
    const gb::TrainingFootprint f = controller_->footprint();
    estimate_->setText(tr("%L1 parameters (vocabulary %L2)<br>about %3 MB to train: weights %4, gradients %5, "
                          "AdamW moments %6, activations %7 MB")
                           .arg(f.parameters)
                           .arg(controller_->plannedVocabulary())
                           .arg(megabytes(f.total_bytes()), megabytes(f.weight_bytes), megabytes(f.gradient_bytes),
                                megabytes(f.optimizer_bytes), megabytes(f.activation_bytes)));
  }
  start_->setProperty("settings_ok", problem.isEmpty());
  updateButtons();
}

void StudioPage::updateButtons() {
  if (!controller_ || !start_) return;
  const auto st = controller_->state();
  const bool active = controller_->isActive();
  start_->setEnabled(!active && start_->property("settings_ok").toBool());
  pause_->setEnabled(st == StudioController::State::Training);
  resume_->setEnabled(controller_->canResume() && st != StudioController::State::Preparing &&
                      st != StudioController::State::Training && st != StudioController::State::Stopping);
  stop_->setEnabled(st == StudioController::State::Training || st == StudioController::State::Paused ||
                    st == StudioController::State::Preparing);
  for (QWidget* w : std::initializer_list<QWidget*>{corpus_, open_text_, corpus_chars_, tokenizer_, preset_, layers_, width_,
                                                    heads_, model_context_, dropout_, device_, batch_, context_, steps_,
                                                    lr_, warmup_})
    w->setEnabled(!active);
  bpe_vocab_->setEnabled(!active && tokenizer_->currentData().toString() == QLatin1String("bpe"));
}

void StudioPage::showState(StudioController::State st) {
  using S = StudioController::State;
  QString text;
  switch (st) {
    case S::Idle:
      text = controller_->canResume() ? tr("Stopped. A checkpoint is saved: Resume continues the same curve.")
                                      : tr("Ready. Press Train to start.");
      break;
    case S::Preparing: text = tr("Preparing…"); break;
    case S::Training: text = tr("Training."); break;
    case S::Paused: text = tr("Paused. A checkpoint is saved."); break;
    case S::Stopping: text = tr("Saving a checkpoint…"); break;
    case S::Finished: text = tr("Finished. The model is in %1").arg(controller_->runDirectory() + QStringLiteral("/checkpoint")); break;
    case S::Failed: text = tr("Failed: %1").arg(controller_->lastError()); break;
  }
  if (!controller_->deviceNote().isEmpty() && st != S::Idle)
    text += QLatin1Char('\n') + tr("Running on the CPU: %1").arg(controller_->deviceNote());
  state_->setText(text);
  updateButtons();
}

void StudioPage::attachRun() {
  StudioController* c = controller_;
  auto* view = view_;
  if (c->vocabulary() > 0) {
    view->reset(c->vocabulary());
    view->addSteps(c->steps());
    view->addSamples(c->samples());
    view->addSnapshots(c->snapshots());
    view->setProgress(c->progress());
  }
  connect(c, &StudioController::runReset, this, [view](qint64 vocab) {
    view->setNotice(QString());  // a preview of glassbox-base's curve gives way to the run
    view->reset(vocab);
  });
  connect(c, &StudioController::stepsAdded, this, [c, view](int first) {
    view->addSteps({c->steps().begin() + first, c->steps().end()});
  });
  connect(c, &StudioController::samplesAdded, this, [c, view](int first) {
    view->addSamples({c->samples().begin() + first, c->samples().end()});
  });
  connect(c, &StudioController::snapshotsAdded, this, [c, view](int first) {
    view->addSnapshots({c->snapshots().begin() + first, c->snapshots().end()});
  });
  connect(c, &StudioController::progressChanged, view, &views::StudioView::setProgress);
  connect(c, &StudioController::stateChanged, this, &StudioPage::showState);
  connect(c, &StudioController::preparing, this, [this](double fraction, const QString& message) {
    state_->setText(tr("Preparing: %1 (%2%)").arg(message).arg(std::lround(fraction * 100)));
  });
  connect(c, &StudioController::failed, this, [this](const QString& error) {
    state_->setText(tr("Failed: %1").arg(error));
    corpus_size_->setText(QString());
    updateButtons();
  });
  connect(c, &StudioController::corpusMeasured, this, [this](qint64 chars, qint64 tokens, qint64) {
    corpus_size_->setText(tr("%L1 characters · %L2 tokens").arg(chars).arg(tokens));
  });
  connect(c, &StudioController::settingsChanged, this, [this] {
    if (!filling_) updateEstimate();
  });
}

void StudioPage::loadLog(const QString& model, bool preview) {
  if (!preview) view_->setNotice(tr("Loading the training log of %1…").arg(model));
  if (!worker_) return;
  const std::filesystem::path dir = gb::resources_dir() / "models" / model.toStdString();
  auto slot = std::make_shared<LogResult>();
  const quint64 job = worker_->submit([dir, slot](const ProgressFn&, const std::atomic<bool>&) {
    slot->log = gb::read_training_log(dir / "training_log.json");
    slot->vocabulary = gb::ModelConfig::load(dir / "config.json").vocab_size;
    return QVariant();
  });
  QPointer<StudioPage> guard(this);
  auto conns = std::make_shared<QList<QMetaObject::Connection>>();
  *conns << connect(worker_, &EngineWorkerHost::finished, this, [guard, job, slot, conns, model, preview](const JobResult& r) {
    if (r.job != job || !guard) return;
    for (const auto& c : *conns) QObject::disconnect(c);
    if (preview && guard->controller_ && guard->controller_->vocabulary() > 0) return;  // a run began meanwhile
    views::StudioView* v = guard->view_;
    v->reset(slot->vocabulary);
    v->addSteps(slot->log.steps);
    trace::TrainingProgress p;
    p.step = p.total_steps = slot->log.steps.back().step;
    p.elapsed_seconds = std::max(0.0, slot->log.seconds);
    v->setProgress(p);
    if (preview)
      v->setNotice(tr("Before your run: the curve of %1, the model Glassbox ships (%L2 steps). Press Train to draw your own.")
                       .arg(model)
                       .arg(p.total_steps));
    else
      v->setNotice(tr("How %1 was made: %2 on %3, %L4 steps (its own training log, shipped beside the model).")
                       .arg(model, QString::fromStdString(slot->log.command), QString::fromStdString(slot->log.corpus))
                       .arg(p.total_steps));
  });
  *conns << connect(worker_, &EngineWorkerHost::failed, this, [guard, job, conns, preview](const JobFailure& f) {
    if (f.job != job || !guard) return;
    for (const auto& c : *conns) QObject::disconnect(c);
    if (!preview) guard->view_->setNotice(tr("No training log: %1").arg(f.message));
  });
}

QString StudioPage::csv() const { return view_->csv(); }
QWidget* StudioPage::pictureWidget() { return view_->pictureWidget(); }

}}  // namespace glassbox::app
