#pragma once
// Command recording: every op appends its dispatches to one command buffer, and the batch is
// submitted once (with one fence wait) when a value must come back to the host, when the
// caller asks (the end of a training step, a generated token), or when it grows large.
//
// Barriers: the recorder remembers which buffer ranges were read and written since the
// last barrier, and inserts a compute/transfer memory barrier only before a dispatch that
// reads what an earlier one wrote, or writes what an earlier one read or wrote. Independent
// dispatches (the q, k and v products; the AdamW steps of different parameters) run
// without a barrier between them.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <map>
#include <string>
#include <mutex>
#include <span>
#include <vector>

#include "engine/backend/vulkan/vk_memory.h"
#include "engine/backend/vulkan/vk_pipelines.h"

namespace gb::vk {

// A buffer range an op reads or writes.
struct Arg {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceSize offset = 0, size = 0;  // bytes
  bool write = false;
};

class Recorder {
 public:
  Recorder(Context& ctx, Pipelines& pipelines, Pool& device_pool, Pool& host_pool);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Records one dispatch of groups (x, y, z). args[i] is bound at binding i (at most
  // kBindings). push holds the op's push constants; its first kBindings uint32 words are
  // overwritten with each argument's offset in floats from its descriptor's start
  // (descriptors start on the device's alignment, tensors need not).
  void dispatch(const Pipeline& p, std::span<const Arg> args, std::span<uint32_t> push, uint32_t gx,
                uint32_t gy = 1, uint32_t gz = 1);
  void fill(const Arg& dst, uint32_t word);  // every 32-bit word of dst
  void copy(const Arg& src, const Arg& dst);

  // Host bytes placed in host-visible memory that shaders can read, kept until the batch
  // completes (token ids, targets).
  Arg stage(const void* data, size_t bytes);
  // Host bytes copied into a device range, in order with the recorded work.
  void upload(const Arg& dst, const void* data);
  // Reads a device range back: records the copy, flushes, copies to dst.
  void download(const Arg& src, void* dst);

  // Submits what is recorded and waits for it. No-op when nothing is recorded.
  void flush();
  // Frees a device range once no recorded work can still use it.
  void release(Pool& pool, const Allocation& a);
  int64_t dispatches_recorded() const { return total_dispatches_; }
  int64_t submits() const { return submits_; }

  // With GLASSBOX_VULKAN_PROFILE=1 every dispatch is timed on the device (timestamps before
  // and after it); profile_report() lists the time per shader variant, and the host's time
  // waiting for submits. Empty when profiling is off.
  std::string profile_report();

 private:
  struct Range {
    VkBuffer buffer;
    VkDeviceSize lo, hi;
  };
  void begin();
  void hazard_check(std::span<const Arg> args);
  VkDescriptorSet descriptor_set();

  Context& ctx_;
  Pipelines& pipelines_;
  Pool& device_pool_;
  Pool& host_pool_;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
  std::vector<VkDescriptorPool> descriptor_pools_;
  size_t pool_in_use_ = 0;
  uint32_t sets_left_ = 0;
  bool recording_ = false;
  int batch_size_ = 0;
  int64_t total_dispatches_ = 0;
  int64_t submits_ = 0;
  std::vector<Range> written_, read_;
  std::vector<std::pair<Pool*, Allocation>> deferred_;
  std::recursive_mutex mutex_;

  // Profiling (GLASSBOX_VULKAN_PROFILE): the batch's timed dispatches, and totals per label.
  struct Timed {
    double ms = 0;
    int64_t count = 0;
  };
  VkQueryPool queries_ = VK_NULL_HANDLE;
  std::vector<const std::string*> timed_;
  std::map<std::string, Timed> profile_;
  double wait_ms_ = 0;
};

}  // namespace gb::vk
