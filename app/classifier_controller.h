#pragma once
// ClassifierController: the spam classifier finetuned inside the app (lesson 7), as
// `glassbox-cli finetune classify` does it, but in short jobs on the EngineWorker so the
// lesson views and the "type a message" box keep their turn.
//
//   start()     Preparing   the base model (the bundled glassbox-base, or the model the learner
//                           opened), the SpamAssassin splits (balanced, 70/10/20, seeded), a new
//                           2-class head on the last token
//               Measuring   test accuracy before finetuning (a random head: about 50%)
//               Training    a few optimizer steps per job; every step's loss and accuracy,
//                           validation where measured, reach the UI as ClassifierPoints
//               Evaluating  the test split's confusion matrix
//               Finished    the finetuned classifier answers classify() and can be saved
//   cancel()    stops after the current step (or between evaluation batches) → Cancelled
//   classify()  the classifier's probabilities for a text, computed on the worker; while a
//               text is being classified only the latest of the texts typed meanwhile follows
//   save()      save_classifier into a directory (atomic), on the worker
//
// Before the learner has finetuned one, classify() uses the bundled glassbox-classifier.
// The model, data and trainer live on the worker thread and are touched only by jobs; this
// object lives on the UI thread and keeps copies of what the views show.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

#include "app/engine_worker.h"
#include "engine/finetune/classifier.h"
#include "engine/trace/finetune_trace.h"

namespace glassbox { namespace app {

struct ClassifierSettings {
  QString base_model;               // a model directory; empty: the bundled glassbox-base
  gb::TrainPart part = gb::TrainPart::All;
  int lora_rank = 8;                // when part is Lora (alpha = 2 × rank)
  int epochs = 1;
  int max_steps = 0;                // 0: every step of every epoch
  double lr = 0;                    // peak learning rate (warmup, cosine); 0: the default
  int batch = 8;
  int max_tokens = 64;              // each message cut to its first max_tokens tokens
  int eval_every = 25;              // steps between validation measurements
  int eval_batches = 4;             // batches of train and val each measurement reads
  int test_limit = 0;               // test messages evaluated before and after; 0: all
  int train_limit = 0;              // training messages used; 0: all (tests use a few)
  quint64 seed = 123, split_seed = 123;
};

// One of the e-mails the learner is shown before training (the start of its text).
struct ClassifierExample {
  QString label, text;
};

class ClassifierController : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Preparing, Measuring, Training, Evaluating, Cancelling, Finished, Cancelled, Failed };
  Q_ENUM(State)

  explicit ClassifierController(EngineWorkerHost& worker, QObject* parent = nullptr);
  ~ClassifierController() override;

  // The controller the app's classifier pages attach to (the main window makes one); may be null.
  static ClassifierController* instance();
  EngineWorkerHost& worker() const { return worker_; }

  // Every weight, one epoch, 64 tokens, batch 8, lr 5e-4 (about 93%; see the .cpp).
  static ClassifierSettings defaultSettings();
  static double defaultLearningRate(gb::TrainPart part);
  const ClassifierSettings& settings() const { return settings_; }
  // Ignored (returns false) while a run is active; the next start() uses them.
  bool setSettings(const ClassifierSettings& settings);
  // Where the model open in the app is (the main window's), for the page's base-model choice.
  void setOpenedModelSource(std::function<QString()> source) { opened_model_ = std::move(source); }
  QString openedModel() const { return opened_model_ ? opened_model_() : QString(); }
  // The directory the classify() box reads before a run finishes; empty when not installed.
  static QString bundledClassifier();

  State state() const { return state_; }
  bool isActive() const;  // Preparing … Cancelling: closing the app now would lose the run
  bool hasTrained() const { return has_trained_; }  // a finished run's classifier exists (save())
  QString lastError() const { return last_error_; }

  // Before the learner's first run: reads a few e-mails of each class and the bundled
  // glassbox-classifier's training_log.json (its curves and confusion matrix), on the worker;
  // answers with previewReady(). Done once; later calls re-emit what was read.
  void loadPreview();
  bool hasPreview() const { return preview_loaded_; }
  const std::vector<trace::ClassifierPoint>& previewPoints() const { return preview_points_; }
  const trace::ConfusionCounts& previewConfusion() const { return preview_confusion_; }
  double previewAccuracyBefore() const { return preview_before_; }
  double previewSeconds() const { return preview_seconds_; }

  void start();
  void cancel();
  // For closing the app: cancels an active run and waits for it to stop (events keep flowing).
  bool cancelAndWait(int timeout_ms = 60000);
  void classify(const QString& text);
  void save(const QString& dir);
  // How long one training or evaluation job runs before it hands back (0.25 s; tests make it
  // long to check that cancel() stops a job between steps).
  void setChunkSeconds(double seconds) { chunk_seconds_ = seconds; }

  // What the current (or last) run has reported.
  const std::vector<trace::ClassifierPoint>& points() const { return points_; }
  const std::vector<ClassifierExample>& examples() const { return examples_; }
  double accuracyBefore() const { return accuracy_before_; }  // NaN until measured
  const trace::ConfusionCounts& confusion() const { return confusion_; }
  qint64 stepsDone() const { return steps_done_; }
  qint64 totalSteps() const { return total_steps_; }
  double etaSeconds() const { return eta_; }  // -1 while unknown
  qint64 trainableParameters() const { return trainable_; }
  qint64 totalParameters() const { return total_params_; }
  // train / validation / test messages of the run (test: those evaluated).
  qint64 trainCount() const { return n_train_; }
  qint64 valCount() const { return n_val_; }
  qint64 testCount() const { return n_test_; }
  QString baseName() const { return base_name_; }
  // Which classifier answers classify(): "glassbox-classifier" or "finetuned here".
  QString predictorName() const;

 signals:
  void stateChanged(glassbox::app::ClassifierController::State state);
  void settingsChanged();
  // A run started: views clear their curves and matrix.
  void runReset();
  void prepared();  // examples, counts and parameter counts are known
  void pointsAdded(int first);  // points()[first…] are new
  void accuracyBeforeMeasured(double accuracy);
  void progressChanged(qint64 step, qint64 total, double eta_seconds);
  // Evaluation progress (before or after finetuning): messages done of total.
  void evaluating(qint64 done, qint64 total);
  void confusionReady(const glassbox::trace::ConfusionCounts& confusion, double accuracy_before);
  void prediction(const glassbox::trace::ClassPrediction& prediction);
  void saved(const QString& dir);
  void previewReady();
  void failed(const QString& error);

 private:
  struct Session;
  struct Predictor;
  struct Delivery;
  void setState(State state);
  void submit(std::function<void(Delivery&, const std::atomic<bool>&)> job, std::function<void(Delivery&)> done);
  void evaluateChunk(bool before);
  void trainChunk();
  void takePoints(const Delivery& d);
  void stopCancelled();
  void release();
  void retire(std::shared_ptr<Predictor> predictor);
  void submitClassify(const QString& text);

  EngineWorkerHost& worker_;
  ClassifierSettings settings_;
  std::function<QString()> opened_model_;
  State state_ = State::Idle;
  QString last_error_;

  std::shared_ptr<Session> session_;      // worker thread only
  std::shared_ptr<Predictor> predictor_;  // the classifier classify() uses; worker thread only
  std::shared_ptr<std::atomic<bool>> stop_;  // set by cancel(), read between steps
  double chunk_seconds_;
  quint64 job_ = 0;
  std::function<void()> on_done_;
  quint64 classify_job_ = 0;
  std::shared_ptr<Delivery> classify_slot_;
  bool classify_pending_ = false;
  QString classify_text_;
  quint64 save_job_ = 0;
  QString save_dir_;
  bool has_trained_ = false;

  std::vector<trace::ClassifierPoint> points_;
  std::vector<ClassifierExample> examples_;
  trace::ConfusionCounts confusion_, partial_;
  double accuracy_before_;
  qint64 steps_done_ = 0, total_steps_ = 0, trainable_ = 0, total_params_ = 0;
  qint64 n_train_ = 0, n_val_ = 0, n_test_ = 0, evaluated_ = 0;
  double eta_ = -1;
  QElapsedTimer clock_;
  QString base_name_;
  quint64 preview_job_ = 0;
  std::shared_ptr<Delivery> preview_slot_;
  bool preview_loaded_ = false;
  std::vector<trace::ClassifierPoint> preview_points_;
  trace::ConfusionCounts preview_confusion_;
  double preview_before_, preview_seconds_ = 0;
};

}}  // namespace glassbox::app
