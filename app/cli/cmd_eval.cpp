// glassbox-cli eval instruct|classify|choice|judge: measures a model (one JSON object on stdout).
//   instruct  held-out instructions, greedy responses: exact match and token F1 per item
//   classify  a classifier on the spam test split: accuracy and confusion matrix
//   choice    a multiple-choice benchmark file (engine/finetune/evaluation.h) by log-likelihood
//   judge     responses of --model to held-out instructions scored 0–100 by --judge
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/finetune_options.h"
#include "engine/core/error.h"
#include "engine/finetune/classifier.h"
#include "engine/finetune/evaluation.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/io/model_dir.h"

namespace gb::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct LoadedModel {
  std::unique_ptr<LanguageModel> model;
  std::unique_ptr<Tokenizer> tokenizer;
  std::unique_ptr<LoraAdapter> adapter;
};

// --model DIR [--adapter DIR]: the base model with a PEFT LoRA adapter applied.
LoadedModel open_model(const Args& args, const std::string& key = "model") {
  const std::string dir = args.str(key);
  if (model_kind(dir) != ModelKind::Directory) throw UsageError("--" + key + " must be a model directory");
  LoadedModel m;
  m.tokenizer = load_tokenizer(dir);
  m.model = load_model(dir);
  if (key == "model" && args.has("adapter")) {
    const fs::path adapter = args.str("adapter");
    m.adapter = std::make_unique<LoraAdapter>(*m.model, LoraAdapter::read_config(adapter));
    m.adapter->load(adapter);
    m.adapter->apply(Context{});
  }
  return m;
}

std::vector<AlpacaExample> pick_split(const InstructionSplits& s, const std::string& split, int64_t limit) {
  const std::vector<AlpacaExample>& set = split == "test" ? s.test : split == "val" ? s.val : s.train;
  if (split != "test" && split != "val" && split != "train") throw UsageError("--split must be train, val or test");
  if (set.empty()) throw Error("the " + split + " split is empty");
  return {set.begin(), set.begin() + std::min<std::ptrdiff_t>(limit > 0 ? limit : static_cast<std::ptrdiff_t>(set.size()),
                                                              static_cast<std::ptrdiff_t>(set.size()))};
}


int eval_instruct(const Args& args) {
  args.allow_only({"model", "adapter", "data", "split", "limit", "max-new-tokens", "seed"});
  LoadedModel m = open_model(args);
  const std::vector<AlpacaExample> set =
      pick_split(load_instruction_splits(args.str("data"), static_cast<uint64_t>(args.integer("seed", 123, 0, INT64_MAX))),
                 args.str("split", "test"), args.integer("limit", 0, 0, 1'000'000));
  const InstructionEval e = evaluate_instructions(*m.model, *m.tokenizer, set, args.integer("max-new-tokens", 48, 1, 4096));
  json items = json::array();
  for (const InstructionScore& s : e.items)
    items.push_back({{"instruction", s.example.instruction}, {"input", s.example.input}, {"expected", s.example.output},
                     {"response", s.response}, {"exact_match", s.exact}, {"f1", s.f1}});
  print_json_line(json{{"examples", e.items.size()}, {"exact_match", e.exact_match}, {"f1", e.f1}, {"items", items}}
                      .dump(-1, ' ', false, json::error_handler_t::replace));
  return 0;
}

int eval_classify(const Args& args) {
  args.allow_only({"model", "data-dir", "split-seed", "split"});
  const fs::path dir = args.str("model");
  LoadedClassifier c = load_classifier(dir);
  const fs::path data = args.has("data-dir") ? fs::path(args.str("data-dir")) : default_spam_assassin_dir();
  const ClassificationSplits splits =
      balance_and_split(load_spam_assassin(data), static_cast<uint64_t>(args.integer("split-seed", 123, 0, INT64_MAX)));
  const std::string split = args.str("split", "test");
  if (split != "test" && split != "val" && split != "train") throw UsageError("--split must be train, val or test");
  const auto& texts = split == "test" ? splits.test : split == "val" ? splits.val : splits.train;
  const ConfusionMatrix cm =
      c.classifier->evaluate(encode_texts(*c.tokenizer, texts, c.max_tokens, c.classifier->pad_id()));
  json per_class = json::array();
  for (size_t k = 0; k < cm.labels.size(); ++k)
    per_class.push_back({{"label", cm.labels[k]},
                         {"precision", cm.precision(static_cast<int>(k))},
                         {"recall", cm.recall(static_cast<int>(k))}});
  print_json_line(json{{"split", split},
                       {"examples", cm.total()},
                       {"accuracy", cm.accuracy()},
                       {"confusion", json::parse(cm.to_json())},
                       {"per_class", per_class}}
                      .dump());
  return 0;
}

int eval_choice(const Args& args) {
  args.allow_only({"model", "adapter", "benchmark"});
  LoadedModel m = open_model(args);
  const Benchmark b = load_benchmark(args.str("benchmark"));
  const BenchmarkResult r = run_benchmark(*m.model, *m.tokenizer, b);
  json items = json::array();
  for (size_t i = 0; i < r.items.size(); ++i)
    items.push_back({{"question", b.questions[i].question},
                     {"answer", r.items[i].answer},
                     {"predicted", r.items[i].predicted},
                     {"predicted_normalized", r.items[i].predicted_normalized},
                     {"log_likelihood", r.items[i].log_likelihood}});
  print_json_line(json{{"benchmark", b.name},
                       {"questions", r.items.size()},
                       {"accuracy", r.accuracy},
                       {"accuracy_normalized", r.accuracy_normalized},
                       {"chance", [&] {
                          double c = 0;
                          for (const auto& q : b.questions) c += 1.0 / static_cast<double>(q.choices.size());
                          return c / static_cast<double>(b.questions.size());
                        }()},
                       {"items", items}}
                      .dump(-1, ' ', false, json::error_handler_t::replace));
  return 0;
}

int eval_judge(const Args& args) {
  args.allow_only({"model", "adapter", "judge", "data", "split", "limit", "judge-template", "max-new-tokens", "seed"});
  LoadedModel m = open_model(args);
  LoadedModel judge = open_model(args, "judge");
  const std::string tmpl = args.str("judge-template", "alpaca");
  if (tmpl != "alpaca" && tmpl != "plain") throw UsageError("--judge-template must be alpaca or plain");
  const std::vector<AlpacaExample> set =
      pick_split(load_instruction_splits(args.str("data"), static_cast<uint64_t>(args.integer("seed", 123, 0, INT64_MAX))),
                 args.str("split", "test"), args.integer("limit", 20, 0, 1'000'000));
  const InstructionEval e = evaluate_instructions(*m.model, *m.tokenizer, set, args.integer("max-new-tokens", 48, 1, 4096));
  std::vector<std::string> responses;
  for (const InstructionScore& s : e.items) responses.push_back(s.response);
  const JudgeResult j = judge_responses(*judge.model, *judge.tokenizer, set, responses, tmpl == "alpaca");
  json items = json::array();
  for (size_t i = 0; i < set.size(); ++i)
    items.push_back({{"instruction", set[i].instruction},
                     {"input", set[i].input},
                     {"expected", set[i].output},
                     {"response", responses[i]},
                     {"judge_reply", j.items[i].reply},
                     {"score", j.items[i].score ? json(*j.items[i].score) : json(nullptr)}});
  print_json_line(json{{"examples", set.size()}, {"mean_score", j.mean}, {"unparsed", j.unparsed}, {"items", items}}
                      .dump(-1, ' ', false, json::error_handler_t::replace));
  return 0;
}

}  // namespace

int cmd_eval(const Argv& argv) {
  if (argv.empty()) throw UsageError("eval needs a kind: instruct, classify, choice or judge");
  const Args args(Argv(argv.begin() + 1, argv.end()), {});
  if (argv[0] == "instruct") return eval_instruct(args);
  if (argv[0] == "classify") return eval_classify(args);
  if (argv[0] == "choice") return eval_choice(args);
  if (argv[0] == "judge") return eval_judge(args);
  throw UsageError("unknown eval kind '" + argv[0] + "' (instruct, classify, choice or judge)");
}

}  // namespace gb::cli
