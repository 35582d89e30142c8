#pragma once
// LoRA (Hu et al. 2021): a frozen weight W0 is used as W0 + (alpha / r) · ΔW with ΔW = B·A
// of rank r, and only A (r, in) and B (out, r) train. B starts at zero, so a fresh adapter
// changes nothing. Nothing in the models knows about it: before each forward, apply() puts
// W0 + s·B·A into the model's slot for each target weight (LanguageModel::find_parameter),
// and the tape carries the gradient of that sum back to A and B only.
//
// Tensors follow PEFT's layout and names so that an adapter saved here loads in PEFT:
//   base_model.model.<module>.lora_A.weight  (r, in)
//   base_model.model.<module>.lora_B.weight  (out, r)
// A GPT-2 weight is stored (in, out) (HF's Conv1D, PEFT's fan_in_fan_out = true), so its
// ΔW is (B·A)ᵀ; a Llama weight is (out, in) and ΔW = B·A.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/nn/language_model.h"

namespace gb {

struct LoraConfig {
  int64_t rank = 8;
  float alpha = 16.0f;
  // Module names (the part of a weight's name before ".weight"), matched as PEFT does: the
  // whole module path or its last components. Empty: every attention and feed-forward linear.
  std::vector<std::string> targets;
  float scaling() const { return alpha / static_cast<float>(rank); }
  void validate() const;  // throws gb::UsageError naming the bad value
};

// The default targets for a model family: GPT-2 c_attn, c_proj, c_fc; Llama q/k/v/o_proj,
// gate/up/down_proj.
std::vector<std::string> default_lora_targets(const ModelConfig& config);

// W0 (in, out) [fan_in_fan_out] or (out, in), A (r, in), B (out, r) →
// W0 + s · ΔW of W0's shape. Differentiable in A and B (W0 is treated as a constant).
Var lora_weight(const Context& ctx, const Var& w0, const Var& a, const Var& b, float scaling, bool fan_in_fan_out);

class LoraAdapter {
 public:
  // Finds the target weights (throws gb::Error if a target matches none), makes A ~ U(±1/√in)
  // and B = 0 from seed. Does not touch the model until apply() or merge().
  LoraAdapter(LanguageModel& model, LoraConfig config, uint64_t seed = 0);

  const LoraConfig& config() const { return config_; }
  // Puts W0 + s·B·A into every target slot, recorded on ctx's tape. Call before each
  // forward while training (A and B change every step); once for inference.
  void apply(const Context& ctx);
  // Puts W0 back in every slot.
  void restore();
  // W0 += s·ΔW in place (then the model needs no adapter); unmerge subtracts it again.
  void merge();
  void unmerge();
  bool merged() const { return merged_; }

  // A and B with their PEFT names (base_model.model.…lora_A.weight), for the optimizer.
  NamedParameters parameters() const;
  int64_t trainable_count() const;
  std::vector<std::string> target_names() const;  // the weights adapted (model names)

  // adapter_config.json + adapter_model.safetensors (f32), atomically; base names the base
  // model (base_model_name_or_path).
  void save(const std::filesystem::path& dir, const std::string& base) const;
  // Reads A and B saved by save() (or by PEFT) into this adapter; the config must agree.
  void load(const std::filesystem::path& dir);
  // The config stored in a saved adapter.
  static LoraConfig read_config(const std::filesystem::path& dir);

 private:
  struct Target {
    std::string name;    // model name, e.g. "h.0.attn.c_attn.weight"
    std::string module;  // PEFT module path, e.g. "transformer.h.0.attn.c_attn"
    Var* slot;           // the model's slot
    Var w0;              // the frozen weight
    Var a, b;            // (r, in), (out, r)
  };
  LanguageModel& model_;
  LoraConfig config_;
  bool fan_in_fan_out_;
  bool merged_ = false;
  std::vector<Target> targets_;
};

// Freezing: every parameter of the model stops (or starts) needing a gradient. A frozen
// parameter records nothing on the tape, so backward stops below the lowest trainable one.
void set_all_trainable(LanguageModel& model, bool trainable);
// Trainable only the parameters whose names satisfy a predicate; returns how many values train.
int64_t set_trainable_where(LanguageModel& model, const std::function<bool(const std::string&)>& trainable);

}  // namespace gb
