#pragma once
// Compute pipelines: one per (shader, specialization constants) variant, made on first use
// and kept. Every shader uses the same layout: kBindings storage buffers in set 0 and up to
// kPushBytes of push constants, so one descriptor set layout serves them all.
// The driver's compiled code is kept in a VkPipelineCache saved under
// $XDG_CACHE_HOME/glassbox (or ~/.cache/glassbox), so a second start does not recompile.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/backend/vulkan/vk_context.h"

namespace gb::vk {

constexpr uint32_t kBindings = 6;
constexpr uint32_t kPushBytes = 128;

// The embedded SPIR-V of each shader source in shaders/.
enum class Shader {
  Elementwise, Matmul, Matvec, MatvecSubgroup, LayerNorm, Loss, Embedding, Attention, AttentionBackward, Reduce,
  Rope, Router
};

// How a shader declares its bindings: how many, and which are not readonly (bit i set:
// binding i may be written by some variant). The recorder's barriers and validation layers
// see the declared access, so every binding is given a tracked argument and a writable
// binding counts as written, whatever the variant does.
struct ShaderBindings {
  uint32_t count;
  uint32_t writable;
};
ShaderBindings bindings_of(Shader shader);

struct Pipeline {
  VkPipeline pipeline = VK_NULL_HANDLE;
  uint32_t local_x = 1, local_y = 1;  // workgroup size, as the shader declares it
  std::string label;                   // "matvec_subgroup 1,64,8": the shader and its constants
};

class Pipelines {
 public:
  explicit Pipelines(Context& ctx);
  ~Pipelines();  // saves the cache
  Pipelines(const Pipelines&) = delete;
  Pipelines& operator=(const Pipelines&) = delete;

  // spec: specialization constants 0, 1, 2, ... in order. local: the workgroup size the
  // shader declares (recorded so the host can count workgroups).
  const Pipeline& get(Shader shader, std::vector<uint32_t> spec, uint32_t local_x, uint32_t local_y = 1);
  VkPipelineLayout layout() const { return layout_; }
  VkDescriptorSetLayout set_layout() const { return set_layout_; }
  void save_cache();

 private:
  Context& ctx_;
  VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  std::string cache_path_;
  std::map<std::pair<Shader, std::vector<uint32_t>>, Pipeline> pipelines_;
  std::map<Shader, VkShaderModule> modules_;
  std::mutex mutex_;
  bool dirty_ = false;
};

}  // namespace gb::vk
