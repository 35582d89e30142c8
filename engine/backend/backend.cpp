#include "engine/backend/backend.h"

#include <thread>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#ifdef GLASSBOX_HAS_VULKAN
#include "engine/backend/vulkan/vk_api.h"
#include "engine/backend/vulkan/vk_context.h"
#endif

namespace gb {

#ifdef GLASSBOX_HAS_VULKAN
namespace {
// Tensor::empty(shape, Device::Vulkan) makes its storage here (engine/core has no Vulkan).
[[maybe_unused]] const bool kVulkanStorage = (register_storage_factory(Device::Vulkan, make_vulkan_storage), true);
}  // namespace
#endif

Backend& backend_for(Device device) {
  static CpuBackend cpu;
  if (device == Device::CPU) return cpu;
#ifdef GLASSBOX_HAS_VULKAN
  return vulkan_backend();
#else
  throw Error("Vulkan support was not built (GLASSBOX_VULKAN=OFF)");
#endif
}

bool backend_available(Device device, std::string* why_not) {
  if (device == Device::CPU) return true;
#ifdef GLASSBOX_HAS_VULKAN
  return vulkan_available(why_not);
#else
  if (why_not) *why_not = "Vulkan support was not built (GLASSBOX_VULKAN=OFF)";
  return false;
#endif
}

namespace {
std::string cpu_device_name() {
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  return "CPU (" + std::to_string(threads) + " threads)";
}
}  // namespace

std::vector<DeviceInfo> list_devices() {
  std::vector<DeviceInfo> out{{cpu_device_name(), "cpu", "cpu"}};
#ifdef GLASSBOX_HAS_VULKAN
  for (auto& d : vulkan_device_list()) out.push_back({d.name, d.type, "vulkan"});
#endif
  return out;
}

std::string device_name(Device device) {
  if (device == Device::CPU) return cpu_device_name();
#ifdef GLASSBOX_HAS_VULKAN
  return vk::context().name;
#else
  throw Error("Vulkan support was not built (GLASSBOX_VULKAN=OFF)");
#endif
}

}  // namespace gb
