// The bundled spam classifier (tools/train_bundled_finetuned.sh) on the fixed split it was
// trained with: SpamAssassin, balanced, split 70/10/20 with seed 123. The lesson promises
// at least 95% test accuracy; this holds it to that, and to its training log.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "engine/finetune/classifier.h"
#include "engine/io/atomic_file.h"

using namespace gb;

class TestBundledClassifier : public QObject {
  Q_OBJECT
 private slots:
  void testAccuracyAtLeast95() {
    const std::filesystem::path dir = std::filesystem::path(GLASSBOX_SOURCE_DIR) / "resources/models/glassbox-classifier";
    LoadedClassifier c = load_classifier(dir);
    QCOMPARE(c.classifier->labels(), (std::vector<std::string>{"ham", "spam"}));
    const ClassificationSplits splits = balance_and_split(load_spam_assassin(default_spam_assassin_dir()), 123);
    QCOMPARE(splits.test.size(), size_t{759});  // 2 × 1,896 balanced, 20% of them
    const ConfusionMatrix cm =
        c.classifier->evaluate(encode_texts(*c.tokenizer, splits.test, c.max_tokens, c.classifier->pad_id()));
    qInfo("bundled classifier: test accuracy %.2f%% (ham→spam %lld, spam→ham %lld)", 100.0 * cm.accuracy(),
          static_cast<long long>(cm.counts[0][1]), static_cast<long long>(cm.counts[1][0]));
    QVERIFY2(cm.accuracy() >= 0.95, ("test accuracy " + std::to_string(cm.accuracy())).c_str());
    // The number the training run reported is the number measured here.
    const auto log = nlohmann::json::parse(read_file(dir / "training_log.json"));
    const auto& last = log["log"].back();
    QVERIFY(std::abs(last["test_accuracy"].get<double>() - cm.accuracy()) < 0.01);
  }
};

QTEST_APPLESS_MAIN(TestBundledClassifier)
#include "test_bundled_classifier.moc"
