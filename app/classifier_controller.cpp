#include "app/classifier_controller.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>
#include <chrono>
#include <cmath>
#include <limits>

#include "app/classifier_data.h"
#include "app/model_paths.h"
#include "engine/core/error.h"
#include "engine/finetune/classifier_trainer.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/finetune/spam_data.h"
#include "engine/io/model_dir.h"

namespace glassbox { namespace app {

namespace {
ClassifierController* g_instance = nullptr;

// A job trains or evaluates for at least one step (or batch) and stops after this long, so
// the lesson views' and the message box's jobs wait at most about one step.
constexpr double kDefaultChunkSeconds = 0.25;
// Test messages one evaluation forward pass reads.
constexpr int64_t kEvalBatch = 16;
// E-mails of each class shown to the learner, and how much of each.
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

trace::ClassifierPoint toPoint(const gb::ClassifierLog& l) {
  // The training loss is this step's batch; accuracy, which a batch of 8 measures in steps of
  // 12.5%, is drawn only where the evaluation read several batches.
  return {l.step,
          l.epoch,
          l.loss,
          l.val_loss.value_or(kNaN),
          l.train_accuracy.value_or(kNaN),
          l.val_accuracy.value_or(kNaN)};
}

}  // namespace

// A run: owned by jobs on the worker thread. Members are destroyed in reverse order, so the
// trainer (which refers to the classifier and the sets) goes first and the model last.
struct ClassifierController::Session {
  std::unique_ptr<gb::LanguageModel> model;
  std::unique_ptr<gb::Tokenizer> tokenizer;
  std::unique_ptr<gb::SequenceClassifier> classifier;
  std::vector<gb::EncodedText> train, val, test;  // test: the messages evaluated
  int64_t max_tokens = 0;
  gb::ConfusionMatrix confusion;
  size_t evaluated = 0;
  std::unique_ptr<gb::ClassifierTrainer> trainer;
};

// What classify() reads: a run finished here, else the bundled classifier (loaded on first use).
struct ClassifierController::Predictor {
  std::shared_ptr<Session> session;
  gb::LoadedClassifier loaded;
  std::string error;
  bool tried = false;

  // Worker thread. Throws when neither is available.
  void probabilities(const std::string& text, std::vector<std::string>& labels, std::vector<float>& p) {
    const gb::SequenceClassifier* c = nullptr;
    const gb::Tokenizer* tok = nullptr;
    int64_t max_tokens = 0;
    if (session) {
      c = session->classifier.get();
      tok = session->tokenizer.get();
      max_tokens = session->max_tokens;
    } else {
      if (!tried) {
        tried = true;
        const QString dir = bundledClassifier();
        if (dir.isEmpty()) error = "glassbox-classifier is not installed (resources/models)";
        else {
          try {
            loaded = gb::load_classifier(dir.toStdString());
          } catch (const std::exception& e) {
            error = e.what();
          }
        }
      }
      if (!loaded.classifier) throw gb::Error(error);
      c = loaded.classifier.get();
      tok = loaded.tokenizer.get();
      max_tokens = loaded.max_tokens;
    }
    std::vector<int32_t> ids = tok->encode(text);
    if (max_tokens > 0 && static_cast<int64_t>(ids.size()) > max_tokens) ids.resize(static_cast<size_t>(max_tokens));
    p = c->probabilities(ids);
    labels = c->labels();
  }
};

// What a job hands back to the UI thread (written by the job, read after its finished()).
struct ClassifierController::Delivery {
  bool stopped = false;  // the job saw cancel() and returned early
  // Preparing
  std::vector<ClassifierExample> examples;
  int64_t n_train = 0, n_val = 0, n_test = 0, trainable = 0, total_params = 0, total_steps = 0;
  QString base_name;
  // Evaluating
  int64_t evaluated = 0;
  bool evaluation_done = false;
  trace::ConfusionCounts confusion;
  // Training
  std::vector<trace::ClassifierPoint> points;
  int64_t steps_done = 0;
  bool training_done = false;
  // classify()
  trace::ClassPrediction prediction;
  // loadPreview(): the bundled classifier's log
  double log_before = kNaN, log_seconds = 0;
};

ClassifierController::ClassifierController(EngineWorkerHost& worker, QObject* parent)
    : QObject(parent),
      worker_(worker),
      settings_(defaultSettings()),
      predictor_(std::make_shared<Predictor>()),
      stop_(std::make_shared<std::atomic<bool>>(false)),
      chunk_seconds_(kDefaultChunkSeconds),
      accuracy_before_(kNaN),
      preview_before_(kNaN) {
  if (!g_instance) g_instance = this;
  connect(&worker_, &EngineWorkerHost::finished, this, [this](const JobResult& r) {
    if (r.job == classify_job_ && classify_job_ != 0) {
      classify_job_ = 0;
      const std::shared_ptr<Delivery> slot = std::move(classify_slot_);
      emit prediction(slot->prediction);
      if (classify_pending_) submitClassify(classify_text_);
      return;
    }
    if (r.job == save_job_ && save_job_ != 0) {
      save_job_ = 0;
      emit saved(save_dir_);
      return;
    }
    if (r.job == preview_job_ && preview_job_ != 0) {
      preview_job_ = 0;
      const std::shared_ptr<Delivery> slot = std::move(preview_slot_);
      if (examples_.empty()) examples_ = slot->examples;
      preview_points_ = slot->points;
      preview_confusion_ = slot->confusion;
      preview_before_ = slot->log_before;
      preview_seconds_ = slot->log_seconds;
      preview_loaded_ = true;
      emit previewReady();
      return;
    }
    if (r.job == job_ && job_ != 0) {
      job_ = 0;
      auto done = std::move(on_done_);
      on_done_ = nullptr;
      if (done) done();
    }
  });
  connect(&worker_, &EngineWorkerHost::failed, this, [this](const JobFailure& f) {
    if (f.job == classify_job_ && classify_job_ != 0) {
      classify_job_ = 0;
      classify_slot_.reset();
      if (!f.cancelled) emit failed(f.message);
      if (classify_pending_) submitClassify(classify_text_);
      return;
    }
    if (f.job == save_job_ && save_job_ != 0) {
      save_job_ = 0;
      last_error_ = f.message;
      emit failed(f.message);
      return;
    }
    if (f.job == preview_job_ && preview_job_ != 0) {
      preview_job_ = 0;
      preview_slot_.reset();
      return;  // no examples or log: the page says nothing about them
    }
    if (f.job != job_ || job_ == 0) return;
    job_ = 0;
    on_done_ = nullptr;
    if (f.cancelled) {  // the worker is stopping (the app closes)
      release();
      setState(State::Cancelled);
      return;
    }
    last_error_ = f.message;
    release();
    setState(State::Failed);
    emit failed(f.message);
  });
}

ClassifierController::~ClassifierController() {
  if (g_instance == this) g_instance = nullptr;
}

ClassifierController* ClassifierController::instance() { return g_instance; }

double ClassifierController::defaultLearningRate(gb::TrainPart part) {
  // Peak rates tried on glassbox-base with 64 tokens, batch 8, one epoch (test accuracy):
  // head 1e-2 (69%; 2e-3 gave 66%), last block 1e-3 (85%), all 5e-4 (93%), LoRA r=8 2e-3 (90%).
  // The head alone and LoRA's small matrices take larger steps than whole blocks do.
  switch (part) {
    case gb::TrainPart::Head: return 1e-2;
    case gb::TrainPart::LastBlock: return 1e-3;
    case gb::TrainPart::All: return 5e-4;
    case gb::TrainPart::Lora: return 2e-3;
  }
  return 1e-3;
}

ClassifierSettings ClassifierController::defaultSettings() {
  // Every weight for one epoch (332 steps) of messages cut to 64 tokens: about 93% test
  // accuracy in two to three minutes on a 2-core laptop. The last block alone stays near 85%
  // however long it trains (glassbox-base is small: its lower layers must adapt too).
  ClassifierSettings s;
  s.part = gb::TrainPart::All;
  s.epochs = 1;
  s.max_steps = 0;
  s.batch = 8;
  s.max_tokens = 64;
  s.lr = defaultLearningRate(s.part);
  return s;
}

QString ClassifierController::bundledClassifier() { return findBundledModel(QStringLiteral("glassbox-classifier")); }

QString ClassifierController::predictorName() const {
  return has_trained_ ? tr("the classifier finetuned here") : tr("the bundled glassbox-classifier");
}

bool ClassifierController::setSettings(const ClassifierSettings& settings) {
  if (isActive()) return false;
  settings_ = settings;
  emit settingsChanged();
  return true;
}

bool ClassifierController::isActive() const {
  return state_ == State::Preparing || state_ == State::Measuring || state_ == State::Training ||
         state_ == State::Evaluating || state_ == State::Cancelling;
}

void ClassifierController::setState(State state) {
  if (state == state_) return;
  state_ = state;
  emit stateChanged(state);
}

void ClassifierController::submit(std::function<void(Delivery&, const std::atomic<bool>&)> job,
                                  std::function<void(Delivery&)> done) {
  auto slot = std::make_shared<Delivery>();
  job_ = worker_.submit([job = std::move(job), slot, stop = stop_](const ProgressFn&, const std::atomic<bool>& cancel) {
    job(*slot, cancel);
    slot->stopped = slot->stopped || *stop;
    return QVariant();
  });
  on_done_ = [this, slot, done = std::move(done)] {
    if (state_ == State::Cancelling) {
      takePoints(*slot);  // the steps the job finished before it saw cancel() stay on the curve
      stopCancelled();
      return;
    }
    done(*slot);
  };
}

void ClassifierController::loadPreview() {
  if (preview_loaded_) {
    emit previewReady();
    return;
  }
  if (preview_job_ != 0) return;
  preview_slot_ = std::make_shared<Delivery>();
  const quint64 split_seed = settings_.split_seed;
  preview_job_ = worker_.submit([slot = preview_slot_, split_seed](const ProgressFn&, const std::atomic<bool>&) {
    try {
      slot->examples = pickExamples(gb::balance_and_split(gb::load_spam_assassin(gb::default_spam_assassin_dir()), split_seed));
    } catch (const std::exception&) {
      // No corpus: no examples (start() then says why it cannot train).
    }
    const QString dir = bundledClassifier();
    if (!dir.isEmpty()) {
      try {
        readClassifierLog(QDir(dir).filePath(QStringLiteral("training_log.json")), slot->points, slot->confusion,
                          slot->log_before, slot->log_seconds);
      } catch (const std::exception&) {
        slot->points.clear();  // no log: no preview curves
      }
    }
    return QVariant();
  });
}

void ClassifierController::start() {
  if (isActive()) return;
  last_error_.clear();
  stop_ = std::make_shared<std::atomic<bool>>(false);  // a cancel of the last run never reaches this one
  session_ = std::make_shared<Session>();
  points_.clear();
  examples_.clear();
  confusion_ = {};
  accuracy_before_ = kNaN;
  steps_done_ = total_steps_ = trainable_ = total_params_ = 0;
  n_train_ = n_val_ = n_test_ = 0;
  eta_ = -1;
  setState(State::Preparing);
  emit runReset();
  const ClassifierSettings s = settings_;
  const QString base = s.base_model.isEmpty() ? findBundledModel() : s.base_model;
  submit(
      [session = session_, s, base, stop = stop_](Delivery& d, const std::atomic<bool>&) {
        if (base.isEmpty()) throw gb::Error("glassbox-base is not installed (resources/models): no model to finetune");
        const std::string dir = base.toStdString();
        d.base_name = QFileInfo(base).fileName();
        // A saved classifier trains further with its own head; a plain model gets a new one.
        const bool resume = gb::is_classifier_dir(dir);
        gb::LoadedClassifier loaded;
        if (resume) {
          loaded = gb::load_classifier(dir);
          session->model = std::move(loaded.model);
          session->tokenizer = std::move(loaded.tokenizer);
        } else {
          session->model = gb::load_model(dir);
          const std::filesystem::path tok = std::filesystem::path(dir) / "tokenizer.json";
          session->tokenizer = gb::load_tokenizer(std::filesystem::exists(tok) ? tok.string() : std::string("gpt2"));
        }
        if (*stop) return;
        const int64_t context = session->model->config().context_length;
        session->max_tokens = std::clamp<int64_t>(s.max_tokens, 1, context);
        gb::ClassificationSplits splits =
            gb::balance_and_split(gb::load_spam_assassin(gb::default_spam_assassin_dir()), s.split_seed);
        if (*stop) return;
        if (s.train_limit > 0 && static_cast<size_t>(s.train_limit) < splits.train.size())
          splits.train.resize(static_cast<size_t>(s.train_limit));
        if (s.test_limit > 0 && static_cast<size_t>(s.test_limit) < splits.test.size())
          splits.test.resize(static_cast<size_t>(s.test_limit));
        d.examples = pickExamples(splits);
        const int32_t pad = gb::end_of_text_id(*session->tokenizer);
        session->train = gb::encode_texts(*session->tokenizer, splits.train, session->max_tokens, pad);
        if (*stop) return;
        session->val = gb::encode_texts(*session->tokenizer, splits.val, session->max_tokens, pad);
        session->test = gb::encode_texts(*session->tokenizer, splits.test, session->max_tokens, pad);
        if (resume && loaded.classifier->labels() != splits.labels)
          throw gb::Error(dir + ": the classifier's labels are not ham and spam");
        session->classifier =
            resume ? std::make_unique<gb::SequenceClassifier>(*session->model, splits.labels, loaded.classifier->pad_id(),
                                                              loaded.classifier->score())
                   : std::make_unique<gb::SequenceClassifier>(*session->model, splits.labels, pad, s.seed);
        gb::ClassifierTrainOptions o;
        o.part = s.part;
        o.lora.rank = s.lora_rank;
        o.lora.alpha = 2.0f * static_cast<float>(s.lora_rank);
        o.epochs = s.epochs;
        o.max_steps = s.max_steps;
        o.batch = s.batch;
        o.lr = static_cast<float>(s.lr > 0 ? s.lr : defaultLearningRate(s.part));
        o.eval_every = s.eval_every;
        o.eval_batches = s.eval_batches;
        o.seed = s.seed;
        session->trainer = std::make_unique<gb::ClassifierTrainer>(*session->classifier, session->train, session->val, o);
        d.n_train = static_cast<int64_t>(session->train.size());
        d.n_val = static_cast<int64_t>(session->val.size());
        d.n_test = static_cast<int64_t>(session->test.size());
        d.trainable = session->trainer->trainable_parameters();
        d.total_params = session->trainer->total_parameters();
        d.total_steps = session->trainer->total_steps();
      },
      [this](Delivery& d) {
        examples_ = d.examples;
        n_train_ = d.n_train;
        n_val_ = d.n_val;
        n_test_ = d.n_test;
        trainable_ = d.trainable;
        total_params_ = d.total_params;
        total_steps_ = d.total_steps;
        base_name_ = d.base_name;
        emit prepared();
        setState(State::Measuring);
        evaluateChunk(true);
      });
}

void ClassifierController::evaluateChunk(bool before) {
  submit(
      [session = session_, stop = stop_, chunk = chunk_seconds_](Delivery& d, const std::atomic<bool>&) {
        Session& run = *session;
        if (run.evaluated == 0) run.confusion = gb::ConfusionMatrix(run.classifier->labels());
        const auto t0 = std::chrono::steady_clock::now();
        while (run.evaluated < run.test.size() && !*stop) {
          const size_t end = std::min(run.test.size(), run.evaluated + static_cast<size_t>(kEvalBatch));
          const std::vector<gb::EncodedText> part(run.test.begin() + static_cast<std::ptrdiff_t>(run.evaluated),
                                                  run.test.begin() + static_cast<std::ptrdiff_t>(end));
          const gb::ConfusionMatrix cm = run.classifier->evaluate(part, kEvalBatch);
          for (size_t i = 0; i < cm.counts.size(); ++i)
            for (size_t j = 0; j < cm.counts[i].size(); ++j) run.confusion.counts[i][j] += cm.counts[i][j];
          run.evaluated = end;
          if (seconds_since(t0) > chunk) break;
        }
        d.evaluated = static_cast<int64_t>(run.evaluated);
        d.evaluation_done = run.evaluated >= run.test.size();
        d.confusion = {run.confusion.labels, run.confusion.counts};
        if (d.evaluation_done) run.evaluated = 0;  // the next evaluation starts afresh
      },
      [this, before](Delivery& d) {
        emit evaluating(d.evaluated, n_test_);
        if (!d.evaluation_done) {
          evaluateChunk(before);
          return;
        }
        int64_t right = 0, total = 0;
        for (size_t i = 0; i < d.confusion.counts.size(); ++i)
          for (size_t j = 0; j < d.confusion.counts[i].size(); ++j) {
            total += d.confusion.counts[i][j];
            if (i == j) right += d.confusion.counts[i][j];
          }
        const double accuracy = total ? static_cast<double>(right) / static_cast<double>(total) : 0.0;
        if (before) {
          accuracy_before_ = accuracy;
          emit accuracyBeforeMeasured(accuracy);
          setState(State::Training);
          clock_.start();
          emit progressChanged(0, total_steps_, -1);
          trainChunk();
          return;
        }
        confusion_ = d.confusion;
        // The finetuned classifier answers the message box from now on; the run stays for save().
        auto predictor = std::make_shared<Predictor>();
        predictor->session = session_;
        retire(std::move(predictor_));
        predictor_ = std::move(predictor);
        has_trained_ = true;
        emit confusionReady(confusion_, accuracy_before_);
        setState(State::Finished);
      });
}

void ClassifierController::trainChunk() {
  submit(
      [session = session_, stop = stop_, chunk = chunk_seconds_](Delivery& d, const std::atomic<bool>&) {
        gb::ClassifierTrainer& trainer = *session->trainer;
        const auto t0 = std::chrono::steady_clock::now();
        while (!trainer.finished() && !*stop) {
          d.points.push_back(toPoint(trainer.step()));
          if (seconds_since(t0) > chunk) break;
        }
        d.steps_done = trainer.steps_done();
        d.training_done = trainer.finished();
        if (d.training_done) trainer.finish();  // merges a LoRA adapter before the evaluation
      },
      [this](Delivery& d) {
        takePoints(d);
        if (d.training_done) {
          setState(State::Evaluating);
          evaluateChunk(false);
        } else {
          trainChunk();
        }
      });
}

void ClassifierController::takePoints(const Delivery& d) {
  if (d.points.empty()) return;
  const int first = static_cast<int>(points_.size());
  points_.insert(points_.end(), d.points.begin(), d.points.end());
  steps_done_ = d.steps_done;
  // ETA: the mean time per step so far, times the steps left.
  const double elapsed = static_cast<double>(clock_.elapsed()) / 1000.0;
  eta_ = steps_done_ > 0 ? elapsed / static_cast<double>(steps_done_) * static_cast<double>(total_steps_ - steps_done_)
                         : -1.0;
  emit pointsAdded(first);
  emit progressChanged(steps_done_, total_steps_, eta_);
}

void ClassifierController::cancel() {
  if (!isActive() || state_ == State::Cancelling) return;
  *stop_ = true;
  setState(State::Cancelling);
  if (job_ == 0) stopCancelled();
}

void ClassifierController::stopCancelled() {
  release();
  setState(State::Cancelled);
}

void ClassifierController::retire(std::shared_ptr<Predictor> predictor) {
  // The model it holds is freed on the worker thread, after any job that still reads it.
  if (!predictor) return;
  worker_.submit([predictor = std::move(predictor)](const ProgressFn&, const std::atomic<bool>&) {
    predictor->session.reset();
    predictor->loaded = {};
    return QVariant();
  });
}

void ClassifierController::release() {
  // The run is destroyed on the worker thread, after any job that still uses it; a finished
  // run lives on in the predictor.
  if (!session_) return;
  worker_.submit([session = std::move(session_)](const ProgressFn&, const std::atomic<bool>&) {
    session->trainer.reset();
    session->classifier.reset();
    session->model.reset();
    return QVariant();
  });
  session_.reset();
}

bool ClassifierController::cancelAndWait(int timeout_ms) {
  if (!isActive()) return true;
  QEventLoop loop;
  const auto conn = connect(this, &ClassifierController::stateChanged, &loop, [this, &loop] {
    if (!isActive()) loop.quit();
  });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  cancel();
  if (isActive()) loop.exec();
  disconnect(conn);
  return !isActive();
}

void ClassifierController::classify(const QString& text) {
  classify_text_ = text;
  if (classify_job_ != 0) {
    classify_pending_ = true;  // computed when the one in flight returns; older texts are dropped
    return;
  }
  submitClassify(text);
}

void ClassifierController::submitClassify(const QString& text) {
  classify_pending_ = false;
  classify_slot_ = std::make_shared<Delivery>();
  classify_job_ = worker_.submit([predictor = predictor_, slot = classify_slot_, t = text.toStdString()](
                                     const ProgressFn&, const std::atomic<bool>&) {
    slot->prediction.text = t;
    predictor->probabilities(t, slot->prediction.labels, slot->prediction.probabilities);
    return QVariant();
  });
}

void ClassifierController::save(const QString& dir) {
  if (!has_trained_ || save_job_ != 0) return;
  save_dir_ = dir;
  save_job_ = worker_.submit([predictor = predictor_, path = dir.toStdString()](const ProgressFn&,
                                                                                 const std::atomic<bool>&) {
    const Session& run = *predictor->session;
    gb::save_classifier(path, *run.classifier, *run.tokenizer, run.max_tokens);  // atomic
    return QVariant();
  });
}

}}  // namespace glassbox::app
