#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_logits(const Argv&) { throw Error("logits: not built yet"); }

}  // namespace gb::cli
