#include "engine/nn/ops.h"

#include "engine/backend/backend.h"
#include "engine/core/error.h"

namespace gb {

namespace {

Shape with_last(Shape s, int64_t last) {
  s.back() = last;
  return s;
}

// The output of an op: it needs a gradient if the tape records and any input needs one.
Var output(const Context& ctx, Tensor value, std::initializer_list<const Var*> inputs) {
  bool needs = false;
  if (ctx.tape)
    for (const Var* v : inputs) needs = needs || (v->defined() && v->requires_grad());
  return Var(std::move(value), needs);
}

}  // namespace

Var embedding(const Context& ctx, const Var& table, std::vector<int32_t> ids) {
  Backend& be = backend_for(table.value());
  const int64_t n = static_cast<int64_t>(ids.size());
  Var out = output(ctx, Tensor::empty({n, table.value().dim(-1)}, table.value().device()), {&table});
  be.embedding_forward(ids, table.value(), out.value());
  if (out.requires_grad())
    ctx.tape->record([table, out, ids = std::move(ids)] {
      backend_for(table.value()).embedding_backward(ids, out.grad(), table.grad());
    });
  return out;
}

Var linear(const Context& ctx, const Var& x, const Var& w, const Var& b) {
  Backend& be = backend_for(x.value());
  GB_CHECK(w.value().ndim() == 2 && x.value().dim(-1) == w.value().dim(0),
           "linear: input " + x.value().str() + " does not fit weight " + w.value().str());
  Var out = output(ctx, Tensor::empty(with_last(x.shape(), w.value().dim(1)), x.value().device()), {&x, &w, &b});
  be.matmul(x.value(), false, w.value(), false, out.value(), 0.0f);
  if (b.defined()) be.add_bias(out.value(), b.value());
  if (out.requires_grad())
    ctx.tape->record([x, w, b, out] {
      Backend& be = backend_for(out.value());
      const Tensor& dy = out.grad();
      // The gradient tensor is fetched before the call: it sets beta, and the order in which
      // a call's arguments are evaluated is unspecified (GCC reads `beta` first).
      float beta = 0;
      if (x.requires_grad()) {
        Tensor& dx = x.grad_for_accumulate(beta);
        be.matmul(dy, false, w.value(), true, dx, beta);  // dx = dy Wᵀ
      }
      if (w.requires_grad()) {
        Tensor& dw = w.grad_for_accumulate(beta);
        be.matmul(x.value(), true, dy, false, dw, beta);  // dW = xᵀ dy
      }
      if (b.defined() && b.requires_grad()) be.bias_backward(dy, b.grad());
    });
  return out;
}

Var linear_transposed(const Context& ctx, const Var& x, const Var& w) {
  Backend& be = backend_for(x.value());
  GB_CHECK(w.value().ndim() == 2 && x.value().dim(-1) == w.value().dim(1),
           "linear_transposed: input " + x.value().str() + " does not fit weight " + w.value().str());
  Var out = output(ctx, Tensor::empty(with_last(x.shape(), w.value().dim(0)), x.value().device()), {&x, &w});
  be.matmul(x.value(), false, w.value(), true, out.value(), 0.0f);
  if (out.requires_grad())
    ctx.tape->record([x, w, out] {
      Backend& be = backend_for(out.value());
      const Tensor& dy = out.grad();
      float beta = 0;  // fetched before each call, as in linear()
      if (x.requires_grad()) {
        Tensor& dx = x.grad_for_accumulate(beta);
        be.matmul(dy, false, w.value(), false, dx, beta);  // dx = dy W
      }
      if (w.requires_grad()) {
        Tensor& dw = w.grad_for_accumulate(beta);
        be.matmul(dy, true, x.value(), false, dw, beta);  // dW = dyᵀ x
      }
    });
  return out;
}

Var add(const Context& ctx, const Var& a, const Var& b) {
  GB_CHECK(a.value().numel() == b.value().numel(), "add: " + a.value().str() + " + " + b.value().str());
  Var out = output(ctx, Tensor::empty(a.shape(), a.value().device()), {&a, &b});
  backend_for(a.value()).add(a.value(), b.value(), out.value());
  if (out.requires_grad())
    ctx.tape->record([a, b, out] {
      Backend& be = backend_for(out.value());
      if (a.requires_grad()) be.axpy(a.grad(), out.grad(), 1.0f);
      if (b.requires_grad()) be.axpy(b.grad(), out.grad(), 1.0f);
    });
  return out;
}

Var layer_norm(const Context& ctx, const Var& x, const Var& w, const Var& b, float eps) {
  Backend& be = backend_for(x.value());
  const int64_t n = x.value().numel() / x.value().dim(-1);
  Var out = output(ctx, Tensor::empty(x.shape(), x.value().device()), {&x, &w, &b});
  Tensor mean = Tensor::empty({n}, x.value().device()), rstd = Tensor::empty({n}, x.value().device());
  be.layernorm_forward(x.value(), w.value(), b.value(), eps, out.value(), mean, rstd);
  if (out.requires_grad())
    ctx.tape->record([x, w, b, out, mean, rstd] {
      // The kernel writes all three gradients; an input that needs none gets a scratch one.
      Tensor dx = x.requires_grad() ? x.grad() : Tensor::zeros(x.shape(), x.value().device());
      Tensor dw = w.requires_grad() ? w.grad() : Tensor::zeros(w.shape(), w.value().device());
      Tensor db = b.requires_grad() ? b.grad() : Tensor::zeros(b.shape(), b.value().device());
      backend_for(out.value()).layernorm_backward(out.grad(), x.value(), w.value(), mean, rstd, dx, dw, db);
    });
  return out;
}

Var gelu(const Context& ctx, const Var& x) {
  Var out = output(ctx, Tensor::empty(x.shape(), x.value().device()), {&x});
  backend_for(x.value()).gelu_forward(x.value(), out.value());
  if (out.requires_grad())
    ctx.tape->record([x, out] { backend_for(out.value()).gelu_backward(x.value(), out.grad(), x.grad()); });
  return out;
}

Var dropout(const Context& ctx, const Var& x, float p) {
  if (!ctx.training || p <= 0.0f) return x;
  GB_CHECK(p < 1.0f, "dropout probability must be below 1");
  GB_CHECK(ctx.rng, "dropout while training needs a random generator in the context");
  Backend& be = backend_for(x.value());
  Var out = output(ctx, Tensor::empty(x.shape(), x.value().device()), {&x});
  Tensor mask = Tensor::empty(x.shape(), x.value().device());
  be.dropout_forward(x.value(), p, ctx.rng->next_u64(), out.value(), mask);
  if (out.requires_grad())
    ctx.tape->record([x, out, mask] {
      Backend& be = backend_for(out.value());
      Tensor masked = Tensor::empty(mask.shape(), mask.device());
      be.mul(out.grad(), mask, masked);
      be.axpy(x.grad(), masked, 1.0f);
    });
  return out;
}

Var causal_self_attention(const Context& ctx, const Var& qkv, int64_t batch, int n_head, Tensor* probs_out) {
  const Tensor& q = qkv.value();
  GB_CHECK(q.ndim() == 2 && q.dim(1) % 3 == 0 && batch > 0 && q.dim(0) % batch == 0,
           "attention: qkv must be (B·T, 3C), not " + q.str());
  const int64_t B = batch, T = q.dim(0) / batch, C = q.dim(1) / 3;
  Var out = output(ctx, Tensor::empty({B * T, C}, q.device()), {&qkv});
  Tensor probs = Tensor::empty({B, n_head, T, T}, q.device());
  backend_for(q).attention_forward(q.reshape({B, T, 3 * C}), n_head, out.value(), probs);
  if (probs_out) *probs_out = probs;
  if (out.requires_grad())
    ctx.tape->record([qkv, out, probs, B, T, C, n_head] {
      Tensor dqkv = qkv.grad().reshape({B, T, 3 * C});
      backend_for(out.value()).attention_backward(out.grad(), qkv.value().reshape({B, T, 3 * C}), probs, n_head, dqkv);
    });
  return out;
}

Var cross_entropy(const Context& ctx, const Var& logits, std::vector<int32_t> targets) {
  Backend& be = backend_for(logits.value());
  const int64_t n = logits.value().numel() / logits.value().dim(-1);
  Tensor lse = Tensor::empty({n}, logits.value().device());
  const float loss = be.cross_entropy_forward(logits.value(), targets, lse);
  Var out = output(ctx, Tensor::full({1}, loss), {&logits});
  if (out.requires_grad())
    ctx.tape->record([logits, out, lse, targets = std::move(targets)] {
      // The loss is a host scalar; the gradient is computed where the logits live.
      backend_for(logits.value())
          .cross_entropy_backward(logits.value(), lse, targets, out.grad().item(), logits.grad());
    });
  return out;
}

Var rms_norm(const Context& ctx, const Var& x, const Var& w, float eps) {
  const int64_t n = x.value().numel() / x.value().dim(-1);
  Var out = output(ctx, Tensor::empty(x.shape(), x.value().device()), {&x, &w});
  Tensor rstd = Tensor::empty({n}, x.value().device());
  backend_for(x.value()).rmsnorm_forward(x.value(), w.value(), eps, out.value(), rstd);
  if (out.requires_grad())
    ctx.tape->record([x, w, out, rstd] {
      Tensor dx = x.requires_grad() ? x.grad() : Tensor::zeros(x.shape(), x.value().device());
      Tensor dw = w.requires_grad() ? w.grad() : Tensor::zeros(w.shape(), w.value().device());
      backend_for(out.value()).rmsnorm_backward(out.grad(), x.value(), w.value(), rstd, dx, dw);
    });
  return out;
}

Var rope(const Context& ctx, const Var& x, std::vector<int32_t> positions, int n_head, float theta) {
  Var out = output(ctx, Tensor::empty(x.shape(), x.value().device()), {&x});
  backend_for(x.value()).rope_forward(x.value(), positions, n_head, theta, out.value());
  if (out.requires_grad())
    ctx.tape->record([x, out, positions = std::move(positions), n_head, theta] {
      backend_for(out.value()).rope_backward(out.grad(), positions, n_head, theta, x.grad());
    });
  return out;
}

Var swiglu(const Context& ctx, const Var& gate, const Var& up) {
  Var out = output(ctx, Tensor::empty(gate.shape(), gate.value().device()), {&gate, &up});
  backend_for(gate.value()).swiglu_forward(gate.value(), up.value(), out.value());
  if (out.requires_grad())
    ctx.tape->record([gate, up, out] {
      Tensor dg = gate.requires_grad() ? gate.grad() : Tensor::zeros(gate.shape(), gate.value().device());
      Tensor du = up.requires_grad() ? up.grad() : Tensor::zeros(up.shape(), up.value().device());
      backend_for(out.value()).swiglu_backward(gate.value(), up.value(), out.grad(), dg, du);
    });
  return out;
}

Var grouped_query_attention(const Context& ctx, const Var& q, const Var& k, const Var& v, int64_t batch, int n_head,
                            int n_kv_head, Tensor* probs_out) {
  const Tensor& qv = q.value();
  GB_CHECK(qv.ndim() == 2 && batch > 0 && qv.dim(0) % batch == 0 && k.value().ndim() == 2 &&
               v.value().ndim() == 2 && k.value().dim(0) == qv.dim(0) && v.value().dim(0) == qv.dim(0),
           "attention: q " + qv.str() + ", k " + k.value().str() + ", v " + v.value().str() +
               " must be (B·T, channels) for batch " + std::to_string(batch));
  const int64_t B = batch, T = qv.dim(0) / batch, QC = qv.dim(1), KC = k.value().dim(1);
  Var out = output(ctx, Tensor::empty({B * T, QC}, qv.device()), {&q, &k, &v});
  Tensor probs = Tensor::empty({B, n_head, T, T}, qv.device());
  backend_for(qv).gqa_attention_forward(qv.reshape({B, T, QC}), k.value().reshape({B, T, KC}),
                                        v.value().reshape({B, T, KC}), n_head, n_kv_head,
                                        out.value(), probs);
  if (probs_out) *probs_out = probs;
  if (out.requires_grad())
    ctx.tape->record([q, k, v, out, probs, B, T, QC, KC, n_head, n_kv_head] {
      const Device d = out.value().device();
      // The kernel adds into all three; an input that needs no gradient gets a scratch one.
      Tensor dq = q.requires_grad() ? q.grad() : Tensor::zeros(q.shape(), d);
      Tensor dk = k.requires_grad() ? k.grad() : Tensor::zeros(k.shape(), d);
      Tensor dv = v.requires_grad() ? v.grad() : Tensor::zeros(v.shape(), d);
      backend_for(d).gqa_attention_backward(out.grad().reshape({B, T, QC}), q.value().reshape({B, T, QC}),
                                            k.value().reshape({B, T, KC}), v.value().reshape({B, T, KC}), probs,
                                            n_head, n_kv_head, dq, dk, dv);
    });
  return out;
}

Var reshape(const Context& ctx, const Var& x, Shape shape) {
  Var out = output(ctx, x.value().reshape(std::move(shape)), {&x});
  if (out.requires_grad())
    ctx.tape->record([x, out] { backend_for(out.value()).axpy(x.grad(), out.grad(), 1.0f); });
  return out;
}

Var scatter_rows(const Context& ctx, const Var& src, std::vector<int32_t> ids, int64_t rows) {
  Var out = output(ctx, Tensor::zeros({rows, src.value().dim(-1)}, src.value().device()), {&src});
  backend_for(src.value()).embedding_backward(ids, src.value(), out.value());  // out[ids[i]] += src[i]
  if (out.requires_grad())
    ctx.tape->record([src, out, ids = std::move(ids)] {
      Backend& be = backend_for(out.value());
      Tensor gathered = Tensor::empty(src.shape(), out.value().device());
      be.embedding_forward(ids, out.grad(), gathered);  // dsrc[i] = dout[ids[i]]
      be.axpy(src.grad(), gathered, 1.0f);
    });
  return out;
}

Var scale_rows(const Context& ctx, const Var& x, const Var& s) {
  Var out = output(ctx, Tensor::empty(x.shape(), x.value().device()), {&x, &s});
  backend_for(x.value()).scale_rows_forward(x.value(), s.value(), out.value());
  if (out.requires_grad())
    ctx.tape->record([x, s, out] {
      Tensor dx = x.requires_grad() ? x.grad() : Tensor();
      Tensor ds = s.requires_grad() ? s.grad() : Tensor();
      backend_for(out.value()).scale_rows_backward(out.grad(), x.value(), s.value(), dx, ds);
    });
  return out;
}

Routing route_top_k(const Context& ctx, const Var& logits, int k) {
  const int64_t n = logits.value().numel() / logits.value().dim(-1);
  Routing r;
  r.experts.resize(static_cast<size_t>(n * k));
  r.weights = output(ctx, Tensor::empty({n, k}, logits.value().device()), {&logits});
  backend_for(logits.value()).router_topk_forward(logits.value(), k, r.experts, r.weights.value());
  if (r.weights.requires_grad())
    ctx.tape->record([logits, w = r.weights, experts = r.experts] {
      backend_for(w.value()).router_topk_backward(w.value(), experts, w.grad(), logits.grad());
    });
  return r;
}

Var balance_loss(const Context& ctx, const Var& logits, const Tensor& coef) {
  Backend& be = backend_for(logits.value());
  Tensor probs = Tensor::empty(logits.shape(), logits.value().device());
  const float value = be.moe_balance_forward(logits.value(), coef, probs);
  Var out = output(ctx, Tensor::full({1}, value), {&logits});
  if (out.requires_grad())
    ctx.tape->record([logits, out, probs, coef] {
      backend_for(logits.value()).moe_balance_backward(probs, coef, out.grad().item(), logits.grad());
    });
  return out;
}

}  // namespace gb
