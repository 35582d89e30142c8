#include "engine/finetune/lora.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/atomic_file.h"
#include "engine/io/safetensors.h"

namespace gb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// PEFT's rule: a target names a module by its full path or by its last components.
bool matches(const std::string& module, const std::string& target) {
  return module == target || ends_with(module, "." + target);
}

// ΔW into `out` (W0's shape): B·A, or (B·A)ᵀ = Aᵀ·Bᵀ when the weight is stored (in, out).
void lora_delta(Backend& be, const Tensor& a, const Tensor& b, bool fan_in_fan_out, Tensor& out) {
  if (fan_in_fan_out) be.matmul(a, true, b, true, out, 0.0f);  // (in, r)·(r, out)
  else be.matmul(b, false, a, false, out, 0.0f);                // (out, r)·(r, in)
}

}  // namespace

void LoraConfig::validate() const {
  if (rank < 1 || rank > 4096) throw UsageError("LoRA rank must be between 1 and 4096, not " + std::to_string(rank));
  if (!(alpha > 0.0f) || !std::isfinite(alpha)) throw UsageError("LoRA alpha must be a positive number");
  for (const std::string& t : targets)
    if (t.empty()) throw UsageError("LoRA target module names must not be empty");
}

std::vector<std::string> default_lora_targets(const ModelConfig& config) {
  if (config.model_type == "gpt2") return {"c_attn", "c_proj", "c_fc"};
  return {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
}

// Forward: out = W0 + s·ΔW. Backward, with G = dL/dout (W0's shape):
//   (out, in) weights:  dB += s·G·Aᵀ          dA += s·Bᵀ·G
//   (in, out) weights:  dB += s·Gᵀ·Aᵀ         dA += s·Bᵀ·Gᵀ      (ΔW is (B·A)ᵀ)
Var lora_weight(const Context& ctx, const Var& w0, const Var& a, const Var& b, float s, bool fan_in_fan_out) {
  const Tensor& W = w0.value();
  const int64_t r = a.value().dim(0);
  const int64_t rows = fan_in_fan_out ? W.dim(1) : W.dim(0), cols = fan_in_fan_out ? W.dim(0) : W.dim(1);
  GB_CHECK(W.ndim() == 2 && a.value().ndim() == 2 && b.value().ndim() == 2 && b.value().dim(1) == r &&
               b.value().dim(0) == rows && a.value().dim(1) == cols,
           "lora_weight: A " + a.value().str() + " and B " + b.value().str() + " do not fit W " + W.str());
  Backend& be = backend_for(W);
  const bool needs = ctx.tape && (a.requires_grad() || b.requires_grad() || w0.requires_grad());
  Var out(Tensor::empty(W.shape(), W.device()), needs);
  Tensor delta = Tensor::empty(W.shape(), W.device());
  lora_delta(be, a.value(), b.value(), fan_in_fan_out, delta);
  out.value().copy_from(W);
  be.axpy(out.value(), delta, s);
  if (needs)
    ctx.tape->record([w0, a, b, out, s, fan_in_fan_out] {
      Backend& be = backend_for(out.value());
      const Tensor& g = out.grad();
      if (w0.requires_grad()) be.axpy(w0.grad(), g, 1.0f);
      if (b.requires_grad()) {
        Tensor db = Tensor::empty(b.shape(), g.device());
        be.matmul(g, fan_in_fan_out, a.value(), true, db, 0.0f);
        be.axpy(b.grad(), db, s);
      }
      if (a.requires_grad()) {
        Tensor da = Tensor::empty(a.shape(), g.device());
        be.matmul(b.value(), true, g, fan_in_fan_out, da, 0.0f);
        be.axpy(a.grad(), da, s);
      }
    });
  return out;
}

LoraAdapter::LoraAdapter(LanguageModel& model, LoraConfig config, uint64_t seed)
    : model_(model), config_(std::move(config)), fan_in_fan_out_(model.config().model_type == "gpt2") {
  if (config_.targets.empty()) config_.targets = default_lora_targets(model.config());
  config_.validate();
  std::vector<bool> used(config_.targets.size(), false);
  Rng rng(seed);
  const Device device = model.device();
  for (const auto& [name, var] : model.named_parameters()) {
    if (!ends_with(name, ".weight") || var.value().ndim() != 2) continue;
    const std::string module = name.substr(0, name.size() - 7);
    bool hit = false;
    for (size_t t = 0; t < config_.targets.size(); ++t)
      if (matches(module, config_.targets[t])) hit = used[t] = true;
    if (!hit) continue;
    const Tensor& W = var.value();
    const int64_t in = fan_in_fan_out_ ? W.dim(0) : W.dim(1), out = fan_in_fan_out_ ? W.dim(1) : W.dim(0);
    // A as PEFT initialises it (Kaiming-uniform with a = √5, i.e. U(±1/√in)); B = 0.
    Tensor a = Tensor::empty({config_.rank, in});
    const float bound = 1.0f / std::sqrt(static_cast<float>(in));
    for (int64_t i = 0; i < a.numel(); ++i) a.data()[i] = (2.0f * rng.uniform() - 1.0f) * bound;
    Target t;
    t.name = name;
    t.module = (fan_in_fan_out_ && module.rfind("transformer.", 0) != 0 ? "transformer." : "") + module;
    t.slot = model.find_parameter(name);
    GB_CHECK(t.slot != nullptr, "LoRA: the model has no slot for " + name);
    t.w0 = Var(W, false);  // frozen: the same tensor, no gradient
    t.a = Var(a.to(device), true);
    t.b = Var(Tensor::zeros({out, config_.rank}, device), true);
    targets_.push_back(std::move(t));
  }
  for (size_t t = 0; t < config_.targets.size(); ++t)
    if (!used[t]) throw Error("LoRA: no weight of this model matches the target module '" + config_.targets[t] + "'");
}

void LoraAdapter::apply(const Context& ctx) {
  GB_CHECK(!merged_, "LoRA: the adapter is merged; unmerge it before applying it again");
  for (Target& t : targets_) *t.slot = lora_weight(ctx, t.w0, t.a, t.b, config_.scaling(), fan_in_fan_out_);
}

void LoraAdapter::restore() {
  for (Target& t : targets_) *t.slot = t.w0;
}

void LoraAdapter::merge() {
  if (merged_) return;
  restore();
  for (Target& t : targets_) {
    Tensor delta = Tensor::empty(t.w0.shape(), t.w0.value().device());
    Backend& be = backend_for(delta);
    lora_delta(be, t.a.value(), t.b.value(), fan_in_fan_out_, delta);
    be.axpy(t.w0.value(), delta, config_.scaling());
  }
  merged_ = true;
}

void LoraAdapter::unmerge() {
  if (!merged_) return;
  for (Target& t : targets_) {
    Tensor delta = Tensor::empty(t.w0.shape(), t.w0.value().device());
    Backend& be = backend_for(delta);
    lora_delta(be, t.a.value(), t.b.value(), fan_in_fan_out_, delta);
    be.axpy(t.w0.value(), delta, -config_.scaling());
  }
  merged_ = false;
}

NamedParameters LoraAdapter::parameters() const {
  NamedParameters out;
  for (const Target& t : targets_) {
    out.emplace_back("base_model.model." + t.module + ".lora_A.weight", t.a);
    out.emplace_back("base_model.model." + t.module + ".lora_B.weight", t.b);
  }
  return out;
}

int64_t LoraAdapter::trainable_count() const {
  int64_t n = 0;
  for (const Target& t : targets_) n += t.a.value().numel() + t.b.value().numel();
  return n;
}

std::vector<std::string> LoraAdapter::target_names() const {
  std::vector<std::string> names;
  for (const Target& t : targets_) names.push_back(t.name);
  return names;
}

void LoraAdapter::save(const fs::path& dir, const std::string& base) const {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create the directory (" + ec.message() + ")");
  std::vector<std::pair<std::string, Tensor>> tensors;
  for (const auto& [name, v] : parameters()) tensors.emplace_back(name, v.value().to(Device::CPU));
  save_safetensors(dir / "adapter_model.safetensors", tensors, {{"format", "pt"}});
  const json cfg = {{"peft_type", "LORA"},
                    {"task_type", "CAUSAL_LM"},
                    {"base_model_name_or_path", base},
                    {"r", config_.rank},
                    {"lora_alpha", config_.alpha},
                    {"lora_dropout", 0.0},
                    {"target_modules", config_.targets},
                    {"fan_in_fan_out", fan_in_fan_out_},
                    {"bias", "none"},
                    {"inference_mode", true},
                    {"init_lora_weights", true},
                    {"modules_to_save", nullptr}};
  write_file_atomic(dir / "adapter_config.json", cfg.dump(2) + "\n");
}

LoraConfig LoraAdapter::read_config(const fs::path& dir) {
  const fs::path path = dir / "adapter_config.json";
  json cfg;
  try {
    cfg = json::parse(read_file(path));
  } catch (const json::exception& e) {
    throw Error(path.string() + ": not valid JSON (" + e.what() + ")");
  }
  if (!cfg.is_object() || cfg.value("peft_type", "") != "LORA")
    throw Error(path.string() + ": not a LoRA adapter config (peft_type is not \"LORA\")");
  LoraConfig c;
  try {
    c.rank = cfg.at("r").get<int64_t>();
    c.alpha = cfg.at("lora_alpha").get<float>();
    const json& t = cfg.at("target_modules");
    if (t.is_string()) c.targets = {t.get<std::string>()};
    else c.targets = t.get<std::vector<std::string>>();
  } catch (const json::exception& e) {
    throw Error(path.string() + ": bad or missing r, lora_alpha or target_modules (" + e.what() + ")");
  }
  try {
    c.validate();
  } catch (const UsageError& e) {
    throw Error(path.string() + ": " + e.what());
  }
  return c;
}

void LoraAdapter::load(const fs::path& dir) {
  const LoraConfig c = read_config(dir);
  if (c.rank != config_.rank)
    throw Error((dir / "adapter_config.json").string() + ": rank " + std::to_string(c.rank) +
                " differs from this adapter's " + std::to_string(config_.rank));
  config_.alpha = c.alpha;
  const SafetensorsFile file = SafetensorsFile::open(dir / "adapter_model.safetensors");
  for (const auto& [name, v] : parameters()) {
    Tensor t = file.read(name, v.value().shape());
    v.value().copy_from(t.to(v.value().device()));
  }
}

void set_all_trainable(LanguageModel& model, bool trainable) {
  set_trainable_where(model, [trainable](const std::string&) { return trainable; });
}

int64_t set_trainable_where(LanguageModel& model, const std::function<bool(const std::string&)>& trainable) {
  int64_t n = 0;
  for (const auto& [name, var] : model.named_parameters()) {
    Var* slot = model.find_parameter(name);
    GB_CHECK(slot != nullptr, "the model has no slot for " + name);
    const bool train = trainable(name);
    *slot = Var(slot->value(), train);  // the same tensor, with or without a gradient
    if (train) n += slot->value().numel();
  }
  return n;
}

}  // namespace gb
