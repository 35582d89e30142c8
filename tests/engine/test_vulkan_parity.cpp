// The backend parity suite: every op of backend.h, forward and backward, on random inputs of
// awkward shapes, on the Vulkan backend against the CPU backend (the reference).
// Accumulating ops start from random gradients, so "+=" is checked, not just "=".
// Pass: max |vulkan − cpu| / max |cpu| < 1e-4 for every op and shape. The table of the worst
// error per op is printed at the end.
#include <QtTest>

#include <cstdio>
#include <map>

#ifdef GLASSBOX_HAS_VULKAN
#include "engine/backend/vulkan/vk_runtime.h"
#endif
#include "tests/engine/vulkan_test_util.h"

using namespace gb;
using namespace gb::test;

namespace {
constexpr double kTolerance = 1e-4;
const int64_t kSizes[] = {1, 3, 17, 64, 127, 257};
}  // namespace

class TestVulkanParity : public QObject {
  Q_OBJECT

  std::map<std::string, std::pair<double, std::string>> worst_;  // op → (error, shape)
  Rng rng_{1234};

  Backend& cpu() { return backend_for(Device::CPU); }
  Backend& vk() { return backend_for(Device::Vulkan); }

  Tensor rnd(Shape s, float scale = 1.0f) { return random_tensor(std::move(s), rng_, scale); }

  // Records the error of one op on one shape; fails the test past the tolerance.
  bool expect(const std::string& op, const std::string& shape, const Tensor& got, const Tensor& want) {
    const double err = relative_error(got, want);
    auto& w = worst_[op];
    if (err >= w.first) w = {err, shape};
    if (err >= kTolerance)
      qWarning("%s %s: relative error %.3g", op.c_str(), shape.c_str(), err);
    return err < kTolerance;
  }

 private slots:
  void initTestCase() {
    GB_REQUIRE_VULKAN();
#ifdef GLASSBOX_HAS_VULKAN
    // Run again by CTest as engine_test_vulkan_parity_split with bindings capped, so that
    // every op's splitting of tensors larger than one binding is checked here too.
    if (const QByteArray cap = qgetenv("GLASSBOX_VULKAN_MAX_BINDING"); !cap.isEmpty()) {
      QCOMPARE(qint64(vk::runtime().ctx.binding_limit), cap.toLongLong());
      std::fprintf(stderr, "bindings capped at %s bytes\n", cap.constData());
    }
#endif
  }

  void cleanupTestCase() {
    if (worst_.empty()) return;
    std::string worst_op;
    double worst = -1;
    std::fprintf(stderr, "\n%-24s %-22s %s\n", "op", "worst shape", "max relative error");
    for (auto& [op, e] : worst_) {
      std::fprintf(stderr, "%-24s %-22s %.3g\n", op.c_str(), e.second.c_str(), e.first);
      if (e.first > worst) worst = e.first, worst_op = op;
    }
    std::fprintf(stderr, "worst op: %s (%.3g) of %zu ops\n", worst_op.c_str(), worst, worst_.size());
  }

  void matmul() {
    const int64_t shapes[][3] = {{1, 3, 17},   {3, 17, 64},  {17, 64, 127}, {64, 127, 3},  {127, 257, 17},
                                 {1, 257, 127}, {257, 64, 1}, {1, 1, 1},    {65, 17, 129}, {2, 1, 3}};
    for (auto& s : shapes) {
      const int64_t m = s[0], k = s[1], n = s[2];
      for (int ta = 0; ta < 2; ++ta)
        for (int tb = 0; tb < 2; ++tb)
          for (float beta : {0.0f, 1.0f, 0.5f}) {
            Tensor a = ta ? rnd({k, m}) : rnd({m, k});
            Tensor b = tb ? rnd({n, k}) : rnd({k, n});
            Tensor c = rnd({m, n});
            Tensor cv = on_vulkan(c);
            cpu().matmul(a, ta, b, tb, c, beta);
            vk().matmul(on_vulkan(a), ta, on_vulkan(b), tb, cv, beta);
            const std::string op = std::string(m == 1 ? "matvec" : "matmul") + (ta ? "_ta" : "") + (tb ? "_tb" : "");
            QVERIFY(expect(op, shape_str({m, k, n}) + " b" + std::to_string(int(beta * 10)), cv, c));
          }
    }
  }

  // The matrix-vector product has variants by device feature: subgroup adds, several lanes
  // per output through shared memory, one lane per output. Reach each on this device.
  void matvec_variants() {
#ifndef GLASSBOX_HAS_VULKAN
    QSKIP("built without Vulkan");
#else
    vk::Context& ctx = vk::runtime().ctx;
    const bool subgroups = ctx.subgroup_arithmetic, vec4 = ctx.matvec_vec4;
    const uint32_t lanes = ctx.matvec_lanes;
    const struct {
      bool subgroups, vec4;
      uint32_t lanes;
      const char* name;
    } variants[] = {{subgroups, vec4, lanes, "matvec_tb_default"}, {false, false, 1, "matvec_tb_1_lane"},
                    {false, false, 16, "matvec_tb_16_lanes"}, {false, false, 64, "matvec_tb_64_lanes"},
                    {subgroups, false, lanes, "matvec_tb_subgroups"}, {false, true, 1, "matvec_tb_vec4"}};
    for (const auto& v : variants) {
      ctx.subgroup_arithmetic = v.subgroups;
      ctx.matvec_vec4 = v.vec4;
      ctx.matvec_lanes = v.lanes;
      for (int64_t k : {int64_t(1), int64_t(3), int64_t(4), int64_t(17), int64_t(64), int64_t(127), int64_t(256), int64_t(257)})
        for (int64_t n : {int64_t(1), int64_t(17), int64_t(257), int64_t(5000)}) {
          Tensor a = rnd({1, k}), b = rnd({n, k}), c = rnd({1, n});
          Tensor cv = on_vulkan(c);
          cpu().matmul(a, false, b, true, c, 1.0f);
          vk().matmul(on_vulkan(a), false, on_vulkan(b), true, cv, 1.0f);
          QVERIFY(expect(v.name, shape_str({1, k, n}), cv, c));
        }
      // A plain b (K, N) (every linear layer in generation), whole and with N a multiple of 4.
      for (int64_t k : {int64_t(1), int64_t(17), int64_t(256)})
        for (int64_t n : {int64_t(3), int64_t(4), int64_t(64), int64_t(257), int64_t(1028)}) {
          Tensor a = rnd({1, k}), b = rnd({k, n}), c = rnd({1, n});
          Tensor cv = on_vulkan(c);
          cpu().matmul(a, false, b, false, c, 0.5f);
          vk().matmul(on_vulkan(a), false, on_vulkan(b), false, cv, 0.5f);
          QVERIFY(expect(std::string(v.name) + "_plain", shape_str({1, k, n}), cv, c));
        }
    }
    ctx.subgroup_arithmetic = subgroups;
    ctx.matvec_vec4 = vec4;
    ctx.matvec_lanes = lanes;
#endif
  }

  void elementwise() {
    for (int64_t n : {int64_t(1), int64_t(3), int64_t(17), int64_t(127), int64_t(257), int64_t(257 * 65)}) {
      const std::string shape = shape_str({n});
      Tensor a = rnd({n}), b = rnd({n}), out = rnd({n}), outv = on_vulkan(out);
      const Tensor av = on_vulkan(a), bv = on_vulkan(b);
      cpu().add(a, b, out);
      vk().add(av, bv, outv);
      QVERIFY(expect("add", shape, outv, out));

      Tensor d = rnd({n}), dv = on_vulkan(d);
      cpu().axpy(d, a, -0.37f);
      vk().axpy(dv, av, -0.37f);
      QVERIFY(expect("axpy", shape, dv, d));
      cpu().scale(d, 1.7f);
      vk().scale(dv, 1.7f);
      QVERIFY(expect("scale", shape, dv, d));
      cpu().mul(a, b, out);
      vk().mul(av, bv, outv);
      QVERIFY(expect("mul", shape, outv, out));

      Tensor x = rnd({n}, 3.0f), xv = on_vulkan(x);
      cpu().gelu_forward(x, out);
      vk().gelu_forward(xv, outv);
      QVERIFY(expect("gelu_forward", shape, outv, out));
      Tensor dx = rnd({n}), dxv = on_vulkan(dx);
      cpu().gelu_backward(x, a, dx);
      vk().gelu_backward(xv, av, dxv);
      QVERIFY(expect("gelu_backward", shape, dxv, dx));

      for (float p : {0.0f, 0.1f, 0.5f}) {
        Tensor mask = Tensor::empty({n}), maskv = Tensor::empty({n}, Device::Vulkan);
        cpu().dropout_forward(x, p, 0x123456789abcdefull + n, out, mask);
        vk().dropout_forward(xv, p, 0x123456789abcdefull + n, outv, maskv);
        QVERIFY(expect("dropout_forward", shape, outv, out));
        QVERIFY(expect("dropout_mask", shape, maskv, mask));
      }
    }
  }

  void bias() {
    for (int64_t r : {int64_t(1), int64_t(17), int64_t(127)})
      for (int64_t c : kSizes) {
        const std::string shape = shape_str({r, c});
        Tensor y = rnd({r, c}), bias = rnd({c}), yv = on_vulkan(y);
        cpu().add_bias(y, bias);
        vk().add_bias(yv, on_vulkan(bias));
        QVERIFY(expect("add_bias", shape, yv, y));
        Tensor dy = rnd({r, c}), db = rnd({c}), dbv = on_vulkan(db);
        cpu().bias_backward(dy, db);
        vk().bias_backward(on_vulkan(dy), dbv);
        QVERIFY(expect("bias_backward", shape, dbv, db));
      }
  }

  void embedding() {
    for (int64_t v : {int64_t(1), int64_t(17), int64_t(257)})
      for (int64_t c : {int64_t(1), int64_t(3), int64_t(64), int64_t(127)})
        for (int64_t n : {int64_t(1), int64_t(17), int64_t(257)}) {
          std::vector<int32_t> ids(n);
          for (auto& id : ids) id = int32_t(rng_.below(uint64_t(v)));  // repeats: the scatter must add them
          std::string shape = shape_str({n, c});
          shape += " V";
          shape += std::to_string(v);
          Tensor table = rnd({v, c}), out = Tensor::empty({n, c}), outv = Tensor::empty({n, c}, Device::Vulkan);
          cpu().embedding_forward(ids, table, out);
          vk().embedding_forward(ids, on_vulkan(table), outv);
          QVERIFY(expect("embedding_forward", shape, outv, out));
          Tensor dout = rnd({n, c}), dt = rnd({v, c}), dtv = on_vulkan(dt);
          cpu().embedding_backward(ids, dout, dt);
          vk().embedding_backward(ids, on_vulkan(dout), dtv);
          QVERIFY(expect("embedding_backward", shape, dtv, dt));
        }
  }

  void layernorm() {
    for (int64_t n : {int64_t(1), int64_t(3), int64_t(17), int64_t(64)})
      for (int64_t c : kSizes) {
        const std::string shape = shape_str({n, c});
        Tensor x = rnd({n, c}, 2.0f), w = rnd({c}), b = rnd({c});
        for (int64_t i = 0; i < x.numel(); ++i) x.data()[i] += 0.5f;  // a mean that is not zero
        Tensor out = Tensor::empty({n, c}), mean = Tensor::empty({n}), rstd = Tensor::empty({n});
        Tensor outv = Tensor::empty({n, c}, Device::Vulkan), meanv = Tensor::empty({n}, Device::Vulkan),
               rstdv = Tensor::empty({n}, Device::Vulkan);
        const Tensor xv = on_vulkan(x), wv = on_vulkan(w);
        cpu().layernorm_forward(x, w, b, 1e-5f, out, mean, rstd);
        vk().layernorm_forward(xv, wv, on_vulkan(b), 1e-5f, outv, meanv, rstdv);
        if (c > 1) {  // one column: out = b exactly, rstd = 1/√eps, nothing to compare but that
          QVERIFY(expect("layernorm_forward", shape, outv, out));
          QVERIFY(expect("layernorm_mean", shape, meanv, mean));
          QVERIFY(expect("layernorm_rstd", shape, rstdv, rstd));
        }
        Tensor dout = rnd({n, c}), dx = rnd({n, c}), dw = rnd({c}), db = rnd({c});
        Tensor dxv = on_vulkan(dx), dwv = on_vulkan(dw), dbv = on_vulkan(db);
        cpu().layernorm_backward(dout, x, w, mean, rstd, dx, dw, db);
        vk().layernorm_backward(on_vulkan(dout), xv, wv, on_vulkan(mean), on_vulkan(rstd), dxv, dwv, dbv);
        QVERIFY(expect("layernorm_backward_dx", shape, dxv, dx));
        QVERIFY(expect("layernorm_backward_dw", shape, dwv, dw));
        QVERIFY(expect("layernorm_backward_db", shape, dbv, db));
      }
  }

  void attention() {
    // (B, T, C, H)
    const int64_t shapes[][4] = {{1, 1, 4, 1}, {1, 3, 12, 3}, {2, 17, 16, 2}, {1, 64, 8, 2}, {1, 127, 6, 3}, {2, 5, 64, 1}};
    for (auto& s : shapes) {
      const int64_t B = s[0], T = s[1], C = s[2], H = s[3];
      const std::string shape = shape_str({B, T, C}) + " H" + std::to_string(H);
      Tensor qkv = rnd({B, T, 3 * C});
      Tensor out = Tensor::empty({B, T, C}), probs = Tensor::empty({B, H, T, T});
      Tensor outv = Tensor::empty({B, T, C}, Device::Vulkan), probsv = Tensor::empty({B, H, T, T}, Device::Vulkan);
      const Tensor qkvv = on_vulkan(qkv);
      cpu().attention_forward(qkv, int(H), out, probs);
      vk().attention_forward(qkvv, int(H), outv, probsv);
      QVERIFY(expect("attention_forward", shape, outv, out));
      QVERIFY(expect("attention_probs", shape, probsv, probs));
      Tensor dout = rnd({B, T, C}), dqkv = rnd({B, T, 3 * C}), dqkvv = on_vulkan(dqkv);
      cpu().attention_backward(dout, qkv, probs, int(H), dqkv);
      vk().attention_backward(on_vulkan(dout), qkvv, probsv, int(H), dqkvv);
      QVERIFY(expect("attention_backward", shape, dqkvv, dqkv));
    }
  }

  void attention_decode() {
    // (context, C, H, start, n)
    const int64_t cases[][5] = {{1, 4, 1, 0, 1}, {17, 12, 3, 16, 1}, {64, 16, 2, 10, 3}, {257, 8, 2, 100, 17},
                                {127, 64, 4, 0, 127}};
    for (auto& s : cases) {
      const int64_t ctx = s[0], C = s[1], H = s[2], start = s[3], n = s[4];
      std::string shape = shape_str({ctx, C});
      shape += " start ";
      shape += std::to_string(start);
      shape += " n ";
      shape += std::to_string(n);
      Tensor q = rnd({n, C}), k = rnd({ctx, C}), v = rnd({ctx, C});
      Tensor out = Tensor::empty({n, C}), outv = Tensor::empty({n, C}, Device::Vulkan);
      cpu().attention_decode(q, k, v, start, int(H), out);
      vk().attention_decode(on_vulkan(q), on_vulkan(k), on_vulkan(v), start, int(H), outv);
      QVERIFY(expect("attention_decode", shape, outv, out));
    }
  }

  void cross_entropy() {
    for (int64_t n : {int64_t(1), int64_t(3), int64_t(17), int64_t(64)})
      for (int64_t v : {int64_t(1), int64_t(3), int64_t(17), int64_t(257), int64_t(5000)}) {
        const std::string shape = shape_str({n, v});
        Tensor logits = rnd({n, v}, 3.0f);
        std::vector<int32_t> targets(n);
        for (int64_t i = 0; i < n; ++i) targets[i] = (i % 5 == 4) ? -100 : int32_t(rng_.below(uint64_t(v)));
        Tensor lse = Tensor::empty({n}), lsev = Tensor::empty({n}, Device::Vulkan);
        const Tensor lv = on_vulkan(logits);
        const float loss = cpu().cross_entropy_forward(logits, targets, lse);
        const float lossv = vk().cross_entropy_forward(lv, targets, lsev);
        QVERIFY(expect("cross_entropy_forward", shape, Tensor::from({1}, {lossv}), Tensor::from({1}, {loss})));
        QVERIFY(expect("cross_entropy_lse", shape, lsev, lse));
        Tensor d = rnd({n, v}, 0.01f), dv = on_vulkan(d);
        cpu().cross_entropy_backward(logits, lse, targets, 0.7f, d);
        vk().cross_entropy_backward(lv, lsev, targets, 0.7f, dv);
        QVERIFY(expect("cross_entropy_backward", shape, dv, d));
      }
  }

  void sum_squares() {
    for (int64_t n : {int64_t(1), int64_t(3), int64_t(17), int64_t(4096), int64_t(4097), int64_t(257 * 257)}) {
      Tensor t = rnd({n});
      const double want = cpu().sum_squares(t), got = vk().sum_squares(on_vulkan(t));
      QVERIFY(expect("sum_squares", shape_str({n}), Tensor::from({1}, {float(got)}), Tensor::from({1}, {float(want)})));
    }
  }

  void sum_squares_all() {
    std::vector<Tensor> host, dev;
    for (int64_t n : {int64_t(1), int64_t(0), int64_t(4097), int64_t(257), int64_t(3)}) {
      host.push_back(rnd({n}));
      dev.push_back(on_vulkan(host.back()));
    }
    const double want = cpu().sum_squares_all(host), got = vk().sum_squares_all(dev);
    QVERIFY(expect("sum_squares_all", "5 tensors", Tensor::from({1}, {float(got)}), Tensor::from({1}, {float(want)})));
  }

  void adamw() {
    for (int64_t n : kSizes) {
      Tensor p = rnd({n}), g = rnd({n}), m = rnd({n}, 0.1f), v = rnd({n}, 0.1f);
      for (int64_t i = 0; i < n; ++i) v.data()[i] = std::abs(v.data()[i]);  // a second moment is ≥ 0
      Tensor pv = on_vulkan(p), mv = on_vulkan(m), vv = on_vulkan(v);
      const Tensor gv = on_vulkan(g);
      for (int64_t step = 1; step <= 3; ++step) {
        cpu().adamw_step(p, g, m, v, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step);
        vk().adamw_step(pv, gv, mv, vv, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step);
      }
      QVERIFY(expect("adamw_param", shape_str({n}), pv, p));
      QVERIFY(expect("adamw_m", shape_str({n}), mv, m));
      QVERIFY(expect("adamw_v", shape_str({n}), vv, v));
    }
  }

  // ---- The Llama family (RMSNorm, RoPE, SwiGLU, grouped-query attention, MoE routing) ----

  void rmsnorm() {
    for (int64_t n : {int64_t(1), int64_t(3), int64_t(17), int64_t(64)})
      for (int64_t c : kSizes) {
        const std::string shape = shape_str({n, c});
        Tensor x = rnd({n, c}, 2.0f), w = rnd({c});
        Tensor out = Tensor::empty({n, c}), rstd = Tensor::empty({n});
        Tensor outv = Tensor::empty({n, c}, Device::Vulkan), rstdv = Tensor::empty({n}, Device::Vulkan);
        const Tensor xv = on_vulkan(x), wv = on_vulkan(w);
        cpu().rmsnorm_forward(x, w, 1e-6f, out, rstd);
        vk().rmsnorm_forward(xv, wv, 1e-6f, outv, rstdv);
        QVERIFY(expect("rmsnorm_forward", shape, outv, out));
        QVERIFY(expect("rmsnorm_rstd", shape, rstdv, rstd));
        Tensor dout = rnd({n, c}), dx = rnd({n, c}), dw = rnd({c});
        Tensor dxv = on_vulkan(dx), dwv = on_vulkan(dw);
        cpu().rmsnorm_backward(dout, x, w, rstd, dx, dw);
        vk().rmsnorm_backward(on_vulkan(dout), xv, wv, rstdv, dxv, dwv);
        QVERIFY(expect("rmsnorm_backward_dx", shape, dxv, dx));
        QVERIFY(expect("rmsnorm_backward_dw", shape, dwv, dw));
      }
  }

  void rope() {
    // (rows, heads, head width): rows from the awkward sizes, even head widths.
    const int64_t cases[][3] = {{1, 1, 2}, {3, 3, 4}, {17, 2, 18}, {64, 4, 16}, {127, 1, 64}, {257, 2, 8}};
    for (auto& s : cases) {
      const int64_t n = s[0], H = s[1], hd = s[2];
      const std::string shape = shape_str({n, H * hd}) + " H" + std::to_string(H);
      std::vector<int32_t> pos(n);
      for (auto& p : pos) p = int32_t(rng_.below(300));  // any order, repeats allowed
      Tensor x = rnd({n, H * hd}), out = Tensor::empty({n, H * hd}), outv = Tensor::empty({n, H * hd}, Device::Vulkan);
      cpu().rope_forward(x, pos, int(H), 10000.0f, out);
      vk().rope_forward(on_vulkan(x), pos, int(H), 10000.0f, outv);
      QVERIFY(expect("rope_forward", shape, outv, out));
      Tensor dout = rnd({n, H * hd}), dx = rnd({n, H * hd}), dxv = on_vulkan(dx);
      cpu().rope_backward(dout, pos, int(H), 500000.0f, dx);
      vk().rope_backward(on_vulkan(dout), pos, int(H), 500000.0f, dxv);
      QVERIFY(expect("rope_backward", shape, dxv, dx));
    }
  }

  void swiglu_and_scale_rows() {
    for (int64_t n : kSizes)
      for (int64_t c : {int64_t(1), int64_t(17), int64_t(257)}) {
        const std::string shape = shape_str({n, c});
        Tensor g = rnd({n, c}, 3.0f), u = rnd({n, c}), out = Tensor::empty({n, c});
        Tensor outv = Tensor::empty({n, c}, Device::Vulkan);
        const Tensor gv = on_vulkan(g), uv = on_vulkan(u);
        cpu().swiglu_forward(g, u, out);
        vk().swiglu_forward(gv, uv, outv);
        QVERIFY(expect("swiglu_forward", shape, outv, out));
        Tensor dout = rnd({n, c}), dg = rnd({n, c}), du = rnd({n, c}), dgv = on_vulkan(dg), duv = on_vulkan(du);
        const Tensor doutv = on_vulkan(dout);
        cpu().swiglu_backward(g, u, dout, dg, du);
        vk().swiglu_backward(gv, uv, doutv, dgv, duv);
        QVERIFY(expect("swiglu_backward_gate", shape, dgv, dg));
        QVERIFY(expect("swiglu_backward_up", shape, duv, du));

        Tensor s = rnd({n}), sv = on_vulkan(s);
        cpu().scale_rows_forward(u, s, out);
        vk().scale_rows_forward(uv, sv, outv);
        QVERIFY(expect("scale_rows_forward", shape, outv, out));
        Tensor dx = rnd({n, c}), ds = rnd({n}), dxv = on_vulkan(dx), dsv = on_vulkan(ds);
        cpu().scale_rows_backward(dout, u, s, dx, ds);
        vk().scale_rows_backward(doutv, uv, sv, dxv, dsv);
        QVERIFY(expect("scale_rows_backward_dx", shape, dxv, dx));
        QVERIFY(expect("scale_rows_backward_ds", shape, dsv, ds));
        Tensor none;  // either gradient may be left out
        vk().scale_rows_backward(doutv, uv, sv, none, dsv);
        cpu().scale_rows_backward(dout, u, s, none, ds);
        QVERIFY(expect("scale_rows_backward_ds", shape, dsv, ds));
      }
  }

  void gqa_attention() {
    // (B, T, H, KV, hd): multi-head (KV = H), grouped, multi-query (KV = 1).
    const int64_t shapes[][5] = {{1, 1, 1, 1, 4}, {1, 3, 4, 2, 8},  {2, 17, 6, 3, 4},
                                 {1, 64, 4, 1, 16}, {1, 127, 2, 2, 8}, {1, 257, 2, 1, 4}};
    for (auto& s : shapes) {
      const int64_t B = s[0], T = s[1], H = s[2], KV = s[3], hd = s[4];
      const std::string shape = shape_str({B, T, H * hd}) + " H" + std::to_string(H) + " KV" + std::to_string(KV);
      Tensor q = rnd({B, T, H * hd}), k = rnd({B, T, KV * hd}), v = rnd({B, T, KV * hd});
      Tensor out = Tensor::empty({B, T, H * hd}), probs = Tensor::empty({B, H, T, T});
      Tensor outv = Tensor::empty({B, T, H * hd}, Device::Vulkan), probsv = Tensor::empty({B, H, T, T}, Device::Vulkan);
      const Tensor qv = on_vulkan(q), kv = on_vulkan(k), vv = on_vulkan(v);
      cpu().gqa_attention_forward(q, k, v, int(H), int(KV), out, probs);
      vk().gqa_attention_forward(qv, kv, vv, int(H), int(KV), outv, probsv);
      QVERIFY(expect("gqa_attention_forward", shape, outv, out));
      QVERIFY(expect("gqa_attention_probs", shape, probsv, probs));
      Tensor dout = rnd({B, T, H * hd}), dq = rnd({B, T, H * hd}), dk = rnd({B, T, KV * hd}), dv = rnd({B, T, KV * hd});
      Tensor dqv = on_vulkan(dq), dkv = on_vulkan(dk), dvv = on_vulkan(dv);
      cpu().gqa_attention_backward(dout, q, k, v, probs, int(H), int(KV), dq, dk, dv);
      vk().gqa_attention_backward(on_vulkan(dout), qv, kv, vv, probsv, int(H), int(KV), dqv, dkv, dvv);
      QVERIFY(expect("gqa_attention_backward_dq", shape, dqv, dq));
      QVERIFY(expect("gqa_attention_backward_dk", shape, dkv, dk));
      QVERIFY(expect("gqa_attention_backward_dv", shape, dvv, dv));

      // Decode: the last n rows of batch 0 against a cache of the first T rows.
      const int64_t n = std::min<int64_t>(T, 3), start = T - n;
      Tensor qd = q.reshape({B * T, H * hd}).slice_rows(start, T).clone();
      Tensor kc = k.reshape({B * T, KV * hd}).slice_rows(0, T).clone(), vc = v.reshape({B * T, KV * hd}).slice_rows(0, T).clone();
      Tensor od = Tensor::empty({n, H * hd}), odv = Tensor::empty({n, H * hd}, Device::Vulkan);
      cpu().gqa_attention_decode(qd, kc, vc, start, int(H), int(KV), od);
      vk().gqa_attention_decode(on_vulkan(qd), on_vulkan(kc), on_vulkan(vc), start, int(H), int(KV), odv);
      QVERIFY(expect("gqa_attention_decode", shape, odv, od));
    }
  }

  void moe_router() {
    for (int64_t n : kSizes)
      for (int64_t e : {int64_t(1), int64_t(3), int64_t(8), int64_t(17)})
        for (int k : {1, 2}) {
          if (k > e) continue;
          const std::string shape = shape_str({n, e}) + " k" + std::to_string(k);
          Tensor logits = rnd({n, e});
          std::vector<int32_t> experts(n * k), experts_v(n * k);
          Tensor w = Tensor::empty({n, k}), wv = Tensor::empty({n, k}, Device::Vulkan);
          const Tensor lv = on_vulkan(logits);
          cpu().router_topk_forward(logits, k, experts, w);
          vk().router_topk_forward(lv, k, experts_v, wv);
          QVERIFY2(experts == experts_v, ("router chose other experts at " + shape).c_str());
          QVERIFY(expect("router_topk_weights", shape, wv, w));
          Tensor dw = rnd({n, k}), dl = rnd({n, e}), dlv = on_vulkan(dl);
          cpu().router_topk_backward(w, experts, dw, dl);
          vk().router_topk_backward(wv, experts, on_vulkan(dw), dlv);
          QVERIFY(expect("router_topk_backward", shape, dlv, dl));

          Tensor coef = rnd({e}), probs = Tensor::empty({n, e}), probsv = Tensor::empty({n, e}, Device::Vulkan);
          const float want = cpu().moe_balance_forward(logits, coef, probs);
          const float got = vk().moe_balance_forward(lv, on_vulkan(coef), probsv);
          QVERIFY(expect("moe_balance_forward", shape, Tensor::from({1}, {got}), Tensor::from({1}, {want})));
          QVERIFY(expect("moe_balance_probs", shape, probsv, probs));
          Tensor d2 = rnd({n, e}), d2v = on_vulkan(d2);
          cpu().moe_balance_backward(probs, coef, 0.3f, d2);
          vk().moe_balance_backward(probsv, on_vulkan(coef), 0.3f, d2v);
          QVERIFY(expect("moe_balance_backward", shape, d2v, d2));
        }
  }
};

QTEST_GUILESS_MAIN(TestVulkanParity)
#include "test_vulkan_parity.moc"
