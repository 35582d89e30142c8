#pragma once
// InstructController: instruction finetuning, evaluation and comparison in the app (lessons 8
// and 9). Holds the settings of the next run, runs everything on the EngineWorker in short
// jobs (a few training steps, or one held-out item, per job, so other views still get their
// turn and Cancel is felt within one step or item), and keeps on the UI thread plain copies
// of what came back: the loss curve and the four tables.
//
//   start()         finetunes the base model (glassbox-base unless another directory is set)
//                   on the instruction data (the bundled generated set, or an Alpaca JSON file
//                   split 85/10/5), whole or as a LoRA adapter; then evaluates it
//   evaluate()      held-out instructions → response, exact match and token F1 per item
//   compare()       the same items through base, instruction-tuned and LoRA models
//   runChoice()     a multiple-choice benchmark scored by log-likelihood
//   runJudge()      a judge model the learner opened scores responses 0–100
//   cancel()        stops after the current step or item
//   save(dir)       the trained model (or the LoRA adapter, PEFT layout)
//
// The models live on the worker thread (WorkerState) and are only touched by jobs.
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "app/engine_worker.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/trace/finetune_trace.h"
#include "engine/trace/trace.h"

namespace glassbox { namespace app {

struct InstructSettings {
  QString base_model;  // a model directory; empty: the bundled glassbox-base
  QString data;        // an Alpaca JSON file or a train/val/test folder; empty: the bundled set
  QString benchmark;   // a benchmark JSON file; empty: the bundled sample
  gb::InstructTrainOptions train;
  int eval_items = 20;      // held-out items evaluated, compared and judged
  int max_new_tokens = 24;  // per generated response
  bool judge_alpaca = true; // the judge reads its rubric inside the Alpaca template
};

class InstructController : public QObject {
  Q_OBJECT
 public:
  enum class Task { None, Training, Evaluating, Comparing, Choice, Judging, Saving };
  Q_ENUM(Task)
  enum Table { EvalTable, CompareTable, ChoiceTable, JudgeTable, TableCount };

  explicit InstructController(EngineWorkerHost& worker, QObject* parent = nullptr);
  ~InstructController() override;

  // The controller the app's instruction pages attach to (the main window makes one); may be null.
  static InstructController* instance();
  EngineWorkerHost& worker() const { return worker_; }

  // LoRA rank 8 (alpha 16) on every attention and feed-forward linear, 750 steps of batch 8
  // (three epochs of the bundled set), peak lr 5e-3, prompt masked, examples cut at 96
  // tokens, then 20 held-out items with 24 new tokens each: about two minutes of CPU on a
  // 2-core laptop (estimatedSeconds()).
  static InstructSettings defaultSettings();
  // The bundled instruction set (…/datasets/instructions) and benchmark; empty if absent.
  static QString bundledData();
  static QString bundledBenchmark();

  const InstructSettings& settings() const { return settings_; }
  // Ignored (returns false) while something runs.
  bool setSettings(const InstructSettings& settings);
  // Roughly how long start() takes with these settings on a 2-core laptop (training and
  // the evaluation after it), from per-step and per-token costs measured on one.
  static double estimatedSeconds(const InstructSettings& settings);

  // The judge: a model directory the learner opened (empty: none). Asked when runJudge() starts.
  void setJudgeSource(std::function<QString()> source) { judge_source_ = std::move(source); }
  // Where "Chat with it" sends a saved model directory (the main window adds it to the chat).
  void setChatOpener(std::function<void(const QString&)> opener) { chat_opener_ = std::move(opener); }
  bool canChat() const { return static_cast<bool>(chat_opener_) && hasTrained(); }

  Task task() const { return task_; }
  bool busy() const { return task_ != Task::None; }
  // A finetune in progress: closing the app now loses it.
  bool isTraining() const { return task_ == Task::Training; }
  QString lastError() const { return last_error_; }

  // Trainable and total parameters the settings give (LoRA: the adapter's A and B), counted
  // on the worker on the base model; answers with parametersCounted or failed.
  void countParameters();

  void start();
  void evaluate();
  void compare();
  void runChoice();
  void runJudge();
  void cancel();
  // Writes the trained model (full finetune) or the LoRA adapter (PEFT layout) to dir.
  void save(const QString& dir);
  // Saves the trained model (a LoRA adapter merged in) in the app's data folder and hands it
  // to the chat.
  void chatWithIt();
  // Processes events until nothing runs (tests).
  bool waitIdle(int timeout_ms = 120000);

  bool hasTrained() const { return trained_; }
  bool trainedWithLora() const { return trained_lora_; }
  bool cancelled() const { return cancelled_; }
  qint64 trainableCount() const { return trainable_; }
  qint64 totalCount() const { return total_; }
  const std::vector<gb::InstructLog>& logs() const { return logs_; }
  std::vector<trace::LossPoint> lossPoints() const;
  qint64 step() const { return step_; }
  qint64 totalSteps() const { return total_steps_; }
  double etaSeconds() const { return eta_; }
  const trace::ResponseTable& table(Table t) const { return tables_[t]; }
  // Means of the last evaluation.
  double exactMatch() const { return exact_match_; }
  double f1() const { return f1_; }
  double choiceAccuracy() const { return choice_accuracy_; }
  double judgeMean() const { return judge_mean_; }
  // The held-out items the tables use (the test split's first eval_items).
  const std::vector<gb::AlpacaExample>& heldOut() const { return held_out_; }

 signals:
  void taskChanged(glassbox::app::InstructController::Task task);
  void settingsChanged();
  void parametersCounted(qint64 trainable, qint64 total);
  void runReset();             // a new run: the curve starts over
  void logsAdded(int first);   // logs()[first…] are new
  // done of total (steps or items) and a one-line description with the ETA.
  void progressChanged(qint64 done, qint64 total, const QString& message);
  void tableChanged(int table);
  void saved(const QString& dir);
  void failed(const QString& error);

 private:
  struct WorkerState;
  struct Delivery;
  using Work = std::function<void(WorkerState&, Delivery&)>;
  void setTask(Task task);
  void submit(Work work, std::function<void(Delivery&)> done);
  void fail(const QString& message);
  void trainChunk();
  void finishTraining();
  // Runs `per_item(i)` as one job per i in [0, n), then `finished`; stops on cancel.
  void runItems(int n, std::function<Work(int)> per_item, std::function<void(Delivery&)> each,
                std::function<void()> finished);
  void progressItems(int done, int total, const QString& what);

  EngineWorkerHost& worker_;
  InstructSettings settings_;
  std::shared_ptr<WorkerState> state_;  // touched only by jobs, on the worker thread
  std::shared_ptr<std::atomic<bool>> stop_;  // Cancel: the chunk in flight stops after its step
  Task task_ = Task::None;
  quint64 job_ = 0;
  std::function<void()> on_done_;
  std::function<QString()> judge_source_;
  std::function<void(const QString&)> chat_opener_;
  QString last_error_;

  bool trained_ = false, trained_lora_ = false, cancelled_ = false;
  qint64 trainable_ = 0, total_ = 0, step_ = 0, total_steps_ = 0;
  double eta_ = -1, run_started_ = 0;
  std::vector<gb::InstructLog> logs_;
  std::vector<std::pair<qint64, double>> timing_;  // (step, seconds since start) for the ETA
  std::vector<gb::AlpacaExample> held_out_;
  trace::ResponseTable tables_[TableCount];
  double exact_match_ = 0, f1_ = 0, choice_accuracy_ = 0, judge_mean_ = 0;
};

}}  // namespace glassbox::app
