#include "engine/core/paths.h"

#include <cstdlib>

namespace gb {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("GLASSBOX_DATA"); env && *env) return env;
  return GLASSBOX_DATA_DIR;
}

std::filesystem::path resources_dir() {
  if (const char* env = std::getenv("GLASSBOX_RESOURCES"); env && *env) return env;
  return GLASSBOX_RESOURCES_DIR;
}

}  // namespace gb
