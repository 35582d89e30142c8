#pragma once
// The Vulkan backend as the rest of the engine sees it: no Vulkan headers here, so that
// engine/backend/backend.cpp and the CLI can ask about Vulkan without including them.
#include <string>
#include <vector>

namespace gb {

class Backend;

struct VulkanDeviceInfo {
  std::string name;
  std::string type;  // "discrete", "integrated", "virtual", "cpu" or "other"
};

// Every Vulkan device the loader reports, in its order (the N of GLASSBOX_VULKAN_DEVICE=N).
// Empty when there is no loader, no driver or no device.
std::vector<VulkanDeviceInfo> vulkan_device_list();

// Starts Vulkan once (instance, device choice, device); later calls return the first answer.
// When it cannot be used, why_not gets a one-line reason.
bool vulkan_available(std::string* why_not = nullptr);

// The backend on the chosen device; throws gb::Error with the reason when there is none.
Backend& vulkan_backend();

}  // namespace gb

#include <memory>
namespace gb {
class Storage;
// Storage for a tensor on the Vulkan device (registered with Tensor::empty by backend.cpp).
std::shared_ptr<Storage> make_vulkan_storage(size_t bytes);
}  // namespace gb
