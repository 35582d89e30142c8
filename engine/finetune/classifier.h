#pragma once
// Classification finetuning, as chapter 6 of "Build a Large Language Model (From Scratch)"
// does it: the language-model head is set aside and a small head maps the hidden state of
// the last token, which has attended to every token before it, to one logit per class.
//
//   ids (B, T) → model.hidden → (B·T, C) → row of each sequence's last real token (B, C)
//              → score (K, C)ᵀ → logits (B, K) → cross-entropy with the labels (B)
//
// Sequences are padded on the right to the longest in their batch. Attention is causal, so
// the last real token never sees the padding: a text gets the same logits alone or in any
// batch. (Hugging Face's GPT2ForSequenceClassification reads the same token, and a saved
// classifier uses its layout: the base weights plus "score.weight" (K, C).)
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/finetune/lora.h"
#include "engine/finetune/metrics.h"
#include "engine/finetune/spam_data.h"
#include "engine/io/dtype.h"
#include "engine/nn/language_model.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

struct EncodedText {
  std::vector<int32_t> ids;  // at least one token
  int label = 0;
};
// Tokenizes and cuts each text to its first max_tokens tokens (an empty text becomes the
// pad token, so every sequence has a last token).
std::vector<EncodedText> encode_texts(const Tokenizer& tokenizer, const std::vector<LabelledText>& texts,
                                      int64_t max_tokens, int32_t pad_id);

class SequenceClassifier {
 public:
  // A new head, N(0, 0.02), on the model's device.
  SequenceClassifier(LanguageModel& model, std::vector<std::string> labels, int32_t pad_id, uint64_t seed = 0);
  // An existing head (K, C).
  SequenceClassifier(LanguageModel& model, std::vector<std::string> labels, int32_t pad_id, Var score);

  LanguageModel& model() const { return model_; }
  const std::vector<std::string>& labels() const { return labels_; }
  int32_t pad_id() const { return pad_id_; }
  Var& score() { return score_; }
  const Var& score() const { return score_; }

  // batch → logits (B, K).
  Var logits(const Context& ctx, const std::vector<const EncodedText*>& batch) const;
  // Mean cross-entropy of the batch; `correct` (if given) receives how many were right.
  Var loss(const Context& ctx, const std::vector<const EncodedText*>& batch, int64_t* correct = nullptr) const;
  // Class probabilities of one token sequence (K).
  std::vector<float> probabilities(const std::vector<int32_t>& ids) const;

  // Accuracy and confusion matrix over a set, in batches (inference only).
  ConfusionMatrix evaluate(const std::vector<EncodedText>& set, int64_t batch = 16, int64_t limit = 0) const;

 private:
  LanguageModel& model_;
  std::vector<std::string> labels_;
  int32_t pad_id_;
  Var score_;  // (K, C)
};

// Which weights train besides the head.
enum class TrainPart { Head, LastBlock, All, Lora };
TrainPart parse_train_part(const std::string& name);  // "head", "last-block", "all", "lora"
std::string train_part_name(TrainPart part);
// True for the parameters of the last transformer block and the final norm.
bool in_last_block_or_final_norm(const std::string& name, int64_t n_layers);

struct ClassifierTrainOptions {
  int64_t epochs = 3;
  int64_t max_steps = 0;       // 0: no limit besides epochs
  int64_t batch = 8;
  float lr = 5e-5f;            // peak: 5% linear warmup, cosine decay to lr / 10
  float weight_decay = 0.1f;
  int64_t eval_every = 50;     // steps; 0: only at the end of each epoch
  int64_t eval_batches = 5;    // batches of train and val each evaluation reads
  TrainPart part = TrainPart::LastBlock;
  LoraConfig lora;             // when part == Lora
  uint64_t seed = 123;
  void validate() const;       // throws gb::UsageError naming the bad value
};

struct ClassifierLog {
  int64_t step = 0;      // optimizer steps taken (1-based)
  double epoch = 0;      // fractional epochs done
  double loss = 0;       // this step's batch
  double accuracy = 0;   // this step's batch
  // Filled at evaluations: loss and accuracy on eval_batches batches of train and val.
  std::optional<double> train_loss, train_accuracy, val_loss, val_accuracy;
};

// Trains the head (and the chosen part of the model) with AdamW; batches are drawn from a
// seeded shuffle of the training set each epoch. Returns the logs; stops early (after the
// current step) when *cancel turns true. With part == Lora the adapter is merged at the end.
struct ClassifierTrainResult {
  std::vector<ClassifierLog> logs;
  int64_t trainable = 0, total = 0;  // parameter counts
  bool cancelled = false;
};
ClassifierTrainResult train_classifier(SequenceClassifier& classifier, const std::vector<EncodedText>& train,
                                       const std::vector<EncodedText>& val, const ClassifierTrainOptions& options,
                                       const std::function<void(const ClassifierLog&)>& on_step = nullptr,
                                       const std::atomic<bool>* cancel = nullptr);

// A classifier as a model directory: config.json (the model's, plus "architectures":
// ["GPT2ForSequenceClassification"], "num_labels", "id2label", "label2id", "pad_token_id",
// and "max_tokens"), model.safetensors (the model's weights + "score.weight") and
// tokenizer.json. Written atomically.
void save_classifier(const std::filesystem::path& dir, const SequenceClassifier& classifier, const Tokenizer& tokenizer,
                     int64_t max_tokens, DType store = DType::F32);

// What load_classifier returns: it owns the model the classifier reads.
struct LoadedClassifier {
  std::unique_ptr<LanguageModel> model;
  std::unique_ptr<SequenceClassifier> classifier;
  std::unique_ptr<Tokenizer> tokenizer;
  int64_t max_tokens = 0;
};
LoadedClassifier load_classifier(const std::filesystem::path& dir);
// True when dir/config.json declares a sequence classifier.
bool is_classifier_dir(const std::filesystem::path& dir);

// Reads a model's weights from a safetensors set by its names, with or without a
// "transformer." prefix; other tensors in the set (a head) are left alone.
void read_model_weights(LanguageModel& model, const std::filesystem::path& dir);

}  // namespace gb
