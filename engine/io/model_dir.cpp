#include "engine/io/model_dir.h"

#include <nlohmann/json.hpp>
#include <set>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/safetensors.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Buffers HF checkpoints carry that are not parameters: GPT-2's causal masks, older Llama
// checkpoints' rotary frequencies.
bool is_ignored_buffer(const ModelConfig& c, const std::string& name) {
  if (c.is_llama_family()) return ends_with(name, ".rotary_emb.inv_freq");
  return ends_with(name, ".attn.bias") || ends_with(name, ".attn.masked_bias");
}

// GPT2LMHeadModel saves its body under "transformer."; our GPT-2 names go without it. The
// Llama family's names keep their "model." prefix (it is part of the HF name).
std::string strip_prefix(const ModelConfig& c, const std::string& name) {
  const std::string prefix = "transformer.";
  return !c.is_llama_family() && name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

}  // namespace

DType stored_matrix_dtype(const fs::path& dir) {
  const SafetensorsSet weights = SafetensorsSet::open_dir(dir);
  std::map<DType, int64_t> elements;
  for (const std::string& n : weights.names()) {
    const TensorInfo& t = weights.info(n);
    if (t.shape.size() == 2) elements[t.dtype] += t.numel();
  }
  DType most = DType::F32;
  int64_t count = 0;
  for (const auto& [dtype, n] : elements)
    if (n > count) most = dtype, count = n;
  return most;
}

std::unique_ptr<LanguageModel> load_model(const fs::path& dir, DType generation_weights) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(dir.string() + ": not a model directory");
  const ModelConfig config = ModelConfig::load(dir / "config.json");
  const SafetensorsSet weights = SafetensorsSet::open_dir(dir);

  // The file's names, without the optional prefix, mapped back to how the file spells them.
  std::map<std::string, std::string> by_name;
  for (const std::string& n : weights.names()) {
    if (is_ignored_buffer(config, n)) continue;
    by_name[strip_prefix(config, n)] = n;
  }
  std::unique_ptr<LanguageModel> model = create_model(config, 0, /*initialize=*/false);
  const NamedParameters params = model->named_parameters();
  // Every name is checked before any weight is read: a wrong file fails at once.
  std::set<std::string> used;
  for (const auto& [name, param] : params) {
    if (!by_name.count(name)) throw Error(weights.path().string() + ": tensor '" + name + "' is missing");
    used.insert(name);
  }
  // Tolerated extras: a tied head written out in full, a zero qkv bias for a model without one.
  if (config.tie_weights) used.insert("lm_head.weight");
  if (!config.qkv_bias && !config.is_llama_family())
    for (int64_t l = 0; l < config.n_layers; ++l) used.insert("h." + std::to_string(l) + ".attn.c_attn.bias");
  for (const auto& [name, spelled] : by_name)
    if (!used.count(name))
      throw Error(weights.path().string() + ": unexpected tensor '" + spelled + "' for a " + config.model_type +
                  " model");
  model->load_weights([&](const std::string& name, Tensor& into) { weights.read_into(by_name.at(name), into); },
                      generation_weights);
  return model;
}

void save_model(const fs::path& dir, const LanguageModel& model, const Tokenizer* tokenizer, DType store) {
  if (model.generation_only())
    throw Error(dir.string() + ": cannot save a generation-only model (its f32 weights were freed; "
                "set_inference_weights(F32) widens them back)");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create directory: " + ec.message());
  std::vector<std::pair<std::string, Tensor>> tensors;
  for (const auto& [name, p] : model.named_parameters()) tensors.emplace_back(name, p.value());
  if (!model.config().qkv_bias && !model.config().is_llama_family())  // HF's GPT-2 always has this bias: zeros are equivalent
    for (int64_t l = 0; l < model.config().n_layers; ++l)
      tensors.emplace_back("h." + std::to_string(l) + ".attn.c_attn.bias", Tensor::zeros({3 * model.config().emb_dim}));
  save_safetensors(dir / "model.safetensors", tensors, {{"format", "pt"}}, store);
  write_file_atomic(dir / "config.json", model.config().to_json());
  if (tokenizer) tokenizer->save(dir / "tokenizer.json");
}

void save_trainer_state(const fs::path& dir, const TrainerState& state, const std::string& info_json) {
  save_safetensors(dir / "trainer_state.safetensors", state.optimizer, {{"step", std::to_string(state.step)}});
  json j = json::parse(info_json.empty() ? "{}" : info_json);
  j["step"] = state.step;
  j["rng_state"] = state.rng_state;
  j["data_epoch"] = state.data_epoch;
  j["data_cursor"] = state.data_cursor;
  // Written last: a state file exists only once the moments beside it are complete.
  write_file_atomic(dir / "trainer_state.json", j.dump(2) + "\n");
}

bool has_trainer_state(const fs::path& dir) {
  return fs::exists(dir / "trainer_state.json") && fs::exists(dir / "trainer_state.safetensors");
}

TrainerState load_trainer_state(const fs::path& dir) {
  const fs::path json_path = dir / "trainer_state.json";
  json j;
  try {
    j = json::parse(read_file(json_path));
  } catch (const json::parse_error& e) {
    throw Error(json_path.string() + ": not valid JSON");
  }
  TrainerState s;
  try {
    s.step = j.at("step").get<int64_t>();
    s.rng_state = j.at("rng_state").get<uint64_t>();
    s.data_epoch = j.at("data_epoch").get<int64_t>();
    s.data_cursor = j.at("data_cursor").get<int64_t>();
  } catch (const json::exception&) {
    throw Error(json_path.string() + ": missing or malformed step, rng_state or data position");
  }
  const SafetensorsFile moments = SafetensorsFile::open(dir / "trainer_state.safetensors");
  auto meta = moments.metadata().find("step");
  if (meta == moments.metadata().end() || meta->second != std::to_string(s.step))
    throw Error((dir / "trainer_state.safetensors").string() + ": written at another step than trainer_state.json");
  for (const std::string& name : moments.names()) s.optimizer.emplace_back(name, moments.read(name));
  return s;
}

}  // namespace gb
