// Starting Vulkan: instance, device choice (discrete > integrated > virtual > CPU driver such
// as lavapipe, or GLASSBOX_VULKAN_DEVICE=N), logical device, one compute queue.
// Every failure becomes a one-line reason that the CLI prints before running on the CPU.
#include "engine/backend/vulkan/vk_context.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/backend/vulkan/vk_api.h"
#include "engine/core/error.h"

namespace gb::vk {

namespace {

const char* result_name(VkResult r) {
  switch (r) {
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "out of host memory";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "out of device memory";
    case VK_ERROR_INITIALIZATION_FAILED: return "initialization failed";
    case VK_ERROR_DEVICE_LOST: return "device lost";
    case VK_ERROR_LAYER_NOT_PRESENT: return "layer not present";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "extension not present";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "feature not present";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "no compatible Vulkan driver found";
    case VK_ERROR_TOO_MANY_OBJECTS: return "too many objects";
    case VK_TIMEOUT: return "timeout";
    default: return "error";
  }
}

std::atomic<bool> g_lost{false};  // set by the first VK_ERROR_DEVICE_LOST
bool g_validation = false;
std::atomic<int64_t> g_messages{0};
constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool layer_installed(const char* name) {
  uint32_t n = 0;
  if (vkEnumerateInstanceLayerProperties(&n, nullptr) != VK_SUCCESS) return false;
  std::vector<VkLayerProperties> layers(n);
  if (vkEnumerateInstanceLayerProperties(&n, layers.data()) != VK_SUCCESS) return false;
  for (const auto& l : layers)
    if (std::strcmp(l.layerName, name) == 0) return true;
  return false;
}

VKAPI_ATTR VkBool32 VKAPI_CALL on_validation_message(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                                     VkDebugUtilsMessageTypeFlagsEXT,
                                                     const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
  ++g_messages;
  std::fprintf(stderr, "glassbox vulkan validation: %s\n", data && data->pMessage ? data->pMessage : "?");
  return VK_FALSE;
}

// validate: turn on the Khronos layer with synchronization validation, reporting warnings
// and errors through on_validation_message.
VkInstance make_instance(bool validate = false) {
  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "Glassbox";
  app.apiVersion = VK_API_VERSION_1_1;
  VkInstanceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  info.pApplicationInfo = &app;
  const char* layers[] = {kValidationLayer};
  const char* extensions[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
  VkValidationFeatureEnableEXT enables[] = {VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
  VkValidationFeaturesEXT features{};
  features.sType = VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT;
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = enables;
  if (validate) {
    info.enabledLayerCount = 1;
    info.ppEnabledLayerNames = layers;
    info.enabledExtensionCount = 1;
    info.ppEnabledExtensionNames = extensions;
    info.pNext = &features;
  }
  VkInstance instance = VK_NULL_HANDLE;
  const VkResult r = vkCreateInstance(&info, nullptr, &instance);
  if (r == VK_ERROR_INCOMPATIBLE_DRIVER) throw Error("no Vulkan driver found");
  check(r, "instance creation");
  if (validate) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
    VkDebugUtilsMessengerCreateInfoEXT mi{};
    mi.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    mi.messageSeverity =
        VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
    mi.pfnUserCallback = on_validation_message;
    VkDebugUtilsMessengerEXT messenger;  // lives as long as the instance (the process)
    if (create && create(instance, &mi, nullptr, &messenger) == VK_SUCCESS) g_validation = true;
  }
  return instance;
}

std::vector<VkPhysicalDevice> physical_devices(VkInstance instance) {
  uint32_t n = 0;
  check(vkEnumeratePhysicalDevices(instance, &n, nullptr), "device enumeration");
  std::vector<VkPhysicalDevice> out(n);
  check(vkEnumeratePhysicalDevices(instance, &n, out.data()), "device enumeration");
  out.resize(n);
  return out;
}

std::optional<uint32_t> compute_family(VkPhysicalDevice d) {
  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(d, &n, nullptr);
  std::vector<VkQueueFamilyProperties> fams(n);
  vkGetPhysicalDeviceQueueFamilyProperties(d, &n, fams.data());
  for (uint32_t i = 0; i < n; ++i)
    if (fams[i].queueFlags & VK_QUEUE_COMPUTE_BIT) return i;
  return std::nullopt;
}

int preference(VkPhysicalDeviceType t) {
  switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
  }
}

// The device to use: GLASSBOX_VULKAN_DEVICE=N when set, else the most preferred type that
// has a compute queue (ties keep the loader's order).
size_t choose(const std::vector<VkPhysicalDevice>& devices) {
  if (const char* env = std::getenv("GLASSBOX_VULKAN_DEVICE"); env && *env) {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    GB_CHECK(*end == '\0' && n >= 0 && size_t(n) < devices.size(),
             std::string("GLASSBOX_VULKAN_DEVICE=") + env + " is not one of the " + std::to_string(devices.size()) +
                 " Vulkan devices");
    GB_CHECK(compute_family(devices[n]), "Vulkan device " + std::to_string(n) + " has no compute queue");
    return size_t(n);
  }
  int best = -1;
  size_t pick = 0;
  for (size_t i = 0; i < devices.size(); ++i) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(devices[i], &p);
    if (!compute_family(devices[i])) continue;
    if (preference(p.deviceType) > best) best = preference(p.deviceType), pick = i;
  }
  GB_CHECK(best >= 0, "no Vulkan device has a compute queue");
  return pick;
}

Context start() {
  Context c;
  const char* validate = std::getenv("GLASSBOX_VULKAN_VALIDATE");
  c.instance = make_instance(validate && *validate && *validate != '0' && layer_installed(kValidationLayer));
  try {
    const auto devices = physical_devices(c.instance);
    GB_CHECK(!devices.empty(), "no Vulkan device found");
    c.physical = devices[choose(devices)];
    vkGetPhysicalDeviceProperties(c.physical, &c.props);
    vkGetPhysicalDeviceMemoryProperties(c.physical, &c.memory);
    c.name = c.props.deviceName;
    c.type = type_name(c.props.deviceType);
    c.queue_family = *compute_family(c.physical);
    c.binding_limit = c.props.limits.maxStorageBufferRange;
    if (const char* env = std::getenv("GLASSBOX_VULKAN_MAX_BINDING"); env && *env)
      c.binding_limit = std::clamp<uint64_t>(std::strtoull(env, nullptr, 10), 4096, c.binding_limit);
    c.matvec_lanes = c.props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU ? 1 : 16;
    c.matvec_vec4 = c.props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU && !std::getenv("GLASSBOX_VULKAN_NO_VEC4");
    if (c.props.apiVersion >= VK_API_VERSION_1_1) {
      VkPhysicalDeviceSubgroupProperties sub{};
      sub.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES;
      VkPhysicalDeviceProperties2 p2{};
      p2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
      p2.pNext = &sub;
      vkGetPhysicalDeviceProperties2(c.physical, &p2);
      c.subgroup_size = std::max(1u, sub.subgroupSize);
      c.subgroup_arithmetic = (sub.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                              (sub.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT) &&
                              std::getenv("GLASSBOX_VULKAN_NO_SUBGROUPS") == nullptr;
    }
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo q{};
    q.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    q.queueFamilyIndex = c.queue_family;
    q.queueCount = 1;
    q.pQueuePriorities = &priority;
    VkDeviceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &q;
    check(vkCreateDevice(c.physical, &info, nullptr, &c.device), "device creation");
    vkGetDeviceQueue(c.device, c.queue_family, 0, &c.queue);
  } catch (...) {
    vkDestroyInstance(c.instance, nullptr);
    throw;
  }
  return c;
}

struct Started {
  std::once_flag once;
  Context* context = nullptr;  // never destroyed: tensors may outlive static destructors
  std::string why_not;
};

Started& started() {
  static Started s;
  std::call_once(s.once, [] {
    try {
      s.context = new Context(start());
    } catch (const std::exception& e) {
      s.why_not = e.what();
    }
  });
  return s;
}

}  // namespace

bool validation_enabled() { return g_validation; }
int64_t validation_messages() { return g_messages.load(); }

const char* type_name(VkPhysicalDeviceType t) {
  switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
    default: return "other";
  }
}

void check(VkResult r, const char* what) {
  if (r == VK_SUCCESS) return;
  const std::string msg = std::string("Vulkan ") + what + " failed: " + result_name(r);
  if (r == VK_ERROR_DEVICE_LOST) g_lost = true;
  if (r == VK_ERROR_DEVICE_LOST || r == VK_ERROR_OUT_OF_DEVICE_MEMORY) throw DeviceError(msg);
  throw Error(msg);
}

void check_alive() {
  if (g_lost) throw DeviceError("the Vulkan device was lost; restart to use it again");
}

FailurePlan failure_plan() {
  static const FailurePlan plan = [] {
    FailurePlan p;
    const char* env = std::getenv("GLASSBOX_VULKAN_FAIL");
    if (!env || !*env) return p;
    const std::string s = env;
    const size_t colon = s.find(':');
    const std::string kind = s.substr(0, colon);
    const long long n = colon == std::string::npos ? 0 : std::atoll(s.c_str() + colon + 1);
    if (n > 0 && kind == "lost") p.lost_at_submit = n;
    if (n > 0 && kind == "oom") p.oom_at_allocation = n;
    if (p.lost_at_submit == 0 && p.oom_at_allocation == 0)
      std::fprintf(stderr, "glassbox: GLASSBOX_VULKAN_FAIL=%s is not lost:N or oom:N; ignored\n", env);
    return p;
  }();
  return plan;
}

Context& context() {
  Started& s = started();
  if (!s.context) throw Error("Vulkan is not available: " + s.why_not);
  check_alive();
  return *s.context;
}

}  // namespace gb::vk

namespace gb {

std::vector<VulkanDeviceInfo> vulkan_device_list() {
  std::vector<VulkanDeviceInfo> out;
  try {
    VkInstance instance = vk::make_instance();
    for (VkPhysicalDevice d : vk::physical_devices(instance)) {
      VkPhysicalDeviceProperties p;
      vkGetPhysicalDeviceProperties(d, &p);
      out.push_back({p.deviceName, vk::type_name(p.deviceType)});
    }
    vkDestroyInstance(instance, nullptr);
  } catch (const std::exception&) {
    // No loader, no driver: no Vulkan devices to list.
  }
  return out;
}

bool vulkan_available(std::string* why_not) {
  vk::Started& s = vk::started();
  if (s.context && !vk::g_lost) return true;
  if (why_not)
    *why_not = s.context ? "the Vulkan device was lost; restart to use it again" : "Vulkan is not available: " + s.why_not;
  return false;
}

}  // namespace gb
