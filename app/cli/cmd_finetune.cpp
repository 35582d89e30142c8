// glassbox-cli finetune classify|instruct: finetunes a model directory.
//   classify   the spam classifier of the lessons (SpamAssassin, balanced, split 70/10/20)
//   instruct   instruction finetuning on Alpaca JSON (cmd_finetune_instruct.cpp)
// One JSON line per step on stdout, then one summary line with "done": true.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/finetune_options.h"
#include "engine/core/error.h"
#include "engine/finetune/classifier.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/io/model_dir.h"

namespace gb::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json nullable(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

int finetune_classify(const Argv& argv) {
  const Args args(argv, {});
  args.allow_only({"model", "out", "data-dir", "train", "epochs", "max-steps", "batch", "lr", "weight-decay",
                   "max-tokens", "seed", "split-seed", "eval-every", "eval-batches", "lora-rank", "lora-alpha",
                   "lora-targets", "dtype", "device"});
  const std::string dir = args.str("model");
  const fs::path out = args.str("out");
  if (model_kind(dir) != ModelKind::Directory) throw UsageError("--model must be a model directory (a pretrained model)");
  ClassifierTrainOptions o;
  o.part = parse_train_part(args.str("train", "last-block"));
  o.epochs = args.integer("epochs", 3, 1, 1000);
  o.max_steps = args.integer("max-steps", 0, 0, 10'000'000);
  o.batch = args.integer("batch", 8, 1, 4096);
  o.lr = static_cast<float>(args.number("lr", 5e-5, 1e-9, 1.0));
  o.weight_decay = static_cast<float>(args.number("weight-decay", 0.1, 0.0, 10.0));
  o.eval_every = args.integer("eval-every", 50, 0, 10'000'000);
  o.eval_batches = args.integer("eval-batches", 5, 1, 100000);
  o.seed = static_cast<uint64_t>(args.integer("seed", 123, 0, INT64_MAX));
  o.lora = lora_options(args);
  const uint64_t split_seed = static_cast<uint64_t>(args.integer("split-seed", 123, 0, INT64_MAX));
  const DType store = store_dtype(args);
  o.validate();
  const Device device = choose_device(args);

  const auto t0 = std::chrono::steady_clock::now();
  const std::unique_ptr<Tokenizer> tokenizer = tokenizer_for(args, dir);
  std::unique_ptr<LanguageModel> model = load_model(dir);
  const int64_t max_tokens =
      args.integer("max-tokens", std::min<int64_t>(128, model->config().context_length), 1,
                   model->config().context_length);
  const fs::path data_dir = args.has("data-dir") ? fs::path(args.str("data-dir")) : default_spam_assassin_dir();
  const ClassificationSplits splits = balance_and_split(load_spam_assassin(data_dir), split_seed);
  const int32_t pad = end_of_text_id(*tokenizer);
  const std::vector<EncodedText> train = encode_texts(*tokenizer, splits.train, max_tokens, pad);
  const std::vector<EncodedText> val = encode_texts(*tokenizer, splits.val, max_tokens, pad);
  const std::vector<EncodedText> test = encode_texts(*tokenizer, splits.test, max_tokens, pad);
  std::fprintf(stderr, "spam data: %zu train, %zu validation, %zu test (balanced, split seed %llu), %lld tokens each at most\n",
               train.size(), val.size(), test.size(), static_cast<unsigned long long>(split_seed),
               static_cast<long long>(max_tokens));
  move_model(*model, device);
  SequenceClassifier classifier(*model, splits.labels, pad, o.seed);
  const double before = classifier.evaluate(test).accuracy();
  std::fprintf(stderr, "test accuracy before finetuning: %.1f%%\n", 100.0 * before);

  const ClassifierTrainResult r = train_classifier(classifier, train, val, o, [](const ClassifierLog& l) {
    print_json_line(json{{"step", l.step},
                         {"epoch", l.epoch},
                         {"loss", l.loss},
                         {"accuracy", l.accuracy},
                         {"train_loss", nullable(l.train_loss)},
                         {"train_accuracy", nullable(l.train_accuracy)},
                         {"val_loss", nullable(l.val_loss)},
                         {"val_accuracy", nullable(l.val_accuracy)}}
                        .dump());
  });
  const ConfusionMatrix cm = classifier.evaluate(test);
  save_classifier(out, classifier, *tokenizer, max_tokens, store);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  print_json_line(json{{"done", true},
                       {"train", train_part_name(o.part)},
                       {"trainable_parameters", r.trainable},
                       {"total_parameters", r.total},
                       {"test_accuracy_before", before},
                       {"test_accuracy", cm.accuracy()},
                       {"confusion", json::parse(cm.to_json())},
                       {"test_examples", test.size()},
                       {"seconds", seconds},
                       {"out", out.string()}}
                      .dump());
  std::fprintf(stderr, "test accuracy %.1f%% (%lld trainable of %lld parameters); saved %s\n", 100.0 * cm.accuracy(),
               static_cast<long long>(r.trainable), static_cast<long long>(r.total), out.c_str());
  return 0;
}

}  // namespace

int cmd_finetune(const Argv& argv) {
  if (argv.empty()) throw UsageError("finetune needs a task: classify or instruct");
  const Argv rest(argv.begin() + 1, argv.end());
  if (argv[0] == "classify") return finetune_classify(rest);
  if (argv[0] == "instruct") return finetune_instruct(rest);
  throw UsageError("unknown finetune task '" + argv[0] + "' (classify or instruct)");
}

}  // namespace gb::cli
