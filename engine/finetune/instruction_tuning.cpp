#include "engine/finetune/instruction_tuning.h"

#include <algorithm>
#include <chrono>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/finetune/finetune_schedule.h"
#include "engine/train/optimizer.h"

namespace gb {

void InstructTrainOptions::validate() const {
  if (epochs < 1) throw UsageError("epochs must be at least 1");
  if (max_steps < 0) throw UsageError("max steps must not be negative");
  if (batch < 1) throw UsageError("batch must be at least 1");
  if (!(lr > 0.0f) || lr > 1.0f) throw UsageError("learning rate must be in (0, 1]");
  if (weight_decay < 0.0f) throw UsageError("weight decay must not be negative");
  if (max_length < 0) throw UsageError("max length must not be negative");
  if (eval_every < 0 || eval_batches < 1) throw UsageError("eval-every must be >= 0 and eval-batches >= 1");
  if (use_lora) lora.validate();
}

int32_t end_of_text_id(const Tokenizer& tokenizer) { return tokenizer.eos_id().value_or(0); }

namespace {

std::vector<EncodedInstruction> encode_all(const Tokenizer& tokenizer, const std::vector<AlpacaExample>& set) {
  std::vector<EncodedInstruction> out;
  out.reserve(set.size());
  for (const AlpacaExample& e : set) out.push_back(encode_instruction(tokenizer, e));
  return out;
}

double mean_loss(const LanguageModel& model, const std::vector<EncodedInstruction>& set, const CollateOptions& c,
                 int64_t batch, int64_t n_batches) {
  double sum = 0;
  int64_t batches = 0;
  for (size_t i = 0; i < set.size() && batches < n_batches; i += static_cast<size_t>(batch), ++batches) {
    const std::vector<EncodedInstruction> part(set.begin() + static_cast<std::ptrdiff_t>(i),
                                               set.begin() + static_cast<std::ptrdiff_t>(
                                                                 std::min(set.size(), i + static_cast<size_t>(batch))));
    const InstructionBatch b = collate_instructions(part, c);
    sum += model.loss(Context{}, b.inputs, b.targets, b.batch, b.time).value().item();
  }
  return batches ? sum / static_cast<double>(batches) : 0.0;
}

}  // namespace

struct InstructTrainer::State {
  LanguageModel& model;
  InstructTrainOptions o;
  std::vector<EncodedInstruction> train_ids, val_ids;
  CollateOptions collate;
  std::unique_ptr<LoraAdapter> adapter;
  NamedParameters params;
  std::unique_ptr<AdamW> optimizer;
  Rng rng;
  std::vector<size_t> order;
  FinetuneSchedule schedule;
  int64_t epoch = 0, s = 0;  // the next step's epoch and its index in the epoch
  bool finished = false;

  State(LanguageModel& m, const InstructTrainOptions& options, size_t n_train)
      : model(m), o(options), rng(options.seed), order(n_train),
        schedule(n_train, options.batch, options.epochs, options.max_steps) {}
};

InstructTrainer::InstructTrainer(LanguageModel& model, const Tokenizer& tokenizer,
                                 const std::vector<AlpacaExample>& train, const std::vector<AlpacaExample>& val,
                                 const InstructTrainOptions& o) {
  o.validate();
  GB_CHECK(!train.empty(), "instruction finetuning: no training examples");
  s_ = std::make_unique<State>(model, o, train.size());
  State& st = *s_;
  st.train_ids = encode_all(tokenizer, train);
  st.val_ids = encode_all(tokenizer, val);
  st.collate.pad_id = end_of_text_id(tokenizer);
  st.collate.max_length = o.max_length > 0 ? std::min(o.max_length, model.config().context_length)
                                           : model.config().context_length;
  st.collate.mask_prompt = o.mask_prompt;
  if (o.use_lora) {
    set_all_trainable(model, false);
    st.adapter = std::make_unique<LoraAdapter>(model, o.lora, o.seed);
  } else {
    set_all_trainable(model, true);
  }
  st.params = st.adapter ? st.adapter->parameters() : model.named_parameters();
  total_ = model.parameter_count();
  for (const auto& [name, v] : st.params) trainable_ += v.value().numel();
  AdamWOptions adam;
  adam.beta2 = 0.999f;
  adam.weight_decay = o.weight_decay;
  st.optimizer = std::make_unique<AdamW>(st.params, adam);
  shuffle_order(st.order, st.rng);
}

InstructTrainer::~InstructTrainer() { finish(); }

int64_t InstructTrainer::total_steps() const { return s_->schedule.total_steps; }

bool InstructTrainer::done() const { return s_->finished || step_ >= s_->schedule.total_steps; }

InstructLog InstructTrainer::step() {
  GB_CHECK(!done(), "instruction finetuning: step() after the last step");
  State& st = *s_;
  const InstructTrainOptions& o = st.o;
  const auto started = std::chrono::steady_clock::now();
  std::vector<EncodedInstruction> part;
  for (int64_t j = st.s * o.batch; j < std::min<int64_t>((st.s + 1) * o.batch, static_cast<int64_t>(st.order.size()));
       ++j)
    part.push_back(st.train_ids[st.order[j]]);
  const InstructionBatch b = collate_instructions(part, st.collate);
  Tape tape;
  Context ctx;
  ctx.tape = &tape;
  if (st.adapter) st.adapter->apply(ctx);
  Var loss = st.model.loss(ctx, b.inputs, b.targets, b.batch, b.time);
  InstructLog log;
  log.loss = loss.value().item();
  tape.backward(loss);
  clip_grad_norm(st.params, 1.0);
  st.optimizer->step(st.schedule.lr(step_, o.lr));
  st.optimizer->zero_grad();
  log.step = ++step_;
  const bool epoch_end = st.s + 1 == st.schedule.steps_per_epoch;
  log.epoch = static_cast<double>(st.epoch) +
              static_cast<double>(st.s + 1) / static_cast<double>(st.schedule.steps_per_epoch);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log.tokens_per_sec = seconds > 0 ? static_cast<double>(b.batch * b.time) / seconds : 0.0;
  if ((o.eval_every > 0 && step_ % o.eval_every == 0) || epoch_end || step_ == o.max_steps) {
    if (st.adapter) st.adapter->apply(Context{});
    log.train_loss = mean_loss(st.model, st.train_ids, st.collate, o.batch, o.eval_batches);
    if (!st.val_ids.empty()) log.val_loss = mean_loss(st.model, st.val_ids, st.collate, o.batch, o.eval_batches);
  }
  if (epoch_end) {
    st.s = 0;
    ++st.epoch;
    if (!done()) shuffle_order(st.order, st.rng);
  } else {
    ++st.s;
  }
  return log;
}

std::unique_ptr<LoraAdapter> InstructTrainer::finish() {
  if (!s_ || s_->finished) return nullptr;
  s_->finished = true;
  if (s_->adapter) s_->adapter->restore();
  set_all_trainable(s_->model, false);
  return std::move(s_->adapter);
}

InstructTrainResult train_instructions(LanguageModel& model, const Tokenizer& tokenizer,
                                       const std::vector<AlpacaExample>& train, const std::vector<AlpacaExample>& val,
                                       const InstructTrainOptions& o,
                                       const std::function<void(const InstructLog&)>& on_step,
                                       const std::atomic<bool>* cancel, std::unique_ptr<LoraAdapter>* adapter_out) {
  InstructTrainer trainer(model, tokenizer, train, val, o);
  InstructTrainResult result;
  result.total = trainer.total();
  result.trainable = trainer.trainable();
  while (!trainer.done()) {
    if (cancel && *cancel) {
      result.cancelled = true;
      break;
    }
    result.logs.push_back(trainer.step());
    if (on_step) on_step(result.logs.back());
  }
  std::unique_ptr<LoraAdapter> adapter = trainer.finish();
  if (adapter_out) *adapter_out = std::move(adapter);
  return result;
}

std::string respond(const LanguageModel& model, const Tokenizer& tokenizer, const AlpacaExample& example,
                    SamplingOptions options) {
  const int32_t eot = end_of_text_id(tokenizer);
  options.stop_token = eot;
  std::vector<int32_t> prompt = tokenizer.encode(format_prompt(example));
  const int64_t room = model.config().context_length - options.max_new_tokens;
  if (room > 0 && static_cast<int64_t>(prompt.size()) > room) prompt.erase(prompt.begin(), prompt.end() - room);
  std::vector<int32_t> out = generate(model, prompt, options);
  if (!out.empty() && out.back() == eot) out.pop_back();
  std::string text = tokenizer.decode(out);
  const size_t begin = text.find_first_not_of(" \n\t"), end = text.find_last_not_of(" \n\t");
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

}  // namespace gb
