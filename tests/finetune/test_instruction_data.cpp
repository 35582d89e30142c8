// The Alpaca prompt template, the collate function's padding, shifting and masking, and
// loading a user's Alpaca JSON with clear errors.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/finetune/instruction_data.h"
#include "engine/tokenizer/tokenizer.h"

using namespace gb;

class TestInstructionData : public QObject {
  Q_OBJECT
 private slots:
  void promptTemplateAsTheBook() {
    const std::string head =
        "Below is an instruction that describes a task. Write a response that appropriately completes the request.";
    QCOMPARE(format_prompt({"Add the numbers.", "2 and 3", "5"}),
             head + "\n\n### Instruction:\nAdd the numbers.\n\n### Input:\n2 and 3\n\n### Response:\n");
    // No input: the "### Input:" section is left out entirely.
    QCOMPARE(format_prompt({"Name a color.", "", "Red"}), head + "\n\n### Instruction:\nName a color.\n\n### Response:\n");
    QCOMPARE(format_example({"Name a color.", "", "Red"}), format_prompt({"Name a color.", "", "Red"}) + "Red");
  }

  void collatePadsShiftsAndIgnoresPadding() {
    // Two examples of 3 and 5 tokens; pad / end-of-text id 99.
    const std::vector<EncodedInstruction> ex = {{{1, 2, 3}, 1}, {{4, 5, 6, 7, 8}, 2}};
    CollateOptions o;
    o.pad_id = 99;
    const InstructionBatch b = collate_instructions(ex, o);
    QCOMPARE(b.batch, int64_t{2});
    QCOMPARE(b.time, int64_t{5});  // the longest example's length
    // Row 0: tokens 1 2 3 <eot> <pad> <pad>: inputs drop the last, targets the first; only the
    // first padding target (the end-of-text token) counts.
    QCOMPARE(std::vector<int32_t>(b.inputs.begin(), b.inputs.begin() + 5), (std::vector<int32_t>{1, 2, 3, 99, 99}));
    QCOMPARE(std::vector<int32_t>(b.targets.begin(), b.targets.begin() + 5),
             (std::vector<int32_t>{2, 3, 99, -100, -100}));
    // Row 1, the longest: its end-of-text token is its last target.
    QCOMPARE(std::vector<int32_t>(b.inputs.begin() + 5, b.inputs.end()), (std::vector<int32_t>{4, 5, 6, 7, 8}));
    QCOMPARE(std::vector<int32_t>(b.targets.begin() + 5, b.targets.end()), (std::vector<int32_t>{5, 6, 7, 8, 99}));
  }

  void collateMasksThePromptWhenAsked() {
    // Prompt = first 3 tokens (10 11 12), response = 13 14.
    const std::vector<EncodedInstruction> ex = {{{10, 11, 12, 13, 14}, 3}};
    CollateOptions o;
    o.pad_id = 0;
    o.mask_prompt = true;
    const InstructionBatch b = collate_instructions(ex, o);
    // Targets predicting prompt tokens 11 and 12 are ignored; the first counted target is
    // the first response token, then the rest of the response and the end-of-text token.
    QCOMPARE(b.targets, (std::vector<int32_t>{-100, -100, 13, 14, 0}));
    QCOMPARE(b.inputs, (std::vector<int32_t>{10, 11, 12, 13, 14}));
    o.mask_prompt = false;
    QCOMPARE(collate_instructions(ex, o).targets, (std::vector<int32_t>{11, 12, 13, 14, 0}));
  }

  void collateCutsToMaxLength() {
    CollateOptions o;
    o.pad_id = 9;
    o.max_length = 3;
    const InstructionBatch b = collate_instructions({{{1, 2, 3, 4, 5, 6}, 2}}, o);
    QCOMPARE(b.time, int64_t{3});
    QCOMPARE(b.inputs, (std::vector<int32_t>{1, 2, 3}));
    QCOMPARE(b.targets, (std::vector<int32_t>{2, 3, 4}));
  }

  void encodingKeepsThePromptBoundary() {
    const auto tok = load_tokenizer("bytes");
    const AlpacaExample e{"Say hi.", "", "hi"};
    const EncodedInstruction enc = encode_instruction(*tok, e);
    QCOMPARE(enc.prompt_length, tok->encode(format_prompt(e)).size());
    QCOMPARE(tok->decode(enc.ids), format_example(e));
  }

  void loadsAlpacaJsonWithClearErrors() {
    const auto ok = parse_alpaca_json(R"([{"instruction":"a","output":"b"},{"instruction":"c","input":"d","output":"e"}])",
                                      "mine.json");
    QCOMPARE(ok.size(), size_t{2});
    QCOMPARE(ok[0].input, std::string());
    QCOMPARE(ok[1].input, std::string("d"));
    auto error_of = [](const char* text) {
      try {
        parse_alpaca_json(text, "mine.json");
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    QCOMPARE(error_of(R"({"instruction":"a"})"),
             std::string("mine.json: expected a JSON array of {\"instruction\", \"input\", \"output\"} objects"));
    QCOMPARE(error_of(R"([{"instruction":"a","output":"b"},{"instruction":"a"}])"),
             std::string("mine.json: entry 1: has no \"output\""));
    QCOMPARE(error_of(R"([{"instruction":"a","output":3}])"), std::string("mine.json: entry 0: \"output\" is not a string"));
    QCOMPARE(error_of("[]"), std::string("mine.json: holds no examples"));
    QVERIFY(error_of("[{").rfind("mine.json: not valid JSON", 0) == 0);
    // Round trip through the writer.
    QCOMPARE(parse_alpaca_json(alpaca_to_json(ok), "x")[1].output, std::string("e"));
  }

  void bundledInstructionSetIsLargeAndSplit() {
    const std::string dir = std::string(GLASSBOX_SOURCE_DIR) + "/resources/datasets/instructions/";
    const auto train = load_alpaca_json(dir + "train.json"), val = load_alpaca_json(dir + "val.json"),
               test = load_alpaca_json(dir + "test.json");
    const double n = static_cast<double>(train.size() + val.size() + test.size());
    QVERIFY(n >= 2000);
    QVERIFY(std::abs(static_cast<double>(train.size()) / n - 0.85) < 0.01);
    QVERIFY(std::abs(static_cast<double>(val.size()) / n - 0.10) < 0.01);
  }
};

QTEST_APPLESS_MAIN(TestInstructionData)
#include "test_instruction_data.moc"
