// glassbox-cli train: trains a model on a text file and writes a model directory (with the
// trainer state beside it) at every evaluation, at the end, and when interrupted.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/io/model_dir.h"
#include "engine/train/trainer.h"

namespace gb::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted = true; }

json nullable(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

int cmd_train(const Argv& argv) {
  const Args args(argv, {"resume"});
  args.allow_only({"model", "data", "out", "tokenizer", "steps", "batch", "context", "stride", "lr", "seed",
                   "device", "resume", "eval-every", "eval-batches", "val-fraction", "warmup", "weight-decay",
                   "grad-clip", "dtype", "stop-after"});
  const bool resume = args.flag("resume");
  const fs::path out = args.str("out");
  const fs::path data_path = args.str("data");
  // A resumed run continues the weights saved in --out, whatever --model says.
  const std::string model_spec = resume ? out.string() : args.str("model");
  if (resume && !fs::is_directory(out)) throw Error(out.string() + ": nothing to resume (no such directory)");
  const Device device = choose_device(args);

  TrainOptions o;
  o.steps = args.integer("steps", 100, 1, 10'000'000);
  o.batch = args.integer("batch", 8, 1, 65536);
  o.context = args.integer("context", 0, 1, 1 << 20);
  o.stride = args.integer("stride", 0, 1, 1 << 20);
  o.lr = static_cast<float>(args.number("lr", 4e-4, 1e-9, 1.0));
  o.seed = static_cast<uint64_t>(args.integer("seed", 123, 0, INT64_MAX));
  o.eval_every = args.integer("eval-every", 10, 0, 10'000'000);
  o.eval_batches = args.integer("eval-batches", 4, 1, 100000);
  o.val_fraction = args.number("val-fraction", 0.1, 0.0, 0.49);
  o.warmup = args.integer("warmup", -1, -1, 10'000'000);
  o.adamw.weight_decay = static_cast<float>(args.number("weight-decay", 0.1, 0.0, 10.0));
  o.grad_clip = static_cast<float>(args.number("grad-clip", 1.0, 0.0, 1e6));
  // Stops (with a checkpoint) after this many steps in all, as an interruption would.
  const int64_t stop_after = args.integer("stop-after", INT64_MAX, 1, INT64_MAX);
  const std::string dtype = args.str("dtype", "f32");
  if (dtype != "f32" && dtype != "f16" && dtype != "bf16") throw UsageError("--dtype must be f32, f16 or bf16");
  const DType store = dtype == "f16" ? DType::F16 : dtype == "bf16" ? DType::BF16 : DType::F32;

  // Everything is read and checked before anything is written.
  const std::string text = read_text_file(data_path);
  std::unique_ptr<Tokenizer> tokenizer = tokenizer_for(args, model_kind(model_spec) == ModelKind::Directory ? model_spec : "");
  const std::vector<int32_t> tokens = tokenizer->encode(text);

  const bool from_dir = model_kind(model_spec) == ModelKind::Directory;
  const std::unique_ptr<LanguageModel> owned =
      from_dir ? load_model(model_spec) : new_model(model_spec, tokenizer->vocab_size(), o.seed);
  LanguageModel& model = *owned;
  if (tokenizer->vocab_size() > model.config().vocab_size)
    throw Error(model_spec + ": the model's vocabulary (" + std::to_string(model.config().vocab_size) +
                " tokens) is smaller than the tokenizer's (" + std::to_string(tokenizer->vocab_size()) + ")");
  if (o.context == 0) o.context = std::min<int64_t>(model.config().context_length, 256);
  move_model(model, device);  // before the trainer makes the optimizer's moments beside the weights
  Trainer trainer(model, o, tokens, data_path.string());
  if (resume) {
    if (!has_trainer_state(out)) throw Error(out.string() + ": no trainer state to resume from");
    trainer.restore(load_trainer_state(out));
    std::fprintf(stderr, "resuming at step %lld of %lld\n", static_cast<long long>(trainer.steps_done()),
                 static_cast<long long>(o.steps));
  }
  std::fprintf(stderr, "training %lld parameters on %zu tokens (%s)\n",
               static_cast<long long>(model.parameter_count()), tokens.size(), data_path.c_str());

  const json info = {{"data", fs::absolute(data_path).string()}, {"tokenizer", tokenizer->name()},
                     {"steps", o.steps},  {"batch", o.batch}, {"context", trainer.options().context},
                     {"lr", o.lr},        {"seed", o.seed}};
  auto checkpoint = [&] {
    save_model(out, model, tokenizer.get(), store);
    save_trainer_state(out, trainer.state(), info.dump());
  };
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  while (!trainer.finished() && !g_interrupted && trainer.steps_done() < stop_after) {
    const StepLog s = trainer.step();
    print_json_line(json{{"step", s.step},
                         {"loss", s.loss},
                         {"val_loss", nullable(s.val_loss)},
                         {"lr", s.lr},
                         {"grad_norm", s.grad_norm},
                         {"tokens_per_sec", s.tokens_per_sec}}
                        .dump());
    if (s.val_loss || trainer.finished()) checkpoint();
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!trainer.finished()) {
    checkpoint();
    std::fprintf(stderr, "interrupted at step %lld; saved to %s (continue with --resume)\n",
                 static_cast<long long>(trainer.steps_done()), out.c_str());
    return g_interrupted ? 130 : 0;
  }
  std::fprintf(stderr, "saved %s\n", out.c_str());
  return 0;
}

}  // namespace gb::cli
