#include "app/cli/cli_common.h"

#include <cstdio>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb::cli {

namespace fs = std::filesystem;

ModelKind model_kind(const std::string& spec) {
  if (is_preset(spec)) return ModelKind::Preset;
  std::error_code ec;
  if (fs::is_directory(spec, ec)) return ModelKind::Directory;
  if (fs::is_regular_file(spec, ec) && fs::path(spec).extension() == ".json") return ModelKind::ConfigFile;
  std::string known;
  for (const auto& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
  throw UsageError("--model '" + spec + "' is neither a preset (" + known + "), a config.json nor a model directory");
}

std::unique_ptr<LanguageModel> new_model(const std::string& spec, int64_t vocab_size, uint64_t seed) {
  ModelConfig c = model_kind(spec) == ModelKind::Preset ? preset(spec) : ModelConfig::load(spec);
  if (vocab_size > 0) c.vocab_size = vocab_size;
  return create_model(c, seed);
}

std::unique_ptr<Tokenizer> tokenizer_for(const Args& args, const std::string& model_spec) {
  if (args.has("tokenizer")) return load_tokenizer(args.str("tokenizer"));
  std::error_code ec;
  if (!model_spec.empty() && fs::exists(fs::path(model_spec) / "tokenizer.json", ec))
    return load_tokenizer((fs::path(model_spec) / "tokenizer.json").string());
  return load_tokenizer("gpt2");
}

namespace {
// Returns the offset of the first byte that is not part of valid UTF-8, or npos.
size_t first_invalid_utf8(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) return i;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string::npos;
}
}  // namespace

std::string read_text_file(const fs::path& path) {
  std::string text = read_file(path);
  if (text.empty()) throw Error(path.string() + ": the file is empty");
  if (const size_t bad = first_invalid_utf8(text); bad != std::string::npos)
    throw Error(path.string() + ": not UTF-8 text (invalid byte at offset " + std::to_string(bad) + ")");
  return text;
}

Device choose_device(const Args& args) {
  const std::string d = args.str("device", "cpu");
  if (d == "cpu") return Device::CPU;
  if (d == "vulkan") {
    std::string why;
    if (backend_available(Device::Vulkan, &why)) {
      // A device that fails later (lost, out of memory) says so once, and the work goes on.
      set_device_fallback_listener([](const std::string& reason) {
        std::fprintf(stderr, "glassbox-cli: %s; continuing on the CPU\n", reason.c_str());
      });
      return Device::Vulkan;
    }
    std::fprintf(stderr, "glassbox-cli: %s; running on the CPU\n", why.c_str());
    return Device::CPU;
  }
  throw UsageError("--device must be cpu or vulkan, not '" + d + "'");
}

Device move_model(LanguageModel& model, Device device) {
  if (device == Device::CPU) return device;
  try {
    model.to(device);
    return device;
  } catch (const Error& e) {
    model.to(Device::CPU);  // weights that had moved come back
    std::fprintf(stderr, "glassbox-cli: %s; running on the CPU\n", e.what());
    return Device::CPU;
  }
}

DType weights_option(const Args& args) {
  const std::string weights = args.str("weights", "f32");
  if (weights == "f32") return DType::F32;
  if (weights == "f16") return DType::F16;
  if (weights == "bf16") return DType::BF16;
  throw UsageError("--weights must be f32, f16 or bf16, not '" + weights + "'");
}

std::string apply_weights_option(const Args& args, LanguageModel& model, Device ran_on) {
  const DType dtype = weights_option(args);
  if (dtype == DType::F32) return "f32";
  if (ran_on != Device::CPU)
    throw UsageError("--weights " + args.str("weights") + " is for the CPU (the model runs on " + device_name(ran_on) + ")");
  // Generating with the cache reads only the 16-bit copies, so the f32 weights are freed;
  // --no-cache recomputes through forward(), which reads the f32 ones.
  model.set_inference_weights(dtype, /*generation_only=*/!args.flag("no-cache"));
  return args.str("weights");
}

}  // namespace gb::cli
