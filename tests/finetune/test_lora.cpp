// LoRA: the adapter's parameter count, its gradient against finite differences, merged and
// unmerged outputs agreeing, training that changes only A and B, and the PEFT file layout.
#include <QtTest>

#include <QTemporaryDir>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/finetune/lora.h"
#include "engine/io/atomic_file.h"
#include "engine/io/safetensors.h"
#include "engine/nn/ops.h"
#include "engine/train/optimizer.h"

using namespace gb;

namespace {

ModelConfig tiny() {
  ModelConfig c = preset("gpt-tiny");  // 2 layers, 64 wide, 2 heads
  c.vocab_size = 96;
  c.context_length = 16;
  return c;
}

std::vector<int32_t> some_ids(int n, int vocab, uint64_t seed) {
  Rng rng(seed);
  std::vector<int32_t> ids(n);
  for (int32_t& v : ids) v = static_cast<int32_t>(rng.below(vocab));
  return ids;
}

std::vector<float> logits_of(const LanguageModel& m, const std::vector<int32_t>& ids) {
  return m.forward(Context{}, ids, 2, static_cast<int64_t>(ids.size()) / 2).value().to_vector();
}

double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
  double d = 0;
  for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(static_cast<double>(a[i]) - b[i]));
  return d;
}

// B starts at zero (a fresh adapter changes nothing); tests that need a real ΔW fill it.
void randomize_b(LoraAdapter& lora, uint64_t seed) {
  Rng rng(seed);
  for (auto& [name, v] : lora.parameters())
    if (name.find("lora_B") != std::string::npos) rng.fill_normal(v.value().data(), v.value().numel(), 0.05f);
}

}  // namespace

class TestLora : public QObject {
  Q_OBJECT
 private slots:
  void countsAndTargets() {
    auto model = create_model(tiny(), 1);
    LoraConfig c;
    c.rank = 4;
    LoraAdapter lora(*model, c, 7);
    // GPT-2 defaults: c_attn (64→192), attn c_proj (64→64), c_fc (64→256), mlp c_proj (256→64)
    // in each of 2 layers; each adds r·(in + out): 4·(256 + 128 + 320 + 320) · 2 = 8192.
    QCOMPARE(lora.trainable_count(), int64_t{8192});
    QCOMPARE(lora.target_names().size(), size_t{8});
    QCOMPARE(lora.parameters()[0].first, std::string("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight"));
    QCOMPARE(lora.parameters()[0].second.value().shape(), (Shape{4, 64}));   // A (r, in)
    QCOMPARE(lora.parameters()[1].second.value().shape(), (Shape{192, 4}));  // B (out, r)
    // Only the attention: c_attn and both c_proj (PEFT matches the last name component).
    c.targets = {"c_attn"};
    QCOMPARE(LoraAdapter(*model, c).trainable_count(), int64_t{2 * 4 * (64 + 192)});
    c.targets = {"q_proj"};
    QVERIFY_THROWS_EXCEPTION(Error, LoraAdapter(*model, c));
    c.targets = {};
    c.rank = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, LoraAdapter(*model, c));
  }

  void freshAdapterChangesNothing() {
    auto model = create_model(tiny(), 2);
    const auto ids = some_ids(16, 96, 3);
    const auto before = logits_of(*model, ids);
    LoraAdapter lora(*model, {}, 5);
    lora.apply(Context{});
    QCOMPARE(max_abs_diff(before, logits_of(*model, ids)), 0.0);  // B = 0
  }

  void gradientMatchesFiniteDifferences() {
    // L = Σ G ⊙ lora_weight(W0, A, B) for a fixed G: dL/dA and dL/dB from the tape against
    // central differences, for both weight layouts.
    for (bool fifo : {true, false}) {
      Rng rng(11);
      const int64_t in = 5, out = 3, r = 2;
      Tensor w0 = Tensor::empty(fifo ? Shape{in, out} : Shape{out, in});
      rng.fill_normal(w0.data(), w0.numel(), 1.0f);
      Var a(Tensor::empty({r, in}), true), b(Tensor::empty({out, r}), true);
      rng.fill_normal(a.value().data(), a.value().numel(), 1.0f);
      rng.fill_normal(b.value().data(), b.value().numel(), 1.0f);
      Tensor g = Tensor::empty(w0.shape());
      rng.fill_normal(g.data(), g.numel(), 1.0f);
      const float s = 1.5f;
      auto objective = [&] {
        const Tensor w = lora_weight(Context{}, Var(w0), a, b, s, fifo).value();
        double sum = 0;
        for (int64_t i = 0; i < w.numel(); ++i) sum += static_cast<double>(w.data()[i]) * g.data()[i];
        return sum;
      };
      Tape tape;
      Context ctx;
      ctx.tape = &tape;
      Var w = lora_weight(ctx, Var(w0), a, b, s, fifo);
      tape.backward(w, g);
      for (Var* p : {&a, &b}) {
        for (int64_t i = 0; i < p->value().numel(); ++i) {
          float& x = p->value().data()[i];
          const float keep = x, h = 1e-2f;
          x = keep + h;
          const double up = objective();
          x = keep - h;
          const double down = objective();
          x = keep;
          QVERIFY2(std::abs((up - down) / (2 * h) - p->grad().data()[i]) < 1e-3, fifo ? "fan_in_fan_out" : "(out, in)");
        }
      }
    }
  }

  void mergedEqualsUnmerged() {
    auto model = create_model(tiny(), 3);
    const auto ids = some_ids(16, 96, 4);
    const auto base = logits_of(*model, ids);
    const Tensor w_before = model->find_parameter("h.1.mlp.c_fc.weight")->value().clone();
    LoraConfig c;
    c.rank = 4;
    c.alpha = 8;
    LoraAdapter lora(*model, c, 9);
    randomize_b(lora, 10);
    lora.apply(Context{});
    const auto unmerged = logits_of(*model, ids);
    QVERIFY(max_abs_diff(base, unmerged) > 1e-3);  // the adapter does change the output
    lora.merge();
    QVERIFY(lora.merged());
    const auto merged = logits_of(*model, ids);
    QVERIFY2(max_abs_diff(unmerged, merged) < 1e-5, "merged and unmerged logits differ");
    lora.unmerge();
    lora.restore();
    QVERIFY(max_abs_diff(base, logits_of(*model, ids)) < 1e-5);
    const Tensor& w_after = model->find_parameter("h.1.mlp.c_fc.weight")->value();
    QVERIFY(max_abs_diff(w_before.to_vector(), w_after.to_vector()) < 1e-6);
  }

  void trainingChangesOnlyTheAdapter() {
    auto model = create_model(tiny(), 4);
    std::vector<std::pair<std::string, std::vector<float>>> base;
    for (const auto& [name, v] : model->named_parameters()) base.emplace_back(name, v.value().to_vector());
    set_all_trainable(*model, false);
    LoraConfig c;
    c.rank = 4;
    LoraAdapter lora(*model, c, 12);
    std::vector<std::vector<float>> adapter_before;
    for (const auto& [name, v] : lora.parameters()) adapter_before.push_back(v.value().to_vector());
    NamedParameters params = lora.parameters();
    AdamW opt(params, {});
    const auto ids = some_ids(16, 96, 5);
    std::vector<int32_t> targets(ids.begin() + 1, ids.end());
    targets.push_back(ids[0]);
    double first = 0, last = 0;
    for (int step = 0; step < 30; ++step) {
      Tape tape;
      Context ctx;
      ctx.tape = &tape;
      lora.apply(ctx);
      Var loss = model->loss(ctx, ids, targets, 2, 8);
      (step == 0 ? first : last) = loss.value().item();
      tape.backward(loss);
      opt.step(1e-2f);
      opt.zero_grad();
    }
    lora.restore();
    QVERIFY2(last < first - 0.5, "LoRA training did not lower the loss");
    for (const auto& [name, values] : base)
      QVERIFY2(model->find_parameter(name)->value().to_vector() == values, ("base weight changed: " + name).c_str());
    size_t i = 0;
    for (const auto& [name, v] : lora.parameters())
      QVERIFY2(v.value().to_vector() != adapter_before[i++], ("adapter weight did not train: " + name).c_str());
  }

  void savesInPeftLayoutAndLoadsBack() {
    QTemporaryDir tmp;
    auto model = create_model(tiny(), 5);
    LoraConfig c;
    c.rank = 2;
    c.alpha = 4;
    c.targets = {"c_attn", "c_fc"};
    LoraAdapter lora(*model, c, 13);
    randomize_b(lora, 14);
    const std::filesystem::path dir = tmp.path().toStdString();
    lora.save(dir, "glassbox-base");
    const auto cfg = nlohmann::json::parse(read_file(dir / "adapter_config.json"));
    QCOMPARE(cfg["peft_type"].get<std::string>(), std::string("LORA"));
    QCOMPARE(cfg["r"].get<int>(), 2);
    QCOMPARE(cfg["lora_alpha"].get<double>(), 4.0);
    QCOMPARE(cfg["fan_in_fan_out"].get<bool>(), true);
    QCOMPARE(cfg["target_modules"].get<std::vector<std::string>>(), (std::vector<std::string>{"c_attn", "c_fc"}));
    const SafetensorsFile file = SafetensorsFile::open(dir / "adapter_model.safetensors");
    QCOMPARE(file.names().size(), size_t{8});  // 2 layers × 2 modules × (A, B)
    QCOMPARE(file.info("base_model.model.transformer.h.1.mlp.c_fc.lora_B.weight").shape, (Shape{256, 2}));
    LoraAdapter again(*model, LoraAdapter::read_config(dir), 99);
    again.load(dir);
    for (size_t i = 0; i < lora.parameters().size(); ++i)
      QCOMPARE(again.parameters()[i].second.value().to_vector(), lora.parameters()[i].second.value().to_vector());
  }
};

QTEST_APPLESS_MAIN(TestLora)
#include "test_lora.moc"
