// Facts about LlamaModel that could be wrong: parameter counts of the presets, the initial
// loss, the cache against the full forward (with and without experts), a save/load round
// trip, the LanguageModel interface (find_parameter, hidden), the config.json it reads and
// refuses, and that the presets learn through the ordinary Trainer.
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/model_dir.h"
#include "engine/io/safetensors.h"
#include "engine/nn/forward_trace.h"
#include "engine/nn/llama_model.h"
#include "engine/nn/ops.h"
#include "engine/train/trainer.h"

using namespace gb;
namespace fs = std::filesystem;

namespace {

ModelConfig small(const std::string& name, int64_t vocab = 61) {
  ModelConfig c = preset(name);
  c.vocab_size = vocab;
  return c;
}

std::vector<int32_t> tokens(int64_t n, int64_t vocab, uint64_t seed) {
  Rng rng(seed);
  std::vector<int32_t> out(n);
  for (auto& t : out) t = static_cast<int32_t>(rng.below(vocab));
  return out;
}

double max_abs_diff(const Tensor& a, const Tensor& b) {
  double d = 0;
  for (int64_t i = 0; i < a.numel(); ++i) d = std::max(d, double(std::abs(a.data()[i] - b.data()[i])));
  return d;
}

struct TempDir {
  fs::path path;
  explicit TempDir(const char* name) : path(fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

class TestLlamaModel : public QObject {
  Q_OBJECT
 private slots:
  void presetParameterCounts() {
    // llama-tiny: embeddings and untied head 2 · 50257 · 64 = 6,432,896; per layer two norms
    // (128), q k v o (4 · 64 · 64 = 16,384), SwiGLU (3 · 64 · 176 = 33,792); final norm 64.
    QCOMPARE(preset("llama-tiny").parameter_count(), int64_t{6432896 + 2 * (128 + 16384 + 33792) + 64});
    // llama-tiny-gqa: k and v shrink to 64 · 32 each.
    QCOMPARE(preset("llama-tiny-gqa").parameter_count(), int64_t{6432896 + 2 * (128 + 12288 + 33792) + 64});
    // moe-tiny: a router (4 · 64) and 4 experts of 3 · 64 · 128.
    QCOMPARE(preset("moe-tiny").parameter_count(),
             int64_t{6432896 + 2 * (128 + 12288 + 256 + 4 * 24576) + 64});
    for (const char* name : {"llama-tiny", "llama-tiny-gqa", "moe-tiny"}) {
      LlamaModel model(preset(name), 1);
      QCOMPARE(model.parameter_count(), preset(name).parameter_count());
    }
  }
  void initialLossIsLnV() {
    for (const char* name : {"llama-tiny", "moe-tiny"}) {
      LlamaModel model(preset(name), 2);
      const auto ids = tokens(2 * 32, 50257, 3), targets = tokens(2 * 32, 50257, 4);
      const float loss = model.loss(Context{}, ids, targets, 2, 32).value().item();
      QVERIFY2(std::abs(loss - std::log(50257.0f)) < 0.1f, qPrintable(QString("%1: %2").arg(name).arg(loss)));
    }
  }
  void cacheMatchesTheFullForward() {
    // A prompt of 5, then one token at a time, for dense, grouped and mixture-of-experts
    // models; the cache starts small and must grow past its first allocation.
    for (const char* name : {"llama-tiny", "llama-tiny-gqa", "moe-tiny"}) {
      ModelConfig c = small(name);
      c.context_length = 300;  // past the cache's first 256 rows
      LlamaModel model(c, 5);
      const auto seq = tokens(262, c.vocab_size, 6);
      Var full = model.forward(Context{}, seq, 1, 262);
      KVCache cache;
      Tensor got = model.forward_cached(std::span(seq).first(5), cache);
      for (int64_t t = 4; t < 262; ++t) {
        const double d = max_abs_diff(got, full.value().slice_rows(t, t + 1));
        QVERIFY2(d < 1e-4, qPrintable(QString("%1 position %2: %3").arg(name).arg(t).arg(d)));
        if (t + 1 < 262) got = model.forward_cached(std::span(seq).subspan(t + 1, 1), cache);
      }
      QVERIFY(cache.keys[0].dim(0) >= 262);
      QCOMPARE(cache.keys[0].dim(1), c.kv_heads() * c.head_dim());
    }
  }
  void saveAndLoadRoundTrip() {
    TempDir dir("glassbox-llama-roundtrip");
    ModelConfig c = small("moe-tiny");
    LlamaModel model(c, 7);
    save_model(dir.path, model);
    const std::unique_ptr<LanguageModel> back = load_model(dir.path);
    QCOMPARE(back->config().model_type, std::string("mixtral"));
    QCOMPARE(back->config().n_experts, int64_t{4});
    const auto ids = tokens(12, c.vocab_size, 8);
    QCOMPARE(back->forward(Context{}, ids, 2, 6).value().to_vector(),
             model.forward(Context{}, ids, 2, 6).value().to_vector());
    // The names are Hugging Face's, so transformers' MixtralForCausalLM reads the file too.
    const SafetensorsFile file = SafetensorsFile::open(dir.path / "model.safetensors");
    QVERIFY(file.has("model.layers.1.block_sparse_moe.experts.3.w2.weight"));
    QCOMPARE(file.info("model.layers.0.self_attn.k_proj.weight").shape, (Shape{32, 64}));
  }
  void badTensorsAreNamed() {
    TempDir dir("glassbox-llama-bad");
    LlamaModel model(small("llama-tiny"), 1);
    save_model(dir.path, model);
    // An extra tensor the model does not have: named in the one-line error.
    std::vector<std::pair<std::string, Tensor>> tensors;
    for (const auto& [n, p] : model.named_parameters()) tensors.emplace_back(n, p.value());
    tensors.emplace_back("model.layers.0.mlp.extra.weight", Tensor::zeros({2}));
    save_safetensors(dir.path / "model.safetensors", tensors);
    try {
      load_model(dir.path);
      QFAIL("loaded a file with an unknown tensor");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("model.layers.0.mlp.extra.weight") != std::string::npos, e.what());
    }
    // An architecture it does not know.
    write_file_atomic(dir.path / "config.json", R"({"model_type": "falcon", "vocab_size": 10})");
    try {
      load_model(dir.path);
      QFAIL("loaded an unknown architecture");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("falcon") != std::string::npos, e.what());
    }
  }
  void configJson() {
    ModelConfig c = preset("llama-tiny-gqa");
    const ModelConfig back = ModelConfig::from_json(c.to_json(), "test");
    QCOMPARE(back.kv_heads(), int64_t{2});
    QCOMPARE(back.ff_dim, int64_t{176});
    QCOMPARE(back.tie_weights, false);
    QCOMPARE(back.parameter_count(), c.parameter_count());
    const std::string base = R"({"model_type": "llama", "vocab_size": 100, "hidden_size": 32, "intermediate_size": 64,
      "num_hidden_layers": 1, "num_attention_heads": 4, "max_position_embeddings": 64)";
    QCOMPARE(ModelConfig::from_json(base + "}", "c").kv_heads(), int64_t{4});  // absent: multi-head
    // What Glassbox does not compute is refused by name, not silently computed differently.
    for (const char* extra : {R"(, "attention_bias": true})", R"(, "hidden_act": "gelu"})",
                              R"(, "rope_scaling": {"type": "linear", "factor": 2.0}})",
                              R"(, "num_key_value_heads": 3})"}) {
      try {
        ModelConfig::from_json(base + extra, "cfg.json");
        QFAIL(extra);
      } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).rfind("cfg.json: ", 0) == 0, e.what());
      }
    }
    // Mistral's sliding window bounds the context (attention is full inside it).
    QCOMPARE(ModelConfig::from_json(R"({"model_type": "mistral", "vocab_size": 100, "hidden_size": 32,
      "intermediate_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 1,
      "max_position_embeddings": 32768, "sliding_window": 4096})", "m").context_length, int64_t{4096});
  }
  void interface() {
    LlamaModel model(small("llama-tiny"), 3);
    LanguageModel& m = model;
    const auto ids = tokens(8, 61, 9);
    // hidden() is what the head reads: (B·T, C) after the final norm.
    Var h = m.hidden(Context{}, ids, 2, 4);
    QCOMPARE(h.shape(), (Shape{8, 64}));
    QCOMPARE(m.head(Context{}, h).value().to_vector(), m.forward(Context{}, ids, 2, 4).value().to_vector());
    // find_parameter gives the model's own slot: what is put there is what it computes with.
    Var* w = m.find_parameter("model.layers.1.self_attn.o_proj.weight");
    QVERIFY(w && w->value().data() == model.blocks[1].self_attn.o_proj.value().data());
    QVERIFY(!m.find_parameter("h.0.attn.c_attn.weight"));
    *w = Var(Tensor::zeros(w->shape()), true);
    QCOMPARE(model.blocks[1].self_attn.o_proj.value().data()[0], 0.0f);
  }
  void routerChoicesAreTraced() {
    LlamaModel model(small("moe-tiny"), 4);
    ForwardTrace trace;
    Context ctx;
    ctx.trace = &trace;
    model.forward(ctx, tokens(10, 61, 10), 2, 5);
    QCOMPARE(trace.attention.size(), size_t{2});
    QCOMPARE(trace.attention[0].shape(), (Shape{2, 4, 5, 5}));
    QCOMPARE(trace.router.size(), size_t{2});
    for (const RouterChoices& r : trace.router) {
      QCOMPARE(r.experts.size(), size_t{20});
      for (int64_t t = 0; t < 10; ++t) {
        QVERIFY(r.experts[2 * t] != r.experts[2 * t + 1]);
        const float w0 = r.weights.data()[2 * t], w1 = r.weights.data()[2 * t + 1];
        QVERIFY(std::abs(w0 + w1 - 1.0f) < 1e-6f && w0 >= w1);  // best first, softmax over the two
        QVERIFY(r.probs.data()[t * 4 + r.experts[2 * t]] >= r.probs.data()[t * 4 + r.experts[2 * t + 1]]);
      }
    }
    // A dense model records no router.
    LlamaModel dense(small("llama-tiny"), 4);
    dense.forward(ctx, tokens(10, 61, 10), 2, 5);
    QVERIFY(trace.router.empty());
  }
  void presetsLearn() {
    // A repeating pattern of 12 tokens: 30 steps take every preset well below ln V.
    std::vector<int32_t> data(3000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<int32_t>((i * 7) % 12);
    for (const char* name : {"llama-tiny", "llama-tiny-gqa", "moe-tiny"}) {
      LlamaModel model(small(name, 16), 1);
      TrainOptions o;
      o.steps = 30;
      o.batch = 4;
      o.context = 32;
      o.lr = 3e-3f;
      o.eval_every = 0;
      Trainer trainer(model, o, data);
      double first = 0, last = 0;
      for (int i = 0; i < 30; ++i) {
        const StepLog log = trainer.step();
        if (i == 0) first = log.loss;
        last = log.loss;
        QVERIFY(std::isfinite(log.grad_norm) && log.grad_norm < 100);
      }
      QVERIFY2(last < 0.5 * first, qPrintable(QString("%1: %2 → %3").arg(name).arg(first).arg(last)));
    }
  }
};

QTEST_APPLESS_MAIN(TestLlamaModel)
#include "test_llama_model.moc"
