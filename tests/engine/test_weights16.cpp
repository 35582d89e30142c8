// Generation with 16-bit weights: the matrix-vector kernel against a plain loop (both
// layouts, both dtypes, sizes with ragged tails), and whole models whose weights are already
// 16-bit values, where the 16-bit decode path must give the f32 path's logits.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <cstring>
#include <fstream>
#include <string>
#include <tuple>

#include "engine/backend/backend.h"
#include "engine/backend/cpu/matvec16.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/generate/chat_model.h"
#include "engine/io/model_dir.h"
#include "engine/nn/gpt_model.h"
#include "engine/nn/llama_model.h"
#include "engine/train/trainer.h"

using namespace gb;

namespace {

float round_to(DType t, float v) {
  return t == DType::BF16 ? bf16_to_f32(f32_to_bf16(v)) : f16_to_f32(f32_to_f16(v));
}

// Every weight of a model rounded to 16 bits, so the f32 model and its 16-bit copy hold
// the same numbers and any difference is the kernel's.
void round_weights(LanguageModel& m, DType t) {
  for (auto& [name, v] : m.named_parameters())
    for (int64_t i = 0; i < v.value().numel(); ++i) v.value().data()[i] = round_to(t, v.value().data()[i]);
}

std::vector<float> decode_all(const LanguageModel& m, const std::vector<int32_t>& seq) {
  KVCache cache;
  std::vector<float> out;
  for (size_t t = 0; t < seq.size(); ++t) {
    const Tensor l = m.forward_cached(std::span(seq).subspan(t, 1), cache);
    out.insert(out.end(), l.data(), l.data() + l.numel());
  }
  return out;
}

double rel_diff(const std::vector<float>& a, const std::vector<float>& b) {
  double d = 0, s = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    d = std::max(d, double(std::abs(a[i] - b[i])));
    s = std::max(s, double(std::abs(b[i])));
  }
  return d / s;
}

}  // namespace

class TestWeights16 : public QObject {
  Q_OBJECT
 private slots:
  void matvecMatchesAPlainLoop() {
    Rng rng(1);
    // Shapes with tails past every vector width (32, 16, 8 values), and one tall enough for
    // the prefetches ahead of each thread's rows to be issued.
    const std::pair<int64_t, int64_t> shapes[] = {{77, 131}, {45, 75}, {300, 808}};
    for (DType t : {DType::BF16, DType::F16})
      for (bool transposed : {false, true})
        for (const auto& [rows, cols] : shapes) {
        std::vector<float> w(rows * cols), bias(transposed ? rows : cols);
        for (auto& v : w) v = round_to(t, rng.normal());
        for (auto& v : bias) v = rng.normal();
        const Weight16 p = Weight16::from_f32(w.data(), rows, cols, t);
        const int64_t k = transposed ? cols : rows, n = transposed ? rows : cols;
        std::vector<float> x(k), y(n);
        for (auto& v : x) v = rng.normal();
        matvec16(x.data(), p, transposed, bias.data(), y.data());
        for (int64_t o = 0; o < n; ++o) {
          double want = bias[o];
          for (int64_t i = 0; i < k; ++i) want += double(x[i]) * (transposed ? w[o * cols + i] : w[i * cols + o]);
          QVERIFY2(std::abs(y[o] - want) < 1e-4 * (1 + std::abs(want)),
                   qPrintable(QString("%1 %2 [%3]: %4 vs %5").arg(int(t)).arg(transposed).arg(o).arg(y[o]).arg(want)));
        }
      }
  }
  void matmulMatchesAPlainLoop() {
    // A prompt's rows at once; row counts and widths with tails past the group of four rows.
    Rng rng(2);
    for (DType t : {DType::BF16, DType::F16})
      for (const auto& [m, n, k] : {std::tuple<int64_t, int64_t, int64_t>{5, 38, 67}, {16, 129, 96}, {2, 3, 9}}) {
        std::vector<float> w(n * k), bias(n), x(m * k), y(m * n);
        for (auto& v : w) v = round_to(t, rng.normal());
        for (auto& v : bias) v = rng.normal();
        for (auto& v : x) v = rng.normal();
        matmul16(x.data(), m, Weight16::from_f32(w.data(), n, k, t), bias.data(), y.data());
        for (int64_t r = 0; r < m; ++r)
          for (int64_t o = 0; o < n; ++o) {
            double want = bias[o];
            for (int64_t i = 0; i < k; ++i) want += double(x[r * k + i]) * w[o * k + i];
            QVERIFY2(std::abs(y[r * n + o] - want) < 1e-4 * (1 + std::abs(want)),
                     qPrintable(QString("(%1, %2): %3 vs %4").arg(r).arg(o).arg(y[r * n + o]).arg(want)));
          }
      }
  }
  void sixteenBitPromptGivesTheSameLogits() {
    // The whole prompt in one forward_cached (matmul16), then one more token (matvec16).
    const std::vector<int32_t> prompt = {5, 17, 3, 40, 22, 9, 31}, next = {12};
    for (const char* name : {"gpt-tiny", "llama-tiny-gqa", "moe-tiny"})
      for (DType t : {DType::BF16, DType::F16}) {
        ModelConfig c = preset(name);
        c.vocab_size = 53;
        std::unique_ptr<LanguageModel> m = create_model(c, 5);
        round_weights(*m, t);
        KVCache c32, c16;
        const Tensor a32 = m->forward_cached(prompt, c32), b32 = m->forward_cached(next, c32);
        m->set_inference_weights(t);
        const Tensor a16 = m->forward_cached(prompt, c16), b16 = m->forward_cached(next, c16);
        const auto vec = [](const Tensor& l) { return std::vector<float>(l.data(), l.data() + l.numel()); };
        QVERIFY2(rel_diff(vec(a16), vec(a32)) < 1e-5, name);
        QVERIFY2(rel_diff(vec(b16), vec(b32)) < 1e-5, name);
      }
  }
  void sixteenBitDecodingGivesTheSameLogits() {
    // GPT-2 (x W layout, biases, a tied head) and Llama / Mixtral (x Wᵀ, untied heads).
    const std::vector<int32_t> seq = {5, 17, 3, 40, 22, 9, 31};
    for (const char* name : {"gpt-tiny", "llama-tiny-gqa", "moe-tiny"})
      for (DType t : {DType::BF16, DType::F16}) {
        ModelConfig c = preset(name);
        c.vocab_size = 53;
        std::unique_ptr<LanguageModel> m = create_model(c, 3);
        round_weights(*m, t);
        const std::vector<float> f32 = decode_all(*m, seq);
        m->set_inference_weights(t);
        QCOMPARE(m->inference_weights(), t);
        const double d = rel_diff(decode_all(*m, seq), f32);
        QVERIFY2(d < 1e-5, qPrintable(QString("%1: %2").arg(name).arg(d)));
      }
  }
  void aGenerationOnlyModelKeepsOnlySixteenBits() {
    const std::vector<int32_t> prompt = {5, 17, 3, 40, 22, 9, 31}, next = {12};
    for (const char* name : {"gpt-tiny", "llama-tiny-gqa"})
      for (DType t : {DType::BF16, DType::F16}) {
        ModelConfig c = preset(name);
        c.vocab_size = 53;
        std::unique_ptr<LanguageModel> m = create_model(c, 6);
        round_weights(*m, t);
        std::vector<std::vector<float>> before;
        int64_t matrices = 0, others = 0;  // values: matrices are streamed in 16 bits, the rest stays f32
        for (const auto& [pname, v] : m->named_parameters()) {
          before.push_back(v.value().to_vector());
          (v.value().ndim() == 2 && pname != "wpe.weight" ? matrices : others) += v.value().numel();
        }
        const int64_t params = m->parameter_count();
        QCOMPARE(m->weight_bytes(), 4 * (matrices + others));
        m->set_inference_weights(t);  // 16-bit copies beside the f32 weights: the reference
        KVCache c1, c2;
        const std::vector<float> a = m->forward_cached(prompt, c1).to_vector(), b = m->forward_cached(next, c1).to_vector();
        m->set_inference_weights(t, /*generation_only=*/true);
        QVERIFY(m->generation_only());
        QCOMPARE(m->weight_bytes(), 2 * matrices + 4 * others);
        QCOMPARE(m->parameter_count(), params);
        // The same kernels on the same numbers: the same logits (the embedding rows now come
        // from the 16-bit table, which holds the same values).
        QCOMPARE(m->forward_cached(prompt, c2).to_vector(), a);
        QCOMPARE(m->forward_cached(next, c2).to_vector(), b);
        // forward() (training, the views) has no f32 weights to read, and says so.
        try {
          m->forward(Context{}, prompt, 1, static_cast<int64_t>(prompt.size()));
          QFAIL("forward() ran on a generation-only model");
        } catch (const Error& e) {
          QVERIFY2(QString(e.what()).contains("16 bits"), e.what());
        }
        // Widened back: exactly the values it had (both layouts: GPT-2's copies are transposed).
        m->set_inference_weights(DType::F32);
        QVERIFY(!m->generation_only());
        QCOMPARE(m->weight_bytes(), 4 * (matrices + others));
        size_t i = 0;
        for (const auto& [pname, v] : m->named_parameters()) QVERIFY2(v.value().to_vector() == before[i++], pname.c_str());
      }
  }
  void aGenerationOnlyModelMovesToADevice() {
    // Moving to Vulkan widens the weights back first (the device computes in f32); staying
    // on the CPU keeps the copies as they are.
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 53;
    std::unique_ptr<LanguageModel> m = create_model(c, 11);
    round_weights(*m, DType::BF16);
    const std::vector<int32_t> seq = {5, 17, 3, 40};
    const std::vector<float> f32 = decode_all(*m, seq);
    m->set_inference_weights(DType::BF16, /*generation_only=*/true);
    const int64_t held = m->weight_bytes();
    m->to(Device::CPU);
    QVERIFY(m->generation_only());
    QCOMPARE(m->weight_bytes(), held);
    if (!backend_available(Device::Vulkan)) QSKIP("no Vulkan device");
    m->to(Device::Vulkan);
    QVERIFY(!m->generation_only());
    QCOMPARE(m->inference_weights(), DType::F32);
    const double d = rel_diff(decode_all(*m, seq), f32);
    QVERIFY2(d < 1e-4, qPrintable(QString::number(d)));
  }
  void aLongPromptOnAGenerationOnlyModel() {
    // Past 64 prompt rows the f32 product takes over, unless the f32 weights are gone: then
    // the prompt goes through matmul16 in blocks of 64 rows.
    for (const char* name : {"gpt-tiny", "moe-tiny"}) {
      ModelConfig c = preset(name);
      c.vocab_size = 53;
      c.context_length = 256;
      std::unique_ptr<LanguageModel> m = create_model(c, 8);
      round_weights(*m, DType::BF16);
      std::vector<int32_t> prompt(150);
      for (size_t i = 0; i < prompt.size(); ++i) prompt[i] = static_cast<int32_t>((i * 7 + 3) % 53);
      KVCache c32, c16;
      const std::vector<float> want = m->forward_cached(prompt, c32).to_vector();
      m->set_inference_weights(DType::BF16, /*generation_only=*/true);
      const double d = rel_diff(m->forward_cached(prompt, c16).to_vector(), want);
      QVERIFY2(d < 1e-5, qPrintable(QString("%1: %2").arg(name).arg(d)));
    }
  }
  void loadingSixteenBitsNeverHoldsTheF32Matrices() {
    // A directory stored in bf16, opened for generation: the same copies as converting a
    // loaded f32 model, every matrix of a mixture of experts included (the experts a
    // throwaway token would not have chosen too).
    for (const char* name : {"gpt-tiny", "moe-tiny"}) {
      ModelConfig c = preset(name);
      c.vocab_size = 53;
      std::unique_ptr<LanguageModel> m = create_model(c, 9);
      QTemporaryDir tmp;
      save_model(tmp.path().toStdString(), *m, nullptr, DType::BF16);
      std::unique_ptr<LanguageModel> reference = load_model(tmp.path().toStdString());
      int64_t matrices = 0, others = 0;
      for (const auto& [pname, v] : reference->named_parameters())
        (v.value().ndim() == 2 && pname != "wpe.weight" ? matrices : others) += v.value().numel();
      reference->set_inference_weights(DType::BF16, /*generation_only=*/true);
      std::unique_ptr<LanguageModel> direct = load_model(tmp.path().toStdString(), DType::BF16);
      QVERIFY(direct->generation_only());
      QCOMPARE(direct->inference_weights(), DType::BF16);
      QCOMPARE(direct->weight_bytes(), 2 * matrices + 4 * others);
      QCOMPARE(reference->weight_bytes(), direct->weight_bytes());
      const std::vector<int32_t> seq = {5, 17, 3, 40, 22, 9, 31, 2, 50};
      QCOMPARE(decode_all(*direct, seq), decode_all(*reference, seq));
    }
  }
#if defined(__linux__)
  void loadingSixteenBitsTakesSixteenBitsOfMemory() {
    // The peak resident memory while the chat opens a bf16 directory, against loading the
    // f32 model and converting it: the direct load never holds the f32 matrices (both hold
    // the 16-bit copies and, while reading, the mapped file).
    ModelConfig c = preset("gpt-tiny");
    c.vocab_size = 512;
    c.emb_dim = 256;
    c.n_heads = 4;
    c.n_layers = 24;  // 19M parameters: 76 MB in f32, in matrices of at most 1 MB
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    {
      std::unique_ptr<LanguageModel> m = create_model(c, 10);
      save_model(dir, *m, nullptr, DType::BF16);
    }
    const auto status = [](const char* key) {  // kB
      std::ifstream in("/proc/self/status");
      std::string line;
      while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stoll(line.substr(std::strlen(key)));
      return -1LL;
    };
    // Peak growth in bytes while fn runs, from a clean start.
    const auto peak_growth = [&](const std::function<void()>& fn) {
      release_cached_blocks();
      std::ofstream("/proc/self/clear_refs") << "5";  // the peak starts again from here
      const long long before = status("VmRSS:");
      if (status("VmHWM:") > before + 1024) return -1LL;
      fn();
      return (status("VmHWM:") - before) * 1024;
    };
    int64_t f32_bytes = 0, held = 0;
    const long long direct = peak_growth([&] {
      std::unique_ptr<LanguageModel> m = load_model(dir, DType::BF16);
      f32_bytes = m->parameter_count() * 4;
      held = m->weight_bytes();
    });
    const long long converted = peak_growth([&] {
      std::unique_ptr<LanguageModel> m = load_model(dir);
      m->set_inference_weights(DType::BF16, /*generation_only=*/true);
      QCOMPARE(m->weight_bytes(), held);
    });
    if (direct < 0 || converted < 0) QSKIP("this kernel cannot reset the peak resident size");
    QVERIFY2(direct < converted - f32_bytes * 35 / 100,
             qPrintable(QString("peak grew by %1 MB loading bf16 directly, %2 MB converting; %3 MB of f32 weights")
                            .arg(direct >> 20).arg(converted >> 20).arg(f32_bytes >> 20)));
  }
#endif
  void roundingIsTheOnlyDifference() {
    // Unrounded f32 weights: the 16-bit copies change logits by about bf16's precision, no more.
    ModelConfig c = preset("llama-tiny");
    c.vocab_size = 53;
    LlamaModel m(c, 4);
    const std::vector<int32_t> seq = {1, 2, 3, 4};
    const std::vector<float> f32 = decode_all(m, seq);
    m.set_inference_weights(DType::BF16);
    const double d = rel_diff(decode_all(m, seq), f32);
    QVERIFY2(d > 1e-6 && d < 3e-2, qPrintable(QString::number(d)));
  }
  void aTrainerDropsTheCopies() {
    // Also from a generation-only model: the trainer gets the f32 weights back, and trains.
    for (bool generation_only : {false, true}) {
      ModelConfig c = preset("gpt-tiny");
      c.vocab_size = 16;
      GPTModel m(c, 1);
      m.set_inference_weights(DType::BF16, generation_only);
      std::vector<int32_t> data(500);
      for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<int32_t>(i % 16);
      TrainOptions o;
      o.steps = 1;
      o.batch = 2;
      o.context = 16;
      Trainer trainer(m, o, data);
      QCOMPARE(m.inference_weights(), DType::F32);
      QVERIFY(!m.generation_only());
      QVERIFY(std::isfinite(trainer.step().loss));
    }
  }
  void aChatModelStoredInSixteenBitsGeneratesInThem() {
    const std::filesystem::path models = std::filesystem::path(GLASSBOX_SOURCE_DIR) / "resources" / "models";
    QCOMPARE(stored_matrix_dtype(models / "glassbox-chat"), DType::F16);  // tools/train_bundled_finetuned.sh: --dtype f16
    const ChatModel chat = ChatModel::load(models / "glassbox-chat");
    QCOMPARE(chat.model->inference_weights(), DType::F16);
    // Only generation reads it, so it keeps only the 16-bit copies: the matrices take half
    // their f32 bytes (the position table, norms and biases stay f32).
    QVERIFY(chat.model->generation_only());
    const int64_t f32_bytes = chat.model->parameter_count() * 4;
    QVERIFY2(chat.model->weight_bytes() < f32_bytes * 6 / 10 && chat.model->weight_bytes() > f32_bytes / 2,
             qPrintable(QString::number(chat.model->weight_bytes())));
    QTemporaryDir tmp;
    try {
      save_model(tmp.path().toStdString(), *chat.model, chat.tokenizer.get(), DType::F32);
      QFAIL("saved a generation-only model");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("generation-only") && QString(e.what()).contains(tmp.path()), e.what());
    }
    // Widened back, the same model saved in f32 keeps f32 generation.
    chat.model->set_inference_weights(DType::F32);
    save_model(tmp.path().toStdString(), *chat.model, chat.tokenizer.get(), DType::F32);
    QCOMPARE(stored_matrix_dtype(tmp.path().toStdString()), DType::F32);
    QCOMPARE(ChatModel::load(tmp.path().toStdString()).model->inference_weights(), DType::F32);
  }
};

QTEST_APPLESS_MAIN(TestWeights16)
#include "test_weights16.moc"
