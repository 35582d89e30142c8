#pragma once
// The Vulkan instance, the chosen physical device, its logical device and compute queue.
// One per process, started on first use; every other part of the backend hangs off it.
#include <vulkan/vulkan.h>

#include <string>

namespace gb::vk {

struct Context {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  VkPhysicalDeviceProperties props{};
  VkPhysicalDeviceMemoryProperties memory{};
  std::string name, type;  // type as vk_api.h names it
};

// The context, started on first call; throws gb::Error with a one-line reason when Vulkan
// cannot be used. Thread-safe start.
Context& context();

// Throws gb::Error "Vulkan <what> failed: <result>" unless r is VK_SUCCESS. A lost device
// is reported as such, and marks the backend unusable for the rest of the process.
void check(VkResult r, const char* what);

// "discrete", "integrated", "virtual", "cpu" or "other".
const char* type_name(VkPhysicalDeviceType t);

}  // namespace gb::vk
