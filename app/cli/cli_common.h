#pragma once
// What several glassbox-cli commands share: finding the model and the tokenizer a command
// was given, reading a text file, choosing the device.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/args.h"
#include "engine/nn/language_model.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb::cli {

// --model is a preset name, a config.json, or a model directory.
enum class ModelKind { Preset, ConfigFile, Directory };
ModelKind model_kind(const std::string& spec);

// A fresh model from a preset or config.json, with the vocabulary resized to vocab_size
// when that is positive. Loading a directory is load_model().
std::unique_ptr<LanguageModel> new_model(const std::string& spec, int64_t vocab_size, uint64_t seed);

// The tokenizer: --tokenizer if given, else the model directory's, else gpt2.
std::unique_ptr<Tokenizer> tokenizer_for(const Args& args, const std::string& model_spec);

// A whole file, checked to be non-empty UTF-8 text (errors name the file and the byte).
std::string read_text_file(const std::filesystem::path& path);

// Checks --device; "vulkan" falls back to the CPU with a one-line reason on stderr when
// there is no usable Vulkan device (or no Vulkan in this build). Returns the device that
// will run.
Device choose_device(const Args& args);

// Moves the model to the device; when the device cannot hold it (out of device memory, a
// tensor larger than the device's buffers), says why in one line on stderr and keeps the
// model on the CPU. Returns the device the model is on.
Device move_model(LanguageModel& model, Device device);

// --weights f32|bf16|f16: the precision generation reads the weight matrices in (16-bit
// halves the bytes streamed per token; CPU only). Applies it to a model already on `ran_on`
// and returns the name. With 16 bits and the KV cache the model becomes generation-only
// (its f32 weights are freed).
std::string apply_weights_option(const Args& args, LanguageModel& model, Device ran_on);
// --weights as a dtype (F32 when not given); a bad value is a UsageError.
DType weights_option(const Args& args);

}  // namespace gb::cli
