#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_bench(const Argv&) { throw Error("bench: not built yet"); }

}  // namespace gb::cli
