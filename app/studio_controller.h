#pragma once
// StudioController: the training studio's logic. Holds the settings of the next run, runs
// the run on the EngineWorker in short jobs (a few steps each, so the lesson views' jobs
// still get their turn), and hands what comes back to the studio view as plain values.
//
//   start()   a new run in runDirectory() (gb::TrainingRun::start on the worker)
//   pause()   no more steps after the current one; a checkpoint is written
//   resume()  continues a paused run, or the run saved in runDirectory() (after Stop, a
//             crash, or closing the app) from its last checkpoint, on the same loss curve
//   stop()    writes a checkpoint and lets the run go
//
// The run itself (model, optimizer, data) lives on the worker thread and is only touched by
// jobs; this object lives on the UI thread and only keeps copies of the history.
#include <QObject>
#include <QString>
#include <QStringList>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "app/engine_worker.h"
#include "engine/trace/training_trace.h"
#include "engine/train/train_estimate.h"
#include "engine/train/training_run.h"

namespace glassbox { namespace app {

class StudioController : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Preparing, Training, Paused, Stopping, Finished, Failed };
  Q_ENUM(State)

  explicit StudioController(EngineWorkerHost& worker, QObject* parent = nullptr);
  ~StudioController() override;

  // The controller the app's studio views attach to (the main window makes one); may be null.
  static StudioController* instance();
  EngineWorkerHost& worker() const { return worker_; }

  // Model sizes offered besides custom ones: "gpt-tiny", "studio-small" (the default),
  // "glassbox-base", "gpt-mini", "gpt-midi". The vocabulary comes from the tokenizer.
  static QStringList presetNames();
  static gb::ModelConfig presetConfig(const QString& name);
  // Moby-Dick, a BPE of 4096 trained on it, studio-small, batch 8, context 128, 600 steps.
  static gb::RunSettings defaultSettings();
  static QString defaultRunDirectory();

  const gb::RunSettings& settings() const { return settings_; }
  // Ignored (returns false) while a run is active; the next start() uses them.
  bool setSettings(const gb::RunSettings& settings);
  // The vocabulary the settings will give: the BPE size, or the named tokenizer's size when
  // measured (50257 for gpt2 until then).
  int64_t plannedVocabulary() const;
  // Parameters and memory of the model and batch in the settings.
  gb::TrainingFootprint footprint() const;

  QString runDirectory() const { return run_dir_; }
  void setRunDirectory(const QString& dir);

  State state() const { return state_; }
  // Preparing, training, paused or stopping: closing the app now would need a checkpoint.
  bool isActive() const;
  // A run on disk that resume() can continue (a stopped or crashed run).
  bool canResume() const;
  QString lastError() const { return last_error_; }
  QString deviceNote() const { return device_note_; }

  // Counts the characters and tokens of the corpus the settings name (on the worker);
  // answers with corpusMeasured or failed.
  void measureCorpus();

  void start();
  void pause();
  void resume();
  void stop();
  // For closing the app: stops an active run with a checkpoint and waits for it (events keep
  // flowing). Returns false if it did not finish within timeout_ms.
  bool stopAndWait(int timeout_ms = 120000);

  // Everything the current run has reported so far (a resumed run starts with its history).
  const std::vector<trace::TrainingStep>& steps() const { return steps_; }
  const std::vector<trace::TrainingSample>& samples() const { return samples_; }
  const std::vector<trace::AttentionSnapshot>& snapshots() const { return snapshots_; }
  trace::TrainingProgress progress() const { return progress_; }
  int64_t vocabulary() const { return vocab_; }  // of the current run, 0 before one

 signals:
  void stateChanged(glassbox::app::StudioController::State state);
  void settingsChanged();
  void corpusMeasured(qint64 characters, qint64 tokens, qint64 vocabulary);
  // A run was started or resumed: views clear and show ln(vocabulary); its history follows.
  void runReset(qint64 vocabulary);
  void stepsAdded(int first);  // steps()[first…] are new
  void samplesAdded(int first);
  void snapshotsAdded(int first);
  void progressChanged(const glassbox::trace::TrainingProgress& progress);
  // Preparation progress (BPE training, tokenizing) and one-line notes (device fallback).
  void preparing(double fraction, const QString& message);
  void failed(const QString& error);

 private:
  struct Session;
  struct Delivery;
  void setState(State state);
  // Submits `job` and remembers what to do with its result on the UI thread.
  void submit(std::function<void(Delivery&, const ProgressFn&, const std::atomic<bool>&)> job,
              std::function<void(Delivery&)> done);
  void deliver(Delivery& d);
  void nextChunk();
  void finishStop();
  void release();

  EngineWorkerHost& worker_;
  gb::RunSettings settings_;
  QString run_dir_;
  State state_ = State::Idle;
  QString last_error_, device_note_;
  int64_t measured_vocab_ = 0;

  std::shared_ptr<Session> session_;  // touched only by jobs, on the worker thread
  quint64 job_ = 0;                   // the one studio job in flight (0: none)
  std::function<void()> on_done_;
  quint64 measure_job_ = 0;
  std::shared_ptr<Delivery> measure_slot_;

  std::vector<trace::TrainingStep> steps_;
  std::vector<trace::TrainingSample> samples_;
  std::vector<trace::AttentionSnapshot> snapshots_;
  trace::TrainingProgress progress_;
  std::deque<std::pair<int64_t, double>> recent_;  // (step, elapsed) for the ETA
  int64_t vocab_ = 0;
};

}}  // namespace glassbox::app
