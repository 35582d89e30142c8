#pragma once
// The model the lessons look at, and the questions the views ask it. The one file of the
// app that talks to the model (a gb::LanguageModel: GPT-2 or a Llama-family model):
// everything else sees token ids in, plain numbers out.
// Runs on the worker thread only (EngineDataSource owns it there).
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace gb {
class LanguageModel;
class Tokenizer;
}  // namespace gb

namespace glassbox { namespace app {

// What the status bar says about the model. Plain values, copied to the UI thread.
struct ModelInfo {
  std::string name;         // the directory's name, or "random model"
  std::string path;         // the directory; empty for the random model
  bool random = false;      // weights are seeded random numbers (untrained)
  std::string device;       // "CPU" or the Vulkan device's name
  std::string device_note;  // why the CPU runs although Vulkan was asked for; else empty
  std::int64_t parameters = 0;
  std::int64_t weight_bytes = 0;  // the weights as held in memory (f32)
  int layers = 0, heads = 0, context = 0, width = 0;
  std::int64_t vocab = 0;
  std::string tokenizer;    // the tokenizer's name
};

class EngineModel {
 public:
  ~EngineModel();
  // Loads a Hugging Face style model directory (config.json, model.safetensors and
  // tokenizer.json, or GPT-2's tokenizer when the vocabulary is GPT-2's). Throws gb::Error
  // with one line naming the file and the problem. `device` is where it should run; when
  // that cannot be used the model stays on the CPU and info().device_note says why.
  static std::unique_ptr<EngineModel> load(const std::filesystem::path& dir, gb::Device device);
  // An untrained GPT (4 layers × 4 heads, 256 wide, context 1,024, GPT-2's tokenizer) with
  // weights drawn from `seed`: what the lessons run on until a trained model is there.
  static std::unique_ptr<EngineModel> random(gb::Device device, std::uint64_t seed = 1234);

  const ModelInfo& info() const { return info_; }
  const gb::Tokenizer& tokenizer() const { return *tokenizer_; }
  const gb::LanguageModel& model() const { return *model_; }

  // Attention weights of every head of `layer` for ids (T ≤ context): (heads, T, T), rows
  // sum to 1, causal. Never runs the output head; a GPT-2 model runs only the blocks up to
  // that layer.
  std::vector<float> attention(std::span<const std::int32_t> ids, int layer) const;
  // Probabilities of the next token after ids (the last `context` of them): (vocab).
  std::vector<float> nextTokenProbs(std::span<const std::int32_t> ids) const;
  // Rows of the token embedding table (ids.size(), width) and of the position table (n, width);
  // a model without a position table (RoPE) gives an empty vector for the latter.
  std::vector<float> tokenEmbeddings(std::span<const std::int32_t> ids) const;
  std::vector<float> positionEmbeddings(int n) const;

 private:
  EngineModel() = default;
  void place(gb::Device device);
  void describe();

  // A weight by its Hugging Face name (any of `names`), or nullptr.
  const gb::Tensor* weight(std::initializer_list<const char*> names) const;

  std::unique_ptr<gb::LanguageModel> model_;
  std::unique_ptr<gb::Tokenizer> tokenizer_;
  ModelInfo info_;
};

}}  // namespace glassbox::app
