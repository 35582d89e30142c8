#include "engine/nn/llama_model.h"

#include <algorithm>
#include <cmath>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/nn/ops.h"
#include "engine/nn/param_init.h"

namespace gb {

Var LlamaAttention::forward(const Context& ctx, const Var& x, int64_t batch, const std::vector<int32_t>& positions,
                            Tensor* probs) const {
  Var q = rope(ctx, linear_transposed(ctx, x, q_proj), positions, n_heads, rope_theta);     // (N, H·hd)
  Var k = rope(ctx, linear_transposed(ctx, x, k_proj), positions, n_kv_heads, rope_theta);  // (N, KV·hd)
  Var v = linear_transposed(ctx, x, v_proj);                                                // (N, KV·hd)
  Var heads = grouped_query_attention(ctx, q, k, v, batch, n_heads, n_kv_heads, probs);     // (N, H·hd)
  return linear_transposed(ctx, heads, o_proj);                                             // (N, C)
}

Var SwiGLUFeedForward::forward(const Context& ctx, const Var& x, const LanguageModel* decoder) const {
  auto lin = [&](const Var& in, const Var& w) {
    return decoder ? decoder->decode_linear(in, w, true) : linear_transposed(ctx, in, w);
  };
  Var gate = lin(x, gate_proj);               // (N, F)
  Var up = lin(x, up_proj);                   // (N, F)
  return lin(swiglu(ctx, gate, up), down_proj);  // (N, C)
}

Var MixtureOfExperts::forward(const Context& ctx, const Var& x, RouterRecord* record, RouterChoices* trace,
                              const LanguageModel* decoder) const {
  const int64_t n = x.value().dim(0), k = top_k, E = static_cast<int64_t>(experts.size());
  Var logits = decoder ? decoder->decode_linear(x, gate, true) : linear_transposed(ctx, x, gate);  // (N, E)
  Routing r = route_top_k(ctx, logits, top_k);   // weights (N, k), experts (N·k)
  Var flat = reshape(ctx, r.weights, {n * k, 1});
  // Each expert's tokens, and the slot (row · k + j) that holds the weight it gets.
  std::vector<std::vector<int32_t>> rows(E), slots(E);
  for (int64_t i = 0; i < n * k; ++i) {
    rows[r.experts[i]].push_back(static_cast<int32_t>(i / k));
    slots[r.experts[i]].push_back(static_cast<int32_t>(i));
  }
  Var out;
  for (int64_t e = 0; e < E; ++e) {
    if (rows[e].empty()) continue;                                  // no token chose it: no work
    Var xe = embedding(ctx, x, rows[e]);                            // gather its tokens (n_e, C)
    Var ye = experts[e].forward(ctx, xe, decoder);                  // (n_e, C)
    Var we = embedding(ctx, flat, slots[e]);                        // their weights (n_e, 1)
    Var back = scatter_rows(ctx, scale_rows(ctx, ye, we), rows[e], n);  // (N, C)
    out = out.defined() ? add(ctx, out, back) : back;
  }
  if (trace) {
    trace->k = k;
    trace->n_experts = E;
    trace->experts = r.experts;
    trace->weights = r.weights.value().to(Device::CPU).clone();
    // The full softmax, for the views (which experts nearly won).
    Tensor l = logits.value().to(Device::CPU);
    trace->probs = Tensor::empty({n, E});
    for (int64_t i = 0; i < n; ++i) {
      const float* row = l.data() + i * E;
      float* p = trace->probs.data() + i * E;
      const float mx = *std::max_element(row, row + E);
      float sum = 0.0f;
      for (int64_t e = 0; e < E; ++e) sum += (p[e] = std::exp(row[e] - mx));
      for (int64_t e = 0; e < E; ++e) p[e] /= sum;
    }
  }
  if (record) *record = {logits, std::move(r.experts)};
  return out;
}

LlamaModel::LlamaModel(const ModelConfig& config, uint64_t seed, bool initialize) : config_(config) {
  config_.validate();
  GB_CHECK(config_.is_llama_family(), "LlamaModel: model_type " + config_.model_type + " is not a Llama");
  ParamInit in{seed, initialize};
  const int64_t C = config_.emb_dim, V = config_.vocab_size, F = config_.ff_dim, hd = config_.head_dim();
  const int64_t H = config_.n_heads, KV = config_.kv_heads();
  const float std = 0.02f;
  embed_tokens = in.normal({V, C}, std);
  blocks.resize(config_.n_layers);
  auto feed_forward = [&](SwiGLUFeedForward& f) {
    f.gate_proj = in.normal({F, C}, std);
    f.up_proj = in.normal({F, C}, std);
    f.down_proj = in.normal({C, F}, std);
  };
  for (LlamaBlock& b : blocks) {
    b.input_layernorm = in.constant({C}, 1.0f);
    b.self_attn.n_heads = static_cast<int>(H);
    b.self_attn.n_kv_heads = static_cast<int>(KV);
    b.self_attn.rope_theta = config_.rope_theta;
    b.self_attn.q_proj = in.normal({H * hd, C}, std);
    b.self_attn.k_proj = in.normal({KV * hd, C}, std);
    b.self_attn.v_proj = in.normal({KV * hd, C}, std);
    b.self_attn.o_proj = in.normal({C, H * hd}, std);
    b.post_attention_layernorm = in.constant({C}, 1.0f);
    b.sparse = config_.is_moe();
    if (b.sparse) {
      b.moe.top_k = static_cast<int>(config_.experts_per_token);
      b.moe.gate = in.normal({config_.n_experts, C}, std);
      b.moe.experts.resize(config_.n_experts);
      for (SwiGLUFeedForward& e : b.moe.experts) feed_forward(e);
    } else {
      feed_forward(b.mlp);
    }
  }
  norm = in.constant({C}, 1.0f);
  if (!config_.tie_weights) lm_head = in.normal({V, C}, std);
}

Var LlamaModel::run(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time,
                    std::vector<RouterRecord>* routers) const {
  GB_CHECK(static_cast<int64_t>(ids.size()) == batch * time, "forward: " + std::to_string(ids.size()) +
                                                                 " ids for batch " + std::to_string(batch) +
                                                                 " × time " + std::to_string(time));
  GB_CHECK(time >= 1 && time <= config_.context_length,
           "forward: " + std::to_string(time) + " tokens exceed the context length " +
               std::to_string(config_.context_length));
  std::vector<int32_t> positions(ids.size());
  for (size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<int32_t>(i % time);
  Var x = embedding(ctx, embed_tokens, std::vector<int32_t>(ids.begin(), ids.end()));  // (N, C)
  if (ctx.trace) {
    ctx.trace->attention.assign(blocks.size(), Tensor());
    ctx.trace->router.assign(config_.is_moe() ? blocks.size() : 0, RouterChoices());
  }
  const float eps = config_.layer_norm_eps;
  for (size_t l = 0; l < blocks.size(); ++l) {
    const LlamaBlock& b = blocks[l];
    Tensor* probs = ctx.trace ? &ctx.trace->attention[l] : nullptr;
    Var h = add(ctx, x, b.self_attn.forward(ctx, rms_norm(ctx, x, b.input_layernorm, eps), batch, positions, probs));
    Var m = rms_norm(ctx, h, b.post_attention_layernorm, eps);
    if (b.sparse) {
      RouterRecord rec;
      m = b.moe.forward(ctx, m, routers ? &rec : nullptr, ctx.trace ? &ctx.trace->router[l] : nullptr);
      if (routers) routers->push_back(std::move(rec));
    } else {
      m = b.mlp.forward(ctx, m);
    }
    x = add(ctx, h, m);
  }
  return rms_norm(ctx, x, norm, eps);  // (N, C)
}

Var LlamaModel::hidden(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const {
  return run(ctx, ids, batch, time, nullptr);
}

Var LlamaModel::head(const Context& ctx, const Var& x) const {
  return linear_transposed(ctx, x, lm_head.defined() ? lm_head : embed_tokens);  // (N, V)
}

// transformers' load_balancing_loss_func over every layer's router at once (R = layers ·
// tokens rows): E · Σ_e (count_e / R) · (Σ_rows p_e / R), count_e = how many of the R·k
// choices went to e. The counts are constants; the gradient flows through p = softmax.
// As Σ over layers of Σ_rows Σ_e p_e · coef_e with coef_e = E · count_e / R².
Var LlamaModel::balance_term(const Context& ctx, const std::vector<RouterRecord>& routers) const {
  const int64_t E = config_.n_experts;
  int64_t rows = 0;
  std::vector<double> count(E, 0.0);
  for (const RouterRecord& r : routers) {
    rows += r.logits.value().dim(0);
    for (int32_t e : r.experts) count[e] += 1.0;
  }
  Tensor coef = Tensor::empty({E});
  for (int64_t e = 0; e < E; ++e)
    coef.data()[e] = static_cast<float>(double(E) * count[e] / (double(rows) * double(rows)));
  coef = coef.to(device());
  Var total;
  for (const RouterRecord& r : routers) {
    Var term = gb::balance_loss(ctx, r.logits, coef);
    total = total.defined() ? add(ctx, total, term) : term;
  }
  return total;
}

Var LlamaModel::balance_loss(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const {
  std::vector<RouterRecord> routers;
  run(ctx, ids, batch, time, &routers);
  if (routers.empty()) return Var(Tensor::zeros({1}));
  return balance_term(ctx, routers);
}

Var LlamaModel::loss(const Context& ctx, std::span<const int32_t> ids, std::span<const int32_t> targets,
                     int64_t batch, int64_t time) const {
  GB_CHECK(targets.size() == ids.size(), "loss: targets and ids differ in length");
  const bool balance = ctx.training && config_.is_moe() && config_.router_aux_loss_coef > 0.0f;
  std::vector<RouterRecord> routers;
  Var logits = head(ctx, run(ctx, ids, batch, time, balance ? &routers : nullptr));
  Var ce = cross_entropy(ctx, logits, std::vector<int32_t>(targets.begin(), targets.end()));
  if (!balance) return ce;
  // loss = ce + coef · aux, with the scale folded into a one-element product on the host:
  // both are scalars on the CPU.
  Var aux = balance_term(ctx, routers);
  Var scaled(Tensor::full({1}, aux.value().item() * config_.router_aux_loss_coef), aux.requires_grad());
  if (scaled.requires_grad()) {
    const float c = config_.router_aux_loss_coef;
    ctx.tape->record([aux, scaled, c] { aux.grad().data()[0] += c * scaled.grad().item(); });
  }
  return add(ctx, ce, scaled);
}

KVCache LlamaModel::new_cache() const {
  KVCache cache;
  const int64_t rows = std::min<int64_t>(config_.context_length, 256), width = config_.kv_heads() * config_.head_dim();
  for (size_t l = 0; l < blocks.size(); ++l) {
    cache.keys.push_back(Tensor::empty({rows, width}, device()));
    cache.values.push_back(Tensor::empty({rows, width}, device()));
  }
  return cache;
}

namespace {
// Makes room for `needed` rows, doubling (up to the context length) and keeping the filled ones.
void grow(Tensor& t, int64_t filled, int64_t needed, int64_t limit) {
  if (t.dim(0) >= needed) return;
  const int64_t rows = std::min(limit, std::max(needed, 2 * t.dim(0)));
  Tensor bigger = Tensor::empty({rows, t.dim(1)}, t.device());
  if (filled > 0) bigger.slice_rows(0, filled).copy_from(t.slice_rows(0, filled));
  t = bigger;
}
}  // namespace

// forward() for batch 1, with each layer's keys and values for earlier positions read from
// the cache. The keys are cached after RoPE, so a cached key never needs turning again.
Tensor LlamaModel::forward_cached(std::span<const int32_t> ids, KVCache& cache) const {
  const int64_t n = static_cast<int64_t>(ids.size()), start = cache.length;
  GB_CHECK(n >= 1, "forward_cached: no tokens");
  GB_CHECK(start + n <= config_.context_length,
           "generation ran past the context length " + std::to_string(config_.context_length));
  if (cache.keys.empty()) cache = new_cache();
  Backend& be = backend_for(embed_tokens.value());
  const Context none;
  const float eps = config_.layer_norm_eps;
  std::vector<int32_t> positions(n);
  for (int64_t i = 0; i < n; ++i) positions[i] = static_cast<int32_t>(start + i);
  Var x = decode_embedding(embed_tokens, ids);  // (n, C)
  for (size_t l = 0; l < blocks.size(); ++l) {
    const LlamaBlock& b = blocks[l];
    const LlamaAttention& a = b.self_attn;
    Var h = rms_norm(none, x, b.input_layernorm, eps);
    // decode_linear: through the 16-bit copy of the weight when generating one token with one.
    Var q = rope(none, decode_linear(h, a.q_proj, true), positions, a.n_heads, a.rope_theta);
    Var k = rope(none, decode_linear(h, a.k_proj, true), positions, a.n_kv_heads, a.rope_theta);
    Var v = decode_linear(h, a.v_proj, true);
    grow(cache.keys[l], start, start + n, config_.context_length);
    grow(cache.values[l], start, start + n, config_.context_length);
    cache.keys[l].slice_rows(start, start + n).copy_from(k.value());
    cache.values[l].slice_rows(start, start + n).copy_from(v.value());
    Tensor att = Tensor::empty(q.shape(), device());
    be.gqa_attention_decode(q.value(), cache.keys[l], cache.values[l], start, a.n_heads, a.n_kv_heads, att);
    x = add(none, x, decode_linear(Var(att), a.o_proj, true));
    Var m = rms_norm(none, x, b.post_attention_layernorm, eps);
    m = b.sparse ? b.moe.forward(none, m, nullptr, nullptr, this) : b.mlp.forward(none, m, this);
    x = add(none, x, m);
  }
  cache.length = start + n;
  Var last = rms_norm(none, Var(x.value().slice_rows(n - 1, n)), norm, eps);
  // The one read-back per generated token: the logits come to the host for sampling.
  return decode_linear(last, lm_head.defined() ? lm_head : embed_tokens, true)  // head()
      .value()
      .reshape({config_.vocab_size})
      .to(Device::CPU);
}

std::vector<std::pair<std::string, Var*>> LlamaModel::parameter_slots() {
  std::vector<std::pair<std::string, Var*>> out = {{"model.embed_tokens.weight", &embed_tokens}};
  for (size_t l = 0; l < blocks.size(); ++l) {
    LlamaBlock& b = blocks[l];
    const std::string p = "model.layers." + std::to_string(l) + ".";
    out.emplace_back(p + "input_layernorm.weight", &b.input_layernorm);
    out.emplace_back(p + "self_attn.q_proj.weight", &b.self_attn.q_proj);
    out.emplace_back(p + "self_attn.k_proj.weight", &b.self_attn.k_proj);
    out.emplace_back(p + "self_attn.v_proj.weight", &b.self_attn.v_proj);
    out.emplace_back(p + "self_attn.o_proj.weight", &b.self_attn.o_proj);
    out.emplace_back(p + "post_attention_layernorm.weight", &b.post_attention_layernorm);
    if (b.sparse) {
      out.emplace_back(p + "block_sparse_moe.gate.weight", &b.moe.gate);
      for (size_t e = 0; e < b.moe.experts.size(); ++e) {
        const std::string q = p + "block_sparse_moe.experts." + std::to_string(e) + ".";
        out.emplace_back(q + "w1.weight", &b.moe.experts[e].gate_proj);
        out.emplace_back(q + "w2.weight", &b.moe.experts[e].down_proj);
        out.emplace_back(q + "w3.weight", &b.moe.experts[e].up_proj);
      }
    } else {
      out.emplace_back(p + "mlp.gate_proj.weight", &b.mlp.gate_proj);
      out.emplace_back(p + "mlp.up_proj.weight", &b.mlp.up_proj);
      out.emplace_back(p + "mlp.down_proj.weight", &b.mlp.down_proj);
    }
  }
  out.emplace_back("model.norm.weight", &norm);
  if (lm_head.defined()) out.emplace_back("lm_head.weight", &lm_head);
  return out;
}

}  // namespace gb
