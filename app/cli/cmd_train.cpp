#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_train(const Argv&) { throw Error("train: not built yet"); }

}  // namespace gb::cli
