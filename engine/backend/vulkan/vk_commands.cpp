#include "engine/backend/vulkan/vk_commands.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "engine/core/error.h"

namespace gb::vk {

namespace {
constexpr uint32_t kSetsPerPool = 512;
constexpr int kMaxBatch = 2048;  // dispatches per submit before an automatic flush
constexpr VkPipelineStageFlags kWork = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
}  // namespace

Recorder::Recorder(Context& ctx, Pipelines& pipelines, Pool& device_pool, Pool& host_pool)
    : ctx_(ctx), pipelines_(pipelines), device_pool_(device_pool), host_pool_(host_pool) {
  VkCommandPoolCreateInfo pi{};
  pi.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pi.queueFamilyIndex = ctx.queue_family;
  check(vkCreateCommandPool(ctx.device, &pi, nullptr, &pool_), "command pool creation");
  VkCommandBufferAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  ai.commandPool = pool_;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  check(vkAllocateCommandBuffers(ctx.device, &ai, &cmd_), "command buffer allocation");
  VkFenceCreateInfo fi{};
  fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  check(vkCreateFence(ctx.device, &fi, nullptr, &fence_), "fence creation");
  const char* profile = std::getenv("GLASSBOX_VULKAN_PROFILE");
  if (profile && *profile && *profile != '0' && ctx.props.limits.timestampComputeAndGraphics) {
    VkQueryPoolCreateInfo qi{};
    qi.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
    qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
    qi.queryCount = 2 * kMaxBatch;
    check(vkCreateQueryPool(ctx.device, &qi, nullptr, &queries_), "query pool creation");
    // A debugging aid, like the validation layer's messages: the table goes to stderr at
    // exit. (The recorder lives as long as the process; see runtime().)
    static Recorder* self = this;
    std::atexit([] { std::fputs(self->profile_report().c_str(), stderr); });
  }
}

Recorder::~Recorder() {
  try {
    flush();
  } catch (const std::exception&) {
    // A lost device at exit: nothing left to save.
  }
  for (auto& [pool, a] : deferred_) pool->release(a);
  for (VkDescriptorPool p : descriptor_pools_) vkDestroyDescriptorPool(ctx_.device, p, nullptr);
  if (queries_) vkDestroyQueryPool(ctx_.device, queries_, nullptr);
  vkDestroyFence(ctx_.device, fence_, nullptr);
  vkDestroyCommandPool(ctx_.device, pool_, nullptr);
}

void Recorder::begin() {
  check_alive();  // nothing may be recorded on a lost device
  if (recording_) return;
  VkCommandBufferBeginInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check(vkBeginCommandBuffer(cmd_, &bi), "command buffer begin");
  recording_ = true;
  if (queries_) vkCmdResetQueryPool(cmd_, queries_, 0, 2 * kMaxBatch);
}

// Read-after-write, write-after-read and write-after-write on overlapping ranges need a
// barrier; a global memory barrier covers every buffer at once and is what drivers do anyway.
void Recorder::hazard_check(std::span<const Arg> args) {
  auto overlaps = [](const std::vector<Range>& list, const Arg& a) {
    return std::any_of(list.begin(), list.end(), [&](const Range& r) {
      return r.buffer == a.buffer && r.lo < a.offset + a.size && a.offset < r.hi;
    });
  };
  bool need = false;
  for (const Arg& a : args) need = need || overlaps(written_, a) || (a.write && overlaps(read_, a));
  if (need) {
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                       VK_ACCESS_TRANSFER_WRITE_BIT;
    vkCmdPipelineBarrier(cmd_, kWork, kWork, 0, 1, &mb, 0, nullptr, 0, nullptr);
    written_.clear();
    read_.clear();
  }
  for (const Arg& a : args) (a.write ? written_ : read_).push_back({a.buffer, a.offset, a.offset + a.size});
}

VkDescriptorSet Recorder::descriptor_set() {
  if (sets_left_ == 0) {
    if (pool_in_use_ == descriptor_pools_.size()) {
      VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSetsPerPool * kBindings};
      VkDescriptorPoolCreateInfo ci{};
      ci.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
      ci.maxSets = kSetsPerPool;
      ci.poolSizeCount = 1;
      ci.pPoolSizes = &size;
      VkDescriptorPool p;
      check(vkCreateDescriptorPool(ctx_.device, &ci, nullptr, &p), "descriptor pool creation");
      descriptor_pools_.push_back(p);
    }
    ++pool_in_use_;
    sets_left_ = kSetsPerPool;
  }
  VkDescriptorSetLayout layout = pipelines_.set_layout();
  VkDescriptorSetAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
  ai.descriptorPool = descriptor_pools_[pool_in_use_ - 1];
  ai.descriptorSetCount = 1;
  ai.pSetLayouts = &layout;
  VkDescriptorSet set;
  check(vkAllocateDescriptorSets(ctx_.device, &ai, &set), "descriptor set allocation");
  --sets_left_;
  return set;
}

void Recorder::dispatch(const Pipeline& p, std::span<const Arg> args, std::span<uint32_t> push, uint32_t gx,
                        uint32_t gy, uint32_t gz) {
  std::lock_guard lock(mutex_);
  GB_CHECK(!args.empty() && args.size() <= kBindings && push.size() >= kBindings && push.size_bytes() <= kPushBytes,
           "Vulkan dispatch: bad argument count");
  if (gx == 0 || gy == 0 || gz == 0) return;
  begin();
  hazard_check(args);
  const VkDeviceSize align = std::max<VkDeviceSize>(4, ctx_.props.limits.minStorageBufferOffsetAlignment);
  VkDescriptorBufferInfo infos[kBindings];
  VkWriteDescriptorSet writes[kBindings];
  VkDescriptorSet set = descriptor_set();
  for (uint32_t i = 0; i < kBindings; ++i) {
    // Unused bindings repeat the first argument: every binding of the layout is valid.
    const Arg& a = i < args.size() ? args[i] : args[0];
    const VkDeviceSize base = a.offset / align * align;
    infos[i] = {a.buffer, base, std::max<VkDeviceSize>(a.offset + a.size - base, 4)};
    GB_CHECK(infos[i].range <= ctx_.props.limits.maxStorageBufferRange,
             "Vulkan dispatch: a binding of " + std::to_string(infos[i].range >> 20) + " MiB is larger than the " +
                 std::to_string(ctx_.props.limits.maxStorageBufferRange >> 20) + " MiB this device allows");
    push[i] = uint32_t((a.offset - base) / 4);
    writes[i] = {};
    writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[i].dstSet = set;
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &infos[i];
  }
  vkUpdateDescriptorSets(ctx_.device, kBindings, writes, 0, nullptr);
  vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.pipeline);
  vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, pipelines_.layout(), 0, 1, &set, 0, nullptr);
  vkCmdPushConstants(cmd_, pipelines_.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, uint32_t(push.size_bytes()),
                     push.data());
  if (queries_) {
    const uint32_t q = 2 * uint32_t(timed_.size());
    vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries_, q);
    vkCmdDispatch(cmd_, gx, gy, gz);
    vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_, q + 1);
    timed_.push_back(&p.label);
  } else {
    vkCmdDispatch(cmd_, gx, gy, gz);
  }
  ++total_dispatches_;
  if (++batch_size_ >= kMaxBatch) flush();
}

void Recorder::fill(const Arg& dst, uint32_t word) {
  std::lock_guard lock(mutex_);
  if (dst.size == 0) return;
  begin();
  const Arg args[] = {dst};
  hazard_check(args);
  vkCmdFillBuffer(cmd_, dst.buffer, dst.offset, dst.size, word);
  ++batch_size_;
}

void Recorder::copy(const Arg& src, const Arg& dst) {
  std::lock_guard lock(mutex_);
  if (src.size == 0) return;
  begin();
  const Arg args[] = {src, dst};
  hazard_check(args);
  VkBufferCopy region{src.offset, dst.offset, src.size};
  vkCmdCopyBuffer(cmd_, src.buffer, dst.buffer, 1, &region);
  ++batch_size_;
}

Arg Recorder::stage(const void* data, size_t bytes) {
  std::lock_guard lock(mutex_);
  begin();  // the staged bytes belong to this batch
  Allocation a = host_pool_.allocate(bytes);
  if (bytes) std::memcpy(a.mapped, data, bytes);
  release(host_pool_, a);  // only once the batch that reads it has completed
  return {a.buffer, a.offset, bytes, false};
}

void Recorder::upload(const Arg& dst, const void* data) {
  std::lock_guard lock(mutex_);
  Arg src = stage(data, dst.size);
  Arg d = dst;
  d.write = true;
  copy(src, d);
}

void Recorder::download(const Arg& src, void* dst) {
  std::lock_guard lock(mutex_);
  if (src.size == 0) return;
  Allocation a = host_pool_.allocate(src.size);
  try {
    copy(src, {a.buffer, a.offset, src.size, true});
    // The transfer's writes must be made visible to the host before the fence says done.
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &mb, 0, nullptr, 0,
                         nullptr);
    flush();
    std::memcpy(dst, a.mapped, src.size);
  } catch (...) {
    host_pool_.release(a);
    throw;
  }
  host_pool_.release(a);
}

void Recorder::flush() {
  std::lock_guard lock(mutex_);
  check_alive();
  if (recording_) {
    recording_ = false;
    check(vkEndCommandBuffer(cmd_), "command buffer end");
    VkSubmitInfo si{};
    si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd_;
    ++submits_;
    if (submits_ == failure_plan().lost_at_submit) check(VK_ERROR_DEVICE_LOST, "queue submit (simulated)");
    const auto t0 = std::chrono::steady_clock::now();
    check(vkQueueSubmit(ctx_.queue, 1, &si, fence_), "queue submit");
    check(vkWaitForFences(ctx_.device, 1, &fence_, VK_TRUE, UINT64_MAX), "fence wait");
    if (queries_) {
      wait_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::vector<uint64_t> ticks(2 * timed_.size());
      if (!timed_.empty() &&
          vkGetQueryPoolResults(ctx_.device, queries_, 0, uint32_t(ticks.size()), ticks.size() * 8, ticks.data(), 8,
                                VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT) == VK_SUCCESS)
        for (size_t i = 0; i < timed_.size(); ++i) {
          Timed& t = profile_[*timed_[i]];
          t.ms += double(ticks[2 * i + 1] - ticks[2 * i]) * ctx_.props.limits.timestampPeriod * 1e-6;
          ++t.count;
        }
    }
    check(vkResetFences(ctx_.device, 1, &fence_), "fence reset");
    check(vkResetCommandBuffer(cmd_, 0), "command buffer reset");
  }
  for (size_t i = 0; i < pool_in_use_; ++i) vkResetDescriptorPool(ctx_.device, descriptor_pools_[i], 0);
  pool_in_use_ = 0;
  sets_left_ = 0;
  batch_size_ = 0;
  timed_.clear();
  written_.clear();
  read_.clear();
  for (auto& [pool, a] : deferred_) pool->release(a);
  deferred_.clear();
  pipelines_.save_cache();  // only writes when a new pipeline was made since the last save
}

std::string Recorder::profile_report() {
  std::lock_guard lock(mutex_);
  if (!queries_) return {};
  std::vector<std::pair<std::string, Timed>> rows(profile_.begin(), profile_.end());
  std::sort(rows.begin(), rows.end(), [](auto& x, auto& y) { return x.second.ms > y.second.ms; });
  double total = 0;
  for (auto& [label, t] : rows) total += t.ms;
  char line[160];
  std::snprintf(line, sizeof line, "%-34s %10s %8s %9s\n", "shader (constants)", "device ms", "calls", "us/call");
  std::string out = line;
  for (auto& [label, t] : rows) {
    std::snprintf(line, sizeof line, "%-34s %10.1f %8lld %9.1f\n", label.c_str(), t.ms, (long long)t.count,
                  1000.0 * t.ms / double(std::max<int64_t>(t.count, 1)));
    out += line;
  }
  std::snprintf(line, sizeof line, "dispatches %.1f ms on the device; the host waited %.1f ms in %lld submits\n",
                total, wait_ms_, (long long)submits_);
  return out + line;
}

void Recorder::release(Pool& pool, const Allocation& a) {
  std::lock_guard lock(mutex_);
  if (recording_) deferred_.emplace_back(&pool, a);
  else pool.release(a);
}

}  // namespace gb::vk
