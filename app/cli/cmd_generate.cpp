#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_generate(const Argv&) { throw Error("generate: not built yet"); }

}  // namespace gb::cli
