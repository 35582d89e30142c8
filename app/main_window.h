#pragma once
#include <QMainWindow>
#include <QTranslator>
#include <functional>
#include <memory>
#include <vector>

#include "app/chat_controller.h"
#include "app/data_source.h"
#include "app/engine_data_source.h"
#include "app/engine_worker.h"
#include "app/lesson_library.h"
#include "app/theme.h"
#include "app/worker_data_source.h"

class QTreeWidget;
class QTreeWidgetItem;
class QLabel;
class QProgressBar;
class QPushButton;
class QAction;
class QMenu;
class QActionGroup;
class QTimer;

namespace glassbox { namespace app {

class InstructController;
class LessonPage;
class StudioController;
class ClassifierController;

// The Glassbox window: lesson navigator (lessons and their steps) on the left, the lesson
// page on the right, status bar with model, device and memory, and progress of engine jobs.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Starts loading the default model (model_paths.h) on the worker thread at once.
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads lessons from `directory` (default LessonLibrary::defaultDirectory()). Errors are
  // shown in a dialog unless `quiet`; the lessons that did load are kept.
  bool loadLessons(const QString& directory, bool quiet = false);
  const LessonLibrary& library() const { return library_; }

  void showStep(int lesson, int step);
  int currentLesson() const { return lesson_; }
  int currentStep() const { return step_; }
  LessonPage* page() const { return page_; }
  EngineWorkerHost& worker() { return worker_; }
  ChatController& chat() { return *chat_; }
  EngineDataSource& engine() { return engine_data_; }
  // Loads a model directory on the worker (empty: the random model). On success the status
  // bar and the current step show it; on failure a dialog names the file and the problem
  // (unless quiet) and the model that was loaded stays. Returns the job.
  quint64 openModelDirectory(const QString& dir, bool quiet = false);
  // The last Open model… error ("" when the last load worked); for tests.
  QString lastModelError() const { return last_model_error_; }
  // The status bar's model, device and memory lines, joined by " | " (for tests).
  QString statusLine() const;
  // Where models run: "cpu" or "vulkan" (falls back to the CPU, saying why in the status bar).
  void setDevice(const QString& device);
  // Processes events until the current step's data has arrived from the worker (or timeout).
  // For screenshots and tests; the interactive app never waits.
  bool waitForData(int timeout_ms = 60000);

  // "en" or "ko"; installs the translation and re-renders everything.
  bool setLanguage(const QString& language);
  QString language() const { return language_; }
  void setTheme(Theme theme);
  void setPresenterMode(bool on);
  bool presenterMode() const { return presenter_; }

 public slots:
  void nextStep();
  void previousStep();
  void openModel();
  void openText();
  void exportView();

 protected:
  void changeEvent(QEvent* event) override;
  // Mid-run in the training studio: asks, then saves a checkpoint before closing. Mid-finetune
  // (the classifier): asks, then cancels the run.
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void retranslateUi();
  void fillNavigator();
  void restyle();
  void updateMemory();
  void updateModelStatus();
  // Runs `load` (which replaces the engine's model, or throws) as a job with progress.
  quint64 loadModelJob(const QString& what, bool quiet, std::function<void()> load);
  void jobStarted(const QString& what, quint64 job);
  void jobEnded(quint64 job);
  // Instruction finetuning's controller, its judge and "Chat with it" (main_window_instruct.cpp).
  void setupInstruct();

  LessonLibrary library_;
  EngineDataSource engine_data_;  // computes on the worker thread only, through data_
  EngineWorkerHost worker_;
  WorkerDataSource data_{worker_, engine_data_};
  QString last_model_error_;
  std::unique_ptr<StudioController> studio_;  // the training studio's runs (main_window_studio.cpp)
  std::unique_ptr<ClassifierController> classifier_;  // lesson 7's finetuning runs (main_window_studio.cpp)
  // The chat keeps its conversation while lessons come and go (lesson 10 shows it).
  std::unique_ptr<ChatController> chat_;
  std::unique_ptr<InstructController> instruct_;  // lessons 8 and 9's finetuning page
  QString language_ = QStringLiteral("en");
  // One translator per translations/<area>_ko.ts file (glassbox_ko, studio_ko, …).
  std::vector<std::unique_ptr<QTranslator>> app_translators_;
  QTranslator qt_translator_;
  Theme theme_ = Theme::Light;
  bool presenter_ = false;
  double base_point_size_ = 10.0;
  QString custom_text_;  // from Open text…; replaces the lesson's example text where a view takes text
  int lesson_ = -1;
  int step_ = -1;
  quint64 running_job_ = 0;

  QTreeWidget* navigator_;
  LessonPage* page_;
  QLabel* model_label_;
  QLabel* device_label_;
  QLabel* memory_label_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QTimer* memory_timer_;

  QMenu* file_menu_;
  QMenu* view_menu_;
  QMenu* go_menu_;
  QMenu* language_menu_;
  QAction* open_model_;
  QAction* open_text_;
  QAction* export_;
  QAction* reload_;
  QAction* quit_;
  QAction* presenter_action_;
  QAction* dark_action_;
  QAction* next_action_;
  QAction* previous_action_;
  QAction* english_;
  QAction* korean_;
};

}}  // namespace glassbox::app
