#include "engine/backend/vulkan/vk_pipelines.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb::vk {

namespace {

// glslc -mfmt=c writes each shader as a braced list of 32-bit words.
const uint32_t kElementwise[] =
#include "shaders/elementwise.spv.h"
    ;
const uint32_t kMatmul[] =
#include "shaders/matmul.spv.h"
    ;
const uint32_t kMatvec[] =
#include "shaders/matvec.spv.h"
    ;
const uint32_t kMatvecSubgroup[] =
#include "shaders/matvec_subgroup.spv.h"
    ;
const uint32_t kLayerNorm[] =
#include "shaders/layernorm.spv.h"
    ;
const uint32_t kLoss[] =
#include "shaders/loss.spv.h"
    ;
const uint32_t kEmbedding[] =
#include "shaders/embedding.spv.h"
    ;
const uint32_t kAttention[] =
#include "shaders/attention.spv.h"
    ;
const uint32_t kAttentionBackward[] =
#include "shaders/attention_backward.spv.h"
    ;
const uint32_t kReduce[] =
#include "shaders/reduce.spv.h"
    ;
const uint32_t kRope[] =
#include "shaders/rope.spv.h"
    ;
const uint32_t kRouter[] =
#include "shaders/router.spv.h"
    ;

const char* name_of(Shader s) {
  switch (s) {
    case Shader::Elementwise: return "elementwise";
    case Shader::Matmul: return "matmul";
    case Shader::Matvec: return "matvec";
    case Shader::MatvecSubgroup: return "matvec_subgroup";
    case Shader::LayerNorm: return "layernorm";
    case Shader::Loss: return "loss";
    case Shader::Embedding: return "embedding";
    case Shader::Attention: return "attention";
    case Shader::AttentionBackward: return "attention_backward";
    case Shader::Reduce: return "reduce";
    case Shader::Rope: return "rope";
    case Shader::Router: return "router";
  }
  return "?";
}

std::span<const uint32_t> code_of(Shader s) {
  switch (s) {
    case Shader::Elementwise: return kElementwise;
    case Shader::Matmul: return kMatmul;
    case Shader::Matvec: return kMatvec;
    case Shader::MatvecSubgroup: return kMatvecSubgroup;
    case Shader::LayerNorm: return kLayerNorm;
    case Shader::Loss: return kLoss;
    case Shader::Embedding: return kEmbedding;
    case Shader::Attention: return kAttention;
    case Shader::AttentionBackward: return kAttentionBackward;
    case Shader::Reduce: return kReduce;
    case Shader::Rope: return kRope;
    case Shader::Router: return kRouter;
  }
  throw Error("unknown shader");
}

}  // namespace

ShaderBindings bindings_of(Shader s) {
  switch (s) {
    case Shader::Elementwise: return {5, 0b1110};      // a | b, z, w | e
    case Shader::Matmul: return {3, 0b100};            // a, b | c
    case Shader::Matvec: return {3, 0b100};
    case Shader::MatvecSubgroup: return {3, 0b100};
    case Shader::LayerNorm: return {6, 0b111000};      // three inputs | three outputs
    case Shader::Loss: return {4, 0b1100};             // logits, targets | lse, out
    case Shader::Embedding: return {3, 0b100};         // ids, src | dst
    case Shader::Attention: return {5, 0b11000};       // q, k, v | out, probs
    case Shader::AttentionBackward: return {6, 0b110000};  // k|q, v|ds, probs, dout | dq|dk, ds|dv
    case Shader::Reduce: return {2, 0b10};             // x | partials
    case Shader::Rope: return {3, 0b100};              // x, cos/sin table | out
    case Shader::Router: return {6, 0b110000};         // four inputs | two outputs
  }
  throw Error("unknown shader");
}

namespace {

std::filesystem::path cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "glassbox";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "glassbox";
  return {};
}

}  // namespace

Pipelines::Pipelines(Context& ctx) : ctx_(ctx) {
  VkDescriptorSetLayoutBinding bindings[kBindings];
  for (uint32_t i = 0; i < kBindings; ++i)
    bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
  VkDescriptorSetLayoutCreateInfo sl{};
  sl.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  sl.bindingCount = kBindings;
  sl.pBindings = bindings;
  check(vkCreateDescriptorSetLayout(ctx.device, &sl, nullptr, &set_layout_), "descriptor set layout creation");
  VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, kPushBytes};
  VkPipelineLayoutCreateInfo pl{};
  pl.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  pl.setLayoutCount = 1;
  pl.pSetLayouts = &set_layout_;
  pl.pushConstantRangeCount = 1;
  pl.pPushConstantRanges = &push;
  check(vkCreatePipelineLayout(ctx.device, &pl, nullptr, &layout_), "pipeline layout creation");

  // The cache file is per device and driver; the driver itself rejects a stale header.
  std::string blob;
  if (const auto dir = cache_dir(); !dir.empty()) {
    char name[96];
    std::snprintf(name, sizeof name, "vulkan-pipelines-%04x-%04x-%08x.bin", ctx.props.vendorID, ctx.props.deviceID,
                  ctx.props.driverVersion);
    cache_path_ = (dir / name).string();
    std::error_code ec;
    if (std::filesystem::exists(cache_path_, ec)) {
      try {
        blob = read_file(cache_path_);
      } catch (const std::exception&) {
        blob.clear();  // an unreadable cache only costs compile time
      }
    }
  }
  VkPipelineCacheCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
  ci.initialDataSize = blob.size();
  ci.pInitialData = blob.data();
  if (vkCreatePipelineCache(ctx.device, &ci, nullptr, &cache_) != VK_SUCCESS) {
    ci.initialDataSize = 0;
    check(vkCreatePipelineCache(ctx.device, &ci, nullptr, &cache_), "pipeline cache creation");
  }
}

Pipelines::~Pipelines() {
  save_cache();
  for (auto& [key, p] : pipelines_) vkDestroyPipeline(ctx_.device, p.pipeline, nullptr);
  for (auto& [s, m] : modules_) vkDestroyShaderModule(ctx_.device, m, nullptr);
  vkDestroyPipelineCache(ctx_.device, cache_, nullptr);
  vkDestroyPipelineLayout(ctx_.device, layout_, nullptr);
  vkDestroyDescriptorSetLayout(ctx_.device, set_layout_, nullptr);
}

void Pipelines::save_cache() {
  std::lock_guard lock(mutex_);
  if (!dirty_ || cache_path_.empty()) return;
  size_t size = 0;
  if (vkGetPipelineCacheData(ctx_.device, cache_, &size, nullptr) != VK_SUCCESS) return;
  std::string data(size, '\0');
  if (vkGetPipelineCacheData(ctx_.device, cache_, &size, data.data()) != VK_SUCCESS) return;
  data.resize(size);
  try {
    std::filesystem::create_directories(std::filesystem::path(cache_path_).parent_path());
    write_file_atomic(cache_path_, data);
    dirty_ = false;
  } catch (const std::exception&) {
    // A read-only home only costs compile time on the next start.
  }
}

const Pipeline& Pipelines::get(Shader shader, std::vector<uint32_t> spec, uint32_t local_x, uint32_t local_y) {
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(shader, spec);
  if (auto it = pipelines_.find(key); it != pipelines_.end()) return it->second;

  VkShaderModule& module = modules_[shader];
  if (!module) {
    const auto code = code_of(shader);
    VkShaderModuleCreateInfo mi{};
    mi.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    mi.codeSize = code.size_bytes();
    mi.pCode = code.data();
    check(vkCreateShaderModule(ctx_.device, &mi, nullptr, &module), "shader module creation");
  }
  std::vector<VkSpecializationMapEntry> entries(spec.size());
  for (uint32_t i = 0; i < spec.size(); ++i) entries[i] = {i, i * 4u, 4};
  VkSpecializationInfo si{uint32_t(entries.size()), entries.data(), spec.size() * 4, spec.data()};
  VkComputePipelineCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  ci.stage = {};
  ci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  ci.stage.module = module;
  ci.stage.pName = "main";
  ci.stage.pSpecializationInfo = spec.empty() ? nullptr : &si;
  ci.layout = layout_;
  Pipeline p;
  p.label = name_of(shader);
  for (size_t i = 0; i < spec.size(); ++i) {
    p.label.push_back(i ? ',' : ' ');
    p.label.append(std::to_string(spec[i]));
  }
  p.local_x = local_x;
  p.local_y = local_y;
  check(vkCreateComputePipelines(ctx_.device, cache_, 1, &ci, nullptr, &p.pipeline), "pipeline creation");
  dirty_ = true;
  return pipelines_.emplace(std::move(key), p).first->second;
}

}  // namespace gb::vk
