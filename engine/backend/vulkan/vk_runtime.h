#pragma once
// The Vulkan runtime: the context and everything made on it (pipelines, memory pools, the
// recorder), started together on first use, and the Storage that tensors on the Vulkan
// device hold.
#include <utility>
#include <vector>

#include "engine/backend/vulkan/vk_commands.h"
#include "engine/backend/vulkan/vk_context.h"
#include "engine/backend/vulkan/vk_memory.h"
#include "engine/backend/vulkan/vk_pipelines.h"
#include "engine/core/tensor.h"

namespace gb::vk {

struct Runtime {
  explicit Runtime(Context& c);
  Context& ctx;
  Pipelines pipelines;
  Pool device_pool;  // tensors: device-local blocks
  Pool host_pool;    // staging: host-visible, coherent
  Recorder recorder;
};

// Throws gb::Error with the reason when Vulkan cannot be used.
Runtime& runtime();

// A tensor's values in a device buffer range.
class VkStorage final : public Storage {
 public:
  explicit VkStorage(size_t bytes);
  ~VkStorage() override;
  Device device() const override { return Device::Vulkan; }
  size_t bytes() const override { return bytes_; }
  float* host() override { return nullptr; }
  void write(size_t offset, const void* src, size_t bytes) override;
  void read(size_t offset, void* dst, size_t bytes) const override;
  void fill(size_t offset, size_t count, float value) override;
  void copy_device(const Storage& src, size_t src_offset, size_t dst_offset, size_t bytes) override;
  const Allocation& allocation() const { return alloc_; }

 private:
  Runtime& rt_;
  size_t bytes_;
  Allocation alloc_;
};

// The buffer range of a Vulkan tensor's values (checks that it is one).
Arg arg(const Tensor& t, bool write);
// count floats of a from its float `first` on.
Arg sub(const Arg& a, int64_t first, int64_t count);
// The most floats an op may bind in one range, whatever its start's alignment: tensors
// larger than this are bound in pieces (rows of the embedding table, blocks of a product).
int64_t binding_floats();
// Blocks of whole rows of a (rows, cols) tensor that each fit one binding: [begin, end)
// pairs in order (none for no rows).
std::vector<std::pair<int64_t, int64_t>> row_blocks(int64_t rows, int64_t cols);

}  // namespace gb::vk
