#include "app/studio_controller.h"

#include <QDir>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTimer>
#include <chrono>

#include "engine/core/error.h"
#include "engine/tokenizer/bpe_trainer.h"
#include "engine/train/corpus.h"

namespace glassbox { namespace app {

namespace {
StudioController* g_instance = nullptr;

// A chunk of training runs at least one step and stops after this long, so that other jobs
// (the lesson views' forward passes) wait at most about one step.
constexpr double kChunkSeconds = 0.25;
// Steps the ETA averages over.
constexpr int kEtaWindow = 20;
}  // namespace

// The run, owned by jobs on the worker thread. The UI thread only passes the pointer along.
struct StudioController::Session {
  std::unique_ptr<gb::TrainingRun> run;
};

// What a job hands back to the UI thread (written by the job, read after its finished()).
struct StudioController::Delivery {
  bool reset = false;  // a run was (re)opened: replace the history instead of appending
  std::vector<trace::TrainingStep> steps;
  std::vector<trace::TrainingSample> samples;
  std::vector<trace::AttentionSnapshot> snapshots;
  int64_t step = 0, total = 0, vocab = 0;
  double elapsed = 0;
  bool finished = false;
  QString device_note;
  // measureCorpus
  int64_t characters = 0, tokens = 0;

  // Copies the history entries past the ones the UI already has.
  void take(const gb::TrainingRun& run, size_t from_steps, size_t from_samples, size_t from_snapshots) {
    const gb::RunHistory& h = run.history();
    steps.assign(h.steps.begin() + std::min(from_steps, h.steps.size()), h.steps.end());
    samples.assign(h.samples.begin() + std::min(from_samples, h.samples.size()), h.samples.end());
    snapshots.assign(h.snapshots.begin() + std::min(from_snapshots, h.snapshots.size()), h.snapshots.end());
    step = run.steps_done();
    total = run.total_steps();
    vocab = run.model().config().vocab_size;
    elapsed = h.elapsed_seconds;
    finished = run.finished();
    device_note = QString::fromStdString(run.device_note());
  }
};

StudioController::StudioController(EngineWorkerHost& worker, QObject* parent)
    : QObject(parent), worker_(worker), settings_(defaultSettings()), run_dir_(defaultRunDirectory()) {
  if (!g_instance) g_instance = this;
  connect(&worker_, &EngineWorkerHost::finished, this, [this](const JobResult& r) {
    if (r.job == measure_job_ && measure_job_ != 0) {
      measure_job_ = 0;
      const std::shared_ptr<Delivery> m = std::move(measure_slot_);
      measured_vocab_ = m->vocab;
      emit corpusMeasured(m->characters, m->tokens, m->vocab);
      emit settingsChanged();  // the memory estimate may change with the vocabulary
      return;
    }
    if (r.job != job_ || job_ == 0) return;
    job_ = 0;
    auto done = std::move(on_done_);
    on_done_ = nullptr;
    if (done) done();
  });
  connect(&worker_, &EngineWorkerHost::failed, this, [this](const JobFailure& f) {
    if (f.job == measure_job_ && measure_job_ != 0) {
      measure_job_ = 0;
      measure_slot_.reset();
      if (!f.cancelled) emit failed(f.message);
      return;
    }
    if (f.job != job_ || job_ == 0) return;
    job_ = 0;
    on_done_ = nullptr;
    if (f.cancelled) {
      // Only preparation is ever cancelled: nothing was written, the run never began.
      session_.reset();
      setState(State::Idle);
      return;
    }
    last_error_ = f.message;
    release();
    setState(State::Failed);
    emit failed(f.message);
  });
  connect(&worker_, &EngineWorkerHost::progress, this, [this](const JobProgress& p) {
    if (p.job == job_ && state_ == State::Preparing) emit preparing(p.fraction, p.message);
  });
}

StudioController::~StudioController() {
  if (g_instance == this) g_instance = nullptr;
}

StudioController* StudioController::instance() { return g_instance; }

QStringList StudioController::presetNames() {
  return {QStringLiteral("gpt-tiny"), QStringLiteral("studio-small"), QStringLiteral("glassbox-base"),
          QStringLiteral("gpt-mini"), QStringLiteral("gpt-midi")};
}

gb::ModelConfig StudioController::presetConfig(const QString& name) {
  gb::ModelConfig c = gb::preset("gpt-tiny");
  auto sized = [&c](int64_t layers, int64_t width, int64_t heads, int64_t context, float dropout) {
    c.n_layers = layers;
    c.emb_dim = width;
    c.n_heads = heads;
    c.context_length = context;
    c.drop_rate = dropout;
  };
  if (name == QLatin1String("studio-small")) sized(4, 128, 4, 128, 0.0f);
  else if (name == QLatin1String("glassbox-base")) sized(4, 256, 4, 256, 0.1f);  // tools/bundled/glassbox-base.config.json
  else if (gb::is_preset(name.toStdString())) c = gb::preset(name.toStdString());
  return c;
}

gb::RunSettings StudioController::defaultSettings() {
  gb::RunSettings s;
  s.corpus = gb::default_corpus();
  s.tokenizer = "bpe";
  s.bpe_vocab = 4096;
  s.model = presetConfig(QStringLiteral("studio-small"));
  s.model.vocab_size = s.bpe_vocab;
  s.train.steps = 600;
  s.train.batch = 8;
  s.train.context = 128;
  s.train.lr = 2e-3f;
  s.train.warmup = 30;
  s.train.eval_every = 25;
  s.train.eval_batches = 4;
  s.train.seed = 1234;
  s.sample_every = 50;
  s.snapshot_every = 25;
  s.checkpoint_every = 100;
  return s;
}

QString StudioController::defaultRunDirectory() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("runs/studio"));
}

bool StudioController::setSettings(const gb::RunSettings& settings) {
  if (isActive()) return false;
  settings_ = settings;
  emit settingsChanged();
  return true;
}

int64_t StudioController::plannedVocabulary() const {
  if (settings_.tokenizer == "bpe") return settings_.bpe_vocab;
  if (measured_vocab_ > 0) return measured_vocab_;
  return 50257;
}

gb::TrainingFootprint StudioController::footprint() const {
  gb::ModelConfig c = settings_.model;
  c.vocab_size = plannedVocabulary();
  const int64_t context = settings_.train.context > 0 ? settings_.train.context : c.context_length;
  return gb::estimate_training(c, settings_.train.batch, context);
}

void StudioController::setRunDirectory(const QString& dir) {
  if (!isActive()) run_dir_ = dir;
}

bool StudioController::isActive() const {
  return state_ == State::Preparing || state_ == State::Training || state_ == State::Paused ||
         state_ == State::Stopping;
}

bool StudioController::canResume() const {
  if (state_ == State::Paused) return true;
  return !isActive() && gb::TrainingRun::resumable(run_dir_.toStdString());
}

void StudioController::setState(State state) {
  if (state == state_) return;
  state_ = state;
  emit stateChanged(state);
}

void StudioController::submit(std::function<void(Delivery&, const ProgressFn&, const std::atomic<bool>&)> job,
                              std::function<void(Delivery&)> done) {
  auto slot = std::make_shared<Delivery>();
  job_ = worker_.submit([job = std::move(job), slot](const ProgressFn& progress, const std::atomic<bool>& cancel) {
    job(*slot, progress, cancel);
    return QVariant();
  });
  on_done_ = [slot, done = std::move(done)] { done(*slot); };
}

void StudioController::measureCorpus() {
  if (measure_job_) worker_.cancel(measure_job_);
  const gb::RunSettings s = settings_;
  auto slot = std::make_shared<Delivery>();
  measure_job_ = worker_.submit([s, slot](const ProgressFn&, const std::atomic<bool>& cancel) {
    const std::string text = gb::run_text(s);
    slot->characters = gb::text_stats(text).characters;
    std::unique_ptr<gb::Tokenizer> tok;
    if (s.tokenizer == "bpe") {
      gb::BpeTrainOptions o;
      o.vocab_size = s.bpe_vocab;
      o.cancel = &cancel;
      gb::BpeTrainer trainer(o);
      trainer.add_text(text);
      tok = trainer.train();
    } else {
      tok = gb::load_tokenizer(s.tokenizer);
    }
    if (cancel) return QVariant();
    slot->tokens = static_cast<int64_t>(tok->encode(text).size());
    slot->vocab = tok->vocab_size();
    return QVariant();
  });
  measure_slot_ = slot;
}

void StudioController::deliver(Delivery& d) {
  if (d.reset) {
    steps_.clear();
    samples_.clear();
    snapshots_.clear();
    recent_.clear();
    vocab_ = d.vocab;
    device_note_ = d.device_note;
    emit runReset(d.vocab);
  }
  const int first_step = static_cast<int>(steps_.size());
  const int first_sample = static_cast<int>(samples_.size());
  const int first_snapshot = static_cast<int>(snapshots_.size());
  steps_.insert(steps_.end(), d.steps.begin(), d.steps.end());
  samples_.insert(samples_.end(), std::make_move_iterator(d.samples.begin()), std::make_move_iterator(d.samples.end()));
  snapshots_.insert(snapshots_.end(), std::make_move_iterator(d.snapshots.begin()),
                    std::make_move_iterator(d.snapshots.end()));
  // ETA: seconds per step over the last kEtaWindow steps, times the steps left.
  recent_.emplace_back(d.step, d.elapsed);
  while (recent_.size() > 2 && recent_.back().first - recent_.front().first > kEtaWindow) recent_.pop_front();
  progress_.step = d.step;
  progress_.total_steps = d.total;
  progress_.elapsed_seconds = d.elapsed;
  const auto& [s0, e0] = recent_.front();
  progress_.eta_seconds =
      d.step > s0 ? (d.elapsed - e0) / static_cast<double>(d.step - s0) * static_cast<double>(d.total - d.step) : -1.0;
  if (!steps_.empty()) {
    double sum = 0;
    int n = 0;
    for (auto it = steps_.rbegin(); it != steps_.rend() && n < 10; ++it, ++n) sum += it->tokens_per_sec;
    progress_.tokens_per_sec = sum / n;
  }
  if (!d.steps.empty() || d.reset) emit stepsAdded(d.reset ? 0 : first_step);
  if (!d.samples.empty() || d.reset) emit samplesAdded(d.reset ? 0 : first_sample);
  if (!d.snapshots.empty() || d.reset) emit snapshotsAdded(d.reset ? 0 : first_snapshot);
  emit progressChanged(progress_);
}

void StudioController::start() {
  if (isActive()) return;
  last_error_.clear();
  session_ = std::make_shared<Session>();
  const gb::RunSettings s = settings_;
  const std::string dir = run_dir_.toStdString();
  setState(State::Preparing);
  submit(
      [session = session_, s, dir](Delivery& d, const ProgressFn& progress, const std::atomic<bool>& cancel) {
        session->run = gb::TrainingRun::start(
            s, dir, [&progress](double f, const std::string& m) { progress(f, QString::fromStdString(m)); }, &cancel);
        d.reset = true;
        d.take(*session->run, 0, 0, 0);
      },
      [this](Delivery& d) {
        deliver(d);
        setState(State::Training);
        nextChunk();
      });
}

void StudioController::resume() {
  if (state_ == State::Paused) {
    setState(State::Training);
    if (job_ == 0) nextChunk();  // else the pause checkpoint's completion continues
    return;
  }
  if (isActive() || !canResume()) return;
  last_error_.clear();
  session_ = std::make_shared<Session>();
  const std::string dir = run_dir_.toStdString();
  setState(State::Preparing);
  submit(
      [session = session_, dir](Delivery& d, const ProgressFn& progress, const std::atomic<bool>& cancel) {
        session->run = gb::TrainingRun::resume(
            dir, [&progress](double f, const std::string& m) { progress(f, QString::fromStdString(m)); }, &cancel);
        d.reset = true;
        d.take(*session->run, 0, 0, 0);
      },
      [this](Delivery& d) {
        deliver(d);
        setState(State::Training);
        nextChunk();
      });
}

void StudioController::nextChunk() {
  const size_t from_steps = steps_.size(), from_samples = samples_.size(), from_snapshots = snapshots_.size();
  submit(
      [session = session_, from_steps, from_samples, from_snapshots](Delivery& d, const ProgressFn&,
                                                                      const std::atomic<bool>&) {
        gb::TrainingRun& run = *session->run;
        const auto t0 = std::chrono::steady_clock::now();
        while (!run.finished()) {
          run.step();
          if (run.checkpoint_due()) run.checkpoint();
          if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > kChunkSeconds) break;
        }
        d.take(run, from_steps, from_samples, from_snapshots);
      },
      [this](Delivery& d) {
        deliver(d);
        if (d.finished) {
          release();
          setState(State::Finished);
          return;
        }
        switch (state_) {
          case State::Training:
            nextChunk();
            break;
          case State::Paused:
            // A checkpoint on pause: closing the app or a crash now loses nothing.
            submit([session = session_](Delivery&, const ProgressFn&,
                                        const std::atomic<bool>&) { session->run->checkpoint(); },
                   [this](Delivery&) {
                     if (state_ == State::Training) nextChunk();
                     else if (state_ == State::Stopping) finishStop();
                   });
            break;
          case State::Stopping:
            finishStop();
            break;
          default:
            break;
        }
      });
}

void StudioController::pause() {
  if (state_ == State::Training) setState(State::Paused);
}

void StudioController::stop() {
  if (state_ == State::Preparing) {
    worker_.cancel(job_);
    return;
  }
  if (state_ != State::Training && state_ != State::Paused) return;
  setState(State::Stopping);
  if (job_ == 0) finishStop();  // paused and idle; otherwise the job in flight ends in finishStop
}

void StudioController::finishStop() {
  submit([session = session_](Delivery&, const ProgressFn&, const std::atomic<bool>&) {
    if (session->run && session->run->steps_done() > 0) session->run->checkpoint();
  },
         [this](Delivery&) {
           release();
           setState(State::Idle);
         });
}

void StudioController::release() {
  // The run is destroyed on the worker thread, after any job that still uses it.
  if (!session_) return;
  worker_.submit([session = std::move(session_)](const ProgressFn&, const std::atomic<bool>&) {
    session->run.reset();
    return QVariant();
  });
  session_.reset();
}

bool StudioController::stopAndWait(int timeout_ms) {
  if (!isActive()) return true;
  QEventLoop loop;
  const auto conn = connect(this, &StudioController::stateChanged, &loop, [this, &loop] {
    if (!isActive()) loop.quit();
  });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  stop();
  if (isActive()) loop.exec();
  disconnect(conn);
  return !isActive();
}

}}  // namespace glassbox::app
