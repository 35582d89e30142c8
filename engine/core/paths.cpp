#include "engine/core/paths.h"

#include <cstdlib>

namespace gb {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("GLASSBOX_DATA"); env && *env) return env;
  return GLASSBOX_DATA_DIR;
}

}  // namespace gb
