#pragma once
// The differentiable ops models are built from. Each runs its forward on the backend that
// holds its inputs and, when the context records, puts its backward on the tape.
// Shapes: N = rows (batch × time), C = channels, V = vocabulary, (B, T, …) where it matters.
#include <span>
#include <vector>

#include "engine/backend/op_shapes.h"
#include "engine/nn/autograd.h"

namespace gb {


// table (V, C), ids (N) → (N, C)
Var embedding(const Context& ctx, const Var& table, std::vector<int32_t> ids);
// x (…, in) · w (in, out) + b (out) → (…, out). b may be undefined.
Var linear(const Context& ctx, const Var& x, const Var& w, const Var& b);
// x (…, C) · w (V, C)ᵀ → (…, V): the language-model head when it shares the token embedding.
Var linear_transposed(const Context& ctx, const Var& x, const Var& w);
// a + b, same shape.
Var add(const Context& ctx, const Var& a, const Var& b);
// Layer norm over the last dimension: x (…, C), w, b (C).
Var layer_norm(const Context& ctx, const Var& x, const Var& w, const Var& b, float eps);
// GELU (tanh approximation), any shape.
Var gelu(const Context& ctx, const Var& x);
// Inverted dropout with probability p while training; the identity otherwise.
Var dropout(const Context& ctx, const Var& x, float p);
// qkv (B·T, 3C) → (B·T, C), rows in batch-major order. The attention weights
// (B, H, T, T) go to *probs if asked.
Var causal_self_attention(const Context& ctx, const Var& qkv, int64_t batch, int n_head, Tensor* probs = nullptr);
// logits (N, V), targets (N) with kIgnoreIndex → mean loss, a scalar.
Var cross_entropy(const Context& ctx, const Var& logits, std::vector<int32_t> targets);

// ---- The Llama family.

// RMS norm over the last dimension: x (…, C), w (C) → x / √(mean(x²) + eps) · w.
Var rms_norm(const Context& ctx, const Var& x, const Var& w, float eps);
// Rotary position embedding (HF rotate_half layout): x (N, n_head · hd), positions (N) →
// (N, n_head · hd), each head's channel pairs (i, i + hd/2) turned by positions · θ^(−2i/hd).
Var rope(const Context& ctx, const Var& x, std::vector<int32_t> positions, int n_head, float theta);
// SwiGLU's gate: silu(gate) · up, gate and up (…, F).
Var swiglu(const Context& ctx, const Var& gate, const Var& up);
// Causal grouped-query attention: q (B·T, n_head · hd), k and v (B·T, n_kv_head · hd) →
// (B·T, n_head · hd), rows in batch-major order. The weights (B, n_head, T, T) go to *probs
// if asked.
Var grouped_query_attention(const Context& ctx, const Var& q, const Var& k, const Var& v, int64_t batch, int n_head,
                            int n_kv_head, Tensor* probs = nullptr);
// The same values with another shape of the same size (a view; the gradient flows back).
Var reshape(const Context& ctx, const Var& x, Shape shape);
// out (rows, C) with src's row i added into row ids[i] (the others zero): the scatter that
// brings an expert's outputs back to their tokens. src (n, C), ids (n). Its backward is a
// gather, as embedding()'s forward is (embedding gathers rows of a table: its forward is
// this op's backward, and the other way round).
Var scatter_rows(const Context& ctx, const Var& src, std::vector<int32_t> ids, int64_t rows);
// Each row times one number: x (N, C), s (N) → (N, C).
Var scale_rows(const Context& ctx, const Var& x, const Var& s);

// The router of a mixture of experts: logits (N, E) → for each token the k best experts
// (best first) and their weights, a softmax over the chosen logits.
struct Routing {
  Var weights;                  // (N, k)
  std::vector<int32_t> experts;  // (N·k) row-major
};
Routing route_top_k(const Context& ctx, const Var& logits, int k);
// The load-balancing term Σ_n Σ_e softmax(logits)[n, e] · coef[e], a scalar; coef (E) is a
// constant (no gradient flows into it).
Var balance_loss(const Context& ctx, const Var& logits, const Tensor& coef);

}  // namespace gb
