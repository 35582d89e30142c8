// The architecture diagrams' numbers: a config turned into blocks must count exactly what a
// built model holds, and the published sizes of well-known models; the KV-cache formula;
// weight statistics; cached and uncached generation choose the same tokens.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/generate/kv_measure.h"
#include "engine/nn/language_model.h"
#include "engine/trace/architecture.h"

using namespace gb;
using glassbox::trace::ArchDiagram;

namespace {

const glassbox::trace::ArchBlock& find(const ArchDiagram& d, const std::string& id) {
  for (const auto& b : d.blocks)
    if (b.id == id) return b;
  throw Error("no block " + id);
}

}  // namespace

class TestArchitecture : public QObject {
  Q_OBJECT
 private slots:
  void gpt2Counts() {
    ModelConfig c = preset("gpt2-124m");
    const ArchDiagram d = describe_architecture(c, "gpt2-124m");
    QCOMPARE(d.total_parameters, int64_t{124439808});  // Hugging Face GPT-2: qkv bias, tied head
    QCOMPARE(d.active_parameters, d.total_parameters);
    QCOMPARE(find(d, "attention").parameters, int64_t{2362368});  // 768·2304 + 2304 + 768·768 + 768
    QCOMPARE(find(d, "feed_forward").parameters, int64_t{4722432});
    QCOMPARE(find(d, "lm_head").shared_with, std::string("token_embedding"));
    c.tie_weights = false;
    QCOMPARE(describe_architecture(c, "x").total_parameters, int64_t{163037184});  // + 50257·768
    c.qkv_bias = false;
    QCOMPARE(describe_architecture(c, "x").total_parameters, int64_t{163009536});  // the book's untied figure
    c.tie_weights = true;
    QCOMPARE(describe_architecture(c, "x").total_parameters, int64_t{124412160});  // the book's tied figure
  }

  void publishedLlamaFamilySizes() {
    QCOMPARE(describe_architecture(architecture_config("llama2-7b"), "").total_parameters, int64_t{6738415616});
    QCOMPARE(describe_architecture(architecture_config("tinyllama-1.1b"), "").total_parameters, int64_t{1100048384});
    QCOMPARE(describe_architecture(architecture_config("smollm2-135m"), "").total_parameters, int64_t{134515008});
    const ArchDiagram mixtral = describe_architecture(architecture_config("mixtral-8x7b"), "");
    QCOMPARE(mixtral.total_parameters, int64_t{46702792704});   // "46.7B"
    QCOMPARE(mixtral.active_parameters, int64_t{12879925248});  // "12.9B" used per token (2 of 8 experts)
    const ArchDiagram smol = describe_architecture(architecture_config("smollm2-135m"), "");
    const auto& attn = find(smol, "attention");
    QCOMPARE(attn.kv_heads, int64_t{3});
    QCOMPARE(attn.tensors[1].shape, (std::vector<int64_t>{192, 576}));  // k_proj: 3 heads × 64
    QVERIFY_THROWS_EXCEPTION(UsageError, architecture_config("gpt-5"));
  }

  void diagramMatchesABuiltModelTensorByTensor() {
    // Every tensor the diagram names exists in the model with that shape, and the counts agree.
    const ModelConfig c = preset("gpt-tiny");
    const auto model = create_model(c, 7);
    const ArchDiagram d = describe_architecture(c, "gpt-tiny");
    QCOMPARE(d.total_parameters, model->parameter_count());
    int64_t found = 0;
    for (const auto& b : d.blocks) {
      if (b.tensors.empty()) continue;
      const auto stats = block_statistics(*model, d, b.id, static_cast<int>(c.n_layers) - 1);
      QVERIFY2(stats.error.empty(), stats.error.c_str());
      QCOMPARE(stats.tensors.size(), b.tensors.size());
      for (size_t i = 0; i < b.tensors.size(); ++i) {
        QCOMPARE(stats.tensors[i].shape, b.tensors[i].shape);
        found += stats.tensors[i].count * (b.per_layer ? c.n_layers : 1);
      }
    }
    QCOMPARE(found, model->parameter_count());
  }

  void llamaFamilyDiagramsMatchBuiltModels() {
    // The Llama-family presets: every diagram tensor is in the model with as many values.
    for (const char* name : {"llama-tiny", "llama-tiny-gqa", "moe-tiny"}) {
      const ModelConfig c = preset(name);
      const auto model = create_model(c, 5);
      const ArchDiagram d = describe_architecture(c, name);
      QCOMPARE(d.family, std::string("llama"));
      QCOMPARE(d.total_parameters, model->parameter_count());
      int64_t found = 0;
      for (const auto& b : d.blocks) {
        if (b.tensors.empty()) continue;
        const auto stats = block_statistics(*model, d, b.id, 1);
        QVERIFY2(stats.error.empty(), (std::string(name) + ": " + stats.error).c_str());
        for (size_t i = 0; i < b.tensors.size(); ++i) {
          QCOMPARE(stats.tensors[i].count, b.tensors[i].copies * shape_numel(b.tensors[i].shape));
          found += stats.tensors[i].count * (b.per_layer ? c.n_layers : 1);
        }
      }
      QCOMPARE(found, model->parameter_count());
    }
    const ArchDiagram moe = describe_architecture(preset("moe-tiny"), "moe-tiny");
    QVERIFY(moe.active_parameters < moe.total_parameters);
    // 2 layers × (4 − 2) experts × 3 · 128 · 64 weights idle per token.
    QCOMPARE(moe.total_parameters - moe.active_parameters, int64_t{2 * 2 * 3 * 128 * 64});
  }

  void kvCacheFormula() {
    // Llama 2 7B, 4,096 positions, 16-bit: 2 · 32 · 32 · 128 · 4096 · 2 bytes = 2 GiB.
    QCOMPARE(kv_cache_bytes(32, 32, 128, 4096, 2), int64_t{2147483648});
    const auto v = attention_variants(architecture_config("llama2-7b"), 4096, 2);
    QCOMPARE(v.size(), size_t{3});
    QCOMPARE(v[0].name, std::string("MHA"));
    QCOMPARE(v[1].kv_heads, int64_t{8});  // heads / 4 when the model itself does not group
    QCOMPARE(v[1].kv_cache_bytes, int64_t{536870912});
    QCOMPARE(v[2].kv_cache_bytes, int64_t{67108864});  // one key-value head: 1/32 of MHA
    // A model that groups keeps its own grouping: TinyLlama's 4 key-value heads.
    QCOMPARE(attention_variants(architecture_config("tinyllama-1.1b"), 2048, 2)[1].kv_heads, int64_t{4});
    // SmolLM2: 9 query heads in 3 groups.
    QCOMPARE(attention_variants(architecture_config("smollm2-135m"), 8192, 2)[1].kv_heads, int64_t{3});
    QCOMPARE(attention_variants(preset("llama-tiny"), 64, 4)[1].kv_heads, int64_t{2});  // 4 heads: groups of 2
  }

  void statistics() {
    const auto s = value_statistics({1.0f, 2.0f, 3.0f, 4.0f}, 3);
    QCOMPARE(s.mean, 2.5);
    QVERIFY(std::fabs(s.std - std::sqrt(1.25)) < 1e-12);
    QCOMPARE(s.min, 1.0);
    QCOMPARE(s.max, 4.0);
    QCOMPARE(s.histogram, (std::vector<int64_t>{1, 1, 2}));  // bins [1,2) [2,3) [3,4]: the max is in the last

    // A fresh GPT: weights N(0, 0.02), biases 0, LayerNorm scales 1.
    const ModelConfig c = preset("gpt-tiny");
    const auto model = create_model(c, 3);
    const ArchDiagram d = describe_architecture(c, "gpt-tiny");
    const auto attn = block_statistics(*model, d, "attention", 0);
    QCOMPARE(attn.tensors[0].name, std::string("h.0.attn.c_attn.weight"));
    QVERIFY(std::fabs(attn.tensors[0].std - 0.02) < 0.002);
    QVERIFY(std::fabs(attn.tensors[0].mean) < 0.002);
    QCOMPARE(attn.tensors[1].std, 0.0);
    const auto norm = block_statistics(*model, d, "norm_1", 1);
    QCOMPARE(norm.tensors[0].mean, 1.0);
    // The tied head reads the embedding's weights.
    QCOMPARE(block_statistics(*model, d, "lm_head", 0).tensors[0].name, std::string("wte.weight"));
    QVERIFY(!block_statistics(*model, d, "nope", 0).error.empty());
  }

  void cachedAndUncachedGenerateTheSameTokens() {
    const auto model = create_model(preset("gpt-tiny"), 11);
    const auto m = measure_kv_cache(*model, {464, 5417, 318}, 8);
    QCOMPARE(m.generated.size(), size_t{8});
    QVERIFY(m.same_tokens);
    QVERIFY(m.cached_tokens_per_sec > 0 && m.uncached_tokens_per_sec > 0);
  }
};

QTEST_APPLESS_MAIN(TestArchitecture)
#include "test_architecture.moc"
