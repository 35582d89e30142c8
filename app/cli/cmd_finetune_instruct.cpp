// glassbox-cli finetune instruct: instruction finetuning on Alpaca JSON, the whole model or a
// LoRA adapter. Writes a model directory (or, with --lora and no --merge, a PEFT adapter),
// then shows held-out instructions with the expected and the generated response.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/finetune_options.h"
#include "engine/core/error.h"
#include "engine/finetune/evaluation.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/io/model_dir.h"

namespace gb::cli {

namespace fs = std::filesystem;
using nlohmann::json;

int finetune_instruct(const Argv& argv) {
  const Args args(argv, {"mask-prompt", "lora", "merge"});
  args.allow_only({"model", "out", "data", "epochs", "max-steps", "batch", "lr", "weight-decay", "max-length",
                   "mask-prompt", "lora", "merge", "lora-rank", "lora-alpha", "lora-targets", "eval-every",
                   "eval-batches", "seed", "show", "dtype", "device"});
  const std::string dir = args.str("model");
  const fs::path out = args.str("out");
  if (model_kind(dir) != ModelKind::Directory) throw UsageError("--model must be a model directory (a pretrained model)");
  InstructTrainOptions o;
  o.epochs = args.integer("epochs", 2, 1, 1000);
  o.max_steps = args.integer("max-steps", 0, 0, 10'000'000);
  o.batch = args.integer("batch", 8, 1, 4096);
  o.lr = static_cast<float>(args.number("lr", 5e-5, 1e-9, 1.0));
  o.weight_decay = static_cast<float>(args.number("weight-decay", 0.1, 0.0, 10.0));
  o.max_length = args.integer("max-length", 0, 0, 1 << 20);
  o.mask_prompt = args.flag("mask-prompt");
  o.eval_every = args.integer("eval-every", 20, 0, 10'000'000);
  o.eval_batches = args.integer("eval-batches", 5, 1, 100000);
  o.seed = static_cast<uint64_t>(args.integer("seed", 123, 0, INT64_MAX));
  o.use_lora = args.flag("lora");
  o.lora = lora_options(args);
  const bool merge = args.flag("merge");
  if (merge && !o.use_lora) throw UsageError("--merge goes with --lora");
  const int64_t show = args.integer("show", 5, 0, 100000);
  const DType store = store_dtype(args);
  o.validate();
  const Device device = choose_device(args);

  const auto t0 = std::chrono::steady_clock::now();
  const InstructionSplits data = load_instruction_splits(args.str("data"), o.seed);
  const std::unique_ptr<Tokenizer> tokenizer = tokenizer_for(args, dir);
  std::unique_ptr<LanguageModel> model = load_model(dir);
  move_model(*model, device);
  std::fprintf(stderr, "instruction data: %zu train, %zu validation, %zu test\n", data.train.size(), data.val.size(),
               data.test.size());

  std::unique_ptr<LoraAdapter> adapter;
  const InstructTrainResult r = train_instructions(
      *model, *tokenizer, data.train, data.val, o,
      [](const InstructLog& l) {
        print_json_line(json{{"step", l.step},
                             {"epoch", l.epoch},
                             {"loss", l.loss},
                             {"train_loss", l.train_loss ? json(*l.train_loss) : json(nullptr)},
                             {"val_loss", l.val_loss ? json(*l.val_loss) : json(nullptr)},
                             {"tokens_per_sec", l.tokens_per_sec}}
                            .dump());
      },
      nullptr, &adapter);
  if (adapter) {
    if (merge) {
      adapter->merge();
      save_model(out, *model, tokenizer.get(), store);
    } else {
      adapter->save(out, fs::absolute(dir).string());
      adapter->apply(Context{});  // the held-out table below uses the adapted weights
    }
  } else {
    save_model(out, *model, tokenizer.get(), store);
  }

  const std::vector<AlpacaExample> shown(data.test.begin(),
                                         data.test.begin() + std::min<std::ptrdiff_t>(show, static_cast<std::ptrdiff_t>(
                                                                                                data.test.size())));
  const InstructionEval eval = evaluate_instructions(*model, *tokenizer, shown);
  json table = json::array();
  for (const InstructionScore& s : eval.items)
    table.push_back({{"instruction", s.example.instruction},
                     {"input", s.example.input},
                     {"expected", s.example.output},
                     {"response", s.response},
                     {"exact_match", s.exact},
                     {"f1", s.f1}});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  print_json_line(json{{"done", true},
                       {"lora", o.use_lora},
                       {"trainable_parameters", r.trainable},
                       {"total_parameters", r.total},
                       {"held_out", table},
                       {"exact_match", eval.exact_match},
                       {"f1", eval.f1},
                       {"seconds", seconds},
                       {"out", out.string()}}
                      .dump(-1, ' ', false, json::error_handler_t::replace));
  std::fprintf(stderr, "saved %s (%s)\n", out.c_str(),
               adapter && !merge ? "a LoRA adapter in the PEFT layout" : "a model directory");
  return 0;
}

}  // namespace gb::cli
