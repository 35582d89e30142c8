#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_tokenize(const Argv&) { throw Error("tokenize: not built yet"); }

}  // namespace gb::cli
