#pragma once
// TrainingRun: one pretraining run as the training studio runs it, without Qt.
//
//   text   a built-in corpus (corpus.h) or a UTF-8 file, optionally cut to its first N
//          characters (the tiny corpus that shows overfitting)
//   →      a tokenizer: a byte-level BPE trained on that text right here, or a named one
//   →      a fresh GPT-2-style model (vocabulary = the tokenizer's) and a Trainer
//   →      steps; every eval_every a validation loss, every sample_every a generated sample
//          from a fixed prompt, every snapshot_every the attention of a fixed probe sentence
//
// A run lives in a folder:
//   run.json                  the settings and the corpus fingerprint (written once)
//   checkpoint/               a model directory (config.json, model.safetensors in f32,
//                             tokenizer.json), trainer_state.{json,safetensors} and
//                             history.json (every step, sample and snapshot so far)
// A checkpoint is written whole into checkpoint.new/ and then swapped in by renaming, so a
// crash at any moment leaves the previous checkpoint or the new one. resume() continues
// from it with the same loss curve an uninterrupted run would have had (same machine and
// thread count): weights, AdamW moments, the dropout RNG and the data position are restored,
// and samples and snapshots use their own seeds, never the trainer's.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/nn/gpt_model.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/trace/training_trace.h"
#include "engine/train/trainer.h"

namespace gb {

struct RunSettings {
  std::string corpus = "moby-dick";  // a built-in corpus; ignored when text_file is set
  std::string text_file;             // a UTF-8 file instead of a built-in corpus
  int64_t corpus_chars = 0;          // > 0: only the first this many characters
  std::string tokenizer = "bpe";     // "bpe": trained on the text; else a name or path (load_tokenizer)
  int32_t bpe_vocab = 4096;
  ModelConfig model;                 // vocab_size is replaced by the tokenizer's
  TrainOptions train;                // context 0: the model's context length
  std::string device = "cpu";        // "cpu" or "vulkan" (falls back to the CPU, with a note)
  int64_t sample_every = 50;         // 0: no samples
  int64_t sample_tokens = 30;
  std::string prompt = "The whale";
  int64_t snapshot_every = 25;       // 0: no attention snapshots
  std::string probe = "Call me Ishmael. Some years ago, never mind how long precisely";
  int64_t checkpoint_every = 100;    // also at the end and whenever the caller asks

  void validate() const;  // throws gb::UsageError naming the bad value
  std::string to_json() const;
  static RunSettings from_json(const std::string& text, const std::string& origin);
};

// The text a run trains on, from its settings (corpus or file, cut to corpus_chars).
std::string run_text(const RunSettings& settings);

struct RunHistory {
  std::vector<glassbox::trace::TrainingStep> steps;
  std::vector<glassbox::trace::TrainingSample> samples;
  std::vector<glassbox::trace::AttentionSnapshot> snapshots;
  double elapsed_seconds = 0;  // time spent in steps, summed across resumes
};

class TrainingRun {
 public:
  using Progress = std::function<void(double fraction, const std::string& message)>;

  // Prepares a new run in `dir` (created; an existing run there is replaced): reads the text,
  // trains or loads the tokenizer, builds the model and trainer, takes the step-0 sample and
  // snapshot and writes the first checkpoint. Throws gb::Error; gb::Cancelled if cancelled.
  static std::unique_ptr<TrainingRun> start(const RunSettings& settings, const std::filesystem::path& dir,
                                            const Progress& progress = nullptr,
                                            const std::atomic<bool>* cancel = nullptr);
  // Reopens the run in `dir` at its last checkpoint.
  static std::unique_ptr<TrainingRun> resume(const std::filesystem::path& dir, const Progress& progress = nullptr,
                                             const std::atomic<bool>* cancel = nullptr);
  // True when `dir` holds a run with a checkpoint to resume.
  static bool resumable(const std::filesystem::path& dir);
  // The settings a run in `dir` was started with.
  static RunSettings read_settings(const std::filesystem::path& dir);

  ~TrainingRun();

  // One optimizer step; records it, and takes a sample / snapshot when one is due.
  glassbox::trace::TrainingStep step();
  bool finished() const { return trainer_->finished(); }
  int64_t steps_done() const { return trainer_->steps_done(); }
  int64_t total_steps() const { return trainer_->options().steps; }
  bool checkpoint_due() const;
  // Writes the checkpoint (see above). Cheap enough to call every few seconds.
  void checkpoint();

  // Generated from the fixed prompt with the fixed sampling seed, now.
  glassbox::trace::TrainingSample sample() const;
  // Attention of every layer and head on the probe sentence, now.
  glassbox::trace::AttentionSnapshot snapshot() const;

  const RunSettings& settings() const { return settings_; }  // vocab_size resolved
  const RunHistory& history() const { return history_; }
  const std::filesystem::path& dir() const { return dir_; }
  const Tokenizer& tokenizer() const { return *tokenizer_; }
  const LanguageModel& model() const { return *model_; }
  Device device() const { return device_; }
  const std::string& device_note() const { return device_note_; }  // why vulkan was not used
  int64_t corpus_characters() const { return corpus_characters_; }
  int64_t corpus_tokens() const { return corpus_tokens_; }

 private:
  TrainingRun() = default;
  void build(const std::string& text, const Progress& progress, const std::atomic<bool>* cancel, bool fresh);

  RunSettings settings_;
  std::filesystem::path dir_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::unique_ptr<LanguageModel> model_;
  std::unique_ptr<Trainer> trainer_;
  RunHistory history_;
  Device device_ = Device::CPU;
  std::string device_note_;
  int64_t corpus_characters_ = 0, corpus_tokens_ = 0;
  uint64_t corpus_hash_ = 0;
  int64_t last_checkpoint_ = -1;
};

// The training_log.json that tools/train_bundled.sh writes beside a bundled model: every
// step's JSON line from `glassbox-cli train`, the command and the time it took.
struct TrainingLog {
  std::string model, command, corpus;
  double seconds = -1;  // < 0: not recorded
  std::vector<glassbox::trace::TrainingStep> steps;
};
TrainingLog read_training_log(const std::filesystem::path& path);

// Thrown by TrainingRun::start / resume when the cancel flag turned true.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace gb
