// Instruction finetuning one step at a time (gb::InstructTrainer, which the app runs a few
// steps per worker job) on the bundled glassbox-base: the step count and evaluation points the
// schedule promises, train_instructions being exactly that loop, a LoRA run that leaves every
// base weight as it was, and a full run that lowers the loss on the examples it sees.
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "engine/finetune/instruction_tuning.h"
#include "engine/io/model_dir.h"

using namespace gb;

namespace {

const std::filesystem::path kBase = std::filesystem::path(GLASSBOX_SOURCE_DIR) / "resources/models/glassbox-base";

struct Fixture {
  std::unique_ptr<LanguageModel> model = load_model(kBase);
  std::unique_ptr<Tokenizer> tokenizer = load_tokenizer((kBase / "tokenizer.json").string());
  std::vector<AlpacaExample> train, val;
  Fixture() {
    const std::vector<AlpacaExample> all = load_alpaca_json(
        std::filesystem::path(GLASSBOX_SOURCE_DIR) / "resources/datasets/instructions/train.json");
    train.assign(all.begin(), all.begin() + 10);
    val.assign(all.begin() + 10, all.begin() + 14);
  }
};

InstructTrainOptions options() {
  InstructTrainOptions o;
  o.epochs = 2;
  o.batch = 4;  // 10 examples: 3 steps per epoch (4, 4, 2)
  o.max_length = 64;
  o.lr = 1e-3f;
  o.eval_every = 2;
  o.eval_batches = 1;
  return o;
}

std::vector<std::vector<float>> weights(const LanguageModel& m) {
  std::vector<std::vector<float>> out;
  for (const auto& [name, v] : m.named_parameters()) out.push_back(v.value().to_vector());
  return out;
}

}  // namespace

class TestInstructionTuning : public QObject {
  Q_OBJECT
 private slots:
  void stepsFollowTheSchedule() {
    Fixture f;
    InstructTrainer t(*f.model, *f.tokenizer, f.train, f.val, options());
    QCOMPARE(t.total_steps(), int64_t(6));
    QCOMPARE(t.trainable(), t.total());  // a full finetune
    std::vector<InstructLog> logs;
    while (!t.done()) logs.push_back(t.step());
    QCOMPARE(logs.size(), size_t(6));
    for (size_t i = 0; i < logs.size(); ++i) {
      QCOMPARE(logs[i].step, int64_t(i + 1));
      QVERIFY(std::isfinite(logs[i].loss) && logs[i].loss > 0);
      // Evaluations every 2 steps and at each epoch's end (step 3): steps 2, 3, 4, 6.
      const bool eval = logs[i].step % 2 == 0 || logs[i].step == 3;
      QCOMPARE(logs[i].val_loss.has_value(), eval);
      QCOMPARE(logs[i].train_loss.has_value(), eval);
    }
    QCOMPARE(logs[2].epoch, 1.0);
    QCOMPARE(logs[5].epoch, 2.0);
    QVERIFY(t.finish() == nullptr);  // no adapter in a full finetune
  }

  void trainInstructionsIsTheSameLoop() {
    Fixture a, b;
    InstructTrainOptions o = options();
    o.max_steps = 4;
    const InstructTrainResult r = train_instructions(*a.model, *a.tokenizer, a.train, a.val, o);
    InstructTrainer t(*b.model, *b.tokenizer, b.train, b.val, o);
    QCOMPARE(r.logs.size(), size_t(4));
    for (const InstructLog& l : r.logs) QCOMPARE(t.step().loss, l.loss);
    QVERIFY(t.done());
    t.finish();
    QCOMPARE(weights(*a.model), weights(*b.model));
  }

  void loraLeavesTheBaseWeightsAlone() {
    Fixture f;
    const auto before = weights(*f.model);
    InstructTrainOptions o = options();
    o.use_lora = true;
    o.lora.rank = 4;
    o.lr = 1e-2f;
    InstructTrainer t(*f.model, *f.tokenizer, f.train, f.val, o);
    // 4 blocks · 4 · (256+768 + 256+256 + 256+1024 + 1024+256)
    QCOMPARE(t.trainable(), int64_t(4 * 4 * 4096));
    while (!t.done()) t.step();
    std::unique_ptr<LoraAdapter> adapter = t.finish();
    QVERIFY(adapter != nullptr);
    QCOMPARE(weights(*f.model), before);  // W0 back in every slot
    double b_norm = 0;
    for (const auto& [name, v] : adapter->parameters())
      if (name.find("lora_B") != std::string::npos)
        for (float x : v.value().to_vector()) b_norm += std::abs(x);
    QVERIFY(b_norm > 0);  // B left zero: the adapter learnt something
  }

  void aFullRunLowersTheLossOnWhatItSees() {
    Fixture f;
    InstructTrainOptions o = options();
    o.epochs = 6;
    o.eval_every = 0;
    const InstructTrainResult r = train_instructions(*f.model, *f.tokenizer, f.train, f.val, o);
    QCOMPARE(r.logs.size(), size_t(18));
    QVERIFY(r.logs[2].train_loss && r.logs[17].train_loss);
    QVERIFY2(*r.logs[17].train_loss < *r.logs[2].train_loss - 0.3,
             qPrintable(QStringLiteral("%1 → %2").arg(*r.logs[2].train_loss).arg(*r.logs[17].train_loss)));
  }

  void aCancelStopsBeforeTheNextStep() {
    Fixture f;
    std::atomic<bool> cancel{false};
    int calls = 0;
    const InstructTrainResult r = train_instructions(
        *f.model, *f.tokenizer, f.train, f.val, options(),
        [&](const InstructLog&) {
          if (++calls == 2) cancel = true;
        },
        &cancel);
    QVERIFY(r.cancelled);
    QCOMPARE(r.logs.size(), size_t(2));
  }
};

QTEST_MAIN(TestInstructionTuning)
#include "test_instruction_tuning.moc"
