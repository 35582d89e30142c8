#pragma once
// A model's architecture as the views draw it: a ModelConfig turned into the list of its
// blocks, each with its weight tensors (Hugging Face names and shapes) and parameter count;
// the KV-cache size of an attention layout; statistics of a block's weights in a real model.
//
// Everything here is arithmetic on the config except block_statistics(), which reads the
// weights of a model. No Qt; the app calls these on its worker thread.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/nn/model_config.h"
#include "engine/trace/trace.h"

namespace gb {

class LanguageModel;

// Configs of well-known models the views compare, by name, beside every preset() name:
//   llama2-7b       Llama 2 7B: 32 layers, 4096 wide, 32 heads (multi-head), SwiGLU 11008, untied
//   tinyllama-1.1b  TinyLlama 1.1B: 22 layers, 2048 wide, 32 query / 4 key-value heads
//   smollm2-135m    SmolLM2-135M: 30 layers, 576 wide, 9 query / 3 key-value heads, tied
//   mixtral-8x7b    Mixtral 8x7B: Llama-style with 8 experts per layer, 2 used per token
// Throws gb::UsageError for an unknown name (listing the known ones).
ModelConfig architecture_config(const std::string& name);
std::vector<std::string> architecture_names();  // the four above, then the presets

// The blocks of a model of this config, in data-flow order, with counts. GPT-2: token and
// position embeddings, then per layer LayerNorm → attention → LayerNorm → GELU MLP, a final
// LayerNorm and the head. Llama family: token embedding, rotary positions (no weights), per
// layer RMSNorm → grouped-query attention → RMSNorm → SwiGLU (or a mixture of experts), a
// final RMSNorm and the head. total_parameters equals the built model's parameter_count().
glassbox::trace::ArchDiagram describe_architecture(const ModelConfig& config, const std::string& name);

// Bytes of a KV cache: keys and values (2) for every layer, key-value head, head dimension
// and position: 2 · layers · kv_heads · head_dim · context · bytes_per_value.
int64_t kv_cache_bytes(int64_t layers, int64_t kv_heads, int64_t head_dim, int64_t context, int64_t bytes_per_value);

// MHA, GQA and MQA for the size of `config` (same layers, heads and head_dim; GQA keeps
// config's own n_kv_heads when it groups, else heads / 4, or heads / 2 for 4 to 7 heads), each with its KV-cache bytes for
// `context` positions at `bytes_per_value` (2 for f16/bf16, 4 for f32). Speeds unmeasured.
std::vector<glassbox::trace::AttentionVariant> attention_variants(const ModelConfig& config, int64_t context,
                                                                  int bytes_per_value);

// Mean, standard deviation, min, max and a `bins`-bin histogram of each weight tensor of
// block `block_id` of `diagram` in layer `layer`, read from `model` (whose architecture the
// diagram must describe). Expert tensors are pooled over the experts. A tensor the model
// does not have is skipped; none at all sets BlockStats::error.
glassbox::trace::BlockStats block_statistics(const LanguageModel& model, const glassbox::trace::ArchDiagram& diagram,
                                             const std::string& block_id, int layer, int bins = 40);

// Statistics of a list of values (the histogram spans [min, max]).
glassbox::trace::WeightStats value_statistics(const std::vector<float>& values, int bins);

}  // namespace gb
