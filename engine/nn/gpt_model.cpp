#include "engine/nn/gpt_model.h"

#include <algorithm>
#include <cmath>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/core/rng.h"
#include "engine/nn/forward_trace.h"
#include "engine/nn/param_init.h"
#include "engine/nn/ops.h"

namespace gb {


Var MultiHeadAttention::forward(const Context& ctx, const Var& x, int64_t batch, float drop_rate,
                                Tensor* probs) const {
  Var qkv = linear(ctx, x, c_attn_weight, c_attn_bias);  // (B·T, 3C)
  Var heads = causal_self_attention(ctx, qkv, batch, n_heads, probs);
  // GPT-2's attention dropout acts on the weights; ours acts on the merged heads' output
  // through the residual dropout below. (Both are off in every preset we train from.)
  Var out = linear(ctx, heads, c_proj_weight, c_proj_bias);
  return dropout(ctx, out, drop_rate);
}

Var FeedForward::forward(const Context& ctx, const Var& x) const {
  Var h = gelu(ctx, linear(ctx, x, c_fc_weight, c_fc_bias));
  return linear(ctx, h, c_proj_weight, c_proj_bias);
}

Var TransformerBlock::forward(const Context& ctx, const Var& x, int64_t batch, const ModelConfig& cfg,
                              Tensor* probs) const {
  const float eps = cfg.layer_norm_eps;
  Var h = add(ctx, x, attn.forward(ctx, layer_norm(ctx, x, ln_1_weight, ln_1_bias, eps), batch, cfg.drop_rate, probs));
  Var m = dropout(ctx, mlp.forward(ctx, layer_norm(ctx, h, ln_2_weight, ln_2_bias, eps)), cfg.drop_rate);
  return add(ctx, h, m);
}

GPTModel::GPTModel(const ModelConfig& config, uint64_t seed, bool initialize) : config_(config) {
  config_.validate();
  ParamInit in{seed, initialize};
  const int64_t C = config_.emb_dim, V = config_.vocab_size, H = config_.hidden_dim();
  const float std = 0.02f, proj_std = 0.02f / std::sqrt(2.0f * static_cast<float>(config_.n_layers));
  wte = in.normal({V, C}, std);
  wpe = in.normal({config_.context_length, C}, 0.01f);
  blocks.resize(config_.n_layers);
  for (TransformerBlock& b : blocks) {
    b.ln_1_weight = in.constant({C}, 1.0f);
    b.ln_1_bias = in.constant({C}, 0.0f);
    b.attn.n_heads = static_cast<int>(config_.n_heads);
    b.attn.c_attn_weight = in.normal({C, 3 * C}, std);
    if (config_.qkv_bias) b.attn.c_attn_bias = in.constant({3 * C}, 0.0f);
    b.attn.c_proj_weight = in.normal({C, C}, proj_std);
    b.attn.c_proj_bias = in.constant({C}, 0.0f);
    b.ln_2_weight = in.constant({C}, 1.0f);
    b.ln_2_bias = in.constant({C}, 0.0f);
    b.mlp.c_fc_weight = in.normal({C, H}, std);
    b.mlp.c_fc_bias = in.constant({H}, 0.0f);
    b.mlp.c_proj_weight = in.normal({H, C}, proj_std);
    b.mlp.c_proj_bias = in.constant({C}, 0.0f);
  }
  ln_f_weight = in.constant({C}, 1.0f);
  ln_f_bias = in.constant({C}, 0.0f);
  if (!config_.tie_weights) lm_head = in.normal({V, C}, std);
}

Var GPTModel::hidden(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const {
  GB_CHECK(static_cast<int64_t>(ids.size()) == batch * time, "forward: " + std::to_string(ids.size()) +
                                                                 " ids for batch " + std::to_string(batch) +
                                                                 " × time " + std::to_string(time));
  GB_CHECK(time >= 1 && time <= config_.context_length,
           "forward: " + std::to_string(time) + " tokens exceed the context length " +
               std::to_string(config_.context_length));
  std::vector<int32_t> positions(ids.size());
  for (size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<int32_t>(i % time);
  Var tok = embedding(ctx, wte, std::vector<int32_t>(ids.begin(), ids.end()));  // (B·T, C)
  Var pos = embedding(ctx, wpe, std::move(positions));                          // (B·T, C)
  Var x = dropout(ctx, add(ctx, tok, pos), config_.drop_rate);
  if (ctx.trace) ctx.trace->attention.assign(blocks.size(), Tensor());
  for (size_t l = 0; l < blocks.size(); ++l)
    x = blocks[l].forward(ctx, x, batch, config_, ctx.trace ? &ctx.trace->attention[l] : nullptr);
  return layer_norm(ctx, x, ln_f_weight, ln_f_bias, config_.layer_norm_eps);  // (B·T, C)
}

Var GPTModel::head(const Context& ctx, const Var& x) const {
  return lm_head.defined() ? linear_transposed(ctx, x, lm_head) : linear_transposed(ctx, x, wte);  // (N, V)
}

KVCache GPTModel::new_cache() const {
  KVCache cache;
  for (size_t l = 0; l < blocks.size(); ++l) {
    cache.keys.push_back(Tensor::empty({config_.context_length, config_.emb_dim}, device()));
    cache.values.push_back(Tensor::empty({config_.context_length, config_.emb_dim}, device()));
  }
  return cache;
}

// The same computation as forward() for batch 1, but each layer's keys and values for
// earlier positions come from the cache instead of being recomputed.
Tensor GPTModel::forward_cached(std::span<const int32_t> ids, KVCache& cache) const {
  const int64_t n = static_cast<int64_t>(ids.size()), C = config_.emb_dim, start = cache.length;
  GB_CHECK(n >= 1, "forward_cached: no tokens");
  GB_CHECK(start + n <= config_.context_length,
           "generation ran past the context length " + std::to_string(config_.context_length));
  if (cache.keys.empty()) cache = new_cache();
  Backend& be = backend_for(wte.value());
  const Context none;
  std::vector<int32_t> positions(n);
  for (int64_t i = 0; i < n; ++i) positions[i] = static_cast<int32_t>(start + i);
  Var x = add(none, decode_embedding(wte, ids),
              embedding(none, wpe, std::move(positions)));  // (n, C)
  for (size_t l = 0; l < blocks.size(); ++l) {
    const TransformerBlock& b = blocks[l];
    Var h = layer_norm(none, x, b.ln_1_weight, b.ln_1_bias, config_.layer_norm_eps);
    // decode_linear: through the 16-bit copy of the weight when generating one token with one.
    Tensor qkv = decode_linear(h, b.attn.c_attn_weight, false, b.attn.c_attn_bias).value();  // (n, 3C)
    // qkv (n, 3C) seen as (3n, C): row 3i is q_i, 3i + 1 is k_i, 3i + 2 is v_i. Row copies
    // work on any device (a memcpy on the CPU, a buffer copy on Vulkan).
    const Tensor parts = qkv.reshape({3 * n, C});
    Tensor q = Tensor::empty({n, C}, device());
    for (int64_t i = 0; i < n; ++i) {
      q.slice_rows(i, i + 1).copy_from(parts.slice_rows(3 * i, 3 * i + 1));
      cache.keys[l].slice_rows(start + i, start + i + 1).copy_from(parts.slice_rows(3 * i + 1, 3 * i + 2));
      cache.values[l].slice_rows(start + i, start + i + 1).copy_from(parts.slice_rows(3 * i + 2, 3 * i + 3));
    }
    Tensor att = Tensor::empty({n, C}, device());
    be.attention_decode(q, cache.keys[l], cache.values[l], start, b.attn.n_heads, att);
    x = add(none, x, decode_linear(Var(att), b.attn.c_proj_weight, false, b.attn.c_proj_bias));
    Var f = layer_norm(none, x, b.ln_2_weight, b.ln_2_bias, config_.layer_norm_eps);  // the MLP, as FeedForward
    f = gelu(none, decode_linear(f, b.mlp.c_fc_weight, false, b.mlp.c_fc_bias));
    x = add(none, x, decode_linear(f, b.mlp.c_proj_weight, false, b.mlp.c_proj_bias));
  }
  cache.length = start + n;
  Var last(x.value().slice_rows(n - 1, n));
  last = layer_norm(none, last, ln_f_weight, ln_f_bias, config_.layer_norm_eps);
  Var logits = decode_linear(last, lm_head.defined() ? lm_head : wte, true);  // head()
  // The one read-back per generated token: the logits come to the host for sampling.
  return logits.value().reshape({config_.vocab_size}).to(Device::CPU);
}

std::optional<bool> GPTModel::copy_layout(const std::string& hf_name, const Tensor& value) const {
  if (value.ndim() != 2 || hf_name == "wpe.weight") return std::nullopt;
  return hf_name != "wte.weight" && hf_name != "lm_head.weight";
}

std::vector<std::pair<std::string, Var*>> GPTModel::parameter_slots() {
  std::vector<std::pair<std::string, Var*>> out = {{"wte.weight", &wte}, {"wpe.weight", &wpe}};
  for (size_t l = 0; l < blocks.size(); ++l) {
    TransformerBlock& b = blocks[l];
    const std::string p = "h." + std::to_string(l) + ".";
    out.emplace_back(p + "ln_1.weight", &b.ln_1_weight);
    out.emplace_back(p + "ln_1.bias", &b.ln_1_bias);
    out.emplace_back(p + "attn.c_attn.weight", &b.attn.c_attn_weight);
    if (b.attn.c_attn_bias.defined()) out.emplace_back(p + "attn.c_attn.bias", &b.attn.c_attn_bias);
    out.emplace_back(p + "attn.c_proj.weight", &b.attn.c_proj_weight);
    out.emplace_back(p + "attn.c_proj.bias", &b.attn.c_proj_bias);
    out.emplace_back(p + "ln_2.weight", &b.ln_2_weight);
    out.emplace_back(p + "ln_2.bias", &b.ln_2_bias);
    out.emplace_back(p + "mlp.c_fc.weight", &b.mlp.c_fc_weight);
    out.emplace_back(p + "mlp.c_fc.bias", &b.mlp.c_fc_bias);
    out.emplace_back(p + "mlp.c_proj.weight", &b.mlp.c_proj_weight);
    out.emplace_back(p + "mlp.c_proj.bias", &b.mlp.c_proj_bias);
  }
  out.emplace_back("ln_f.weight", &ln_f_weight);
  out.emplace_back("ln_f.bias", &ln_f_bias);
  if (lm_head.defined()) out.emplace_back("lm_head.weight", &lm_head);
  return out;
}

}  // namespace gb
