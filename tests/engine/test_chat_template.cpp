// Chat templates: the book's Alpaca prompt, letter for letter, and the Llama 2, ChatML and
// Zephyr prompts exactly as Jinja2 renders the templates Hugging Face models ship
// (tests/fixtures/chat, written by tools/chat/make_template_fixtures.py).
#include <QtTest>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/generate/chat_template.h"
#include "engine/io/atomic_file.h"

using namespace gb;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(GLASSBOX_FIXTURES) / "chat";

std::vector<ChatTurn> turns_of(const nlohmann::json& conversation) {
  std::vector<ChatTurn> turns;
  for (const auto& m : conversation) turns.push_back({*parse_role(m["role"].get<std::string>()), m["content"].get<std::string>()});
  return turns;
}

}  // namespace

class TestChatTemplate : public QObject {
  Q_OBJECT
 private slots:
  void alpacaIsTheBooksFormat() {
    // Chapter 7's format_input plus the response header, with and without an input.
    QCOMPARE(alpaca_prompt("Convert 45 kilometers to meters."),
             std::string("Below is an instruction that describes a task. Write a response that appropriately "
                         "completes the request.\n\n### Instruction:\nConvert 45 kilometers to meters.\n\n### Response:\n"));
    QCOMPARE(alpaca_prompt("Identify the correct spelling of the following word.", "Ocassion"),
             std::string("Below is an instruction that describes a task. Write a response that appropriately "
                         "completes the request.\n\n### Instruction:\nIdentify the correct spelling of the following "
                         "word.\n\n### Input:\nOcassion\n\n### Response:\n"));
  }
  void alpacaChatStartsWithTheBooksPrompt() {
    // One question with the default system prompt is exactly what the model was finetuned on.
    ChatTemplate t;
    QCOMPARE(t.render({{ChatRole::System, t.default_system_prompt()}, {ChatRole::User, "Name a color."}}),
             alpaca_prompt("Name a color."));
    // Later turns repeat the instruction / response pair.
    QCOMPARE(t.render({{ChatRole::System, "Be brief."},
                       {ChatRole::User, "Name a color."},
                       {ChatRole::Assistant, "Red."},
                       {ChatRole::User, "Another?"}}),
             std::string("Be brief.\n\n### Instruction:\nName a color.\n\n### Response:\nRed.\n\n### Instruction:\n"
                         "Another?\n\n### Response:\n"));
    // Without a system prompt the text starts at the first header.
    QCOMPARE(t.render({{ChatRole::User, "Hi"}}), std::string("### Instruction:\nHi\n\n### Response:\n"));
    QCOMPARE(t.render({{ChatRole::User, "Hi"}}, false), std::string("### Instruction:\nHi"));
  }
  void plainJustJoinsTheText() {
    ChatTemplate t{ChatTemplateKind::Plain};
    QCOMPARE(t.render({{ChatRole::User, "The sea was"}, {ChatRole::Assistant, " calm"}, {ChatRole::User, " and"}}),
             std::string("The sea was calm and"));
    QCOMPARE(t.default_system_prompt(), std::string());
    QVERIFY(t.stop_strings().empty());
  }
  void hubTemplatesMatchJinja_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("llama2") << "llama2";
    QTest::newRow("chatml") << "chatml";
    QTest::newRow("zephyr") << "zephyr";
  }
  void hubTemplatesMatchJinja() {
    QFETCH(QString, format);
    const std::string name = format.toStdString();
    const auto expected = nlohmann::json::parse(read_file(kFixtures / "expected.json"));
    // The template is recognised from the model directory's tokenizer_config.json ...
    const ChatTemplate t = chat_template_for_model(kFixtures / name);
    QCOMPARE(t.name(), name);
    QCOMPARE(t.bos, std::string("<s>"));
    QCOMPARE(t.eos, std::string("</s>"));
    // ... and renders every conversation as Jinja2 does.
    const auto& conversations = expected["conversations"];
    const auto& prompts = expected["prompts"][name];
    QCOMPARE(prompts.size(), conversations.size());
    for (size_t i = 0; i < conversations.size(); ++i)
      QCOMPARE(t.render(turns_of(conversations[i])), prompts[i].get<std::string>());
  }
  void detectionReadsTemplatesAndSpecialTokens() {
    // A list of named templates: "default" is the chat one.
    auto t = detect_chat_template(
        R"({"chat_template": [{"name": "tool_use", "template": "[INST] tools"}, {"name": "default", "template": "<|im_start|>{{ m }}"}]})",
        "x");
    QVERIFY(t);
    QCOMPARE(t->name(), std::string("chatml"));
    // No template, but the vocabulary was extended with Zephyr's markers.
    t = detect_chat_template(R"({"added_tokens_decoder": {"32001": {"content": "<|user|>", "special": true}}, "eos_token": "</s>"})", "x");
    QVERIFY(t);
    QCOMPARE(t->name(), std::string("zephyr"));
    // An Alpaca-style template, and custom bos/eos texts.
    t = detect_chat_template(R"({"chat_template": "{{ '### Instruction:' }}", "eos_token": "<|endoftext|>"})", "x");
    QVERIFY(t);
    QCOMPARE(t->name(), std::string("alpaca"));
    QCOMPARE(t->eos, std::string("<|endoftext|>"));
    // Nothing recognisable: no template (the caller falls back to Alpaca).
    QVERIFY(!detect_chat_template(R"({"chat_template": "{{ messages }}", "bos_token": null})", "x"));
    QVERIFY(!detect_chat_template("{}", "x"));
  }
  void badConfigNamesTheFile() {
    const fs::path dir = fs::temp_directory_path() / "glassbox_chat_template_test";
    fs::create_directories(dir);
    write_file_atomic(dir / "tokenizer_config.json", "{\"chat_template\": ");
    try {
      chat_template_for_model(dir);
      QFAIL("a truncated tokenizer_config.json was accepted");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("tokenizer_config.json") != std::string::npos);
    }
    write_file_atomic(dir / "tokenizer_config.json", "[1, 2]");
    QVERIFY_THROWS_EXCEPTION(Error, chat_template_for_model(dir));
    // A directory without one (a Glassbox model) chats in Alpaca.
    fs::remove(dir / "tokenizer_config.json");
    QCOMPARE(chat_template_for_model(dir).name(), std::string("alpaca"));
    fs::remove_all(dir);
  }
  void namesRoundTrip() {
    for (const std::string& n : ChatTemplate::names()) {
      const auto kind = ChatTemplate::parse(n);
      QVERIFY(kind);
      QCOMPARE(ChatTemplate{*kind}.name(), n);
    }
    QVERIFY(!ChatTemplate::parse("vicuna"));
  }
};

QTEST_APPLESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
