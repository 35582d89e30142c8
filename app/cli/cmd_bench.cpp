// glassbox-cli bench: measured speed of training steps, generation and matrix products.
// Benchmarks measure; they assert nothing. bench/run.sh puts them beside PyTorch's.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/core/rng.h"
#include "engine/generate/sampling.h"
#include "engine/io/model_dir.h"
#include "engine/train/trainer.h"

namespace gb::cli {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::unique_ptr<LanguageModel> bench_model(const std::string& spec, uint64_t seed) {
  return model_kind(spec) == ModelKind::Directory ? load_model(spec) : new_model(spec, 0, seed);
}

// Full training steps (forward, loss, backward, clipping, AdamW) on random tokens.
int bench_train(const Args& args, Device device) {
  const std::string spec = args.str("model");
  const int64_t batch = args.integer("batch", 4, 1, 4096);
  const int64_t steps = args.integer("steps", 3, 1, 100000);
  const int64_t warmup = args.integer("warmup-steps", 1, 0, 100);
  const std::unique_ptr<LanguageModel> owned = bench_model(spec, 1);
  LanguageModel& model = *owned;
  const int64_t context = args.integer("context", std::min<int64_t>(256, model.config().context_length), 1,
                                       model.config().context_length);
  TrainOptions o;
  o.steps = steps + warmup;
  o.batch = batch;
  o.context = context;
  o.eval_every = 0;
  o.val_fraction = 0.0;
  Rng rng(7);
  std::vector<int32_t> tokens(static_cast<size_t>((o.steps + 1) * batch * (context + 1)));
  for (auto& t : tokens) t = static_cast<int32_t>(rng.below(model.config().vocab_size));
  const Device ran_on = move_model(model, device);
  Trainer trainer(model, o, tokens, "random tokens");
  for (int64_t i = 0; i < warmup; ++i) trainer.step();
  const auto t0 = Clock::now();
  double last_loss = 0;
  for (int64_t i = 0; i < steps; ++i) last_loss = trainer.step().loss;
  const double secs = seconds_since(t0);
  print_json_line(json{{"bench", "train"},
                       {"backend", backend_for(ran_on).name()},
                       {"model", spec},
                       {"params", model.parameter_count()},
                       {"batch", batch},
                       {"context", context},
                       {"steps", steps},
                       {"threads", num_threads()},
                       {"step_ms", 1000.0 * secs / static_cast<double>(steps)},
                       {"loss", last_loss},
                       {"tokens_per_sec", static_cast<double>(steps * batch * context) / secs}}
                      .dump());
  return 0;
}

// Greedy generation, batch 1, from a random prompt. tokens_per_sec counts the prompt's
// forward (prefill) in the time, as PyTorch's counterpart does; decode_tokens_per_sec is
// the one-token steps alone.
int bench_generate(const Args& args, Device device) {
  const std::string spec = args.str("model");
  const int64_t prompt_len = args.integer("prompt-tokens", 16, 1, 1 << 20);
  const int64_t n = args.integer("max-new-tokens", 64, 2, 1 << 20);
  const bool cache = !args.flag("no-cache");
  const auto t_load = Clock::now();
  const std::unique_ptr<LanguageModel> owned = bench_model(spec, 1);
  const double load_seconds = seconds_since(t_load);  // opening a directory, or building a preset
  LanguageModel& model = *owned;
  GB_CHECK(prompt_len + n <= model.config().context_length, "prompt + new tokens exceed the context length");
  const Device ran_on = move_model(model, device);
  const auto t_weights = Clock::now();
  const std::string weights = apply_weights_option(args, model, ran_on);
  const double weights_seconds = seconds_since(t_weights);  // making the 16-bit copies
  Rng rng(3);
  std::vector<int32_t> prompt(prompt_len);
  for (auto& t : prompt) t = static_cast<int32_t>(rng.below(model.config().vocab_size));
  SamplingOptions o;
  o.temperature = 0.0f;
  o.use_cache = cache;
  o.max_new_tokens = n;
  Clock::time_point first;
  int64_t produced = 0;
  const auto t0 = Clock::now();
  generate(model, prompt, o, [&](int32_t) {
    if (++produced == 1) first = Clock::now();
    return true;
  });
  const double total = seconds_since(t0), decode = seconds_since(first);
  print_json_line(json{{"bench", "generate"},
                       {"backend", backend_for(ran_on).name()},
                       {"model", spec},
                       {"params", model.parameter_count()},
                       {"prompt_tokens", prompt_len},
                       {"new_tokens", produced},
                       {"kv_cache", cache},
                       {"weights", weights},
                       {"load_seconds", load_seconds},
                       {"weights_seconds", weights_seconds},
                       {"weight_bytes", model.weight_bytes()},
                       {"threads", num_threads()},
                       {"tokens_per_sec", static_cast<double>(produced) / total},
                       {"decode_tokens_per_sec", static_cast<double>(produced - 1) / decode}}
                      .dump());
  return 0;
}

// C (n, n) = A (n, n) · B (n, n) on the chosen backend. The clock stops when the device
// has finished (synchronize), not when the work is queued.
int bench_gemm(const Args& args, Device device) {
  const int64_t n = args.integer("size", 1024, 1, 16384);
  const int64_t reps = args.integer("reps", 5, 1, 1000);
  Tensor a = Tensor::full({n, n}, 0.5f).to(device), b = Tensor::full({n, n}, 0.25f).to(device),
         c = Tensor::empty({n, n}, device);
  Backend& be = backend_for(a);
  be.matmul(a, false, b, false, c, 0.0f);  // warm-up (and, on Vulkan, the pipeline)
  be.synchronize();
  const auto t0 = Clock::now();
  for (int64_t i = 0; i < reps; ++i) be.matmul(a, false, b, false, c, 0.0f);
  be.synchronize();
  const double secs = seconds_since(t0);
  print_json_line(json{{"bench", "gemm"},
                       {"backend", be.name()},
                       {"size", n},
                       {"threads", num_threads()},
                       {"gflops", 2.0 * double(n) * double(n) * double(n) * double(reps) / secs / 1e9}}
                      .dump());
  return 0;
}

}  // namespace

int cmd_bench(const Argv& argv) {
  if (argv.empty()) throw UsageError("bench needs a workload: train, generate, gemm or tokenize");
  const std::string what = argv[0];
  const Argv rest(argv.begin() + 1, argv.end());
  if (what == "tokenize") return bench_tokenize(rest);
  const Args args(rest, {"no-cache"});
  if (what == "train") {
    args.allow_only({"model", "batch", "context", "steps", "warmup-steps", "device"});
    return bench_train(args, choose_device(args));
  }
  if (what == "generate") {
    args.allow_only({"model", "prompt-tokens", "max-new-tokens", "no-cache", "device", "weights"});
    return bench_generate(args, choose_device(args));
  }
  if (what == "gemm") {
    args.allow_only({"size", "reps", "device"});
    return bench_gemm(args, choose_device(args));
  }
  throw UsageError("unknown bench workload '" + what + "' (train, generate, gemm, tokenize)");
}

}  // namespace gb::cli
