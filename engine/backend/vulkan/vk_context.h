#pragma once
// The Vulkan instance, the chosen physical device, its logical device and compute queue.
// One per process, started on first use; every other part of the backend hangs off it.
#include <vulkan/vulkan.h>

#include <cstdint>
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
  // Subgroup arithmetic (subgroupAdd) in compute shaders, and the subgroup size.
  bool subgroup_arithmetic = false;
  uint32_t subgroup_size = 1;
  // Invocations per output of the matrix-vector product without subgroups (matvec.comp):
  // 1 on a CPU driver, 16 on a GPU. Tests change this and subgroup_arithmetic to reach
  // every variant on one device.
  uint32_t matvec_lanes = 16;
};

// The context, started on first call; throws gb::Error with a one-line reason when Vulkan
// cannot be used. Thread-safe start.
Context& context();

// Throws gb::Error "Vulkan <what> failed: <result>" unless r is VK_SUCCESS. A lost device
// is reported as such, and marks the backend unusable for the rest of the process.
void check(VkResult r, const char* what);

// With GLASSBOX_VULKAN_VALIDATE=1 set before Vulkan starts, and the Khronos validation layer
// installed, every API and synchronization problem the layer finds is printed on stderr and
// counted here. validation_enabled() says whether the layer is on.
bool validation_enabled();
int64_t validation_messages();

// "discrete", "integrated", "virtual", "cpu" or "other".
const char* type_name(VkPhysicalDeviceType t);

}  // namespace gb::vk
