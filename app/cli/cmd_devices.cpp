// glassbox-cli devices: where the engine can run.
#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/backend/backend.h"
#include "engine/core/parallel.h"

namespace gb::cli {

int cmd_devices(const Argv& argv) {
  Args(argv, {}).allow_only({});
  nlohmann::json list = nlohmann::json::array();
  list.push_back({{"name", "CPU (" + std::to_string(num_threads()) + " threads)"},
                  {"type", "cpu"},
                  {"backend", "cpu"},
                  {"threads", num_threads()}});
  for (const DeviceInfo& d : list_devices())
    if (d.backend != "cpu") list.push_back({{"name", d.name}, {"type", d.type}, {"backend", d.backend}});
  print_json_line(list.dump());
  return 0;
}

}  // namespace gb::cli
