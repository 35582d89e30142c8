#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_bench(const Argv& argv) {
  if (!argv.empty() && argv[0] == "tokenize") return bench_tokenize(Argv(argv.begin() + 1, argv.end()));
  throw Error("bench: not built yet");
}

}  // namespace gb::cli
