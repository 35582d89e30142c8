// The bundled model resources/models/glassbox-base (tools/train_bundled.sh): it loads with
// its own tokenizer from the directory alone, has the pinned size, beats uniform guessing by
// far on Moby-Dick text it never trained on, writes mostly real words, and ships its log.
#include <QtTest>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <set>

#include "engine/core/paths.h"
#include "engine/generate/sampling.h"
#include "engine/io/model_dir.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/train/corpus.h"
#include "engine/train/training_run.h"

using namespace gb;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(GLASSBOX_SOURCE_DIR) / "resources" / "models" / "glassbox-base";

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  for (char ch : text + " ") {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalpha(c)) {
      w += static_cast<char>(std::tolower(c));
    } else {
      if (!w.empty()) words.push_back(w);
      w.clear();
    }
  }
  return words;
}

}  // namespace

class TestBundledModel : public QObject {
  Q_OBJECT
 private slots:
  void loadsFromTheDirectoryWithItsTokenizer() {
    QVERIFY2(fs::exists(kDir / "model.safetensors"), "run tools/train_bundled.sh");
    QCOMPARE(resources_dir() / "models" / "glassbox-base", kDir);
    const auto model = load_model(kDir);
    const auto tok = load_tokenizer(kDir.string());
    QCOMPARE(model->config().vocab_size, int64_t(4096));
    QCOMPARE(tok->vocab_size(), int64_t(4096));
    QCOMPARE(model->config().n_layers, int64_t(4));
    QCOMPARE(model->config().emb_dim, int64_t(256));
    QCOMPARE(model->config().context_length, int64_t(256));
    QCOMPARE(model->parameter_count(), int64_t(4'273'664));
    // Stored as f16: 2 bytes per parameter plus the header.
    const auto bytes = fs::file_size(kDir / "model.safetensors");
    QVERIFY(bytes > 2 * 4'273'664ull && bytes < 2 * 4'273'664ull + 100'000);
  }

  void heldOutLossIsFarBelowUniform() {
    const auto model = load_model(kDir);
    const auto tok = load_tokenizer(kDir.string());
    // The run trained on the first 90% of the corpus's tokens; the last 10% were validation.
    const std::vector<int32_t> all = tok->encode(read_corpus("moby-dick"));
    const size_t start = all.size() - all.size() / 10;
    const int64_t B = 4, T = 256;
    std::vector<int32_t> ids, targets;
    for (int64_t b = 0; b < B; ++b)
      for (int64_t t = 0; t < T; ++t) {
        ids.push_back(all[start + static_cast<size_t>(b * T + t)]);
        targets.push_back(all[start + static_cast<size_t>(b * T + t + 1)]);
      }
    const double loss = model->loss(Context{}, ids, targets, B, T).value().item();
    const double uniform = std::log(4096.0);
    QVERIFY2(loss < uniform - 2.5, qPrintable(QStringLiteral("held-out loss %1 vs ln V %2").arg(loss).arg(uniform)));
  }

  void samplesAreMostlyRealWords() {
    const auto model = load_model(kDir);
    const auto tok = load_tokenizer(kDir.string());
    const std::vector<std::string> book = words_of(read_corpus("moby-dick"));
    const std::set<std::string> known(book.begin(), book.end());
    SamplingOptions o;
    o.max_new_tokens = 80;
    o.temperature = 0.8f;
    o.top_k = 40;
    o.seed = 42;
    const std::string text = tok->decode(generate(*model, tok->encode("The whale"), o));
    const auto words = words_of(text);
    QVERIFY(words.size() > 30);
    size_t real = 0;
    for (const auto& w : words) real += known.count(w);
    QVERIFY2(real >= words.size() * 9 / 10, text.c_str());
  }

  void shipsItsTrainingLog() {
    const TrainingLog log = read_training_log(kDir / "training_log.json");
    QCOMPARE(log.model, std::string("glassbox-base"));
    QCOMPARE(log.command, std::string("tools/train_bundled.sh"));
    QVERIFY(log.seconds > 0);
    QCOMPARE(log.steps.size(), size_t(700));
    QCOMPARE(log.steps.front().step, int64_t(1));
    QCOMPARE(log.steps.back().step, int64_t(700));
    QVERIFY(std::abs(log.steps.front().train - std::log(4096.0)) < 0.5);  // starts at about ln V
    QVERIFY(std::isfinite(log.steps.back().val));
    QVERIFY(log.steps.back().val < std::log(4096.0) - 2.5);
  }
};

QTEST_APPLESS_MAIN(TestBundledModel)
#include "test_bundled_model.moc"
