// The app's engine-backed DataSource answers with what the engine computes: the real
// tokenizers' ids, a model's attention and next-token probabilities (checked against a
// forward pass of the same model loaded independently), its embedding rows, the engine's
// BPE trainer and a real training run. Open model… errors name the file and keep the model.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "app/engine_data_source.h"
#include "app/model_paths.h"
#include "engine/core/error.h"
#include "engine/io/model_dir.h"
#include "engine/nn/gpt_model.h"
#include "engine/tokenizer/tokenizer.h"

using namespace glassbox::app;
using namespace glassbox;

namespace {

template <class T>
T answer(const std::function<void(std::function<void(T)>)>& ask) {
  T out{};
  ask([&out](T r) { out = std::move(r); });
  return out;
}

std::vector<int> ids(const std::vector<trace::TokenSpan>& spans) {
  std::vector<int> out;
  for (const auto& s : spans) out.push_back(s.id);
  return out;
}

// A gpt-tiny model with GPT-2's tokenizer saved as a model directory.
void saveTinyModel(const QString& dir) {
  gb::GPTModel model(gb::preset("gpt-tiny"), 42);
  const auto tokenizer = gb::load_tokenizer("gpt2");
  gb::save_model(dir.toStdString(), model, tokenizer.get());
}

QString failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class TestEngineDataSource : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    // No bundled model here, whatever the checkout holds: the random model is pinned.
    qputenv("GLASSBOX_MODELS", QByteArray(QDir::tempPath().toUtf8() + "/glassbox-no-models"));
    QVERIFY(findBundledModel().isEmpty());
  }

  void randomModelIsUsedAndSaidSo() {
    EngineDataSource data;
    QVERIFY(data.isRandomModel());  // before anything loaded
    QVERIFY(data.loadDefaultModel().isEmpty());
    QVERIFY(data.hasModel());
    QVERIFY(data.isRandomModel());
    QVERIFY(data.modelName().contains(QStringLiteral("random")));
    const ModelInfo info = data.info();
    QCOMPARE(info.layers, 4);
    QCOMPARE(info.heads, 4);
    QCOMPARE(info.context, 1024);
    QCOMPARE(info.vocab, 50257);
    QCOMPARE(info.tokenizer, std::string("gpt2"));
    QVERIFY(info.device.rfind("CPU", 0) == 0);
  }

  // The architecture views read the loaded model through withModel: before a model is
  // loaded they get nothing; after, the model itself (its parameter count) and its tokenizer.
  void withModelHandsOverTheLoadedModel() {
    EngineDataSource data;
    bool called = false;
    data.withModel([&](const ModelAccess& m) { called = !m.model && !m.tokenizer; }, [] {});
    QVERIFY(called);
    QVERIFY(data.loadDefaultModel().isEmpty());
    std::int64_t params = 0, vocab = 0;
    data.withModel([&](const ModelAccess& m) {
      if (m.model) params = m.model->parameter_count();
      if (m.tokenizer) vocab = m.tokenizer->vocab_size();
    }, [] {});
    QCOMPARE(params, data.info().parameters);
    QCOMPARE(vocab, std::int64_t(50257));
  }

  void tokenizersGiveTheOriginalIds() {
    EngineDataSource data;
    auto tok = [&](const char* name, const QString& text) {
      return ids(answer<std::vector<trace::TokenSpan>>([&](auto done) { data.tokenize(text, QString::fromLatin1(name), done); }));
    };
    QCOMPARE(tok("gpt2", QStringLiteral("Hello world")), (std::vector<int>{15496, 995}));
    QCOMPARE(tok("gpt2-style", QStringLiteral("Hello world")), (std::vector<int>{15496, 995}));
    QCOMPARE(tok("cl100k_base", QStringLiteral("Hello world")), (std::vector<int>{9906, 1917}));
    // The book's simple tokenizer numbers this text's words in sorted order.
    QCOMPARE(tok("words", QStringLiteral("the cat the dog")), (std::vector<int>{2, 0, 2, 1}));
    QCOMPARE(tok("bytes", QStringLiteral("안")), (std::vector<int>{0xEC, 0x95, 0x88}));
    QCOMPARE(tok("chars", QStringLiteral("a안")), (std::vector<int>{'a', 0xC548}));
  }

  void compareRunsEveryTokenizerAndNamesTheOnesThatCannotRun() {
    EngineDataSource data;
    data.setLearnerCorpus(QStringLiteral("the cat sat on the mat. the cat sat there. 고양이가 앉았다. ").repeated(20));
    const QString probe = QStringLiteral("English and CAPITALIZATION, 🎵 鸟, show_tokens False None elif == >= else: two tabs, 12.0*50=600");
    const QStringList names = {QStringLiteral("gpt2"), QStringLiteral("cl100k_base"), QStringLiteral("o200k_base"),
                               QStringLiteral("bert-base-uncased"), QStringLiteral("mistral"), QStringLiteral("qwen3"),
                               QStringLiteral("learner-bpe"), QStringLiteral("no-such-tokenizer")};
    const auto runs = answer<std::vector<trace::TokenizerRun>>([&](auto done) { data.compareTokenizers(probe, names, done); });
    QCOMPARE(runs.size(), static_cast<std::size_t>(names.size()));
    const std::string text = probe.toStdString();
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
      QVERIFY2(runs[i].error.empty(), runs[i].error.c_str());
      QVERIFY2(!runs[i].tokens.empty(), runs[i].name.c_str());
      QVERIFY(runs[i].vocab_size > 0);
      QVERIFY(runs[i].label != runs[i].name || runs[i].name == "qwen3");
    }
    QCOMPARE(runs[0].vocab_size, 50257);
    // The learner's BPE stops early on a short corpus (no pair left twice) but learned merges.
    QVERIFY(runs[6].vocab_size > 256 && runs[6].vocab_size <= EngineDataSource::kLearnerBpeVocab);
    // Byte-level tokenizers cover the text exactly: their bytes put together are the text.
    for (std::size_t i : {0u, 1u, 2u, 6u}) {
      std::string joined;
      for (const auto& t : runs[i].tokens) joined += t.text;
      QCOMPARE(joined, text);
    }
    // A vocabulary built for code and many languages needs fewer tokens for this text.
    QVERIFY(runs[2].tokens.size() < runs[0].tokens.size());
    QVERIFY(runs[7].tokens.empty());
    QVERIFY(QString::fromStdString(runs[7].error).contains(QStringLiteral("no-such-tokenizer")));
  }

  void attentionIsCausalAndRowsSumToOne() {
    EngineDataSource data;
    const auto maps = answer<std::vector<trace::AttentionMap>>(
        [&](auto done) { data.attention(QStringLiteral("The cat sat on the mat because the cat was tired"), 2, done); });
    QCOMPARE(maps.size(), 4u);
    const std::size_t t = maps[0].tokens.size();
    QCOMPARE(t, 11u);
    QCOMPARE(maps[0].tokens[1], std::string(" cat"));
    for (const auto& m : maps) {
      QCOMPARE(m.layer, 2);
      QCOMPARE(m.layers, 4);
      QVERIFY(m.causal);
      for (std::size_t q = 0; q < t; ++q) {
        double sum = 0.0;
        for (std::size_t k = 0; k < t; ++k) {
          const float w = m.matrix[q * t + k];
          if (k > q) QCOMPARE(w, 0.0f);
          sum += w;
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
      }
    }
    // The first token can only attend to itself.
    QCOMPARE(maps[1].matrix[0], 1.0f);
  }

  void attentionOfALongTextIsCutTo1024Tokens() {
    EngineDataSource data;
    const QString text = QStringLiteral("one two three four ").repeated(400);  // 1,600 tokens
    const auto maps = answer<std::vector<trace::AttentionMap>>([&](auto done) { data.attention(text, 0, done); });
    QCOMPARE(maps.size(), 4u);
    QCOMPARE(maps[0].tokens.size(), 1024u);
    QCOMPARE(maps[0].matrix.size(), 1024u * 1024u);
  }

  void nextTokenIsTheModelsSoftmax() {
    QTemporaryDir dir;
    saveTinyModel(dir.path());
    EngineDataSource data;
    data.loadModel(dir.path());
    QVERIFY(!data.isRandomModel());
    QCOMPARE(QString::fromStdString(data.info().name), QFileInfo(dir.path()).fileName());
    const auto d = answer<trace::NextTokenDistribution>([&](auto done) { data.nextToken(QStringLiteral("Hello world"), done); });
    QCOMPARE(d.ids.size(), 50u);
    for (std::size_t i = 1; i < d.probs.size(); ++i) QVERIFY(d.probs[i] <= d.probs[i - 1]);
    // The same model, loaded on its own: softmax of the last position's logits.
    const auto model = gb::load_model(dir.path().toStdString());
    const std::vector<int32_t> prompt = {15496, 995};
    const std::vector<float> logits = model->forward(gb::Context{}, prompt, 1, 2).value().to_vector();  // (2, V)
    const std::size_t V = 50257;
    double sum = 0.0;
    float top = -INFINITY;
    for (std::size_t v = 0; v < V; ++v) top = std::max(top, logits[V + v]);
    for (std::size_t v = 0; v < V; ++v) sum += std::exp(logits[V + v] - top);
    for (std::size_t i = 0; i < 5; ++i) {
      const double expected = std::exp(logits[V + static_cast<std::size_t>(d.ids[i])] - top) / sum;
      QVERIFY2(std::abs(d.probs[i] - expected) < 1e-5 * std::max(1.0, expected * 1e3),
               qPrintable(QStringLiteral("%1 vs %2").arg(d.probs[i]).arg(expected)));
      QCOMPARE(QString::fromStdString(d.tokens[i]), QString::fromStdString(gb::load_tokenizer("gpt2")->token_bytes(d.ids[i])));
    }
    QVERIFY(std::abs(d.probs[0] - std::exp(0.0) / sum) < 1e-6);  // the largest logit
  }

  void embeddingsAreTheModelsRows() {
    QTemporaryDir dir;
    saveTinyModel(dir.path());
    EngineDataSource data;
    data.loadModel(dir.path());
    const auto points = answer<trace::EmbeddingPoints>([&](auto done) { data.embeddings(done); });
    QCOMPARE(points.dim, 64);
    QCOMPARE(points.labels.size(), 30u);
    QCOMPARE(points.labels[0], std::string("cat"));
    QCOMPARE(points.ids[0], 3797);  // " cat" is one GPT-2 token
    const auto loaded = gb::load_model(dir.path().toStdString());
    const auto& model = dynamic_cast<const gb::GPTModel&>(*loaded);
    const float* row = model.wte.value().data() + 3797 * 64;
    for (int j = 0; j < 64; ++j) QCOMPARE(points.vectors[static_cast<std::size_t>(j)], row[j]);

    trace::Matrix token, position;
    data.inputEmbeddings(QStringLiteral("the cat saw the dog"), [&](trace::Matrix t, trace::Matrix p) {
      token = std::move(t);
      position = std::move(p);
    });
    QCOMPARE(token.rows, 5);
    QCOMPARE(position.rows, 5);
    // "the" at positions 0 and 3 is the same token id 1169 … " the" (262) is not "the" (1169).
    QCOMPARE(token.row_labels[3], std::string(" the"));
    const float* wpe = model.wpe.value().data();
    QCOMPARE(position.values[static_cast<std::size_t>(2 * position.cols + 1)], wpe[2 * 64 + 1]);
  }

  void bpeMergesComeFromTheEnginesTrainer() {
    EngineDataSource data;
    const auto merges = answer<std::vector<trace::BpeMerge>>(
        [&](auto done) { data.bpeMerges(QStringLiteral("the the the cat"), 3, done); });
    QCOMPARE(merges.size(), 3u);
    // "h"+"e" and "t"+"h" both occur 3 times; ties go to the smaller left id ('h' < 't').
    QCOMPARE(merges[0].left, std::string("h"));
    QCOMPARE(merges[0].right, std::string("e"));
    QCOMPARE(merges[0].count, 3);
  }

  void trainingLossIsARealRunFromLnV() {
    EngineDataSource data;
    data.setLearnerCorpus(QStringLiteral("the cat sat on the mat and the dog sat on the log. ").repeated(60));
    const auto points = answer<std::vector<trace::LossPoint>>([&](auto done) { data.trainingLoss(done); });
    QCOMPARE(points.size(), static_cast<std::size_t>(EngineDataSource::kLossSteps + 1));  // step 0 (untrained) too
    QVERIFY2(std::abs(points[0].train - std::log(50257.0)) < 0.5, qPrintable(QString::number(points[0].train)));
    QVERIFY2(points.back().train < points[0].train - 3.0, qPrintable(QString::number(points.back().train)));
    QVERIFY(!std::isnan(points.back().val));
    QVERIFY(std::isnan(points[2].val));  // measured every 5 steps only
    QVERIFY(!std::isnan(points[5].val));
  }

  void badModelDirectoriesNameTheProblemAndKeepTheModel() {
    EngineDataSource data;
    data.loadDefaultModel();
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nothing-here"));
    QVERIFY(failure([&] { data.loadModel(missing); }).contains(QStringLiteral("nothing-here")));
    QFile config(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{ not json");
    config.close();
    const QString bad_json = failure([&] { data.loadModel(dir.path()); });
    QVERIFY2(bad_json.contains(QStringLiteral("config.json")), qPrintable(bad_json));
    QVERIFY(data.isRandomModel());
    QVERIFY(data.info().path.empty());

    // A whole model whose tokenizer knows more tokens than the model has rows for.
    QTemporaryDir small;
    gb::ModelConfig c = gb::preset("gpt-tiny");
    c.vocab_size = 100;
    gb::save_model(small.path().toStdString(), gb::GPTModel(c, 1), gb::load_tokenizer("gpt2").get());
    const QString mismatch = failure([&] { data.loadModel(small.path()); });
    QVERIFY2(mismatch.contains(QStringLiteral("tokenizer.json")) && mismatch.contains(QStringLiteral("100")),
             qPrintable(mismatch));
    QVERIFY(data.isRandomModel());
  }
};

QTEST_MAIN(TestEngineDataSource)
#include "test_engine_data_source.moc"
