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

}  // namespace gb
