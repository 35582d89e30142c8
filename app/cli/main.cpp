// glassbox-cli: the engine without the app. JSON on stdout, human text on stderr.
// Exit 0 on success, 2 on bad usage, 1 on any other error (one line on stderr).
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <string>

#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace {

const char* kUsage =
    "usage: glassbox-cli COMMAND [OPTIONS]\n"
    "commands:\n"
    "  tokenize  --tokenizer NAME|PATH [--jsonl] [--allow-special]   stdin text -> ids\n"
    "  train     --model PRESET|CONFIG.json|DIR --data FILE --out DIR [--tokenizer NAME|PATH]\n"
    "            [--steps N --batch B --context T --lr X --seed S --device D --resume]\n"
    "  generate  --model DIR --prompt TEXT [--max-new-tokens N --temperature T --top-k K --top-p P --seed S\n"
    "            --weights f32|bf16|f16]\n"
    "  logits    --model DIR --ids 1,2,3 [--all-positions]\n"
    "  bench     train|generate --model PRESET|DIR [...]\n"
    "  devices\n"
    "  finetune  classify --model DIR --out DIR [--train head|last-block|all|lora --epochs N --max-tokens T ...]\n"
    "  finetune  instruct --model DIR --data DIR|FILE.json --out DIR [--lora [--merge] --mask-prompt --epochs N ...]\n"
    "  classify  --model DIR [--text TEXT | --jsonl]                  stdin text -> label and probabilities\n"
    "  eval      instruct|classify|choice|judge --model DIR [--adapter DIR --data ... --benchmark FILE --judge DIR]\n"
    "  corpus    [--name moby-dick|sotu|brown | --data FILE] [--out FILE] [--tokenizer NAME|PATH]\n"
    "  train-tokenizer --data FILE|--corpus NAME --vocab-size N --out TOKENIZER.json\n"
    "  chat      --model DIR --message TEXT [--system TEXT --template alpaca|llama2|chatml|zephyr|plain\n"
    "            --max-new-tokens N --temperature T --top-k K --top-p P --seed S --show-prompt]\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace gb::cli;
  const std::map<std::string, std::function<int(const Argv&)>> commands = {
      {"tokenize", cmd_tokenize}, {"train", cmd_train}, {"generate", cmd_generate},
      {"logits", cmd_logits},     {"bench", cmd_bench}, {"devices", cmd_devices},
      {"finetune", cmd_finetune}, {"classify", cmd_classify}, {"eval", cmd_eval},
      {"corpus", cmd_corpus},     {"train-tokenizer", cmd_train_tokenizer},
      {"chat", cmd_chat},
  };
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  auto it = commands.find(argv[1]);
  if (it == commands.end()) {
    std::fprintf(stderr, "glassbox-cli: unknown command '%s'\n%s", argv[1], kUsage);
    return 2;
  }
  try {
    return it->second(Argv(argv + 2, argv + argc));
  } catch (const gb::UsageError& e) {
    std::fprintf(stderr, "glassbox-cli %s: %s\n", argv[1], e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glassbox-cli %s: %s\n", argv[1], e.what());
    return 1;
  }
}
