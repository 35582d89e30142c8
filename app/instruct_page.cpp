#include "app/instruct_page.h"
#include "app/settings_column.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

#include "views/loss_chart_view.h"
#include "views/response_table_view.h"

namespace glassbox { namespace app {

namespace {

QString count(qint64 n) { return QLocale().toString(n); }

// The tabs in order: the curve, then one per InstructController::Table.
const char* const kTabNames[] = {"curves", "answers", "compare", "choice", "judge"};

}  // namespace

int InstructPage::tabIndex(const QString& name) {
  for (int i = 0; i < 5; ++i)
    if (name == QLatin1String(kTabNames[i])) return i;
  return 0;
}

InstructPage::InstructPage(InstructController* controller, const QJsonObject& params, QWidget* parent)
    : ExportableView(parent), controller_(controller) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(250);
  scroll->setMaximumWidth(320);
  auto* form = new QWidget(scroll);
  scroll->setWidget(form);
  buildForm(form);
  layout->addWidget(scroll);

  auto* right = new QVBoxLayout;
  auto* buttons = new QHBoxLayout;
  start_ = new QPushButton(tr("Start finetuning"), this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  save_ = new QPushButton(tr("Save…"), this);
  chat_ = new QPushButton(tr("Chat with it"), this);
  for (auto* b : {start_, cancel_, save_, chat_}) buttons->addWidget(b);
  buttons->addStretch(1);
  right->addLayout(buttons);
  // Measuring: a second row, so the page stays narrow beside the lesson text.
  buttons = new QHBoxLayout;
  evaluate_ = new QPushButton(tr("Evaluate"), this);
  compare_ = new QPushButton(tr("Compare models"), this);
  choice_ = new QPushButton(tr("Multiple choice"), this);
  judge_ = new QPushButton(tr("Judge"), this);
  for (auto* b : {evaluate_, compare_, choice_, judge_}) buttons->addWidget(b);
  buttons->addStretch(1);
  right->addLayout(buttons);
  auto* line = new QHBoxLayout;
  progress_ = new QProgressBar(this);
  progress_->setMaximumWidth(260);
  progress_->setTextVisible(false);
  progress_->hide();  // until something runs
  status_ = new QLabel(this);
  line->addWidget(progress_);
  line->addWidget(status_, 1);
  right->addLayout(line);
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  error_->hide();
  right->addWidget(error_);

  tabs_ = new QTabWidget(this);
  chart_ = new views::LossChartView(tabs_);
  tabs_->addTab(chart_, tr("Loss curves"));
  const QString tab_titles[] = {tr("Held-out answers"), tr("Base vs tuned vs LoRA"), tr("Multiple choice"),
                                tr("Model as judge")};
  for (int t = 0; t < InstructController::TableCount; ++t) {
    tables_[t] = new views::ResponseTableView(tabs_);
    tabs_->addTab(tables_[t], tab_titles[t]);
  }
  right->addWidget(tabs_, 1);
  layout->addLayout(right, 1);
  tabs_->setCurrentIndex(tabIndex(params.value(QStringLiteral("tab")).toString()));

  if (!controller_) {
    // No app around it (a view test): say where the live run is.
    setEnabled(false);
    chart_->setNotice(tr("Instruction finetuning runs in the app."));
    return;
  }
  InstructController* c = controller_;
  fillForm();
  // The tables and the curve as the controller has them now (a run may be going on).
  showCurve();
  for (int t = 0; t < InstructController::TableCount; ++t) showTable(t);
  if (c->trainableCount() > 0)
    parameters_->setText(tr("Trainable %1 of %2 parameters (%3%)")
                             .arg(count(c->trainableCount()), count(c->totalCount()))
                             .arg(100.0 * static_cast<double>(c->trainableCount()) / static_cast<double>(c->totalCount()), 0, 'f', 2));
  else if (!c->busy())
    c->countParameters();

  connect(c, &InstructController::parametersCounted, this, [this](qint64 trainable, qint64 total) {
    parameters_->setText(tr("Trainable %1 of %2 parameters (%3%)")
                             .arg(count(trainable), count(total))
                             .arg(100.0 * static_cast<double>(trainable) / static_cast<double>(std::max<qint64>(1, total)), 0, 'f', 2));
  });
  connect(c, &InstructController::runReset, this, [this] {
    showCurve();
    tabs_->setCurrentIndex(0);
  });
  connect(c, &InstructController::logsAdded, this, [this] { showCurve(); });
  connect(c, &InstructController::tableChanged, this, [this](int t) {
    showTable(t);
    if (controller_ && controller_->busy()) tabs_->setCurrentIndex(t + 1);
  });
  connect(c, &InstructController::progressChanged, this, [this](qint64 done, qint64 total, const QString& message) {
    progress_->show();
    progress_->setRange(0, static_cast<int>(std::max<qint64>(total, 0)));
    progress_->setValue(static_cast<int>(done));
    status_->setText(message);
  });
  connect(c, &InstructController::taskChanged, this, [this] {
    if (controller_ && controller_->busy()) error_->hide();
    updateButtons();
  });
  connect(c, &InstructController::failed, this, [this](const QString& e) {
    error_->setText(e);
    error_->show();
    updateButtons();
  });
  connect(c, &InstructController::saved, this, [this](const QString& dir) {
    status_->setText(tr("Saved in %1").arg(dir));
  });
  connect(c, &InstructController::settingsChanged, this, [this] {
    fillForm();
    if (controller_ && !controller_->busy()) controller_->countParameters();
  });

  connect(start_, &QPushButton::clicked, c, &InstructController::start);
  connect(cancel_, &QPushButton::clicked, c, &InstructController::cancel);
  connect(evaluate_, &QPushButton::clicked, c, &InstructController::evaluate);
  connect(compare_, &QPushButton::clicked, c, &InstructController::compare);
  connect(choice_, &QPushButton::clicked, c, &InstructController::runChoice);
  connect(judge_, &QPushButton::clicked, c, &InstructController::runJudge);
  connect(chat_, &QPushButton::clicked, c, &InstructController::chatWithIt);
  connect(save_, &QPushButton::clicked, this, [this] {
    if (!controller_) return;
    const QString dir = QFileDialog::getExistingDirectory(
        this, controller_->trainedWithLora() ? tr("Save the LoRA adapter in") : tr("Save the finetuned model in"));
    if (!dir.isEmpty()) controller_->save(dir);
  });
  updateButtons();
}

void InstructPage::buildForm(QWidget* form) {
  auto* f = new QFormLayout(form);
  f->setRowWrapPolicy(QFormLayout::WrapAllRows);  // labels above their fields: a narrow column
  auto chooser = [this, form](QLabel** label, const QString& choose_tip, auto pick, auto reset) {
    // The choice on one line, its two buttons under it (the column is narrow).
    auto* row = new QVBoxLayout;
    *label = new QLabel(form);
    (*label)->setWordWrap(true);
    auto* choose = new QPushButton(tr("Choose…"), form);
    choose->setToolTip(choose_tip);
    auto* bundled = new QPushButton(tr("Bundled"), form);
    auto* pair = new QHBoxLayout;
    pair->addWidget(choose);
    pair->addWidget(bundled);
    pair->addStretch(1);
    row->addWidget(*label);
    row->addLayout(pair);
    connect(choose, &QPushButton::clicked, this, pick);
    connect(bundled, &QPushButton::clicked, this, reset);
    return row;
  };
  auto edit = [this](auto change) {
    if (!controller_ || controller_->busy()) return;
    InstructSettings s = controller_->settings();
    change(s);
    controller_->setSettings(s);
  };
  f->addRow(tr("Base model"), chooser(&base_, tr("A model directory to finetune"),
                                      [this, edit] {
                                        const QString d = QFileDialog::getExistingDirectory(this, tr("Base model directory"));
                                        if (!d.isEmpty()) edit([d](InstructSettings& s) { s.base_model = d; });
                                      },
                                      [edit] { edit([](InstructSettings& s) { s.base_model.clear(); }); }));
  f->addRow(tr("Instructions"), chooser(&data_, tr("An Alpaca JSON file: [{\"instruction\", \"input\", \"output\"}, …]"),
                                        [this, edit] {
                                          const QString p = QFileDialog::getOpenFileName(this, tr("Alpaca JSON file"), QString(),
                                                                                         tr("JSON (*.json)"));
                                          if (!p.isEmpty()) edit([p](InstructSettings& s) { s.data = p; });
                                        },
                                        [edit] { edit([](InstructSettings& s) { s.data.clear(); }); }));
  method_ = new QComboBox(form);
  method_->addItems({tr("LoRA adapter"), tr("Every weight (full)")});
  f->addRow(tr("Finetune"), method_);
  rank_ = countSpin(form, 1, 256);
  f->addRow(tr("LoRA rank r"), rank_);
  alpha_ = new QDoubleSpinBox(form);
  alpha_->setRange(0.5, 1024);
  f->addRow(tr("LoRA alpha"), alpha_);
  modules_ = new QLineEdit(form);
  modules_->setPlaceholderText(tr("all attention and feed-forward linears"));
  modules_->setToolTip(tr("Module names separated by commas, e.g. c_attn or q_proj,v_proj"));
  f->addRow(tr("LoRA modules"), modules_);
  epochs_ = countSpin(form, 1, 100);
  f->addRow(tr("Epochs"), epochs_);
  max_steps_ = countSpin(form, 0, 1000000);
  max_steps_->setSpecialValueText(tr("no limit"));
  f->addRow(tr("Max steps"), max_steps_);
  lr_ = new QDoubleSpinBox(form);
  lr_->setDecimals(5);
  lr_->setRange(1e-5, 0.1);
  lr_->setSingleStep(1e-4);
  f->addRow(tr("Learning rate"), lr_);
  batch_ = countSpin(form, 1, 256);
  f->addRow(tr("Batch"), batch_);
  max_length_ = countSpin(form, 16, 4096);
  f->addRow(tr("Max tokens per example"), max_length_);
  mask_prompt_ = new QCheckBox(tr("Learn only the responses"), form);
  mask_prompt_->setToolTip(tr("Masks the prompt: its targets are -100, so the loss grades only the response"));
  f->addRow(QString(), mask_prompt_);
  items_ = countSpin(form, 1, 1000);
  f->addRow(tr("Held-out items"), items_);
  new_tokens_ = countSpin(form, 1, 512);
  f->addRow(tr("New tokens per answer"), new_tokens_);
  f->addRow(tr("Benchmark"), chooser(&benchmark_, tr("A multiple-choice benchmark JSON file"),
                                     [this, edit] {
                                       const QString p = QFileDialog::getOpenFileName(this, tr("Benchmark JSON file"), QString(),
                                                                                      tr("JSON (*.json)"));
                                       if (!p.isEmpty()) edit([p](InstructSettings& s) { s.benchmark = p; });
                                     },
                                     [edit] { edit([](InstructSettings& s) { s.benchmark.clear(); }); }));
  judge_alpaca_ = new QCheckBox(tr("Judge reads the Alpaca template"), form);
  judge_alpaca_->setToolTip(tr("On for Glassbox instruction models; off for a model that continues plain text"));
  f->addRow(QString(), judge_alpaca_);
  parameters_ = new QLabel(form);
  parameters_->setWordWrap(true);
  f->addRow(tr("Parameters"), parameters_);
  estimate_ = new QLabel(form);
  estimate_->setWordWrap(true);
  f->addRow(tr("Time"), estimate_);

  auto changed = [this] {
    if (!filling_) readForm();
  };
  for (QSpinBox* s : {rank_, epochs_, max_steps_, batch_, max_length_, items_, new_tokens_})
    connect(s, &QSpinBox::valueChanged, this, changed);
  for (QDoubleSpinBox* s : {alpha_, lr_}) connect(s, &QDoubleSpinBox::valueChanged, this, changed);
  connect(method_, &QComboBox::currentIndexChanged, this, changed);
  connect(modules_, &QLineEdit::editingFinished, this, changed);
  for (QCheckBox* b : {mask_prompt_, judge_alpaca_}) connect(b, &QCheckBox::toggled, this, changed);
}

void InstructPage::fillForm() {
  if (!controller_) return;
  filling_ = true;
  const InstructSettings& s = controller_->settings();
  base_->setText(s.base_model.isEmpty() ? tr("glassbox-base (bundled)") : QFileInfo(s.base_model).fileName());
  base_->setToolTip(s.base_model);
  data_->setText(s.data.isEmpty() ? tr("generated instructions (bundled, 85/10/5)") : QFileInfo(s.data).fileName());
  data_->setToolTip(s.data);
  benchmark_->setText(s.benchmark.isEmpty() ? tr("glassbox-sample (bundled)") : QFileInfo(s.benchmark).fileName());
  benchmark_->setToolTip(s.benchmark);
  method_->setCurrentIndex(s.train.use_lora ? 0 : 1);
  rank_->setValue(static_cast<int>(s.train.lora.rank));
  alpha_->setValue(s.train.lora.alpha);
  QStringList modules;
  for (const std::string& m : s.train.lora.targets) modules << QString::fromStdString(m);
  modules_->setText(modules.join(QLatin1Char(',')));
  for (QWidget* w : {static_cast<QWidget*>(rank_), static_cast<QWidget*>(alpha_), static_cast<QWidget*>(modules_)})
    w->setEnabled(s.train.use_lora);
  epochs_->setValue(static_cast<int>(s.train.epochs));
  max_steps_->setValue(static_cast<int>(s.train.max_steps));
  lr_->setValue(s.train.lr);
  batch_->setValue(static_cast<int>(s.train.batch));
  max_length_->setValue(static_cast<int>(s.train.max_length));
  mask_prompt_->setChecked(s.train.mask_prompt);
  items_->setValue(s.eval_items);
  new_tokens_->setValue(s.max_new_tokens);
  judge_alpaca_->setChecked(s.judge_alpaca);
  filling_ = false;
  updateEstimate();
}

void InstructPage::readForm() {
  if (!controller_ || controller_->busy()) return;
  InstructSettings s = controller_->settings();
  s.train.use_lora = method_->currentIndex() == 0;
  s.train.lora.rank = rank_->value();
  s.train.lora.alpha = static_cast<float>(alpha_->value());
  s.train.lora.targets.clear();
  for (const QString& m : modules_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
    s.train.lora.targets.push_back(m.trimmed().toStdString());
  s.train.epochs = epochs_->value();
  s.train.max_steps = max_steps_->value();
  s.train.lr = static_cast<float>(lr_->value());
  s.train.batch = batch_->value();
  s.train.max_length = max_length_->value();
  s.train.mask_prompt = mask_prompt_->isChecked();
  s.eval_items = items_->value();
  s.max_new_tokens = new_tokens_->value();
  s.judge_alpaca = judge_alpaca_->isChecked();
  controller_->setSettings(s);
}

void InstructPage::updateEstimate() {
  if (!controller_) return;
  const double seconds = InstructController::estimatedSeconds(controller_->settings());
  estimate_->setText(seconds < 90 ? tr("about %1 s on a 2-core laptop, then the held-out table").arg(std::lround(seconds))
                                  : tr("about %1 min on a 2-core laptop, then the held-out table")
                                        .arg(std::lround(seconds / 60.0)));
}

void InstructPage::updateButtons() {
  if (!controller_) return;
  const bool busy = controller_->busy(), trained = controller_->hasTrained();
  for (QPushButton* b : {start_, evaluate_, compare_, choice_, judge_}) b->setEnabled(!busy);
  cancel_->setEnabled(busy && controller_->task() != InstructController::Task::Saving);
  save_->setEnabled(!busy && trained);
  chat_->setEnabled(!busy && controller_->canChat());
  save_->setText(trained && controller_->trainedWithLora() ? tr("Save adapter…") : tr("Save model…"));
}

void InstructPage::showCurve() {
  if (controller_) chart_->setPoints(controller_->lossPoints());
}

void InstructPage::showTable(int t) {
  if (!controller_) return;
  views::ResponseTableView* view = tables_[t];
  const trace::ResponseTable& table = controller_->table(static_cast<InstructController::Table>(t));
  view->setTable(table);
  QString notice;
  if (table.rows.empty()) {
    const char* const empty[] = {
        QT_TR_NOOP("Finetune (Start) or press Evaluate: held-out instructions appear here with the expected and the "
                   "generated response side by side, scored by token F1."),
        QT_TR_NOOP("Compare models: the same held-out instructions through the base model, an instruction-tuned model "
                   "and the LoRA adapter you trained."),
        QT_TR_NOOP("Multiple choice: each answer is the option the model finds most likely (log-likelihood)."),
        QT_TR_NOOP("Model as judge: a larger model you opened (File › Open model…) scores each response from 0 to 100.")};
    notice = tr(empty[t]);
  } else if (t == InstructController::EvalTable) {
    notice = tr("%1 held-out items: exact match %2%, mean token F1 %3")
                 .arg(table.rows.size())
                 .arg(controller_->exactMatch() * 100.0, 0, 'f', 0)
                 .arg(controller_->f1(), 0, 'f', 3);
  } else if (t == InstructController::ChoiceTable) {
    notice = tr("%1 questions: accuracy %2% (1 = right, 0 = wrong)")
                 .arg(table.rows.size())
                 .arg(controller_->choiceAccuracy() * 100.0, 0, 'f', 1);
  } else if (t == InstructController::JudgeTable) {
    notice = tr("%1 responses judged: mean score %2 of 100 (– where the judge gave no number)")
                 .arg(table.rows.size())
                 .arg(controller_->judgeMean(), 0, 'f', 1);
  }
  view->setNotice(notice);
}

QString InstructPage::csv() const {
  const int i = tabs_->currentIndex();
  return i == 0 ? chart_->csv() : tables_[i - 1]->csv();
}

QWidget* InstructPage::pictureWidget() {
  const int i = tabs_->currentIndex();
  return i == 0 ? chart_->pictureWidget() : tables_[i - 1]->pictureWidget();
}

}}  // namespace glassbox::app
