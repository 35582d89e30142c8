#include "engine/train/training_run.h"

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/generate/sampling.h"
#include "engine/nn/forward_trace.h"
#include "engine/io/atomic_file.h"
#include "engine/io/model_dir.h"
#include "engine/tokenizer/bpe_trainer.h"
#include "engine/tokenizer/utf8.h"
#include "engine/train/corpus.h"

namespace gb {

namespace fs = std::filesystem;
using nlohmann::json;
namespace trace = glassbox::trace;

namespace {

constexpr const char* kCheckpoint = "checkpoint";
constexpr const char* kNewCheckpoint = "checkpoint.new";
constexpr const char* kOldCheckpoint = "checkpoint.old";
constexpr uint64_t kSampleSeedSalt = 0x5EED5A3B1Eull;

// FNV-1a of the training text: resume refuses a corpus that changed since the run began.
uint64_t fingerprint(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

json options_json(const TrainOptions& o) {
  return {{"steps", o.steps},
          {"batch", o.batch},
          {"context", o.context},
          {"stride", o.stride},
          {"lr", o.lr},
          {"min_lr_ratio", o.min_lr_ratio},
          {"warmup", o.warmup},
          {"grad_clip", o.grad_clip},
          {"weight_decay", o.adamw.weight_decay},
          {"seed", o.seed},
          {"val_fraction", o.val_fraction},
          {"eval_every", o.eval_every},
          {"eval_batches", o.eval_batches}};
}

TrainOptions options_from(const json& j) {
  TrainOptions o;
  o.steps = j.at("steps").get<int64_t>();
  o.batch = j.at("batch").get<int64_t>();
  o.context = j.at("context").get<int64_t>();
  o.stride = j.at("stride").get<int64_t>();
  o.lr = j.at("lr").get<float>();
  o.min_lr_ratio = j.at("min_lr_ratio").get<float>();
  o.warmup = j.at("warmup").get<int64_t>();
  o.grad_clip = j.at("grad_clip").get<float>();
  o.adamw.weight_decay = j.at("weight_decay").get<float>();
  o.seed = j.at("seed").get<uint64_t>();
  o.val_fraction = j.at("val_fraction").get<double>();
  o.eval_every = j.at("eval_every").get<int64_t>();
  o.eval_batches = j.at("eval_batches").get<int64_t>();
  return o;
}

// Four decimals are plenty for a heat map and keep history.json small.
double rounded(float v) { return std::round(static_cast<double>(v) * 1e4) / 1e4; }

json history_json(const RunHistory& h) {
  json steps = json::array();
  for (const auto& s : h.steps)
    steps.push_back({s.step, s.train, std::isnan(s.val) ? json(nullptr) : json(s.val), s.lr, s.tokens_per_sec,
                     s.grad_norm});
  json samples = json::array();
  for (const auto& s : h.samples) samples.push_back({{"step", s.step}, {"prompt", s.prompt}, {"text", s.text}});
  json snapshots = json::array();
  for (const auto& s : h.snapshots) {
    json maps = json::array();
    for (const auto& m : s.maps) {
      json values = json::array();
      for (float v : m.matrix) values.push_back(rounded(v));
      maps.push_back({{"layer", m.layer}, {"head", m.head}, {"matrix", std::move(values)}});
    }
    snapshots.push_back(
        {{"step", s.step}, {"tokens", s.maps.empty() ? json::array() : json(s.maps[0].tokens)}, {"maps", maps}});
  }
  return {{"elapsed_seconds", h.elapsed_seconds}, {"steps", steps}, {"samples", samples}, {"snapshots", snapshots}};
}

// The history of a checkpoint, cut to `step` (a crash can leave newer entries behind).
RunHistory history_from(const json& j, int64_t step) {
  RunHistory h;
  h.elapsed_seconds = j.at("elapsed_seconds").get<double>();
  for (const auto& a : j.at("steps")) {
    trace::TrainingStep s;
    s.step = a.at(0).get<int64_t>();
    s.train = a.at(1).get<double>();
    s.val = a.at(2).is_null() ? std::nan("") : a.at(2).get<double>();
    s.lr = a.at(3).get<double>();
    s.tokens_per_sec = a.at(4).get<double>();
    s.grad_norm = a.at(5).get<double>();
    if (s.step <= step) h.steps.push_back(s);
  }
  for (const auto& a : j.at("samples")) {
    trace::TrainingSample s{a.at("step").get<int64_t>(), a.at("prompt").get<std::string>(),
                            a.at("text").get<std::string>()};
    if (s.step <= step) h.samples.push_back(std::move(s));
  }
  for (const auto& a : j.at("snapshots")) {
    trace::AttentionSnapshot s;
    s.step = a.at("step").get<int64_t>();
    if (s.step > step) continue;
    const auto tokens = a.at("tokens").get<std::vector<std::string>>();
    for (const auto& m : a.at("maps")) {
      trace::AttentionMap map;
      map.tokens = tokens;
      map.layer = m.at("layer").get<int>();
      map.head = m.at("head").get<int>();
      map.matrix = m.at("matrix").get<std::vector<float>>();
      GB_CHECK(map.matrix.size() == tokens.size() * tokens.size(), "history.json: an attention map of the wrong size");
      s.maps.push_back(std::move(map));
    }
    h.snapshots.push_back(std::move(s));
  }
  return h;
}

// The checkpoint folder to resume from: checkpoint/, or checkpoint.old/ when a crash came
// between the two renames of a swap.
fs::path checkpoint_dir(const fs::path& dir) {
  if (has_trainer_state(dir / kCheckpoint)) return dir / kCheckpoint;
  if (has_trainer_state(dir / kOldCheckpoint)) return dir / kOldCheckpoint;
  throw Error(dir.string() + ": no checkpoint to resume from");
}

void check_cancel(const std::atomic<bool>* cancel) {
  if (cancel && cancel->load()) throw Cancelled();
}

}  // namespace

void RunSettings::validate() const {
  auto fail = [](const std::string& m) { throw UsageError(m); };
  if (text_file.empty() && corpus.empty()) fail("choose a corpus or a text file");
  if (corpus_chars < 0) fail("corpus_chars must not be negative");
  if (tokenizer == "bpe" && (bpe_vocab < 257 || bpe_vocab > 65536))
    fail("a trained BPE needs 257 to 65536 tokens, not " + std::to_string(bpe_vocab));
  if (device != "cpu" && device != "vulkan") fail("device must be cpu or vulkan, not '" + device + "'");
  if (sample_every < 0 || snapshot_every < 0 || checkpoint_every < 0) fail("intervals must not be negative");
  if (sample_tokens < 1 || sample_tokens > 1000) fail("sample length must be 1 to 1000 tokens");
  if (prompt.empty()) fail("the sample prompt must not be empty");
  if (probe.empty()) fail("the probe sentence must not be empty");
  model.validate();
  train.validate();
  if (train.context > model.context_length)
    fail("context " + std::to_string(train.context) + " is longer than the model's " +
         std::to_string(model.context_length));
}

std::string RunSettings::to_json() const {
  const json j = {{"corpus", corpus},
                  {"text_file", text_file},
                  {"corpus_chars", corpus_chars},
                  {"tokenizer", tokenizer},
                  {"bpe_vocab", bpe_vocab},
                  {"model", json::parse(model.to_json())},
                  {"train", options_json(train)},
                  {"device", device},
                  {"sample_every", sample_every},
                  {"sample_tokens", sample_tokens},
                  {"prompt", prompt},
                  {"snapshot_every", snapshot_every},
                  {"probe", probe},
                  {"checkpoint_every", checkpoint_every}};
  return j.dump(2) + "\n";
}

RunSettings RunSettings::from_json(const std::string& text, const std::string& origin) {
  RunSettings s;
  try {
    const json j = json::parse(text);
    s.corpus = j.at("corpus").get<std::string>();
    s.text_file = j.at("text_file").get<std::string>();
    s.corpus_chars = j.at("corpus_chars").get<int64_t>();
    s.tokenizer = j.at("tokenizer").get<std::string>();
    s.bpe_vocab = j.at("bpe_vocab").get<int32_t>();
    s.model = ModelConfig::from_json(j.at("model").dump(), origin);
    s.train = options_from(j.at("train"));
    s.device = j.at("device").get<std::string>();
    s.sample_every = j.at("sample_every").get<int64_t>();
    s.sample_tokens = j.at("sample_tokens").get<int64_t>();
    s.prompt = j.at("prompt").get<std::string>();
    s.snapshot_every = j.at("snapshot_every").get<int64_t>();
    s.probe = j.at("probe").get<std::string>();
    s.checkpoint_every = j.at("checkpoint_every").get<int64_t>();
  } catch (const json::exception& e) {
    throw Error(origin + ": not a run settings file (" + e.what() + ")");
  }
  return s;
}

std::string run_text(const RunSettings& s) {
  std::string text = s.text_file.empty() ? read_corpus(s.corpus) : read_text_file(s.text_file);
  if (s.corpus_chars > 0) {
    // Cut after the corpus_chars-th character (counting UTF-8 lead bytes).
    int64_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == s.corpus_chars) {
        text.resize(i);
        break;
      }
    }
  }
  return text;
}

TrainingRun::~TrainingRun() = default;

void TrainingRun::build(const std::string& text, const Progress& progress, const std::atomic<bool>* cancel,
                        bool fresh) {
  auto report = [&](double f, const std::string& m) {
    if (progress) progress(f, m);
  };
  const std::string origin = settings_.text_file.empty() ? "corpus " + settings_.corpus : settings_.text_file;
  corpus_characters_ = text_stats(text).characters;
  if (fresh) {
    if (settings_.tokenizer == "bpe") {
      report(0.05, "training a BPE of " + std::to_string(settings_.bpe_vocab) + " tokens");
      BpeTrainOptions o;
      o.vocab_size = settings_.bpe_vocab;
      o.name = "bpe-" + std::to_string(settings_.bpe_vocab);
      o.cancel = cancel;
      o.progress = [&](int32_t done, int32_t wanted) {
        if (done % 64 == 0) report(0.05 + 0.6 * done / std::max(1, wanted), "training a BPE");
      };
      BpeTrainer trainer(o);
      trainer.add_text(text);
      tokenizer_ = trainer.train();
      check_cancel(cancel);
    } else {
      tokenizer_ = load_tokenizer(settings_.tokenizer);
    }
  }
  report(0.7, "tokenizing " + origin);
  const std::vector<int32_t> tokens = tokenizer_->encode(text);
  corpus_tokens_ = static_cast<int64_t>(tokens.size());
  check_cancel(cancel);
  report(0.85, "building the model");
  if (fresh) {
    settings_.model.vocab_size = tokenizer_->vocab_size();
    model_ = create_model(settings_.model, settings_.train.seed);
  }
  device_ = Device::CPU;
  if (settings_.device == "vulkan") {
    if (backend_available(Device::Vulkan, &device_note_)) {
      try {
        model_->to(Device::Vulkan);
        device_ = Device::Vulkan;
      } catch (const Error& e) {
        model_->to(Device::CPU);
        device_note_ = e.what();
      }
    }
  }
  trainer_ = std::make_unique<Trainer>(*model_, settings_.train, tokens, origin);
}

std::unique_ptr<TrainingRun> TrainingRun::start(const RunSettings& settings, const fs::path& dir,
                                                const Progress& progress, const std::atomic<bool>* cancel) {
  settings.validate();
  std::unique_ptr<TrainingRun> run(new TrainingRun());
  run->settings_ = settings;
  run->dir_ = dir;
  if (progress) progress(0.0, "reading the text");
  const std::string text = run_text(settings);
  run->corpus_hash_ = fingerprint(text);
  run->build(text, progress, cancel, true);
  // Only now, with everything checked, is anything written.
  std::error_code ec;
  fs::remove_all(dir / kCheckpoint, ec);
  fs::remove_all(dir / kOldCheckpoint, ec);
  fs::remove_all(dir / kNewCheckpoint, ec);
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create the run folder (" + ec.message() + ")");
  json j = json::parse(run->settings_.to_json());
  j["corpus_fingerprint"] = std::to_string(run->corpus_hash_);
  j["corpus_characters"] = run->corpus_characters_;
  write_file_atomic(dir / "run.json", j.dump(2) + "\n");
  if (settings.sample_every > 0) run->history_.samples.push_back(run->sample());
  if (settings.snapshot_every > 0) run->history_.snapshots.push_back(run->snapshot());
  run->checkpoint();
  if (progress) progress(1.0, "ready");
  return run;
}

RunSettings TrainingRun::read_settings(const fs::path& dir) {
  const fs::path path = dir / "run.json";
  return RunSettings::from_json(read_file(path), path.string());
}

bool TrainingRun::resumable(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "run.json", ec) &&
         (has_trainer_state(dir / kCheckpoint) || has_trainer_state(dir / kOldCheckpoint));
}

std::unique_ptr<TrainingRun> TrainingRun::resume(const fs::path& dir, const Progress& progress,
                                                 const std::atomic<bool>* cancel) {
  const fs::path run_json = dir / "run.json";
  std::unique_ptr<TrainingRun> run(new TrainingRun());
  run->settings_ = read_settings(dir);
  run->dir_ = dir;
  const fs::path ckpt = checkpoint_dir(dir);
  if (progress) progress(0.0, "reading the text");
  const std::string text = run_text(run->settings_);
  run->corpus_hash_ = fingerprint(text);
  const json j = json::parse(read_file(run_json));
  if (j.value("corpus_fingerprint", std::string()) != std::to_string(run->corpus_hash_))
    throw Error(run_json.string() + ": the training text changed since this run started; start a new run");
  run->tokenizer_ = load_tokenizer((ckpt / "tokenizer.json").string());
  run->model_ = load_model(ckpt);
  run->settings_.model = run->model_->config();
  run->build(text, progress, cancel, false);
  const TrainerState state = load_trainer_state(ckpt);
  run->trainer_->restore(state);
  const fs::path history = ckpt / "history.json";
  try {
    run->history_ = history_from(json::parse(read_file(history)), state.step);
  } catch (const json::exception& e) {
    throw Error(history.string() + ": malformed (" + e.what() + ")");
  }
  run->last_checkpoint_ = state.step;
  if (progress) progress(1.0, "ready");
  return run;
}

trace::TrainingStep TrainingRun::step() {
  const auto t0 = std::chrono::steady_clock::now();
  const StepLog log = trainer_->step();
  history_.elapsed_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  trace::TrainingStep s;
  s.step = log.step;
  s.train = log.loss;
  s.val = log.val_loss ? *log.val_loss : std::nan("");
  s.lr = log.lr;
  s.tokens_per_sec = log.tokens_per_sec;
  s.grad_norm = log.grad_norm;
  history_.steps.push_back(s);
  const bool last = finished();
  if (settings_.sample_every > 0 && (s.step % settings_.sample_every == 0 || last))
    history_.samples.push_back(sample());
  if (settings_.snapshot_every > 0 && (s.step % settings_.snapshot_every == 0 || last))
    history_.snapshots.push_back(snapshot());
  return s;
}

bool TrainingRun::checkpoint_due() const {
  if (steps_done() == last_checkpoint_) return false;
  return finished() || (settings_.checkpoint_every > 0 && steps_done() % settings_.checkpoint_every == 0);
}

void TrainingRun::checkpoint() {
  const fs::path fresh = dir_ / kNewCheckpoint, current = dir_ / kCheckpoint, old = dir_ / kOldCheckpoint;
  std::error_code ec;
  fs::remove_all(fresh, ec);
  save_model(fresh, *model_, tokenizer_.get(), DType::F32);
  const json info = {{"run", dir_.string()}, {"steps", total_steps()}};
  save_trainer_state(fresh, trainer_->state(), info.dump());
  write_file_atomic(fresh / "history.json", history_json(history_).dump());
  // Swap: the old checkpoint stays resumable until the new one is in place.
  fs::remove_all(old, ec);
  if (fs::exists(current)) {
    fs::rename(current, old, ec);
    if (ec) throw Error(current.string() + ": cannot replace the checkpoint (" + ec.message() + ")");
  }
  fs::rename(fresh, current, ec);
  if (ec) throw Error(fresh.string() + ": cannot move the checkpoint into place (" + ec.message() + ")");
  fs::remove_all(old, ec);
  last_checkpoint_ = steps_done();
}

trace::TrainingSample TrainingRun::sample() const {
  SamplingOptions o;
  o.max_new_tokens = settings_.sample_tokens;
  o.temperature = 0.8f;
  o.top_k = 40;
  o.seed = settings_.train.seed ^ kSampleSeedSalt;  // the same dice at every step
  std::vector<int32_t> prompt = tokenizer_->encode(settings_.prompt);
  const auto ids = generate(*model_, prompt, o);
  return {steps_done(), settings_.prompt, utf8::sanitize(tokenizer_->decode(ids))};
}

trace::AttentionSnapshot TrainingRun::snapshot() const {
  std::vector<int32_t> ids = tokenizer_->encode(settings_.probe);
  const int64_t limit = std::min<int64_t>(model_->config().context_length, 48);
  if (static_cast<int64_t>(ids.size()) > limit) ids.resize(static_cast<size_t>(limit));
  const int64_t T = static_cast<int64_t>(ids.size());
  ForwardTrace tr;
  Context ctx;
  ctx.trace = &tr;
  model_->forward(ctx, ids, 1, T);
  std::vector<std::string> labels;
  for (int32_t id : ids) labels.push_back(utf8::sanitize(tokenizer_->token_bytes(id)));
  trace::AttentionSnapshot snap;
  snap.step = steps_done();
  const int64_t H = model_->config().n_heads;
  for (size_t l = 0; l < tr.attention.size(); ++l) {
    const std::vector<float> all = tr.attention[l].to_vector();  // (1, H, T, T)
    for (int64_t h = 0; h < H; ++h) {
      trace::AttentionMap m;
      m.tokens = labels;
      m.layer = static_cast<int>(l);
      m.head = static_cast<int>(h);
      m.matrix.assign(all.begin() + h * T * T, all.begin() + (h + 1) * T * T);
      snap.maps.push_back(std::move(m));
    }
  }
  return snap;
}

TrainingLog read_training_log(const fs::path& path) {
  TrainingLog log;
  try {
    const json j = json::parse(read_file(path));
    log.model = j.value("model", std::string());
    log.command = j.value("command", std::string());
    log.corpus = j.value("corpus", std::string());
    if (j.contains("seconds") && j["seconds"].is_number()) log.seconds = j["seconds"].get<double>();
    for (const auto& l : j.at("log")) {
      trace::TrainingStep s;
      s.step = l.at("step").get<int64_t>();
      s.train = l.at("loss").get<double>();
      s.val = l.at("val_loss").is_null() ? std::nan("") : l.at("val_loss").get<double>();
      s.lr = l.at("lr").get<double>();
      s.tokens_per_sec = l.value("tokens_per_sec", 0.0);
      s.grad_norm = l.value("grad_norm", 0.0);
      log.steps.push_back(s);
    }
  } catch (const json::exception& e) {
    throw Error(path.string() + ": not a training log (" + e.what() + ")");
  }
  if (log.steps.empty()) throw Error(path.string() + ": the training log has no steps");
  return log;
}

}  // namespace gb
