#include "engine/nn/model_config.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb {

using nlohmann::json;

void ModelConfig::validate() const {
  auto positive = [](int64_t v, const char* what) {
    GB_CHECK(v > 0, std::string(what) + " must be positive, not " + std::to_string(v));
  };
  positive(vocab_size, "vocab_size");
  positive(context_length, "context length (n_positions)");
  positive(emb_dim, "embedding size (n_embd)");
  positive(n_heads, "n_head");
  positive(n_layers, "n_layer");
  GB_CHECK(ff_dim >= 0, "n_inner must not be negative");
  GB_CHECK(emb_dim % n_heads == 0, "n_embd " + std::to_string(emb_dim) + " does not divide into " +
                                       std::to_string(n_heads) + " heads");
  GB_CHECK(drop_rate >= 0.0f && drop_rate < 1.0f, "dropout must be in [0, 1)");
  GB_CHECK(layer_norm_eps > 0.0f && std::isfinite(layer_norm_eps), "layer_norm_epsilon must be positive");
}

int64_t ModelConfig::parameter_count() const {
  const int64_t C = emb_dim, H = hidden_dim();
  const int64_t per_block = 2 * C                        // ln_1
                            + C * 3 * C + (qkv_bias ? 3 * C : 0)  // c_attn
                            + C * C + C                  // attention c_proj
                            + 2 * C                      // ln_2
                            + C * H + H                  // c_fc
                            + H * C + C;                 // mlp c_proj
  return vocab_size * C + context_length * C + n_layers * per_block + 2 * C + (tie_weights ? 0 : vocab_size * C);
}

std::string ModelConfig::to_json() const {
  json j = {
      {"model_type", model_type},
      {"architectures", {"GPT2LMHeadModel"}},
      {"vocab_size", vocab_size},
      {"n_positions", context_length},
      {"n_ctx", context_length},
      {"n_embd", emb_dim},
      {"n_head", n_heads},
      {"n_layer", n_layers},
      {"n_inner", ff_dim > 0 ? json(ff_dim) : json(nullptr)},
      {"activation_function", "gelu_new"},
      {"resid_pdrop", drop_rate},
      {"embd_pdrop", drop_rate},
      {"attn_pdrop", drop_rate},
      {"layer_norm_epsilon", layer_norm_eps},
      {"tie_word_embeddings", tie_weights},
      // Not a Hugging Face field: GPT-2 always has a qkv bias. When this is false the saved
      // c_attn.bias is all zeros, so other tools load an equivalent model.
      {"qkv_bias", qkv_bias},
      {"bos_token_id", 50256},
      {"eos_token_id", 50256},
  };
  if (vocab_size <= 50256) j.erase("bos_token_id"), j.erase("eos_token_id");
  return j.dump(2) + "\n";
}

ModelConfig ModelConfig::from_json(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(origin + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!j.is_object()) throw Error(origin + ": expected a JSON object");
  ModelConfig c;
  if (!j.contains("model_type") || !j["model_type"].is_string())
    throw Error(origin + ": missing \"model_type\"");
  c.model_type = j["model_type"].get<std::string>();
  if (c.model_type != "gpt2")
    throw Error(origin + ": unknown model_type \"" + c.model_type + "\" (supported: gpt2)");
  auto integer = [&](const char* key, int64_t& out, bool required) {
    if (!j.contains(key) || j[key].is_null()) {
      if (required) throw Error(origin + ": missing \"" + std::string(key) + "\"");
      return;
    }
    if (!j[key].is_number_integer()) throw Error(origin + ": \"" + std::string(key) + "\" must be a whole number");
    out = j[key].get<int64_t>();
  };
  auto number = [&](const char* key, float& out) {
    if (!j.contains(key) || j[key].is_null()) return;
    if (!j[key].is_number()) throw Error(origin + ": \"" + std::string(key) + "\" must be a number");
    out = j[key].get<float>();
  };
  auto boolean = [&](const char* key, bool& out) {
    if (!j.contains(key)) return;
    if (!j[key].is_boolean()) throw Error(origin + ": \"" + std::string(key) + "\" must be true or false");
    out = j[key].get<bool>();
  };
  integer("vocab_size", c.vocab_size, true);
  integer("n_positions", c.context_length, true);
  integer("n_embd", c.emb_dim, true);
  integer("n_head", c.n_heads, true);
  integer("n_layer", c.n_layers, true);
  integer("n_inner", c.ff_dim, false);
  number("resid_pdrop", c.drop_rate);
  number("layer_norm_epsilon", c.layer_norm_eps);
  boolean("tie_word_embeddings", c.tie_weights);
  boolean("qkv_bias", c.qkv_bias);
  if (j.contains("activation_function") && j["activation_function"] != "gelu_new" &&
      j["activation_function"] != "gelu_pytorch_tanh")
    throw Error(origin + ": activation_function " + j["activation_function"].dump() +
                " is not supported (GPT-2 uses gelu_new)");
  try {
    c.validate();
  } catch (const Error& e) {
    throw Error(origin + ": " + e.what());
  }
  return c;
}

ModelConfig ModelConfig::load(const std::filesystem::path& config_json) {
  return from_json(read_file(config_json), config_json.string());
}

namespace {
ModelConfig gpt(int64_t vocab, int64_t ctx, int64_t emb, int64_t heads, int64_t layers, float drop) {
  ModelConfig c;
  c.vocab_size = vocab;
  c.context_length = ctx;
  c.emb_dim = emb;
  c.n_heads = heads;
  c.n_layers = layers;
  c.drop_rate = drop;
  return c;
}

const std::map<std::string, ModelConfig>& presets() {
  static const std::map<std::string, ModelConfig> table = {
      {"gpt2-124m", gpt(50257, 1024, 768, 12, 12, 0.1f)},
      {"gpt2-355m", gpt(50257, 1024, 1024, 16, 24, 0.1f)},
      {"gpt2-774m", gpt(50257, 1024, 1280, 20, 36, 0.1f)},
      {"gpt2-1558m", gpt(50257, 1024, 1600, 25, 48, 0.1f)},
      {"gpt-tiny", gpt(50257, 64, 64, 2, 2, 0.0f)},
      {"gpt-mini", gpt(50257, 128, 256, 4, 4, 0.0f)},
      {"gpt-midi", gpt(50257, 256, 384, 6, 6, 0.1f)},
  };
  return table;
}
}  // namespace

bool is_preset(const std::string& name) { return presets().count(name) > 0; }

ModelConfig preset(const std::string& name) {
  auto it = presets().find(name);
  if (it == presets().end()) {
    std::string known;
    for (const auto& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown model preset '" + name + "' (known: " + known + ")");
  }
  return it->second;
}

std::vector<std::string> preset_names() {
  std::vector<std::string> out;
  for (const auto& [name, c] : presets()) out.push_back(name);
  return out;
}

}  // namespace gb
