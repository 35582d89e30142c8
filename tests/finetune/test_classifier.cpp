// Classification finetuning: the e-mail cleaner, the balanced seeded split, the head on the
// last real token (padding cannot change a text's logits), what trains in each mode, a toy
// task learnt, and a saved classifier loading back to the same answers.
#include <QtTest>

#include <QTemporaryDir>
#include <set>

#include "engine/core/error.h"
#include "engine/finetune/classifier.h"
#include "engine/io/safetensors.h"

using namespace gb;

namespace {

ModelConfig tiny() {
  ModelConfig c = preset("gpt-tiny");
  c.vocab_size = 256;  // the bytes tokenizer
  c.context_length = 32;
  return c;
}

// A toy task the model must read to solve: does the text mention "spam"?
std::vector<LabelledText> toy_texts(int n, uint64_t seed) {
  Rng rng(seed);
  const char* words[] = {"hello", "meeting", "today", "lunch", "report", "friday"};
  std::vector<LabelledText> out;
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    std::string t = words[rng.below(6)];
    t.append(" ").append(words[rng.below(6)]);
    if (label) t.append(" spam");
    t.append(" ").append(words[rng.below(6)]);
    out.push_back({t, label});
  }
  return out;
}

}  // namespace

class TestClassifier : public QObject {
  Q_OBJECT
 private slots:
  void emailTextKeepsSubjectAndBody() {
    const std::string raw =
        "From: a@b.c\nSubject: Cheap   pills\nContent-Transfer-Encoding: quoted-printable\n\n"
        "<html><body><p>Buy now=\n!</p><style>p{color:red}</style> &amp; save =3D 50%</body></html>\n";
    QCOMPARE(email_text(raw), std::string("Subject: Cheap pills Buy now! & save = 50%"));
    QCOMPARE(email_text("Subject: hi\n\nplain text", 14), std::string("Subject: hi pl"));
  }

  void balancedSeededSplit() {
    std::vector<LabelledText> all;
    for (int i = 0; i < 300; ++i) all.push_back({"ham " + std::to_string(i), 0});
    for (int i = 0; i < 100; ++i) all.push_back({"spam " + std::to_string(i), 1});
    const ClassificationSplits s = balance_and_split(all, 123);
    QCOMPARE(s.train.size() + s.val.size() + s.test.size(), size_t{200});  // 100 of each class
    QCOMPARE(s.train.size(), size_t{140});
    QCOMPARE(s.val.size(), size_t{20});
    QCOMPARE(s.test.size(), size_t{40});
    int spam = 0;
    std::set<std::string> seen;
    for (const auto* part : {&s.train, &s.val, &s.test})
      for (const LabelledText& e : *part) {
        spam += e.label;
        QVERIFY2(seen.insert(e.text).second, "an example is in two splits");
      }
    QCOMPARE(spam, 100);
    QCOMPARE(balance_and_split(all, 123).test[0].text, s.test[0].text);  // same seed, same split
    QVERIFY(balance_and_split(all, 124).test[0].text != s.test[0].text || balance_and_split(all, 124).test[1].text != s.test[1].text);
  }

  void paddingDoesNotChangeATextsLogits() {
    auto model = create_model(tiny(), 1);
    SequenceClassifier c(*model, {"ham", "spam"}, 0, 2);
    const EncodedText short_text{{5, 6, 7}, 0}, long_text{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 1};
    const auto alone = c.logits(Context{}, {&short_text}).value().to_vector();
    const auto batched = c.logits(Context{}, {&long_text, &short_text}).value().to_vector();
    QVERIFY(std::abs(alone[0] - batched[2]) < 1e-5 && std::abs(alone[1] - batched[3]) < 1e-5);
  }

  void lastBlockModeFreezesTheRest() {
    auto model = create_model(tiny(), 2);
    SequenceClassifier c(*model, {"ham", "spam"}, 0, 3);
    const auto tok = load_tokenizer("bytes");
    const auto data = encode_texts(*tok, toy_texts(32, 1), 32, 0);
    const auto first_block = model->find_parameter("h.0.mlp.c_fc.weight")->value().to_vector();
    const auto last_block = model->find_parameter("h.1.mlp.c_fc.weight")->value().to_vector();
    ClassifierTrainOptions o;
    o.epochs = 1;
    o.batch = 8;
    o.lr = 1e-3f;
    o.part = TrainPart::LastBlock;
    const ClassifierTrainResult r = train_classifier(c, data, data, o);
    QCOMPARE(r.logs.size(), size_t{4});
    // Trainable: block 1 + final norm + the head (2 × 64).
    int64_t expected = 2 * 64 + 2 * 64;  // ln_f, head
    for (const auto& [name, v] : model->named_parameters())
      if (name.rfind("h.1.", 0) == 0) expected += v.value().numel();
    QCOMPARE(r.trainable, expected);
    QCOMPARE(model->find_parameter("h.0.mlp.c_fc.weight")->value().to_vector(), first_block);
    QVERIFY(model->find_parameter("h.1.mlp.c_fc.weight")->value().to_vector() != last_block);
  }

  void learnsAToyTaskAndSavesIt() {
    auto model = create_model(tiny(), 3);
    const auto tok = load_tokenizer("bytes");
    const auto train = encode_texts(*tok, toy_texts(160, 2), 32, 0);
    const auto test = encode_texts(*tok, toy_texts(40, 3), 32, 0);
    SequenceClassifier c(*model, {"ham", "spam"}, 0, 4);
    const double before = c.evaluate(test).accuracy();
    ClassifierTrainOptions o;
    o.epochs = 6;
    o.lr = 2e-3f;
    o.part = TrainPart::All;
    o.eval_every = 10;
    int evaluations = 0;
    train_classifier(c, train, test, o, [&](const ClassifierLog& l) { evaluations += l.val_accuracy.has_value(); });
    QVERIFY(evaluations >= 10);
    const ConfusionMatrix cm = c.evaluate(test);
    QVERIFY2(cm.accuracy() >= 0.9, ("toy accuracy " + std::to_string(cm.accuracy()) + " (before " +
                                    std::to_string(before) + ")").c_str());
    QCOMPARE(cm.total(), int64_t{40});

    QTemporaryDir tmp;
    const std::filesystem::path dir = tmp.path().toStdString();
    save_classifier(dir, c, *tok, 32);
    QVERIFY(is_classifier_dir(dir));
    QVERIFY(SafetensorsFile::open(dir / "model.safetensors").has("score.weight"));
    LoadedClassifier loaded = load_classifier(dir);
    QCOMPARE(loaded.classifier->labels(), (std::vector<std::string>{"ham", "spam"}));
    QCOMPARE(loaded.max_tokens, int64_t{32});
    for (const EncodedText& e : test) {
      const auto p = c.probabilities(e.ids), q = loaded.classifier->probabilities(e.ids);
      QVERIFY(std::abs(p[1] - q[1]) < 1e-5);
    }
  }

  void loraModeTrainsFewWeightsAndMerges() {
    auto model = create_model(tiny(), 4);
    const auto tok = load_tokenizer("bytes");
    const auto train = encode_texts(*tok, toy_texts(64, 5), 32, 0);
    SequenceClassifier c(*model, {"ham", "spam"}, 0, 5);
    ClassifierTrainOptions o;
    o.epochs = 1;
    o.part = TrainPart::Lora;
    o.lora.rank = 2;
    const ClassifierTrainResult r = train_classifier(c, train, {}, o);
    QCOMPARE(r.trainable, int64_t{2 * 2 * (256 + 128 + 320 + 320) + 2 * 64});  // adapter + head
    QVERIFY(r.total > 20 * r.trainable);
  }
};

QTEST_APPLESS_MAIN(TestClassifier)
#include "test_classifier.moc"
