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

InstructTrainResult train_instructions(LanguageModel& model, const Tokenizer& tokenizer,
                                       const std::vector<AlpacaExample>& train, const std::vector<AlpacaExample>& val,
                                       const InstructTrainOptions& o,
                                       const std::function<void(const InstructLog&)>& on_step,
                                       const std::atomic<bool>* cancel, std::unique_ptr<LoraAdapter>* adapter_out) {
  o.validate();
  GB_CHECK(!train.empty(), "instruction finetuning: no training examples");
  const std::vector<EncodedInstruction> train_ids = encode_all(tokenizer, train), val_ids = encode_all(tokenizer, val);
  CollateOptions collate;
  collate.pad_id = end_of_text_id(tokenizer);
  collate.max_length = o.max_length > 0 ? std::min(o.max_length, model.config().context_length)
                                        : model.config().context_length;
  collate.mask_prompt = o.mask_prompt;

  std::unique_ptr<LoraAdapter> adapter;
  if (o.use_lora) {
    set_all_trainable(model, false);
    adapter = std::make_unique<LoraAdapter>(model, o.lora, o.seed);
  } else {
    set_all_trainable(model, true);
  }
  NamedParameters params = adapter ? adapter->parameters() : model.named_parameters();
  InstructTrainResult result;
  result.total = model.parameter_count();
  for (const auto& [name, v] : params) result.trainable += v.value().numel();

  AdamWOptions adam;
  adam.beta2 = 0.999f;
  adam.weight_decay = o.weight_decay;
  AdamW optimizer(params, adam);
  Rng rng(o.seed);
  std::vector<size_t> order(train_ids.size());
  const FinetuneSchedule schedule(train_ids.size(), o.batch, o.epochs, o.max_steps);
  int64_t step = 0;
  for (int64_t epoch = 0; epoch < o.epochs && !result.cancelled; ++epoch) {
    shuffle_order(order, rng);
    for (int64_t s = 0; s < schedule.steps_per_epoch; ++s) {
      if (cancel && *cancel) {
        result.cancelled = true;
        break;
      }
      if (o.max_steps > 0 && step >= o.max_steps) break;
      const auto started = std::chrono::steady_clock::now();
      std::vector<EncodedInstruction> part;
      for (int64_t j = s * o.batch; j < std::min<int64_t>((s + 1) * o.batch, static_cast<int64_t>(order.size())); ++j)
        part.push_back(train_ids[order[j]]);
      const InstructionBatch b = collate_instructions(part, collate);
      Tape tape;
      Context ctx;
      ctx.tape = &tape;
      if (adapter) adapter->apply(ctx);
      Var loss = model.loss(ctx, b.inputs, b.targets, b.batch, b.time);
      InstructLog log;
      log.loss = loss.value().item();
      tape.backward(loss);
      clip_grad_norm(params, 1.0);
      optimizer.step(schedule.lr(step, o.lr));
      optimizer.zero_grad();
      log.step = ++step;
      log.epoch = static_cast<double>(epoch) + static_cast<double>(s + 1) / static_cast<double>(schedule.steps_per_epoch);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      log.tokens_per_sec = seconds > 0 ? static_cast<double>(b.batch * b.time) / seconds : 0.0;
      if ((o.eval_every > 0 && step % o.eval_every == 0) || s + 1 == schedule.steps_per_epoch || step == o.max_steps) {
        if (adapter) adapter->apply(Context{});
        log.train_loss = mean_loss(model, train_ids, collate, o.batch, o.eval_batches);
        if (!val_ids.empty()) log.val_loss = mean_loss(model, val_ids, collate, o.batch, o.eval_batches);
      }
      result.logs.push_back(log);
      if (on_step) on_step(log);
    }
    if (o.max_steps > 0 && step >= o.max_steps) break;
  }
  if (adapter) adapter->restore();
  set_all_trainable(model, false);
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
