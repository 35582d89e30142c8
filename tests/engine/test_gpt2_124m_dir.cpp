// A GPT-2 124M directory in the Hugging Face layout opens and generates: the test writes a
// random one of exactly that size the way GPT2LMHeadModel.save_pretrained shards one
// ("transformer." names, lm_head.weight repeating the tied embedding, the attn.bias causal
// mask buffers, f16 weights in two shards with model.safetensors.index.json), then opens it
// with load_model, checks what it read, and generates with and without the KV cache.
#include <QtTest>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "engine/generate/sampling.h"
#include "engine/io/atomic_file.h"
#include "engine/io/dtype.h"
#include "engine/io/model_dir.h"
#include "engine/io/safetensors.h"
#include "engine/nn/gpt_model.h"

using namespace gb;
namespace fs = std::filesystem;

class TestGpt2124mDir : public QObject {
  Q_OBJECT
 private slots:
  void opensAndGenerates() {
    const fs::path dir = fs::temp_directory_path() / ("glassbox-gpt2-124m-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const ModelConfig config = preset("gpt2-124m");
    float first_wte = 0, last_proj = 0;
    {
      GPTModel source(config, 11);
      first_wte = f16_to_f32(f32_to_f16(source.wte.value().data()[0]));
      const Tensor& proj = source.blocks[11].mlp.c_proj_weight.value();
      last_proj = f16_to_f32(f32_to_f16(proj.data()[proj.numel() - 1]));
      std::vector<std::pair<std::string, Tensor>> first, second;
      for (const auto& [name, p] : source.named_parameters()) {
        // Blocks 0–5 and the embeddings in shard 1, the rest in shard 2.
        const bool early = name.rfind("h.", 0) != 0 || std::stoi(name.substr(2)) < 6;
        (early ? first : second).emplace_back("transformer." + name, p.value());
      }
      second.emplace_back("lm_head.weight", source.wte.value());
      const Tensor mask = Tensor::zeros({1, 1, 1, 1});  // stands in for the (1,1,1024,1024) bool buffer
      for (int l = 0; l < 12; ++l) second.emplace_back("transformer.h." + std::to_string(l) + ".attn.bias", mask);
      nlohmann::json map;
      for (const auto& [n, t] : first) map[n] = "model-00001-of-00002.safetensors";
      for (const auto& [n, t] : second) map[n] = "model-00002-of-00002.safetensors";
      save_safetensors(dir / "model-00001-of-00002.safetensors", first, {{"format", "pt"}}, DType::F16);
      save_safetensors(dir / "model-00002-of-00002.safetensors", second, {{"format", "pt"}}, DType::F16);
      write_file_atomic(dir / "model.safetensors.index.json",
                        nlohmann::json{{"metadata", {{"total_size", 248879616}}}, {"weight_map", map}}.dump(1));
      write_file_atomic(dir / "config.json", config.to_json());
    }

    const std::unique_ptr<LanguageModel> model = load_model(dir);
    QCOMPARE(model->parameter_count(), int64_t{124439808});
    QCOMPARE(model->find_parameter("wte.weight")->value().data()[0], first_wte);
    const Tensor& proj = model->find_parameter("h.11.mlp.c_proj.weight")->value();
    QCOMPARE(proj.data()[proj.numel() - 1], last_proj);

    const std::vector<int32_t> prompt = {464, 5417, 373, 257, 922, 1110, 11, 290};
    SamplingOptions o;
    o.temperature = 0.0f;
    o.max_new_tokens = 6;
    const std::vector<int32_t> cached = generate(*model, prompt, o);
    o.use_cache = false;
    const std::vector<int32_t> recomputed = generate(*model, prompt, o);
    QCOMPARE(cached.size(), size_t{6});
    QCOMPARE(cached, recomputed);
    for (int32_t id : cached) QVERIFY(id >= 0 && id < 50257);
    fs::remove_all(dir);
  }
};

QTEST_APPLESS_MAIN(TestGpt2124mDir)
#include "test_gpt2_124m_dir.moc"
