#include "engine/train/trainer.h"

#include <chrono>
#include <cmath>

#include "engine/core/error.h"

namespace gb {

void TrainOptions::validate() const {
  auto fail = [](const std::string& m) { throw UsageError(m); };
  if (steps < 1) fail("steps must be at least 1, not " + std::to_string(steps));
  if (batch < 1) fail("batch must be at least 1, not " + std::to_string(batch));
  if (context < 0) fail("context must be positive");
  if (stride < 0) fail("stride must be positive");
  if (!(std::isfinite(lr) && lr > 0.0f && lr < 10.0f)) fail("learning rate must be a positive finite number");
  if (!(min_lr_ratio >= 0.0f && min_lr_ratio <= 1.0f)) fail("min_lr_ratio must be in [0, 1]");
  if (!(std::isfinite(grad_clip) && grad_clip >= 0.0f)) fail("grad_clip must be >= 0");
  if (!(val_fraction >= 0.0 && val_fraction < 0.5)) fail("validation fraction must be in [0, 0.5)");
  if (eval_every < 0 || eval_batches < 1) fail("eval_every must be >= 0 and eval_batches >= 1");
}

namespace {
TrainOptions resolved(TrainOptions o, const ModelConfig& c) {
  o.validate();
  if (o.context == 0) o.context = c.context_length;
  if (o.context > c.context_length)
    throw UsageError("context " + std::to_string(o.context) + " is longer than the model's " +
                     std::to_string(c.context_length));
  if (o.stride == 0) o.stride = o.context;
  if (o.warmup < 0) o.warmup = o.steps / 20;
  return o;
}
}  // namespace

Trainer::Trainer(LanguageModel& model, TrainOptions options, const std::vector<int32_t>& tokens, const std::string& origin)
    : model_(model),
      options_(resolved(options, model.config())),
      params_(model.named_parameters()),
      optimizer_(params_, options_.adamw),
      val_tokens_(),
      train_loader_([&] {
        TokenSplit s = split_tokens(tokens, options_.val_fraction, options_.context, origin);
        val_tokens_ = std::move(s.val);
        return DataLoader(std::move(s.train), options_.context, options_.stride, options_.batch, true,
                          options_.seed);
      }()),
      rng_(options_.seed ^ 0xD1B54A32D192ED03ull) {
  model.set_inference_weights(DType::F32);  // 16-bit copies would go stale as the weights train
  for (int32_t t : tokens)
    GB_CHECK(t >= 0 && t < model.config().vocab_size,
             origin + ": token id " + std::to_string(t) + " is outside the model's vocabulary of " +
                 std::to_string(model.config().vocab_size));
}

StepLog Trainer::step() {
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t s = steps_done();
  const float lr = learning_rate(s, options_.steps, options_.warmup, options_.lr, options_.lr * options_.min_lr_ratio);
  Batch b = train_loader_.next();
  Tape tape;
  Context ctx{&tape, true, &rng_};
  Var loss = model_.loss(ctx, b.inputs, b.targets, b.batch, b.time);
  tape.backward(loss);
  StepLog log;
  log.grad_norm = clip_grad_norm(params_, options_.grad_clip);
  optimizer_.step(lr);
  optimizer_.zero_grad();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  log.step = steps_done();
  log.loss = loss.value().item();
  log.lr = lr;
  log.tokens_per_sec = static_cast<double>(b.batch * b.time) / seconds;
  if (options_.eval_every > 0 && !val_tokens_.empty() &&
      (log.step % options_.eval_every == 0 || log.step == options_.steps || log.step == 1))
    log.val_loss = evaluate();
  return log;
}

double Trainer::evaluate() {
  if (val_tokens_.empty()) return std::nan("");
  // Validation windows in order, never shuffled, so every evaluation sees the same text.
  DataLoader val(val_tokens_, options_.context, options_.context, options_.batch, false, 0);
  const int64_t batches =
      std::max<int64_t>(1, std::min(options_.eval_batches, (val.num_windows() + options_.batch - 1) / options_.batch));
  double total = 0.0;
  for (int64_t i = 0; i < batches; ++i) {
    Batch b = val.next();
    total += model_.loss(Context{}, b.inputs, b.targets, b.batch, b.time).value().item();
  }
  return total / static_cast<double>(batches);
}

void Trainer::run(const std::function<void(const StepLog&)>& on_step, const std::atomic<bool>* cancel) {
  while (!finished()) {
    if (cancel && cancel->load()) return;
    StepLog log = step();
    if (on_step) on_step(log);
  }
}

TrainerState Trainer::state() const {
  return {steps_done(), rng_.state(), train_loader_.epoch(), train_loader_.cursor(), optimizer_.state()};
}

void Trainer::restore(const TrainerState& s) {
  GB_CHECK(s.step >= 0 && s.step <= options_.steps,
           "trainer state is at step " + std::to_string(s.step) + ", past the " + std::to_string(options_.steps) +
               " steps of this run");
  optimizer_.restore(s.optimizer, s.step);
  rng_.set_state(s.rng_state);
  train_loader_.seek(s.data_epoch, s.data_cursor);
}

}  // namespace gb
