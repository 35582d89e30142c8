// The proof that the engine computes GPT-2: logits, loss and every gradient of a tiny random
// GPT-2 against a PyTorch reference (tools/make_gpt2_fixture.py, tests/fixtures/README.md).
#include <QtTest>

#include <cmath>

#include "engine/io/model_dir.h"
#include "engine/io/safetensors.h"
#include "engine/nn/ops.h"

using namespace gb;

namespace {

const std::string kFixtures = GLASSBOX_FIXTURES;

// max |a - b| / max |b| over a tensor.
double rel_error(const Tensor& a, const Tensor& b) {
  double diff = 0, scale = 0;
  for (int64_t i = 0; i < b.numel(); ++i) {
    diff = std::max(diff, double(std::abs(a.data()[i] - b.data()[i])));
    scale = std::max(scale, double(std::abs(b.data()[i])));
  }
  return diff / std::max(scale, 1e-30);
}

std::vector<int32_t> ids_of(const Tensor& t) {
  std::vector<int32_t> out;
  for (float v : t.to_vector()) out.push_back(static_cast<int32_t>(v));
  return out;
}

}  // namespace

class TestPytorchReference : public QObject {
  Q_OBJECT
 private slots:
  void logitsLossAndGradientsMatch() {
    const std::string dir = kFixtures + "/gpt2-tiny";
    const std::unique_ptr<LanguageModel> owned = load_model(dir);
    LanguageModel& model = *owned;
    const SafetensorsFile expected = SafetensorsFile::open(dir + "/expected.safetensors");
    const Tensor ids = expected.read("input_ids");
    const int64_t B = ids.dim(0), T = ids.dim(1);

    Tape tape;
    Context ctx{&tape};
    Var logits = model.forward(ctx, ids_of(ids), B, T);
    Var loss = cross_entropy(ctx, logits, ids_of(expected.read("targets")));
    tape.backward(loss);

    const double logit_err = rel_error(logits.value(), expected.read("logits"));
    QVERIFY2(logit_err < 1e-4, qPrintable(QString("logits: %1").arg(logit_err)));
    const double want = expected.read("loss").item();
    QVERIFY2(std::abs(loss.value().item() - want) / want < 1e-4, qPrintable(QString::number(loss.value().item())));

    int checked = 0;
    for (const auto& [name, p] : model.named_parameters()) {
      QVERIFY2(expected.has("grad." + name), name.c_str());
      const double err = rel_error(p.grad(), expected.read("grad." + name));
      QVERIFY2(err < 1e-3, qPrintable(QString("%1: %2").arg(name.c_str()).arg(err)));
      ++checked;
    }
    QCOMPARE(checked, 2 + 2 * 12 + 2);  // every parameter of the 2-layer model
  }
  void huggingFaceLayoutInBf16Matches() {
    // transformer. prefix, lm_head.weight, attn.bias / masked_bias buffers, bf16 weights.
    const std::string dir = kFixtures + "/gpt2-tiny-hf";
    const std::unique_ptr<LanguageModel> owned = load_model(dir);
    LanguageModel& model = *owned;
    QCOMPARE(model.config().emb_dim, int64_t{48});
    QCOMPARE(model.config().n_heads, int64_t{3});
    const SafetensorsFile expected = SafetensorsFile::open(dir + "/expected.safetensors");
    const Tensor ids = expected.read("input_ids");
    Var logits = model.forward(Context{}, ids_of(ids), ids.dim(0), ids.dim(1));
    const double err = rel_error(logits.value(), expected.read("logits"));
    QVERIFY2(err < 1e-4, qPrintable(QString::number(err)));
  }
  void kvCacheMatchesTheReference() {
    const std::string dir = kFixtures + "/gpt2-tiny";
    const std::unique_ptr<LanguageModel> owned = load_model(dir);
    LanguageModel& model = *owned;
    const SafetensorsFile expected = SafetensorsFile::open(dir + "/expected.safetensors");
    const std::vector<int32_t> ids = ids_of(expected.read("input_ids"));
    const Tensor want = expected.read("logits");  // (2, 11, 97); row 0 is the first sequence
    const int64_t T = 11, V = 97;
    KVCache cache;
    for (int64_t t = 0; t < T; ++t) {
      Tensor got = model.forward_cached(std::span(ids).subspan(t, 1), cache);
      Tensor row = Tensor::from({V}, std::span<const float>(want.data() + t * V, V));
      const double err = rel_error(got, row);
      QVERIFY2(err < 1e-4, qPrintable(QString("position %1: %2").arg(t).arg(err)));
    }
  }
};

QTEST_APPLESS_MAIN(TestPytorchReference)
#include "test_pytorch_reference.moc"
