#include "app/instruct_controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>

#include "app/model_paths.h"
#include "engine/core/error.h"
#include "engine/finetune/evaluation.h"
#include "engine/finetune/lora.h"
#include "engine/io/model_dir.h"
#include "engine/tokenizer/tokenizer.h"

namespace glassbox { namespace app {

namespace fs = std::filesystem;

namespace {
InstructController* g_instance = nullptr;

// A training job runs at least one step and stops after this long, so other jobs (the lesson
// views', the chat's) wait at most about one step.
constexpr double kChunkSeconds = 0.25;
constexpr size_t kEtaWindow = 20;

// Costs measured with glassbox-cli finetune instruct on glassbox-base (4.3 M parameters),
// as CPU time of 2 threads on a busy 2-core machine: a LoRA step of 8 examples cut at 96
// tokens took about 0.34 s, a full step 0.38 s (the weights' gradients and AdamW update);
// a greedy token about 10 ms with the prompt.
constexpr double kTrainSecondsPerToken = 5e-4;
constexpr double kLoraFactor = 0.9;
constexpr double kGenerateSecondsPerToken = 0.01;

const double kNaN = std::nan("");

struct Loaded {
  std::unique_ptr<gb::LanguageModel> model;
  std::unique_ptr<gb::Tokenizer> tokenizer;
  std::string dir;
  explicit operator bool() const { return static_cast<bool>(model); }
};

// A Hugging Face style model directory: the weights and its tokenizer.json (GPT-2's own
// tokenizer for a GPT-2 vocabulary without one).
Loaded loadDirectory(const std::string& dir) {
  Loaded l;
  l.dir = dir;
  l.model = gb::load_model(dir);
  const fs::path tokenizer = fs::path(dir) / "tokenizer.json";
  std::error_code ec;
  if (fs::exists(tokenizer, ec)) l.tokenizer = gb::load_tokenizer(tokenizer.string());
  else if (l.model->config().vocab_size == 50257) l.tokenizer = gb::load_tokenizer("gpt2");
  else throw gb::Error(tokenizer.string() + ": missing, and the vocabulary is not GPT-2's, so no tokenizer fits");
  return l;
}

QString resourcesFile(const QString& relative) {
  for (const QString& models : modelSearchPath()) {
    const QString path = QDir::cleanPath(QDir(models).filePath(QStringLiteral("../") + relative));
    if (QFileInfo::exists(path)) return path;
  }
  return {};
}

QString baseDirectory(const InstructSettings& s) {
  return s.base_model.isEmpty() ? findBundledModel() : s.base_model;
}

// One held-out item through one model: its response, exact match and token F1.
gb::InstructionScore answer(const Loaded& m, const gb::AlpacaExample& e, int max_new_tokens) {
  return gb::evaluate_instructions(*m.model, *m.tokenizer, {e}, max_new_tokens).items[0];
}

trace::ResponseRow rowFor(const gb::AlpacaExample& e) {
  trace::ResponseRow r;
  r.instruction = e.instruction;
  r.input = e.input;
  r.expected = e.output;
  return r;
}

}  // namespace

// The models, owned by jobs on the worker thread. Members are destroyed in reverse order:
// the trainer and the adapter refer to `trained` and go first.
struct InstructController::WorkerState {
  Loaded base;     // the base model as shipped (the comparison's first column)
  Loaded chat;     // the bundled instruction-tuned glassbox-chat
  Loaded judge;
  Loaded trained;  // the finetuned copy; after a LoRA run its slots hold W0 + s·B·A
  std::unique_ptr<gb::LoraAdapter> adapter;
  std::unique_ptr<gb::InstructTrainer> trainer;
  gb::InstructionSplits splits;
  std::string splits_key;
  gb::Benchmark benchmark;

  void ensureSplits(const InstructSettings& s) {
    const std::string path = (s.data.isEmpty() ? bundledData() : s.data).toStdString();
    if (path.empty()) throw gb::Error("the bundled instruction data (resources/datasets/instructions) is missing");
    const std::string key = path + "#" + std::to_string(s.train.seed);
    if (key == splits_key) return;
    splits = gb::load_instruction_splits(path, s.train.seed);
    splits_key = key;
  }
  std::vector<gb::AlpacaExample> heldOut(const InstructSettings& s) const {
    // The test split; a file too small for one borrows the validation examples.
    const std::vector<gb::AlpacaExample>& from = splits.test.empty() ? splits.val : splits.test;
    return {from.begin(), from.begin() + std::min<std::ptrdiff_t>(s.eval_items, static_cast<std::ptrdiff_t>(from.size()))};
  }
  Loaded& ensureBase(const InstructSettings& s) {
    const std::string dir = baseDirectory(s).toStdString();
    if (dir.empty()) throw gb::Error("the bundled glassbox-base model is missing (resources/models/glassbox-base)");
    if (!base || base.dir != dir) base = loadDirectory(dir);
    return base;
  }
  Loaded& ensureChat() {
    if (!chat) {
      const std::string dir = findBundledModel(QStringLiteral("glassbox-chat")).toStdString();
      if (dir.empty()) throw gb::Error("the bundled glassbox-chat model is missing (resources/models/glassbox-chat)");
      chat = loadDirectory(dir);
    }
    return chat;
  }
  // What evaluate(), runChoice() and runJudge() measure: the model just trained, else glassbox-chat.
  Loaded& subject() { return trained ? trained : ensureChat(); }
};

// What a job hands back to the UI thread (written by the job, read after its finished()).
struct InstructController::Delivery {
  qint64 trainable = 0, total = 0, step = 0, total_steps = 0;
  bool done = false;
  std::vector<gb::InstructLog> logs;
  std::vector<gb::AlpacaExample> held_out;
  trace::ResponseRow row;
  bool exact = false;
  int count = 0;
  QString text;
};

InstructController::InstructController(EngineWorkerHost& worker, QObject* parent)
    : QObject(parent), worker_(worker), settings_(defaultSettings()), state_(std::make_shared<WorkerState>()),
      stop_(std::make_shared<std::atomic<bool>>(false)) {
  if (!g_instance) g_instance = this;
  connect(&worker_, &EngineWorkerHost::finished, this, [this](const JobResult& r) {
    if (r.job != job_ || job_ == 0) return;
    job_ = 0;
    auto done = std::move(on_done_);
    on_done_ = nullptr;
    if (done) done();
  });
  connect(&worker_, &EngineWorkerHost::failed, this, [this](const JobFailure& f) {
    if (f.job != job_ || job_ == 0) return;
    job_ = 0;
    on_done_ = nullptr;
    fail(f.message);
  });
}

InstructController::~InstructController() {
  if (g_instance == this) g_instance = nullptr;
}

InstructController* InstructController::instance() { return g_instance; }

InstructSettings InstructController::defaultSettings() {
  InstructSettings s;
  gb::InstructTrainOptions& t = s.train;
  // Three epochs of the bundled set: token F1 on 20 held-out items 0.31, against 0.18 after
  // one (and 0.25 after two; 0.28 for one epoch of full finetuning at 5e-4).
  t.epochs = 3;
  t.max_steps = 750;
  t.batch = 8;
  t.lr = 5e-3f;       // LoRA wants a larger rate than full finetuning (5e-4)
  t.max_length = 96;
  t.mask_prompt = true;
  t.eval_every = 25;
  t.eval_batches = 2;
  t.use_lora = true;
  t.lora.rank = 8;
  t.lora.alpha = 16.0f;
  t.seed = 123;
  return s;
}

QString InstructController::bundledData() { return resourcesFile(QStringLiteral("datasets/instructions")); }
QString InstructController::bundledBenchmark() {
  return resourcesFile(QStringLiteral("datasets/benchmarks/glassbox-sample.json"));
}

bool InstructController::setSettings(const InstructSettings& settings) {
  if (busy()) return false;
  settings_ = settings;
  emit settingsChanged();
  return true;
}

double InstructController::estimatedSeconds(const InstructSettings& s) {
  const gb::InstructTrainOptions& t = s.train;
  // Steps: max_steps, else epochs over ~2,000 bundled training examples.
  const double steps = t.max_steps > 0 ? static_cast<double>(t.max_steps)
                                       : static_cast<double>(t.epochs) * std::ceil(1994.0 / static_cast<double>(t.batch));
  const double length = t.max_length > 0 ? std::min<double>(static_cast<double>(t.max_length), 96.0) : 96.0;
  const double per_step = static_cast<double>(t.batch) * length * kTrainSecondsPerToken * (t.use_lora ? kLoraFactor : 1.0);
  // Validation: 2 × eval_batches forward passes (about a third of a step each).
  const double evals = t.eval_every > 0 ? steps / static_cast<double>(t.eval_every) : static_cast<double>(t.epochs);
  const double eval_cost = evals * 2.0 * static_cast<double>(t.eval_batches) * per_step / 3.0;
  const double generate = s.eval_items * s.max_new_tokens * kGenerateSecondsPerToken;
  return steps * per_step + eval_cost + generate;
}

void InstructController::setTask(Task task) {
  if (task == task_) return;
  task_ = task;
  emit taskChanged(task);
}

void InstructController::fail(const QString& message) {
  last_error_ = message;
  if (task_ == Task::Training) {
    // The half-made trainer goes; whatever model was trained before stays usable.
    worker_.submit([state = state_](const ProgressFn&, const std::atomic<bool>&) {
      state->trainer.reset();
      state->trained = Loaded();
      state->adapter.reset();
      return QVariant();
    });
    trained_ = false;
  }
  setTask(Task::None);
  emit failed(message);
}

void InstructController::submit(Work work, std::function<void(Delivery&)> done) {
  auto slot = std::make_shared<Delivery>();
  job_ = worker_.submit([work = std::move(work), slot, state = state_](const ProgressFn&, const std::atomic<bool>&) {
    work(*state, *slot);
    return QVariant();
  });
  on_done_ = [slot, done = std::move(done)] { done(*slot); };
}

void InstructController::countParameters() {
  if (busy()) return;
  const InstructSettings s = settings_;
  auto slot = std::make_shared<Delivery>();
  const quint64 job = worker_.submit([s, slot, state = state_](const ProgressFn&, const std::atomic<bool>&) {
    Loaded& base = state->ensureBase(s);
    slot->total = base.model->parameter_count();
    slot->trainable = s.train.use_lora ? gb::LoraAdapter(*base.model, s.train.lora).trainable_count() : slot->total;
    return QVariant();
  });
  auto conns = std::make_shared<QList<QMetaObject::Connection>>();
  *conns << connect(&worker_, &EngineWorkerHost::finished, this, [this, job, slot, conns](const JobResult& r) {
    if (r.job != job) return;
    for (const auto& c : *conns) disconnect(c);
    emit parametersCounted(slot->trainable, slot->total);
  });
  *conns << connect(&worker_, &EngineWorkerHost::failed, this, [this, job, conns](const JobFailure& f) {
    if (f.job != job) return;
    for (const auto& c : *conns) disconnect(c);
    if (!f.cancelled) emit failed(f.message);
  });
}

// ---- training --------------------------------------------------------------------------

void InstructController::start() {
  if (busy()) return;
  last_error_.clear();
  stop_->store(false);
  cancelled_ = false;
  trained_ = false;
  logs_.clear();
  timing_.clear();
  step_ = total_steps_ = 0;
  eta_ = -1;
  const InstructSettings s = settings_;
  setTask(Task::Training);
  emit runReset();
  emit progressChanged(0, 0, tr("Loading the model and the instructions…"));
  submit(
      [s](WorkerState& w, Delivery& d) {
        w.trainer.reset();
        w.adapter.reset();
        w.trained = Loaded();
        w.ensureSplits(s);
        const std::string dir = baseDirectory(s).toStdString();
        if (dir.empty()) throw gb::Error("the bundled glassbox-base model is missing (resources/models/glassbox-base)");
        Loaded model = loadDirectory(dir);  // a copy of its own: the base stays as shipped
        w.trainer = std::make_unique<gb::InstructTrainer>(*model.model, *model.tokenizer, w.splits.train, w.splits.val,
                                                          s.train);
        w.trained = std::move(model);  // the model object itself does not move: the trainer's reference holds
        d.trainable = w.trainer->trainable();
        d.total = w.trainer->total();
        d.total_steps = w.trainer->total_steps();
        d.held_out = w.heldOut(s);
      },
      [this](Delivery& d) {
        trainable_ = d.trainable;
        total_ = d.total;
        total_steps_ = d.total_steps;
        held_out_ = d.held_out;
        trained_lora_ = settings_.train.use_lora;
        emit parametersCounted(trainable_, total_);
        run_started_ = 0;
        timing_.emplace_back(0, 0.0);
        trainChunk();
      });
}

void InstructController::trainChunk() {
  auto stop = stop_;
  const auto t0 = std::chrono::steady_clock::now();
  submit(
      [stop](WorkerState& w, Delivery& d) {
        const auto started = std::chrono::steady_clock::now();
        gb::InstructTrainer& t = *w.trainer;
        while (!t.done() && !*stop) {
          d.logs.push_back(t.step());
          if (std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > kChunkSeconds) break;
        }
        d.step = t.steps_done();
        d.done = t.done();
      },
      [this, t0](Delivery& d) {
        const int first = static_cast<int>(logs_.size());
        logs_.insert(logs_.end(), d.logs.begin(), d.logs.end());
        step_ = d.step;
        run_started_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        timing_.emplace_back(step_, run_started_);
        if (timing_.size() > kEtaWindow) timing_.erase(timing_.begin());
        const auto& [s0, e0] = timing_.front();
        eta_ = step_ > s0 ? (run_started_ - e0) / static_cast<double>(step_ - s0) * static_cast<double>(total_steps_ - step_)
                          : -1.0;
        if (!d.logs.empty()) emit logsAdded(first);
        emit progressChanged(step_, total_steps_,
                             eta_ >= 0 ? tr("Step %1 of %2 — about %3 s left").arg(step_).arg(total_steps_).arg(std::lround(eta_))
                                       : tr("Step %1 of %2").arg(step_).arg(total_steps_));
        if (stop_->load()) {
          cancelled_ = true;
          finishTraining();
        } else if (d.done) {
          finishTraining();
        } else {
          trainChunk();
        }
      });
}

void InstructController::finishTraining() {
  submit(
      [](WorkerState& w, Delivery&) {
        w.adapter = w.trainer->finish();
        w.trainer.reset();
        // From now on the trained model answers with its adapter: W0 + s·B·A in every slot.
        if (w.adapter) w.adapter->apply(gb::Context{});
      },
      [this](Delivery&) {
        trained_ = true;
        setTask(Task::None);
        if (cancelled_) {
          emit progressChanged(step_, total_steps_, tr("Cancelled after step %1 of %2.").arg(step_).arg(total_steps_));
          return;
        }
        evaluate();
      });
}

void InstructController::cancel() {
  if (!busy()) return;
  stop_->store(true);
}

// ---- per-item jobs ---------------------------------------------------------------------

void InstructController::progressItems(int done, int total, const QString& what) {
  emit progressChanged(done, total, tr("%1: %2 of %3").arg(what).arg(done).arg(total));
}

void InstructController::runItems(int n, std::function<Work(int)> per_item, std::function<void(Delivery&)> each,
                                  std::function<void()> finished) {
  auto next = std::make_shared<std::function<void(int)>>();
  // The lambda refers to itself through a weak pointer, so the chain frees itself at the end.
  std::weak_ptr<std::function<void(int)>> weak = next;
  *next = [this, n, per_item, each, finished, weak](int i) {
    if (i >= n || stop_->load()) {
      cancelled_ = stop_->load();
      setTask(Task::None);
      if (finished) finished();
      return;
    }
    auto self = weak.lock();
    submit(per_item(i), [self, each, i](Delivery& d) {
      each(d);
      (*self)(i + 1);
    });
  };
  (*next)(0);
  // Keep the chain alive while jobs are in flight: the first submit captured a strong copy.
}

void InstructController::evaluate() {
  if (busy()) return;
  last_error_.clear();
  stop_->store(false);
  cancelled_ = false;
  const InstructSettings s = settings_;
  const QString name = trained_ ? (trained_lora_ ? tr("finetuned (LoRA r=%1)").arg(s.train.lora.rank) : tr("finetuned"))
                                : QStringLiteral("glassbox-chat");
  setTask(Task::Evaluating);
  emit progressChanged(0, 0, tr("Loading the held-out instructions…"));
  submit(
      [s](WorkerState& w, Delivery& d) {
        w.ensureSplits(s);
        d.held_out = w.heldOut(s);
        w.subject();
      },
      [this, s, name](Delivery& d) {
        held_out_ = d.held_out;
        trace::ResponseTable& t = tables_[EvalTable];
        t = {{name.toStdString()}, "F1", {}};
        emit tableChanged(EvalTable);
        auto exact = std::make_shared<int>(0);
        const int n = static_cast<int>(held_out_.size());
        runItems(
            n,
            [this, s](int i) -> Work {
              const gb::AlpacaExample e = held_out_[static_cast<size_t>(i)];
              return [s, e](WorkerState& w, Delivery& d) {
                const gb::InstructionScore r = answer(w.subject(), e, s.max_new_tokens);
                d.row = rowFor(e);
                d.row.responses = {r.response};
                d.row.scores = {r.f1};
                d.exact = r.exact;
              };
            },
            [this, exact, n](Delivery& d) {
              tables_[EvalTable].rows.push_back(d.row);
              *exact += d.exact ? 1 : 0;
              const auto& rows = tables_[EvalTable].rows;
              double f1 = 0;
              for (const auto& r : rows) f1 += r.scores[0];
              f1_ = f1 / static_cast<double>(rows.size());
              exact_match_ = static_cast<double>(*exact) / static_cast<double>(rows.size());
              emit tableChanged(EvalTable);
              progressItems(static_cast<int>(rows.size()), n, tr("Evaluating"));
            },
            [this, n] {
              emit progressChanged(static_cast<qint64>(tables_[EvalTable].rows.size()), n,
                                   tr("Held-out instructions: exact match %1%, token F1 %2")
                                       .arg(exact_match_ * 100.0, 0, 'f', 0)
                                       .arg(f1_, 0, 'f', 2));
            });
      });
}

void InstructController::compare() {
  if (busy()) return;
  last_error_.clear();
  stop_->store(false);
  cancelled_ = false;
  const InstructSettings s = settings_;
  const bool full = trained_ && !trained_lora_, lora = trained_ && trained_lora_;
  setTask(Task::Comparing);
  emit progressChanged(0, 0, tr("Loading the three models…"));
  submit(
      [s, full](WorkerState& w, Delivery& d) {
        w.ensureSplits(s);
        d.held_out = w.heldOut(s);
        d.text = QFileInfo(QString::fromStdString(w.ensureBase(s).dir)).fileName();
        if (!full) w.ensureChat();
      },
      [this, s, full, lora](Delivery& d) {
        held_out_ = d.held_out;
        std::vector<std::string> models = {d.text.toStdString(),
                                           full ? tr("finetuned").toStdString() : std::string("glassbox-chat")};
        if (lora) models.push_back(tr("LoRA r=%1").arg(s.train.lora.rank).toStdString());
        tables_[CompareTable] = {models, "F1", {}};
        emit tableChanged(CompareTable);
        const int n = static_cast<int>(held_out_.size());
        runItems(
            n,
            [this, s, full, lora](int i) -> Work {
              const gb::AlpacaExample e = held_out_[static_cast<size_t>(i)];
              return [s, e, full, lora](WorkerState& w, Delivery& d) {
                d.row = rowFor(e);
                std::vector<Loaded*> models = {&w.ensureBase(s), full ? &w.trained : &w.ensureChat()};
                if (lora) models.push_back(&w.trained);
                for (const Loaded* m : models) {
                  const gb::InstructionScore r = answer(*m, e, s.max_new_tokens);
                  d.row.responses.push_back(r.response);
                  d.row.scores.push_back(r.f1);
                }
              };
            },
            [this, n](Delivery& d) {
              tables_[CompareTable].rows.push_back(d.row);
              emit tableChanged(CompareTable);
              progressItems(static_cast<int>(tables_[CompareTable].rows.size()), n, tr("Comparing"));
            },
            nullptr);
      });
}

void InstructController::runChoice() {
  if (busy()) return;
  last_error_.clear();
  stop_->store(false);
  cancelled_ = false;
  const InstructSettings s = settings_;
  const QString name = trained_ ? tr("finetuned") : QStringLiteral("glassbox-chat");
  setTask(Task::Choice);
  emit progressChanged(0, 0, tr("Loading the benchmark…"));
  submit(
      [s](WorkerState& w, Delivery& d) {
        const QString path = s.benchmark.isEmpty() ? bundledBenchmark() : s.benchmark;
        if (path.isEmpty()) throw gb::Error("the bundled benchmark (resources/datasets/benchmarks) is missing");
        w.benchmark = gb::load_benchmark(path.toStdString());
        d.count = static_cast<int>(w.benchmark.questions.size());
        d.text = QString::fromStdString(w.benchmark.name);
        w.subject();
      },
      [this, name](Delivery& d) {
        tables_[ChoiceTable] = {{name.toStdString()}, "correct", {}};
        emit tableChanged(ChoiceTable);
        const int n = d.count;
        runItems(
            n,
            [](int i) -> Work {
              return [i](WorkerState& w, Delivery& d) {
                const gb::MultipleChoiceQuestion& q = w.benchmark.questions[static_cast<size_t>(i)];
                Loaded& m = w.subject();
                const gb::BenchmarkResult r = gb::run_benchmark(*m.model, *m.tokenizer, {w.benchmark.name, "", {q}});
                const int picked = r.items[0].predicted;
                d.row.instruction = q.question;
                for (size_t c = 0; c < q.choices.size(); ++c)
                  d.row.input += (c ? "  ·  " : "") + std::string(1, static_cast<char>('A' + c)) + ") " + q.choices[c];
                d.row.expected = q.choices[static_cast<size_t>(q.answer)];
                d.row.responses = {q.choices[static_cast<size_t>(picked)]};
                d.row.scores = {picked == q.answer ? 1.0 : 0.0};
              };
            },
            [this, n](Delivery& d) {
              auto& rows = tables_[ChoiceTable].rows;
              rows.push_back(d.row);
              double right = 0;
              for (const auto& r : rows) right += r.scores[0];
              choice_accuracy_ = right / static_cast<double>(rows.size());
              emit tableChanged(ChoiceTable);
              progressItems(static_cast<int>(rows.size()), n, tr("Multiple choice"));
            },
            [this, n] {
              emit progressChanged(static_cast<qint64>(tables_[ChoiceTable].rows.size()), n,
                                   tr("Multiple choice: %1% right").arg(choice_accuracy_ * 100.0, 0, 'f', 0));
            });
      });
}

void InstructController::runJudge() {
  if (busy()) return;
  last_error_.clear();
  const QString judge = judge_source_ ? judge_source_() : QString();
  if (judge.isEmpty()) {
    last_error_ = tr("No judge model is open. Open a larger model (File › Open model…, e.g. a GPT-2 or SmolLM2 "
                     "directory) and it will score the responses.");
    emit failed(last_error_);
    return;
  }
  stop_->store(false);
  cancelled_ = false;
  const InstructSettings s = settings_;
  const QString name = trained_ ? tr("finetuned") : QStringLiteral("glassbox-chat");
  setTask(Task::Judging);
  emit progressChanged(0, 0, tr("Loading the judge %1…").arg(QFileInfo(judge).fileName()));
  submit(
      [s, judge](WorkerState& w, Delivery& d) {
        w.ensureSplits(s);
        d.held_out = w.heldOut(s);
        if (!w.judge || w.judge.dir != judge.toStdString()) w.judge = loadDirectory(judge.toStdString());
        w.subject();
      },
      [this, s, name, judge](Delivery& d) {
        held_out_ = d.held_out;
        tables_[JudgeTable] = {{name.toStdString()}, tr("judge %1 (0–100)").arg(QFileInfo(judge).fileName()).toStdString(), {}};
        emit tableChanged(JudgeTable);
        const int n = static_cast<int>(held_out_.size());
        runItems(
            n,
            [this, s](int i) -> Work {
              const gb::AlpacaExample e = held_out_[static_cast<size_t>(i)];
              return [s, e](WorkerState& w, Delivery& d) {
                const gb::InstructionScore r = answer(w.subject(), e, s.max_new_tokens);
                const gb::JudgeResult j =
                    gb::judge_responses(*w.judge.model, *w.judge.tokenizer, {e}, {r.response}, s.judge_alpaca);
                d.row = rowFor(e);
                d.row.responses = {r.response};
                d.row.scores = {j.items[0].score ? static_cast<double>(*j.items[0].score) : kNaN};
              };
            },
            [this, n](Delivery& d) {
              auto& rows = tables_[JudgeTable].rows;
              rows.push_back(d.row);
              double sum = 0;
              int scored = 0;
              for (const auto& r : rows)
                if (std::isfinite(r.scores[0])) sum += r.scores[0], ++scored;
              judge_mean_ = scored ? sum / scored : kNaN;
              emit tableChanged(JudgeTable);
              progressItems(static_cast<int>(rows.size()), n, tr("Judging"));
            },
            nullptr);
      });
}

// ---- saving ----------------------------------------------------------------------------

void InstructController::save(const QString& dir) {
  if (busy() || !trained_ || dir.isEmpty()) return;
  last_error_.clear();
  const std::string out = dir.toStdString();
  setTask(Task::Saving);
  submit(
      [out](WorkerState& w, Delivery&) {
        if (w.adapter) w.adapter->save(out, fs::absolute(w.trained.dir).string());
        else gb::save_model(out, *w.trained.model, w.trained.tokenizer.get());
      },
      [this, dir](Delivery&) {
        setTask(Task::None);
        emit saved(dir);
      });
}

void InstructController::chatWithIt() {
  if (busy() || !trained_ || !chat_opener_) return;
  const QString dir =
      QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("finetuned/last"));
  const std::string out = dir.toStdString();
  setTask(Task::Saving);
  submit(
      [out](WorkerState& w, Delivery&) {
        // After a LoRA run the slots hold W0 + s·B·A: saving them is saving the merged model.
        gb::save_model(out, *w.trained.model, w.trained.tokenizer.get());
      },
      [this, dir](Delivery&) {
        setTask(Task::None);
        chat_opener_(dir);
      });
}

bool InstructController::waitIdle(int timeout_ms) {
  QElapsedTimer t;
  t.start();
  while (busy() && t.elapsed() < timeout_ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  return !busy();
}

std::vector<trace::LossPoint> InstructController::lossPoints() const {
  std::vector<trace::LossPoint> out;
  out.reserve(logs_.size());
  for (const gb::InstructLog& l : logs_) out.push_back({l.step, l.loss, l.val_loss ? *l.val_loss : kNaN});
  return out;
}

}}  // namespace glassbox::app
