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
  // The matrix-vector product reads four values per load (matvec.comp's VEC4): on a CPU
  // driver, where it beats the subgroup and lane variants (GLASSBOX_VULKAN_NO_VEC4 turns it off).
  bool matvec_vec4 = false;
  // The most bytes one storage-buffer binding may span: maxStorageBufferRange (128 MiB on
  // lavapipe), or less with GLASSBOX_VULKAN_MAX_BINDING=BYTES (tests use that to split small
  // tensors). Ops split larger tensors into ranges of at most this; see binding_floats().
  uint64_t binding_limit = 0;
};

// The context, started on first call; throws gb::Error with a one-line reason when Vulkan
// cannot be used. Thread-safe start.
Context& context();

// Throws gb::Error "Vulkan <what> failed: <result>" unless r is VK_SUCCESS. A lost device
// and device memory running out are gb::DeviceError (the caller may go on on the CPU); a
// lost device also marks the backend unusable for the rest of the process.
void check(VkResult r, const char* what);
// Throws gb::DeviceError once the device has been lost: nothing may use it after that.
void check_alive();

// Failures to simulate, for testing the fallback (GLASSBOX_VULKAN_FAIL, read once):
// "lost:N" reports VK_ERROR_DEVICE_LOST at the Nth queue submit, "oom:N" reports
// VK_ERROR_OUT_OF_DEVICE_MEMORY at the Nth device-memory sub-allocation (both 1-based).
struct FailurePlan {
  int64_t lost_at_submit = 0, oom_at_allocation = 0;  // 0: never
};
FailurePlan failure_plan();

// With GLASSBOX_VULKAN_VALIDATE=1 set before Vulkan starts, and the Khronos validation layer
// installed, every API and synchronization problem the layer finds is printed on stderr and
// counted here. validation_enabled() says whether the layer is on.
bool validation_enabled();
int64_t validation_messages();

// "discrete", "integrated", "virtual", "cpu" or "other".
const char* type_name(VkPhysicalDeviceType t);

}  // namespace gb::vk
