// Conversations: the branch tree (regenerate, edit and resend), the prompt turns, the JSON
// round trip with every field, Markdown export, and damaged files named in one line.
#include <QtTest>

#include <filesystem>

#include "engine/core/error.h"
#include "engine/generate/conversation.h"
#include "engine/io/atomic_file.h"

using namespace gb;
namespace fs = std::filesystem;

namespace {

GeneratedToken token(int32_t id, std::string text, float p) {
  GeneratedToken t;
  t.id = id;
  t.text = std::move(text);
  t.prob = p;
  t.top = {{id, t.text, p}, {11, ",", 0.125f}, {13, ".", 1.0f / 3.0f}};
  return t;
}

// user 0 ─ assistant 1 ─ user 3 ─ assistant 4
//        └ assistant 2 (regenerated)
//  user 5 (the first question, edited)
Conversation sample() {
  Conversation c;
  c.id = "2026-11-24-013501";
  c.system_prompt = "Be brief.";
  c.model = "glassbox-chat";
  c.template_name = "alpaca";
  c.settings.temperature = 0.3f;
  c.settings.top_k = 7;
  c.settings.top_p = 0.9f;
  c.settings.max_new_tokens = 64;
  c.settings.seed = 1234567890123ull;
  c.created_ms = 1790000000000;
  c.updated_ms = 1790000005000;
  const int q = c.add(-1, ChatRole::User, "What is the capital of France?\nThanks");
  const int a = c.add(q, ChatRole::Assistant, "Paris.");
  ChatMessage& m = c.message(a);
  m.tokens = {token(6342, " Paris", 0.61f), token(13, ".", 0.97f)};
  m.model = "glassbox-chat";
  m.seed = 42;
  m.stop_reason = "eos";
  m.tokens_per_sec = 123.5;
  m.context_used = 40;
  m.context_length = 256;
  c.add(q, ChatRole::Assistant, "The capital is Paris.");
  c.select(a);
  const int q2 = c.add(a, ChatRole::User, "서울은요? 🙂");
  c.add(q2, ChatRole::Assistant, "대한민국의 수도입니다.");
  return c;
}

}  // namespace

class TestConversation : public QObject {
  Q_OBJECT
 private slots:
  void branchesKeepEveryAnswer() {
    Conversation c = sample();
    QCOMPARE(c.thread(), (std::vector<int>{0, 1, 3, 4}));
    QCOMPARE(c.siblings(1), (std::vector<int>{1, 2}));
    QCOMPARE(c.title, std::string("What is the capital of France?"));
    // Showing the regenerated answer shows its own (empty) continuation.
    c.select(2);
    QCOMPARE(c.thread(), (std::vector<int>{0, 2}));
    // Back to the first answer: the thread continues down its most recent branch.
    c.select(1);
    QCOMPARE(c.thread(), (std::vector<int>{0, 1, 3, 4}));
    // Editing the first question makes a new root.
    const int edited = c.add(-1, ChatRole::User, "What is the capital of Spain?");
    QCOMPARE(c.thread(), (std::vector<int>{edited}));
    QCOMPARE(c.children(-1), (std::vector<int>{0, edited}));
    QVERIFY_THROWS_EXCEPTION(Error, c.add(99, ChatRole::User, "x"));
  }
  void turnsFollowTheThread() {
    const Conversation c = sample();
    const auto turns = c.turns(1);
    QCOMPARE(turns.size(), size_t{3});
    QCOMPARE(turns[0].role, ChatRole::System);
    QCOMPARE(turns[0].content, std::string("Be brief."));
    QCOMPARE(turns[2].content, std::string("Paris."));
    QCOMPARE(c.turns().size(), size_t{5});
    // The prompt for answer 4 with the book's template.
    const std::string prompt = ChatTemplate{}.render(c.turns(3));
    QCOMPARE(prompt, std::string("Be brief.\n\n### Instruction:\nWhat is the capital of France?\nThanks\n\n### Response:\n"
                                 "Paris.\n\n### Instruction:\n서울은요? 🙂\n\n### Response:\n"));
  }
  void jsonRoundTripKeepsEverything() {
    const Conversation c = sample();
    const Conversation back = Conversation::from_json(c.to_json(), "mem");
    QCOMPARE(back.to_json(), c.to_json());
    QCOMPARE(back.id, c.id);
    QCOMPARE(back.settings.seed, uint64_t{1234567890123ull});
    QCOMPARE(back.settings.temperature, 0.3f);
    QCOMPARE(back.settings.top_p, 0.9f);
    QCOMPARE(back.current(), 4);
    QCOMPARE(back.messages().size(), size_t{5});
    const ChatMessage& m = back.message(1);
    QCOMPARE(m.tokens.size(), size_t{2});
    QCOMPARE(m.tokens[0].id, 6342);
    QCOMPARE(m.tokens[0].text, std::string(" Paris"));
    QCOMPARE(m.tokens[0].prob, 0.61f);  // floats survive exactly
    QCOMPARE(m.tokens[0].top[2].prob, 1.0f / 3.0f);
    QCOMPARE(m.tokens[1].top[1].text, std::string(","));
    QCOMPARE(m.stop_reason, std::string("eos"));
    QCOMPARE(m.tokens_per_sec, 123.5);
    QCOMPARE(m.context_length, int64_t{256});
    QCOMPARE(back.message(3).content, std::string("서울은요? 🙂"));
  }
  void savesAtomicallyAndListsNewestFirst() {
    const fs::path dir = fs::temp_directory_path() / "glassbox_conversation_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    Conversation older = sample();
    older.id = "older";
    older.updated_ms = 1;
    older.save(dir / "older.json");
    const Conversation newer = sample();
    newer.save(dir / (newer.id + ".json"));
    write_file_atomic(dir / "broken.json", "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"x\", \"messages\": [{\"id\": 3}]}");
    write_file_atomic(dir / "notes.txt", "not a conversation");
    std::vector<std::string> errors;
    const auto all = load_conversations(dir, &errors);
    QCOMPARE(all.size(), size_t{2});
    QCOMPARE(all[0].id, newer.id);
    QCOMPARE(all[1].id, std::string("older"));
    QCOMPARE(errors.size(), size_t{1});
    QVERIFY(errors[0].find("broken.json") != std::string::npos);
    QVERIFY(load_conversations(dir / "missing").empty());
    // No temporary file is left beside the saved ones.
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
    QCOMPARE(files, 4);
    fs::remove_all(dir);
  }
  void damagedFilesSayWhatIsWrong_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("says");
    QTest::newRow("syntax") << "{\"format\": " << "not valid JSON";
    QTest::newRow("format") << "{\"format\": \"other\"}" << "not a Glassbox conversation";
    QTest::newRow("newer") << "{\"format\": \"glassbox-chat\", \"version\": 9, \"id\": \"a\", \"messages\": []}" << "newer";
    QTest::newRow("order") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"messages\": [{\"id\": 1, \"parent\": -1, \"role\": \"user\", \"content\": \"x\"}]}" << "out of order";
    QTest::newRow("cycle") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"messages\": [{\"id\": 0, \"parent\": 0, \"role\": \"user\", \"content\": \"x\"}]}" << "earlier message";
    QTest::newRow("role") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"messages\": [{\"id\": 0, \"parent\": -1, \"role\": \"robot\", \"content\": \"x\"}]}" << "role";
    QTest::newRow("type") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"messages\": [{\"id\": 0, \"parent\": -1, \"role\": \"user\", \"content\": 5}]}" << "\"content\" has the wrong type";
    QTest::newRow("settings") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"settings\": {\"top_p\": 2}, \"messages\": []}" << "top-p";
    QTest::newRow("current") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"current\": 3, \"messages\": []}" << "current";
    QTest::newRow("template") << "{\"format\": \"glassbox-chat\", \"version\": 1, \"id\": \"a\", \"template\": \"vicuna\", \"messages\": []}" << "unknown template";
  }
  void damagedFilesSayWhatIsWrong() {
    QFETCH(QString, json);
    QFETCH(QString, says);
    try {
      Conversation::from_json(json.toStdString(), "chats/a.json");
      QFAIL("a damaged conversation was accepted");
    } catch (const Error& e) {
      const std::string what = e.what();
      QVERIFY2(what.rfind("chats/a.json", 0) == 0, what.c_str());
      QVERIFY2(what.find(says.toStdString()) != std::string::npos, what.c_str());
      QVERIFY(what.find('\n') == std::string::npos);
    }
  }
  void markdownShowsTheThread() {
    Conversation c = sample();
    const std::string md = c.to_markdown();
    QCOMPARE(md, std::string("# What is the capital of France?\n\n"
                             "*Model: glassbox-chat · template: alpaca · temperature 0.3 · top-k 7 · top-p 0.9 · max tokens 64 · seed 1234567890123*\n\n"
                             "**System prompt:** Be brief.\n\n"
                             "## You\n\nWhat is the capital of France?\nThanks\n\n"
                             "## Assistant\n\nParis.\n\n"
                             "## You\n\n서울은요? 🙂\n\n"
                             "## Assistant\n\n대한민국의 수도입니다.\n\n"));
    c.select(2);  // another branch exports another thread
    QVERIFY(c.to_markdown().find("The capital is Paris.") != std::string::npos);
    QVERIFY(c.to_markdown().find("서울") == std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestConversation)
#include "test_conversation.moc"
