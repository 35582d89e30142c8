#include "engine/finetune/classifier_trainer.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/nn/ops.h"

namespace gb {

namespace {

// Mean loss and accuracy over the first n_batches batches of a set, without a tape.
std::pair<double, double> measure(const SequenceClassifier& c, const std::vector<EncodedText>& set, int64_t batch,
                                  int64_t n_batches) {
  double loss = 0;
  int64_t correct = 0, seen = 0, batches = 0;
  for (size_t i = 0; i < set.size() && batches < n_batches; i += static_cast<size_t>(batch), ++batches) {
    std::vector<const EncodedText*> part;
    for (size_t j = i; j < std::min(set.size(), i + static_cast<size_t>(batch)); ++j) part.push_back(&set[j]);
    int64_t right = 0;
    loss += c.loss(Context{}, part, &right).value().item();
    correct += right;
    seen += static_cast<int64_t>(part.size());
  }
  return {batches ? loss / static_cast<double>(batches) : 0.0,
          seen ? static_cast<double>(correct) / static_cast<double>(seen) : 0.0};
}

const ClassifierTrainOptions& validated(const ClassifierTrainOptions& o) {
  o.validate();
  return o;
}

}  // namespace

ClassifierTrainer::ClassifierTrainer(SequenceClassifier& classifier, const std::vector<EncodedText>& train,
                                     const std::vector<EncodedText>& val, const ClassifierTrainOptions& options)
    : classifier_(classifier),
      train_(train),
      val_(val),
      options_(validated(options)),
      rng_(options.seed),
      order_(train.size()),
      schedule_(train.size(), options.batch, options.epochs, options.max_steps) {
  GB_CHECK(!train.empty(), "classifier training: no training examples");
  LanguageModel& model = classifier.model();
  const int64_t L = model.config().n_layers;
  switch (options_.part) {
    case TrainPart::Head: set_all_trainable(model, false); break;
    case TrainPart::All: set_all_trainable(model, true); break;
    case TrainPart::LastBlock:
      set_trainable_where(model, [L](const std::string& n) { return in_last_block_or_final_norm(n, L); });
      break;
    case TrainPart::Lora:
      set_all_trainable(model, false);
      adapter_ = std::make_unique<LoraAdapter>(model, options_.lora, options_.seed);
      break;
  }
  classifier.score() = Var(classifier.score().value(), true);  // a loaded head comes frozen
  params_ = {{"score.weight", classifier.score()}};
  for (const auto& [name, v] : model.named_parameters())
    if (v.requires_grad()) params_.emplace_back(name, v);
  if (adapter_)
    for (const auto& p : adapter_->parameters()) params_.push_back(p);
  total_ = model.parameter_count() + classifier.score().value().numel();
  for (const auto& [name, v] : params_) trainable_ += v.value().numel();
  AdamWOptions adam;
  adam.beta2 = 0.999f;
  adam.weight_decay = options_.weight_decay;
  optimizer_ = std::make_unique<AdamW>(params_, adam);
}

ClassifierTrainer::~ClassifierTrainer() { finish(); }

ClassifierLog ClassifierTrainer::step() {
  GB_CHECK(!finished() && !finished_, "classifier training: step() after the last step");
  const int64_t epoch = step_ / schedule_.steps_per_epoch;
  const int64_t s = step_ % schedule_.steps_per_epoch;  // step within the epoch
  if (s == 0) shuffle_order(order_, rng_);
  const int64_t batch = options_.batch;
  std::vector<const EncodedText*> part;
  for (int64_t j = s * batch; j < std::min<int64_t>((s + 1) * batch, static_cast<int64_t>(train_.size())); ++j)
    part.push_back(&train_[order_[static_cast<size_t>(j)]]);
  Tape tape;
  Context ctx;
  ctx.tape = &tape;
  if (adapter_) adapter_->apply(ctx);
  int64_t correct = 0;
  Var loss = classifier_.loss(ctx, part, &correct);
  ClassifierLog log;
  log.loss = loss.value().item();
  log.accuracy = static_cast<double>(correct) / static_cast<double>(part.size());
  tape.backward(loss);
  clip_grad_norm(params_, 1.0);
  optimizer_->step(schedule_.lr(step_, options_.lr));
  optimizer_->zero_grad();
  log.step = ++step_;
  log.epoch = static_cast<double>(epoch) + static_cast<double>(s + 1) / static_cast<double>(schedule_.steps_per_epoch);
  const bool end_of_epoch = s + 1 == schedule_.steps_per_epoch;
  if ((options_.eval_every > 0 && step_ % options_.eval_every == 0) || end_of_epoch || finished()) {
    if (adapter_) adapter_->apply(Context{});  // the slots hold this step's weights, not the last forward's
    const auto [train_loss, train_accuracy] = measure(classifier_, train_, batch, options_.eval_batches);
    log.train_loss = train_loss;
    log.train_accuracy = train_accuracy;
    if (!val_.empty()) {
      const auto [val_loss, val_accuracy] = measure(classifier_, val_, batch, options_.eval_batches);
      log.val_loss = val_loss;
      log.val_accuracy = val_accuracy;
    }
  }
  return log;
}

void ClassifierTrainer::finish() {
  if (finished_) return;
  finished_ = true;
  if (adapter_) adapter_->merge();  // the classifier keeps the adapted weights; the adapter goes
  set_all_trainable(classifier_.model(), false);
}

ClassifierTrainResult train_classifier(SequenceClassifier& classifier, const std::vector<EncodedText>& train,
                                       const std::vector<EncodedText>& val, const ClassifierTrainOptions& options,
                                       const std::function<void(const ClassifierLog&)>& on_step,
                                       const std::atomic<bool>* cancel) {
  ClassifierTrainer trainer(classifier, train, val, options);
  ClassifierTrainResult result;
  result.trainable = trainer.trainable_parameters();
  result.total = trainer.total_parameters();
  while (!trainer.finished()) {
    if (cancel && *cancel) {
      result.cancelled = true;
      break;
    }
    result.logs.push_back(trainer.step());
    if (on_step) on_step(result.logs.back());
  }
  trainer.finish();
  return result;
}

}  // namespace gb
