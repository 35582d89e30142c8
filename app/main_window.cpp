#include "app/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QElapsedTimer>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QTreeWidget>
#include <cstdio>

#include "app/classifier_controller.h"
#include "app/lesson_page.h"
#include "app/model_paths.h"
#include "app/instruct_controller.h"
#include "app/studio_controller.h"
#include "app/view_factory.h"
#include "engine/backend/backend.h"
#include "views/chat_view.h"
#include "views/export.h"

namespace glassbox { namespace app {
namespace {

// Resident memory of this process, read from /proc (Linux); 0 when unavailable.
qint64 residentBytes() {
  QFile statm(QStringLiteral("/proc/self/statm"));
  if (!statm.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> fields = statm.readAll().split(' ');
  return fields.size() > 1 ? fields[1].toLongLong() * 4096 : 0;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  studio_ = std::make_unique<StudioController>(worker_);
  // Lesson 7's spam classifier, finetuned in the app from glassbox-base or the opened model.
  classifier_ = std::make_unique<ClassifierController>(worker_);
  classifier_->setOpenedModelSource([this] { return QString::fromStdString(engine_data_.info().path); });
  // 11 pt at least: the lesson is read from the back of a classroom as often as from a desk.
  base_point_size_ = std::max(11.0, QApplication::font().pointSizeF());
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  navigator_ = new QTreeWidget(splitter);
  navigator_->setHeaderHidden(true);
  navigator_->setMinimumWidth(220);
  page_ = new LessonPage(splitter);
  splitter->addWidget(navigator_);
  splitter->addWidget(page_);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({280, 1300});
  setCentralWidget(splitter);

  model_label_ = new QLabel(this);
  device_label_ = new QLabel(this);
  memory_label_ = new QLabel(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(220);
  progress_->hide();
  cancel_ = new QPushButton(this);
  cancel_->hide();
  statusBar()->addWidget(model_label_);
  statusBar()->addWidget(device_label_);
  statusBar()->addWidget(memory_label_);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);

  buildMenus();
  connect(page_, &LessonPage::nextRequested, this, &MainWindow::nextStep);
  connect(page_, &LessonPage::previousRequested, this, &MainWindow::previousStep);
  connect(navigator_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (!item) return;
    const int lesson = item->data(0, Qt::UserRole).toInt();
    const int step = item->data(0, Qt::UserRole + 1).toInt();
    if (lesson != lesson_ || step != step_) showStep(lesson, step);
  });
  connect(cancel_, &QPushButton::clicked, this, [this] { worker_.cancel(running_job_); });
  connect(&worker_, &EngineWorkerHost::progress, this, [this](const JobProgress& p) {
    if (p.job != running_job_) return;
    progress_->setValue(static_cast<int>(p.fraction * 1000));
    progress_->setFormat(p.message);
  });

  chat_ = std::make_unique<ChatController>(
      worker_, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/conversations"));
  ViewFactory::setAttacher(QStringLiteral("chat"), [this](views::ExportableView* view, const QJsonObject& params) {
    auto* chat_view = static_cast<views::ChatView*>(view);
    chat_->attach(chat_view);
    if (params.contains(QStringLiteral("message")) && chat_->conversation().messages().empty())
      chat_view->setInputText(params.value(QStringLiteral("message")).toString());
  });
  setupInstruct();

  memory_timer_ = new QTimer(this);
  connect(memory_timer_, &QTimer::timeout, this, &MainWindow::updateMemory);
  memory_timer_->start(2000);
  retranslateUi();
  restyle();
  resize(1500, 920);

  // The engine reports a device failure on the worker thread; the status bar is redrawn here.
  gb::set_device_fallback_listener([this](const std::string&) {
    QMetaObject::invokeMethod(this, [this] { updateModelStatus(); }, Qt::QueuedConnection);
  });

  // The first job: the bundled model, or the random one. Requests the first step makes
  // queue behind it on the same worker.
  const quint64 load = worker_.submit([this](const ProgressFn& progress, const std::atomic<bool>&) {
    progress(0.1, QCoreApplication::translate("MainWindow", "Loading the model…"));
    return QVariant(engine_data_.loadDefaultModel());
  });
  connect(&worker_, &EngineWorkerHost::finished, this, [this, load](const JobResult& r) {
    if (r.job != load) return;
    last_model_error_ = r.value.toString();
    if (!last_model_error_.isEmpty()) std::fprintf(stderr, "glassbox: %s; using a random model\n", qPrintable(last_model_error_));
    updateModelStatus();
    if (lesson_ >= 0) showStep(lesson_, step_);  // notices depend on which model it is
  });
}

// Jobs in flight refer to data_ and engine_data_: stop the worker before they are destroyed.
MainWindow::~MainWindow() {
  gb::set_device_fallback_listener(nullptr);
  ViewFactory::setAttacher(QStringLiteral("chat"), {});
  worker_.stop();
  instruct_.reset();
  studio_.reset();
  classifier_.reset();
}

void MainWindow::buildMenus() {
  file_menu_ = menuBar()->addMenu(QString());
  open_model_ = file_menu_->addAction(QString(), this, &MainWindow::openModel);
  open_model_->setShortcut(QKeySequence::Open);
  open_text_ = file_menu_->addAction(QString(), this, &MainWindow::openText);
  export_ = file_menu_->addAction(QString(), this, &MainWindow::exportView);
  export_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  file_menu_->addSeparator();
  reload_ = file_menu_->addAction(QString(), this, [this] {
    loadLessons(LessonLibrary::defaultDirectory());
  });
  reload_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  quit_ = file_menu_->addAction(QString(), this, &QWidget::close);
  quit_->setShortcut(QKeySequence::Quit);

  view_menu_ = menuBar()->addMenu(QString());
  presenter_action_ = view_menu_->addAction(QString());
  presenter_action_->setCheckable(true);
  presenter_action_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_P)});
  presenter_action_->setShortcutContext(Qt::ApplicationShortcut);
  connect(presenter_action_, &QAction::toggled, this, &MainWindow::setPresenterMode);
  addAction(presenter_action_);  // keeps the shortcut alive while the menu bar is hidden
  auto* leave = new QAction(this);
  leave->setShortcut(QKeySequence(Qt::Key_Escape));
  connect(leave, &QAction::triggered, this, [this] { setPresenterMode(false); });
  addAction(leave);
  dark_action_ = view_menu_->addAction(QString());
  dark_action_->setCheckable(true);
  dark_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
  connect(dark_action_, &QAction::toggled, this, [this](bool dark) { setTheme(dark ? Theme::Dark : Theme::Light); });
  language_menu_ = view_menu_->addMenu(QString());
  auto* languages = new QActionGroup(this);
  english_ = language_menu_->addAction(QStringLiteral("English"));
  korean_ = language_menu_->addAction(QStringLiteral("한국어"));
  for (QAction* a : {english_, korean_}) {
    a->setCheckable(true);
    languages->addAction(a);
  }
  english_->setChecked(true);
  connect(english_, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
  connect(korean_, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("ko")); });

  go_menu_ = menuBar()->addMenu(QString());
  next_action_ = go_menu_->addAction(QString(), this, &MainWindow::nextStep);
  next_action_->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
  previous_action_ = go_menu_->addAction(QString(), this, &MainWindow::previousStep);
  previous_action_->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
  for (QAction* a : {next_action_, previous_action_}) {
    a->setShortcutContext(Qt::ApplicationShortcut);
    addAction(a);
  }
}

void MainWindow::retranslateUi() {
  setWindowTitle(tr("Glassbox — how large language models work"));
  file_menu_->setTitle(tr("&File"));
  open_model_->setText(tr("Open &model…"));
  open_text_->setText(tr("Open &text…"));
  export_->setText(tr("&Export view…"));
  reload_->setText(tr("&Reload lessons"));
  quit_->setText(tr("&Quit"));
  view_menu_->setTitle(tr("&View"));
  presenter_action_->setText(tr("&Presenter mode"));
  dark_action_->setText(tr("&Dark theme"));
  language_menu_->setTitle(tr("&Language"));
  go_menu_->setTitle(tr("&Go"));
  next_action_->setText(tr("&Next step"));
  previous_action_->setText(tr("&Previous step"));
  cancel_->setText(tr("Cancel"));
  updateModelStatus();
  page_->retranslate();
}

void MainWindow::updateMemory() {
  const ModelInfo info = engine_data_.info();
  memory_label_->setText(engine_data_.hasModel()
                             ? tr("Memory: %1 MB (weights %2 MB)")
                                   .arg(residentBytes() / (1024 * 1024))
                                   .arg(info.weight_bytes / (1024 * 1024))
                             : tr("Memory: %1 MB").arg(residentBytes() / (1024 * 1024)));
}

QString MainWindow::statusLine() const {
  return QStringList{model_label_->text(), device_label_->text(), memory_label_->text()}.join(QStringLiteral(" | "));
}

void MainWindow::updateModelStatus() {
  const ModelInfo info = engine_data_.info();
  if (!engine_data_.hasModel()) {
    model_label_->setText(tr("Model: loading…"));
    device_label_->setText(tr("Device: —"));
  } else {
    const QString params = QLocale().toString(static_cast<double>(info.parameters) / 1e6, 'f', 1);
    model_label_->setText(info.random ? tr("Model: random model (untrained), %1 M parameters").arg(params)
                                      : tr("Model: %1, %2 M parameters").arg(QString::fromStdString(info.name), params));
    model_label_->setToolTip(
        tr("%1 layers, %2 heads, %3 wide, context %4, vocabulary %5, tokenizer %6\n%7")
            .arg(info.layers).arg(info.heads).arg(info.width).arg(info.context).arg(info.vocab)
            .arg(QString::fromStdString(info.tokenizer),
                 info.path.empty() ? tr("Bundled models are looked for in: %1").arg(modelSearchPath().join(QStringLiteral(", ")))
                                   : QString::fromStdString(info.path)));
    device_label_->setText(info.device_note.empty()
                               ? tr("Device: %1").arg(QString::fromStdString(info.device))
                               : tr("Device: %1 (Vulkan unavailable: %2)")
                                     .arg(QString::fromStdString(info.device), QString::fromStdString(info.device_note)));
  }
  // A device that failed in the middle of a run (lost, out of memory): the engine finished
  // the work on the CPU and says why.
  if (const std::string why = gb::device_fallback_reason(); !why.empty())
    device_label_->setText(tr("Device: CPU (the GPU failed mid-run: %1)").arg(QString::fromStdString(why)));
  updateMemory();
}

bool MainWindow::loadLessons(const QString& directory, bool quiet) {
  const bool ok = library_.loadDirectory(directory);
  if (!ok && !quiet)
    QMessageBox::warning(this, tr("Some lessons could not be loaded"),
                         tr("These lesson files have problems and were skipped:\n\n%1")
                             .arg(library_.errors().join(QStringLiteral("\n"))));
  fillNavigator();
  // The learner's own BPE and the loss chart's training run learn the lessons' own text,
  // English and Korean, unless the learner opened a text of their own.
  if (custom_text_.isEmpty()) {
    QString corpus;
    for (const Lesson& lesson : library_.lessons())
      for (const LessonStep& step : lesson.steps)
        corpus += step.text.en + QLatin1Char('\n') + step.text.ko + QLatin1Char('\n');
    engine_data_.setLearnerCorpus(corpus);
  }
  if (!library_.lessons().empty()) showStep(std::clamp(lesson_, 0, static_cast<int>(library_.lessons().size()) - 1), 0);
  return ok;
}

void MainWindow::fillNavigator() {
  const QSignalBlocker block(navigator_);
  navigator_->clear();
  for (std::size_t l = 0; l < library_.lessons().size(); ++l) {
    const Lesson& lesson = library_.lessons()[l];
    auto* top = new QTreeWidgetItem(navigator_, {tr("%1. %2").arg(lesson.number).arg(lesson.title.in(language_))});
    top->setData(0, Qt::UserRole, static_cast<int>(l));
    top->setData(0, Qt::UserRole + 1, 0);
    QFont bold = top->font(0);
    bold.setBold(true);
    top->setFont(0, bold);
    for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
      auto* item = new QTreeWidgetItem(top, {lesson.steps[s].title.in(language_)});
      item->setData(0, Qt::UserRole, static_cast<int>(l));
      item->setData(0, Qt::UserRole + 1, static_cast<int>(s));
    }
  }
  navigator_->expandAll();
}

void MainWindow::showStep(int lesson, int step) {
  const auto& lessons = library_.lessons();
  if (lesson < 0 || lesson >= static_cast<int>(lessons.size())) return;
  const Lesson& l = lessons[static_cast<std::size_t>(lesson)];
  if (step < 0 || step >= static_cast<int>(l.steps.size())) return;
  lesson_ = lesson;
  step_ = step;
  const LessonStep& s = l.steps[static_cast<std::size_t>(step)];
  QJsonObject params = s.params;
  if (!custom_text_.isEmpty() && (s.view == QLatin1String("tokens") || s.view == QLatin1String("sliding_window")))
    params.insert(QStringLiteral("text"), custom_text_);
  QString error;
  views::ExportableView* view = ViewFactory::create(s.view, params, data_, nullptr, &error);
  page_->show(l, step, language_, view, error);
  const bool has_previous = lesson > 0 || step > 0;
  const bool has_next = lesson + 1 < static_cast<int>(lessons.size()) || step + 1 < static_cast<int>(l.steps.size());
  page_->setNavigation(has_previous, has_next);
  export_->setEnabled(view != nullptr);

  // Keep the navigator's selection in step with the page.
  const QSignalBlocker block(navigator_);
  if (QTreeWidgetItem* top = navigator_->topLevelItem(lesson))
    if (QTreeWidgetItem* child = top->child(step)) navigator_->setCurrentItem(child);
}

bool MainWindow::waitForData(int timeout_ms) {
  QElapsedTimer timer;
  timer.start();
  // Views that submit their own jobs (the studio's corpus count and log) are waited for too,
  // unless a training run keeps the worker busy for good.
  auto pending = [this] {
    return data_.pendingRequests() > 0 ||
           (!studio_->isActive() && !(instruct_ && instruct_->busy()) && !classifier_->isActive() &&
            worker_.pendingJobs() > 0);
  };
  while (pending() && timer.elapsed() < timeout_ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  QCoreApplication::processEvents();  // let the views lay out and repaint with their data
  return !pending();
}

void MainWindow::nextStep() {
  if (lesson_ < 0) return;
  const auto& lessons = library_.lessons();
  if (step_ + 1 < static_cast<int>(lessons[static_cast<std::size_t>(lesson_)].steps.size())) showStep(lesson_, step_ + 1);
  else if (lesson_ + 1 < static_cast<int>(lessons.size())) showStep(lesson_ + 1, 0);
}

void MainWindow::previousStep() {
  if (lesson_ < 0) return;
  if (step_ > 0) showStep(lesson_, step_ - 1);
  else if (lesson_ > 0)
    showStep(lesson_ - 1, static_cast<int>(library_.lessons()[static_cast<std::size_t>(lesson_ - 1)].steps.size()) - 1);
}

bool MainWindow::setLanguage(const QString& language) {
  for (auto& translator : app_translators_) QCoreApplication::removeTranslator(translator.get());
  app_translators_.clear();
  QCoreApplication::removeTranslator(&qt_translator_);
  bool ok = true;
  if (language == QLatin1String("ko")) {
    // translations/glassbox_ko.ts (and any other *_ko.ts there), compiled into :/i18n.
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("*_ko.qm")}, QDir::Files, QDir::Name);
    ok = files.contains(QStringLiteral("glassbox_ko.qm"));
    for (const QString& file : files) {
      auto translator = std::make_unique<QTranslator>();
      if (!translator->load(QStringLiteral(":/i18n/") + file)) continue;
      QCoreApplication::installTranslator(translator.get());
      app_translators_.push_back(std::move(translator));
    }
    // Qt's own strings (dialog buttons); optional, from the system's Qt translations.
    if (qt_translator_.load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
      QCoreApplication::installTranslator(&qt_translator_);
  }
  language_ = ok ? language : QStringLiteral("en");
  (language_ == QLatin1String("ko") ? korean_ : english_)->setChecked(true);
  retranslateUi();
  fillNavigator();
  if (lesson_ >= 0) showStep(lesson_, step_);  // views are rebuilt in the new language
  return ok;
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QMainWindow::changeEvent(event);
}

void MainWindow::setTheme(Theme theme) {
  theme_ = theme;
  const QSignalBlocker block(dark_action_);
  dark_action_->setChecked(theme == Theme::Dark);
  restyle();
}

void MainWindow::setPresenterMode(bool on) {
  if (presenter_ == on) return;
  presenter_ = on;
  const QSignalBlocker block(presenter_action_);
  presenter_action_->setChecked(on);
  // The projector needs the lesson, not the chrome.
  menuBar()->setVisible(!on);
  statusBar()->setVisible(!on);
  navigator_->setVisible(!on);
  if (QGuiApplication::platformName() != QLatin1String("offscreen")) {
    if (on) showFullScreen();
    else showNormal();
  }
  restyle();
}

void MainWindow::restyle() {
  applyTheme(*qApp, theme_, presenter_, base_point_size_);
  if (lesson_ >= 0) showStep(lesson_, step_);  // custom-painted views pick up the new palette and fonts
}

void MainWindow::jobStarted(const QString& what, quint64 job) {
  running_job_ = job;
  progress_->setValue(0);
  progress_->setFormat(what);
  progress_->show();
  cancel_->show();
}

void MainWindow::jobEnded(quint64 job) {
  if (job != running_job_) return;
  running_job_ = 0;
  progress_->hide();
  cancel_->hide();
}

}}  // namespace glassbox::app
