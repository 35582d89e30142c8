#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace gb::cli {

int cmd_devices(const Argv&) { throw Error("devices: not built yet"); }

}  // namespace gb::cli
