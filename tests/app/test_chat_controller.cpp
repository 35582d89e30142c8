// The chat controller with a real (tiny, random) model on the engine worker: tokens stream
// into the view while the UI thread stays free, Stop cancels, regenerate / edit / branch
// make siblings, the attention of a token comes back, and conversations survive a restart.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include "app/chat_controller.h"
#include "app/engine_worker.h"
#include "engine/io/model_dir.h"
#include "engine/nn/gpt_model.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/tokenizer/utf8.h"
#include "views/chat_view.h"

using namespace glassbox;
using app::ChatController;

namespace {

// A random GPT-2-sized-vocabulary model small enough to answer in milliseconds.
// Stored in f16, the chat keeps it in 16 bits only (a generation-only model).
QString makeModel(const QTemporaryDir& tmp, const QString& name, int64_t context, bool with_tokenizer = true,
                  gb::DType store = gb::DType::F32) {
  gb::ModelConfig cfg = gb::preset("gpt-tiny");
  cfg.context_length = context;
  const gb::GPTModel model(cfg, 11);
  const QString dir = tmp.filePath(name);
  const auto tokenizer = gb::load_tokenizer("gpt2");
  gb::save_model(dir.toStdString(), model, with_tokenizer ? tokenizer.get() : nullptr, store);
  return dir;
}

}  // namespace

class TestChatController : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = makeModel(tmp_, "tiny-chat", 64);
    long_model_ = makeModel(tmp_, "tiny-long", 1024);
  }

  void streamsIntoTheViewAndSaves() {
    app::EngineWorkerHost host;
    QTemporaryDir chats;
    ChatController chat(host, chats.path(), false);
    views::ChatView view;
    chat.attach(&view);
    chat.addModel(model_);
    QVERIFY(chat.waitIdle());
    QCOMPARE(chat.models().size(), std::size_t{1});
    QCOMPARE(chat.models()[0].context_length, 64);
    QCOMPARE(chat.models()[0].template_name, QString("alpaca"));
    QVERIFY(view.statusText().contains("of 64"));

    gb::ChatSettings s;
    s.temperature = 0.0f;  // greedy: the answer is the model's argmax chain
    s.max_new_tokens = 12;
    chat.setSettings(s);
    QSignalSpy arrived(&chat, &ChatController::tokensArrived);
    QSignalSpy finished(&chat, &ChatController::generationFinished);
    // The UI thread keeps running its event loop while the worker generates.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(1);
    chat.send("Name a color.");
    QVERIFY(chat.generating());
    QVERIFY(view.generating());
    QVERIFY(chat.waitIdle());
    ticker.stop();
    QVERIFY(ticks > 0);
    QVERIFY(!chat.generating());
    QVERIFY(!view.generating());
    QCOMPARE(finished.size(), 1);
    QVERIFY(arrived.size() >= 1);

    const gb::Conversation& c = chat.conversation();
    QCOMPARE(c.thread().size(), std::size_t{2});
    const gb::ChatMessage& answer = c.message(c.thread()[1]);
    QCOMPARE(answer.role, gb::ChatRole::Assistant);
    QVERIFY(!answer.tokens.empty());
    QVERIFY(answer.tokens.size() <= 12);
    QCOMPARE(finished[0][1].toString(), QString::fromStdString(answer.stop_reason));
    QVERIFY(answer.stop_reason == "max_tokens" || answer.stop_reason == "eos" || answer.stop_reason == "end_of_turn" ||
            answer.stop_reason == "context_full");
    QCOMPARE(answer.model, std::string("tiny-chat"));
    QCOMPARE(answer.context_length, int64_t{64});
    for (const auto& t : answer.tokens) {
      QCOMPARE(t.top.size(), std::size_t{5});
      QCOMPARE(t.top[0].id, t.id);  // greedy takes the most likely token
    }
    // The view shows what the conversation holds.
    QCOMPARE(view.messages().size(), std::size_t{2});
    QCOMPARE(view.messages()[1].tokens.size(), answer.tokens.size());
    QCOMPARE(view.messages()[1].tokens[0].prob, answer.tokens[0].prob);
    QVERIFY(view.statusText().contains(QString("Context used %1 of 64").arg(answer.context_used)));
    // Saved as JSON, and it loads back the same.
    const QString file = QDir(chats.path()).filePath(QString::fromStdString(c.id) + ".json");
    QVERIFY(QFile::exists(file));
    QCOMPARE(gb::Conversation::load(file.toStdString()).to_json(), c.to_json());
    QCOMPARE(chat.saved().size(), std::size_t{1});
    host.stop();
  }

  void stopCancelsWithinATokenOrTwo() {
    app::EngineWorkerHost host;
    QTemporaryDir chats;
    ChatController chat(host, chats.path(), false);
    chat.addModel(long_model_);
    QVERIFY(chat.waitIdle());
    gb::ChatSettings s;
    s.max_new_tokens = 900;
    chat.setSettings(s);
    // Stop as soon as the first tokens are on screen.
    connect(&chat, &ChatController::tokensArrived, &chat, [&] { chat.stop(); });
    QSignalSpy finished(&chat, &ChatController::generationFinished);
    chat.send("Tell me a long story.");
    QVERIFY(chat.waitIdle());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished[0][1].toString(), QString("cancelled"));
    const gb::ChatMessage& answer = chat.conversation().message(1);
    QCOMPARE(answer.stop_reason, std::string("cancelled"));
    QVERIFY(!answer.tokens.empty());
    QVERIFY2(answer.tokens.size() < 300, qPrintable(QString::number(answer.tokens.size())));
    // What came before Stop is kept and can be continued from.
    QVERIFY(!chat.generating());
    host.stop();
  }

  void regenerateEditAndBranchMakeSiblings() {
    app::EngineWorkerHost host;
    QTemporaryDir chats;
    ChatController chat(host, chats.path(), false);
    views::ChatView view;
    chat.attach(&view);
    chat.addModel(model_);
    gb::ChatSettings s;
    s.max_new_tokens = 6;
    s.seed = 100;
    chat.setSettings(s);
    chat.send("Hello");
    QVERIFY(chat.waitIdle());
    QCOMPARE(chat.conversation().message(1).seed, uint64_t{100});

    // Regenerate: a second answer to the same question, drawn with the next seed.
    chat.regenerate();
    QVERIFY(chat.waitIdle());
    const gb::Conversation& c = chat.conversation();
    QCOMPARE(c.siblings(1), (std::vector<int>{1, 2}));
    QCOMPARE(c.thread(), (std::vector<int>{0, 2}));
    QCOMPARE(c.message(2).seed, uint64_t{101});
    QCOMPARE(view.messages()[1].sibling_index, 1);
    QCOMPARE(view.messages()[1].sibling_count, 2);
    chat.showSibling(2, -1);
    QCOMPARE(chat.conversation().thread(), (std::vector<int>{0, 1}));

    // Branch from the second token of answer 1 with its second most likely alternative.
    const gb::ChatMessage original = chat.conversation().message(1);
    QVERIFY(original.tokens.size() >= 2);
    const gb::TokenChoice alt = original.tokens[1].top[1];
    chat.branchFromToken(1, 1, alt.id);
    QVERIFY(chat.waitIdle());
    const gb::ChatMessage& branch = chat.conversation().message(3);
    QCOMPARE(branch.parent, 0);
    QVERIFY(branch.tokens.size() >= 2);
    QCOMPARE(branch.tokens[0].id, original.tokens[0].id);
    QCOMPARE(branch.tokens[1].id, alt.id);
    QCOMPARE(branch.tokens[1].prob, alt.prob);
    QCOMPARE(chat.conversation().thread(), (std::vector<int>{0, 3}));

    // Edit and resend: a new version of the question, with its own answer.
    chat.editAndResend(0, "Hello again");
    QVERIFY(chat.waitIdle());
    QCOMPARE(chat.conversation().thread(), (std::vector<int>{4, 5}));
    QCOMPARE(chat.conversation().message(4).content, std::string("Hello again"));
    QCOMPARE(chat.conversation().children(-1), (std::vector<int>{0, 4}));
    QVERIFY(view.transcriptHtml().contains("Hello again"));
    host.stop();
  }

  void attentionOfAToken_data() {
    QTest::addColumn<bool>("sixteen_bits");
    QTest::newRow("f32") << false;
    QTest::newRow("f16, generation-only") << true;
  }
  void attentionOfAToken() {
    QFETCH(bool, sixteen_bits);
    app::EngineWorkerHost host;
    QTemporaryDir chats;
    ChatController chat(host, chats.path(), false);
    chat.addModel(sixteen_bits ? makeModel(tmp_, "tiny-chat-f16", 64, true, gb::DType::F16) : model_);
    gb::ChatSettings s;
    s.max_new_tokens = 3;
    chat.setSettings(s);
    chat.send("Hi");
    QVERIFY(chat.waitIdle());
    QSignalSpy ready(&chat, &ChatController::attentionReady);
    chat.requestAttention(1, 0);
    QVERIFY(chat.waitIdle());
    QCOMPARE(ready.size(), 1);
    const auto maps = ready[0][2].value<std::vector<trace::AttentionMap>>();
    QCOMPARE(maps.size(), std::size_t{2 * 2});  // gpt-tiny: 2 layers × 2 heads
    const std::size_t T = maps[0].tokens.size();
    QCOMPARE(maps[0].matrix.size(), T * T);
    // The last row is the generated token reading everything before it: a causal softmax row.
    const auto gpt2 = gb::load_tokenizer("gpt2");
    const int32_t first = chat.conversation().message(1).tokens[0].id;
    QCOMPARE(maps[0].tokens.back(), gb::utf8::sanitize(gpt2->token_bytes(first)));
    double sum = 0;
    for (std::size_t k = 0; k < T; ++k) sum += maps[0].matrix[(T - 1) * T + k];
    QVERIFY(std::abs(sum - 1.0) < 1e-4);
    QCOMPARE(maps[0].matrix[1], 0.0f);  // row 0 sees only itself
    // The chat goes on answering after the look inside (a 16-bit model back in 16 bits).
    chat.send("Again");
    QVERIFY(chat.waitIdle());
    QVERIFY(!chat.conversation().message(3).tokens.empty());
    host.stop();
  }

  void conversationsReopenAfterRestart() {
    QTemporaryDir chats;
    std::string json;
    {
      app::EngineWorkerHost host;
      ChatController chat(host, chats.path(), false);
      chat.addModel(model_);
      gb::ChatSettings s;
      s.max_new_tokens = 4;
      s.top_k = 5;
      chat.setSettings(s);
      chat.setSystemPrompt("Answer in one word.");
      chat.send("Capital of France?");
      QVERIFY(chat.waitIdle());
      chat.exportMarkdown(chats.filePath("export.md"));
      QVERIFY(chat.waitIdle());
      json = chat.conversation().to_json();
      host.stop();
    }
    QFile md(chats.filePath("export.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(md.readAll());
    QVERIFY(text.contains("## You\n\nCapital of France?"));
    QVERIFY(text.contains("**System prompt:** Answer in one word."));
    QVERIFY(text.contains("top-k 5"));
    QFile::remove(chats.filePath("export.md"));

    app::EngineWorkerHost host;
    ChatController again(host, chats.path(), false);
    views::ChatView view;
    again.attach(&view);
    QSignalSpy loaded(&again, &ChatController::conversationsLoaded);
    QVERIFY(again.waitIdle());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(again.conversation().to_json(), json);
    QCOMPARE(view.messages().size(), std::size_t{2});
    QCOMPARE(view.systemPrompt(), QString("Answer in one word."));
    QCOMPARE(view.settings().top_k, 5);
    // A new chat goes first in the list; choosing the saved one there opens it again.
    again.addModel(model_);
    again.newConversation();
    QVERIFY(again.conversation().messages().empty());
    QCOMPARE(view.messages().size(), std::size_t{0});
    emit view.conversationChosen(1);
    QCOMPARE(again.conversation().to_json(), json);
    QCOMPARE(view.messages().size(), std::size_t{2});
    host.stop();
  }

  void aModelWithoutTokenizerSaysSo() {
    app::EngineWorkerHost host;
    QTemporaryDir chats;
    ChatController chat(host, chats.path(), false);
    views::ChatView view;
    chat.attach(&view);
    QSignalSpy failed(&chat, &ChatController::failed);
    chat.addModel(makeModel(tmp_, "no-tokenizer", 64, false));
    chat.send("Hello?");
    QVERIFY(chat.waitIdle());
    QVERIFY(failed.size() >= 1);
    QVERIFY2(failed.last()[0].toString().contains("tokenizer.json"), qPrintable(failed.last()[0].toString()));
    QCOMPARE(chat.conversation().message(1).stop_reason, std::string("error"));
    QVERIFY(!chat.generating());
    host.stop();
  }

 private:
  QTemporaryDir tmp_;
  QString model_, long_model_;
};

QTEST_MAIN(TestChatController)
#include "test_chat_controller.moc"
