#pragma once
// ModelConfig: every size of a model in one value, read from and written to a Hugging Face
// style config.json. A model is built from a config and nothing else.
// model_type "gpt2" uses GPT-2's field names (n_embd, n_head, …); "llama", "mistral" and
// "mixtral" use the Llama family's (hidden_size, num_attention_heads, …).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gb {

struct ModelConfig {
  std::string model_type = "gpt2";
  int64_t vocab_size = 50257;
  int64_t context_length = 1024;  // HF: n_positions
  int64_t emb_dim = 768;          // HF: n_embd
  int64_t n_heads = 12;           // HF: n_head
  int64_t n_layers = 12;          // HF: n_layer
  int64_t ff_dim = 0;             // HF: n_inner; 0 means 4 × emb_dim
  float drop_rate = 0.0f;         // HF: resid_pdrop = embd_pdrop = attn_pdrop
  bool qkv_bias = true;
  bool tie_weights = true;        // HF: tie_word_embeddings
  float layer_norm_eps = 1e-5f;  // HF: layer_norm_epsilon (GPT-2), rms_norm_eps (Llama)

  // The Llama family (model_type llama, mistral, mixtral); GPT-2 ignores these.
  int64_t n_kv_heads = 0;            // HF: num_key_value_heads; 0 means n_heads; 1 = multi-query
  int64_t head_size = 0;             // HF: head_dim; 0 means emb_dim / n_heads
  float rope_theta = 10000.0f;       // HF: rope_theta, the base of the rotary frequencies
  int64_t n_experts = 0;             // HF: num_local_experts; 0 = one dense feed-forward
  int64_t experts_per_token = 2;     // HF: num_experts_per_tok (top-k of the router)
  float router_aux_loss_coef = 0.02f;  // HF: router_aux_loss_coef (load balancing)

  int64_t hidden_dim() const { return ff_dim > 0 ? ff_dim : 4 * emb_dim; }
  int64_t kv_heads() const { return n_kv_heads > 0 ? n_kv_heads : n_heads; }
  int64_t head_dim() const { return head_size > 0 ? head_size : emb_dim / n_heads; }
  bool is_llama_family() const { return model_type != "gpt2"; }
  bool is_moe() const { return n_experts > 0; }
  // Throws gb::Error naming the first size that makes no sense.
  void validate() const;
  // Parameters of a model of this config (counting a tied head once).
  int64_t parameter_count() const;

  std::string to_json() const;
  // `origin` names the file in error messages.
  static ModelConfig from_json(const std::string& text, const std::string& origin);
  static ModelConfig load(const std::filesystem::path& config_json);
};

// Named sizes: the OpenAI GPT-2 models and small teaching models.
//   gpt2-124m, gpt2-355m, gpt2-774m, gpt2-1558m   (vocab 50257, context 1024)
//   gpt-tiny   2 layers,  64 wide, 2 heads, context  64   (tests, first lessons)
//   gpt-mini   4 layers, 256 wide, 4 heads, context 128   (the "small" benchmark model)
//   gpt-midi   6 layers, 384 wide, 6 heads, context 256   (trains on a laptop in minutes)
//   llama-tiny      gpt-tiny's sizes as a Llama: RMSNorm, RoPE, SwiGLU (ff 176), no biases,
//                   untied head, 4 heads of 16
//   llama-tiny-gqa  the same with 2 key/value heads shared by the 4 query heads
//   moe-tiny        a Mixtral: llama-tiny-gqa with 4 SwiGLU experts (ff 128), top-2 routing
bool is_preset(const std::string& name);
ModelConfig preset(const std::string& name);
std::vector<std::string> preset_names();

}  // namespace gb
