#pragma once
// Model directories in the Hugging Face layout:
//   config.json                 ModelConfig (HF GPT-2 field names)
//   model.safetensors           weights with HF GPT-2 names (or sharded, with an index)
//   tokenizer.json              optional: commands that take ids work without it
//   trainer_state.json          optional, beside a checkpoint: step, RNG, data position
//   trainer_state.safetensors   optional: the optimizer's moments
// Every file is written atomically. Built into glassbox_engine (it needs the models),
// although it lives with the other file formats.
#include <filesystem>
#include <memory>
#include <string>

#include "engine/io/dtype.h"
#include "engine/nn/language_model.h"
#include "engine/train/trainer.h"

namespace gb {

class Tokenizer;

// Reads config.json and the weights, and builds the model its model_type names (gpt2 →
// GPTModel). Accepts HF's spellings: names with or without the "transformer." prefix, an
// lm_head.weight that repeats a tied wte, and the attn.bias / attn.masked_bias buffers
// (ignored). Any other unknown, missing or misshapen tensor is a one-line gb::Error naming
// the file and the tensor. With generation_weights F16 or BF16 the model is loaded
// generation-only in that dtype (LanguageModel::load_weights): for the chat, never holding
// the f32 matrices.
std::unique_ptr<LanguageModel> load_model(const std::filesystem::path& dir, DType generation_weights = DType::F32);

// The dtype a model directory stores its weight matrices in (F32, F16 or BF16): that of the
// most elements among its 2-D tensors.
DType stored_matrix_dtype(const std::filesystem::path& dir);

// Writes config.json and model.safetensors (weights stored as `store`), and tokenizer.json
// when a tokenizer is given. Creates the directory if needed.
void save_model(const std::filesystem::path& dir, const LanguageModel& model, const Tokenizer* tokenizer = nullptr,
                DType store = DType::F32);

// The trainer state beside a saved model. The step is also written into the model file's
// metadata, so a resume notices a model and a state from different steps.
void save_trainer_state(const std::filesystem::path& dir, const TrainerState& state, const std::string& info_json);
bool has_trainer_state(const std::filesystem::path& dir);
TrainerState load_trainer_state(const std::filesystem::path& dir);

}  // namespace gb
