#include "engine/backend/vulkan/vk_runtime.h"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "engine/core/error.h"

namespace gb::vk {

namespace {
constexpr VkDeviceSize kDeviceBlock = VkDeviceSize(64) << 20;  // 64 MiB per device block
constexpr VkDeviceSize kHostBlock = VkDeviceSize(16) << 20;
}  // namespace

Runtime::Runtime(Context& c)
    : ctx(c),
      pipelines(c),
      device_pool(c, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, kDeviceBlock),
      host_pool(c, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, kHostBlock),
      recorder(c, pipelines, device_pool, host_pool) {}

Runtime& runtime() {
  // Never destroyed: tensors held in statics may be released after main returns. The
  // pipeline cache is saved as pipelines are made, not only at exit.
  static Runtime* rt = new Runtime(context());
  return *rt;
}

// A tensor may be larger than one binding can span (maxStorageBufferRange): the ops bind it
// in ranges (see binding_floats()).
VkStorage::VkStorage(size_t bytes) : rt_(runtime()), bytes_(bytes) { alloc_ = rt_.device_pool.allocate(bytes); }

// A freed device range can be reused at once, even by work recorded into the same batch: the
// recorder tracks accesses by buffer range, so a new use of the range after reads or writes
// recorded since the last barrier gets a barrier, and uses before that barrier are already
// ordered by it. (Staging memory is different: the host writes it at once, so it waits for
// the batch to finish; see Recorder::stage.)
VkStorage::~VkStorage() { rt_.device_pool.release(alloc_); }

void VkStorage::write(size_t offset, const void* src, size_t bytes) {
  GB_CHECK(offset + bytes <= bytes_, "Vulkan write past the end of a tensor");
  rt_.recorder.upload({alloc_.buffer, alloc_.offset + offset, bytes, true}, src);
}

void VkStorage::read(size_t offset, void* dst, size_t bytes) const {
  GB_CHECK(offset + bytes <= bytes_, "Vulkan read past the end of a tensor");
  rt_.recorder.download({alloc_.buffer, alloc_.offset + offset, bytes, false}, dst);
}

void VkStorage::fill(size_t offset, size_t count, float value) {
  uint32_t word;
  std::memcpy(&word, &value, 4);
  rt_.recorder.fill({alloc_.buffer, alloc_.offset + offset, count * 4, true}, word);
}

void VkStorage::copy_device(const Storage& src, size_t src_offset, size_t dst_offset, size_t bytes) {
  const auto& s = static_cast<const VkStorage&>(src).allocation();
  rt_.recorder.copy({s.buffer, s.offset + src_offset, bytes, false}, {alloc_.buffer, alloc_.offset + dst_offset, bytes, true});
}

int64_t binding_floats() {
  const Context& c = runtime().ctx;
  const uint64_t align = std::max<uint64_t>(4, c.props.limits.minStorageBufferOffsetAlignment);
  return int64_t((c.binding_limit - align) / 4);
}

std::vector<std::pair<int64_t, int64_t>> row_blocks(int64_t rows, int64_t cols) {
  const int64_t per = std::max<int64_t>(1, binding_floats() / std::max<int64_t>(cols, 1));
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int64_t r = 0; r < rows; r += per) out.emplace_back(r, std::min(rows, r + per));
  return out;
}

Arg sub(const Arg& a, int64_t first, int64_t count) {
  return {a.buffer, a.offset + VkDeviceSize(first) * 4, VkDeviceSize(std::max<int64_t>(count, 1)) * 4, a.write};
}

Arg arg(const Tensor& t, bool write) {
  GB_CHECK(t.defined() && t.device() == Device::Vulkan, "Vulkan op given a tensor that is not on the Vulkan device");
  const auto& a = static_cast<const VkStorage*>(t.storage())->allocation();
  return {a.buffer, a.offset + VkDeviceSize(t.offset()) * 4, VkDeviceSize(std::max<int64_t>(t.numel(), 1)) * 4, write};
}

}  // namespace gb::vk
