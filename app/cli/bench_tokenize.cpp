#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int bench_tokenize(const Argv&) { throw Error("bench tokenize: not built yet"); }

}  // namespace gb::cli
