// The block pool: first fit over each block's free list, coalescing neighbours on release.
#include "engine/backend/vulkan/vk_memory.h"

#include <algorithm>

#include "engine/core/error.h"

namespace gb::vk {

namespace {
VkDeviceSize round_up(VkDeviceSize x, VkDeviceSize a) { return (x + a - 1) / a * a; }
}  // namespace

Pool::Pool(Context& ctx, VkMemoryPropertyFlags want, VkDeviceSize block_bytes)
    : ctx_(ctx), want_(want), block_bytes_(block_bytes) {
  // Every range starts on the device's storage-buffer offset alignment (at least 256 bytes,
  // which also keeps ranges on separate cache lines).
  align_ = std::max<VkDeviceSize>(256, ctx.props.limits.minStorageBufferOffsetAlignment);
}

Pool::~Pool() {
  for (Block& b : blocks_) {
    vkDestroyBuffer(ctx_.device, b.buffer, nullptr);
    vkFreeMemory(ctx_.device, b.memory, nullptr);
  }
}

int Pool::add_block(VkDeviceSize bytes) {
  Block b;
  b.size = bytes;
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = bytes;
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  check(vkCreateBuffer(ctx_.device, &info, nullptr, &b.buffer), "buffer creation");
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx_.device, b.buffer, &req);
  // The first type that has every wanted property; for host pools, any host-visible one.
  const bool host = want_ & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
  int type = -1;
  for (int pass = 0; pass < 2 && type < 0; ++pass) {
    const VkMemoryPropertyFlags need =
        pass == 0 ? want_ : (host ? VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) : 0);
    for (uint32_t i = 0; i < ctx_.memory.memoryTypeCount; ++i)
      if ((req.memoryTypeBits & (1u << i)) && (ctx_.memory.memoryTypes[i].propertyFlags & need) == need) {
        type = int(i);
        break;
      }
  }
  if (type < 0) {
    vkDestroyBuffer(ctx_.device, b.buffer, nullptr);
    throw Error("Vulkan: no memory type fits a storage buffer");
  }
  VkMemoryAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = uint32_t(type);
  const VkResult r = vkAllocateMemory(ctx_.device, &alloc, nullptr, &b.memory);
  if (r != VK_SUCCESS) {
    vkDestroyBuffer(ctx_.device, b.buffer, nullptr);
    if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY)
      throw DeviceError("Vulkan out of device memory allocating " + std::to_string(bytes >> 20) + " MiB (" +
                  std::to_string(in_use_ >> 20) + " MiB in use)");
    check(r, "memory allocation");
  }
  check(vkBindBufferMemory(ctx_.device, b.buffer, b.memory, 0), "buffer binding");
  if (ctx_.memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
    void* p = nullptr;
    check(vkMapMemory(ctx_.device, b.memory, 0, VK_WHOLE_SIZE, 0, &p), "memory mapping");
    b.mapped = static_cast<char*>(p);
  }
  b.free.emplace(0, bytes);
  blocks_.push_back(std::move(b));
  return int(blocks_.size()) - 1;
}

Allocation Pool::allocate(VkDeviceSize bytes) {
  check_alive();
  std::lock_guard lock(mutex_);
  if (!(want_ & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) && ++allocations_ == failure_plan().oom_at_allocation)
    throw DeviceError("Vulkan out of device memory allocating " + std::to_string(bytes) + " bytes (simulated)");
  const VkDeviceSize size = round_up(std::max<VkDeviceSize>(bytes, 4), align_);
  auto take = [&](int bi) -> Allocation {
    Block& b = blocks_[bi];
    for (auto it = b.free.begin(); it != b.free.end(); ++it) {
      if (it->second < size) continue;
      const VkDeviceSize off = it->first, left = it->second - size;
      b.free.erase(it);
      if (left) b.free.emplace(off + size, left);
      in_use_ += size;
      return {b.buffer, off, size, b.mapped ? b.mapped + off : nullptr, bi};
    }
    return {};
  };
  for (int bi = 0; bi < int(blocks_.size()); ++bi)
    if (Allocation a = take(bi); a.block >= 0) return a;
  // A tensor larger than a block gets a block of its own size.
  return take(add_block(std::max(block_bytes_, size)));
}

void Pool::release(const Allocation& a) {
  if (a.block < 0) return;
  std::lock_guard lock(mutex_);
  auto& free = blocks_[a.block].free;
  auto [it, ok] = free.emplace(a.offset, a.size);
  in_use_ -= a.size;
  // Merge with the next and the previous free range.
  if (auto next = std::next(it); next != free.end() && it->first + it->second == next->first) {
    it->second += next->second;
    free.erase(next);
  }
  if (it != free.begin()) {
    auto prev = std::prev(it);
    if (prev->first + prev->second == it->first) {
      prev->second += it->second;
      free.erase(it);
    }
  }
}

}  // namespace gb::vk
