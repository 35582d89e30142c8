// The proof that the engine computes the Llama family: three tiny random models written by
// tools/make_llama_fixture.py (a PyTorch reference, tools/torch_llama.py) in the Hugging
// Face layout, opened with load_model, matched logit for logit (1e-4 relative), loss and
// gradient for gradient (1e-3), on the CPU and, where the device implements the ops, on Vulkan.
#include <QtTest>

#include <cmath>

#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/io/model_dir.h"
#include "engine/io/safetensors.h"
#include "engine/nn/forward_trace.h"
#include "engine/nn/llama_model.h"
#include "engine/nn/ops.h"

using namespace gb;

namespace {

const std::string kFixtures = GLASSBOX_FIXTURES;

// max |a - b| / max |b| over a tensor.
double rel_error(const Tensor& got, const Tensor& want) {
  const std::vector<float> a = got.to_vector(), b = want.to_vector();
  double diff = 0, scale = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    diff = std::max(diff, double(std::abs(a[i] - b[i])));
    scale = std::max(scale, double(std::abs(b[i])));
  }
  return diff / std::max(scale, 1e-30);
}

std::vector<int32_t> ids_of(const Tensor& t) {
  std::vector<int32_t> out;
  for (float v : t.to_vector()) out.push_back(static_cast<int32_t>(v));
  return out;
}

// Logits, loss and every parameter gradient of a model against expected.safetensors; the
// loss is the model's own loss() in training mode (Mixtral adds its balance term there).
void check_training_numbers(LanguageModel& model, const SafetensorsFile& expected, const char* loss_name,
                            int parameters) {
  const Tensor ids = expected.read("input_ids"), targets = expected.read("targets");
  Tape tape;
  Context ctx{&tape, true};
  Var logits = model.forward(Context{}, ids_of(ids), ids.dim(0), ids.dim(1));
  const double logit_err = rel_error(logits.value(), expected.read("logits"));
  QVERIFY2(logit_err < 1e-4, qPrintable(QString("logits: %1").arg(logit_err)));
  Var loss = model.loss(ctx, ids_of(ids), ids_of(targets), ids.dim(0), ids.dim(1));
  tape.backward(loss);
  const double want = expected.read(loss_name).item();
  QVERIFY2(std::abs(loss.value().item() - want) / want < 1e-4,
           qPrintable(QString("loss %1, want %2").arg(loss.value().item()).arg(want)));
  int checked = 0;
  for (const auto& [name, p] : model.named_parameters()) {
    QVERIFY2(expected.has("grad." + name), name.c_str());
    const double err = rel_error(p.grad(), expected.read("grad." + name));
    QVERIFY2(err < 1e-3, qPrintable(QString("%1: %2").arg(name.c_str()).arg(err)));
    ++checked;
  }
  QCOMPARE(checked, parameters);
}

// Token by token through the KV cache: each step's logits are the full forward's row.
void check_cache(const LanguageModel& model, const SafetensorsFile& expected) {
  const std::vector<int32_t> ids = ids_of(expected.read("input_ids"));
  const Tensor want = expected.read("logits");  // (B, T, V); row 0 is the first sequence
  const int64_t T = want.dim(1), V = want.dim(2);
  KVCache cache;
  for (int64_t t = 0; t < T; ++t) {
    Tensor got = model.forward_cached(std::span(ids).subspan(t, 1), cache);
    Tensor row = Tensor::from({V}, std::span<const float>(want.data() + t * V, V));
    const double err = rel_error(got, row);
    QVERIFY2(err < 1e-4, qPrintable(QString("position %1: %2").arg(t).arg(err)));
  }
  QCOMPARE(cache.length, T);
}

const char* kDirs[] = {"llama-tiny-gqa", "mistral-tiny-mqa-bf16", "mixtral-tiny"};

}  // namespace

class TestLlamaReference : public QObject {
  Q_OBJECT
 private slots:
  void groupedQueryLlamaMatches() {
    // Sharded f32 (model.safetensors.index.json), untied head, RoPE θ = 500, 4 heads on 2 kv.
    const std::string dir = kFixtures + "/llama-tiny-gqa";
    const std::unique_ptr<LanguageModel> model = load_model(dir);
    QCOMPARE(model->config().model_type, std::string("llama"));
    QCOMPARE(model->config().kv_heads(), int64_t{2});
    QCOMPARE(model->config().rope_theta, 500.0f);
    check_training_numbers(*model, SafetensorsFile::open(dir + "/expected.safetensors"), "loss",
                           1 + 2 * 9 + 1 + 1);  // embeddings, 9 per layer, norm, lm_head
  }
  void multiQueryMistralInBf16Matches() {
    // bf16 weights, a tied head, one key/value head, rotary_emb.inv_freq buffers to ignore.
    const std::string dir = kFixtures + "/mistral-tiny-mqa-bf16";
    const std::unique_ptr<LanguageModel> model = load_model(dir);
    QCOMPARE(model->config().kv_heads(), int64_t{1});
    QVERIFY(model->config().tie_weights);
    QVERIFY(!model->find_parameter("lm_head.weight"));
    const SafetensorsFile expected = SafetensorsFile::open(dir + "/expected.safetensors");
    const Tensor ids = expected.read("input_ids");
    Var logits = model->forward(Context{}, ids_of(ids), 1, ids.dim(1));
    const double err = rel_error(logits.value(), expected.read("logits"));
    QVERIFY2(err < 1e-4, qPrintable(QString::number(err)));
  }
  void mixtralMatches() {
    // Logits, cross-entropy, the load-balancing loss, and the gradients of
    // ce + 0.02 · aux through the router's top-2 choice.
    const std::string dir = kFixtures + "/mixtral-tiny";
    const std::unique_ptr<LanguageModel> model = load_model(dir);
    const auto& llama = dynamic_cast<const LlamaModel&>(*model);
    const SafetensorsFile expected = SafetensorsFile::open(dir + "/expected.safetensors");
    const Tensor ids = expected.read("input_ids"), targets = expected.read("targets");
    const int64_t B = ids.dim(0), T = ids.dim(1);

    Var ce = cross_entropy(Context{}, model->forward(Context{}, ids_of(ids), B, T), ids_of(targets));
    QVERIFY(std::abs(ce.value().item() - expected.read("loss").item()) / expected.read("loss").item() < 1e-4);
    const float aux = llama.balance_loss(Context{}, ids_of(ids), B, T).value().item();
    const float want_aux = expected.read("aux_loss").item();
    QVERIFY2(std::abs(aux - want_aux) / want_aux < 1e-4, qPrintable(QString("aux %1, want %2").arg(aux).arg(want_aux)));

    // The trace holds every token's two experts; counted over both layers they are PyTorch's.
    ForwardTrace trace;
    Context traced;
    traced.trace = &trace;
    model->forward(traced, ids_of(ids), B, T);
    QCOMPARE(trace.router.size(), size_t{2});
    std::vector<float> counts(4, 0.0f);
    for (const RouterChoices& r : trace.router) {
      QCOMPARE(r.k, int64_t{2});
      QCOMPARE(r.experts.size(), size_t(B * T * 2));
      QCOMPARE(r.probs.shape(), (Shape{B * T, 4}));
      for (int32_t e : r.experts) counts[e] += 1.0f;
    }
    QCOMPARE(counts, expected.read("expert_counts").to_vector());

    check_training_numbers(*model, expected, "total_loss", 1 + 2 * (6 + 1 + 4 * 3) + 1 + 1);
  }
  void kvCacheMatchesEveryArchitecture() {
    for (const char* name : kDirs) {
      const std::string dir = kFixtures + "/" + name;
      check_cache(*load_model(dir), SafetensorsFile::open(dir + "/expected.safetensors"));
    }
  }
  void vulkanMatchesWhereItHasTheOps() {
    std::string why;
    if (!backend_available(Device::Vulkan, &why)) QSKIP(qPrintable(QString::fromStdString(why)));
    for (const char* name : kDirs) {
      const std::string dir = kFixtures + "/" + name;
      const std::unique_ptr<LanguageModel> model = load_model(dir);
      model->to(Device::Vulkan);
      const SafetensorsFile expected = SafetensorsFile::open(dir + "/expected.safetensors");
      const Tensor ids = expected.read("input_ids");
      Tensor logits;
      try {
        logits = model->forward(Context{}, ids_of(ids), ids.dim(0), ids.dim(1)).value().to(Device::CPU);
      } catch (const UsageError& e) {  // the backend says which op it lacks
        QSKIP(e.what());
      }
      const double err = rel_error(logits, expected.read("logits"));
      QVERIFY2(err < 1e-4, qPrintable(QString("%1 on Vulkan: %2").arg(name).arg(err)));
      check_cache(*model, expected);
    }
  }
};

QTEST_APPLESS_MAIN(TestLlamaReference)
#include "test_llama_reference.moc"
