#include "engine/backend/backend.h"

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"

namespace gb {

Backend& backend_for(Device device) {
  static CpuBackend cpu;
  if (device == Device::CPU) return cpu;
  throw Error("no backend for this device in this build");
}

}  // namespace gb
