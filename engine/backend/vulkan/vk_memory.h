#pragma once
// Device memory: a pool that sub-allocates buffer ranges from large blocks, because a
// training step frees and reallocates hundreds of tensors and vkAllocateMemory is slow and
// limited in count. Each block is one VkDeviceMemory with one VkBuffer over all of it; a
// tensor is a (block buffer, offset, size) range.
#include <vulkan/vulkan.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/backend/vulkan/vk_context.h"

namespace gb::vk {

struct Allocation {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceSize offset = 0, size = 0;  // bytes, inside buffer
  char* mapped = nullptr;             // host address of offset, for host-visible pools
  int block = -1;
};

class Pool {
 public:
  // want: the memory properties to ask for (DEVICE_LOCAL for tensors, HOST_VISIBLE |
  // HOST_COHERENT for staging); any host-visible type is accepted for a host pool.
  Pool(Context& ctx, VkMemoryPropertyFlags want, VkDeviceSize block_bytes);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Throws gb::DeviceError "... out of device memory ..." when the device has no room.
  Allocation allocate(VkDeviceSize bytes);
  void release(const Allocation& a);
  VkDeviceSize bytes_in_use() const { return in_use_; }

 private:
  struct Block {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    char* mapped = nullptr;
    std::map<VkDeviceSize, VkDeviceSize> free;  // offset → size, coalesced on release
  };
  int add_block(VkDeviceSize bytes);

  Context& ctx_;
  VkMemoryPropertyFlags want_;
  VkDeviceSize block_bytes_;
  VkDeviceSize align_;
  VkDeviceSize in_use_ = 0;
  int64_t allocations_ = 0;  // device pools: counted for GLASSBOX_VULKAN_FAIL=oom:N
  std::vector<Block> blocks_;
  std::mutex mutex_;
};

}  // namespace gb::vk
