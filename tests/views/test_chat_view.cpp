// The chat view with hand-made data: tokens coloured by probability, the top-5 read-out,
// branching and attention from a token's menu, Send / Stop / edit-and-resend, settings,
// streaming tokens, and the CSV export.
#include <QtTest>

#include <QAction>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBrowser>

#include "views/chat_view.h"

using namespace glassbox;
using views::ChatView;

namespace {

trace::ChatToken token(const std::string& text, int id, float p) {
  trace::ChatToken t{text, id, p, {}};
  t.top = {{text, id, p}, {" Rome", 8, 0.2f}, {" Lyon", 9, 0.1f}, {" a", 10, 0.05f}, {"\n", 198, 0.01f}};
  std::sort(t.top.begin(), t.top.end(), [](const auto& a, const auto& b) { return a.prob > b.prob; });
  return t;
}

std::vector<trace::ChatEntry> sample() {
  trace::ChatEntry q;
  q.id = 0;
  q.text = "What is the capital of France?";
  trace::ChatEntry a;
  a.id = 1;
  a.assistant = true;
  a.tokens = {token(" Paris", 6342, 0.61f), token(" is", 318, 0.93f), token("", 160, 0.4f), token("한", 161, 0.02f)};
  for (const auto& t : a.tokens) a.text += t.text;
  a.sibling_index = 1;
  a.sibling_count = 3;
  a.info = "glassbox-chat · 41.0 tokens/s";
  return {q, a};
}

QPushButton* button(ChatView& v, const QString& text) {
  for (QPushButton* b : v.findChildren<QPushButton*>())
    if (b->text() == text) return b;
  return nullptr;
}

}  // namespace

class TestChatView : public QObject {
  Q_OBJECT
 private slots:
  void probabilityColoursRunFromRedToGreen() {
    QCOMPARE(views::probabilityColor(0.0, false).hslHue(), 0);
    QCOMPARE(views::probabilityColor(1.0, false).hslHue(), 120);
    QVERIFY(views::probabilityColor(0.25, false).hslHue() > views::probabilityColor(0.05, false).hslHue());
    QVERIFY(views::probabilityColor(0.5, false).lightness() > views::probabilityColor(0.5, true).lightness());
  }
  void tokensAreColouredByProbability() {
    ChatView v;
    v.setMessages(sample());
    const QString html = v.transcriptHtml();
    QVERIFY(html.contains("What is the capital of France?"));
    const auto messages = sample();
    for (std::size_t i = 0; i < messages[1].tokens.size(); ++i) {
      const auto& t = messages[1].tokens[i];
      if (t.text.empty()) continue;
      // Every other token a shade darker, so that token boundaries show.
      const QColor c = views::probabilityColor(t.prob, false);
      QVERIFY2(html.contains((i % 2 ? c.darker(108) : c).name(), Qt::CaseInsensitive), t.text.c_str());
      QVERIFY(html.contains(QString::fromStdString(t.text)));
    }
    // Token 2 holds only the first bytes of a character: nothing to draw (no link for it).
    QVERIFY(html.contains("tok:1:3") && !html.contains("tok:1:2"));
    QVERIFY(html.contains("2/3"));  // the second of three answers
    QVERIFY(html.contains("41.0 tokens/s"));
    QVERIFY(html.contains("edit:0") && !html.contains("edit:1"));
  }
  void hoverListsTheTopFive() {
    ChatView v;
    v.setMessages(sample());
    const QString tip = v.tokenToolTip(1, 0);
    QVERIFY(tip.contains(QString::fromUtf8("␣Paris")));  // spaces shown
    QVERIFY(tip.contains("61.0%"));
    QVERIFY(tip.contains(QString::fromUtf8("␣Rome")) && tip.contains("20.0%"));
    QVERIFY(tip.contains(QString::fromUtf8("↵")) && tip.contains("1.00%"));
    QVERIFY(tip.indexOf(QString::fromUtf8("␣Paris")) < tip.indexOf(QString::fromUtf8("␣Rome")));
    QVERIFY(v.tokenToolTip(1, 99).isEmpty());
    QVERIFY(v.tokenToolTip(7, 0).isEmpty());
  }
  void clickingATokenBranchesOrShowsAttention() {
    ChatView v;
    v.setMessages(sample());
    QSignalSpy branch(&v, &ChatView::branchRequested);
    QSignalSpy attention(&v, &ChatView::attentionRequested);
    std::unique_ptr<QMenu> menu(v.tokenMenu(1, 0, &v));
    QVERIFY(menu);
    QList<QAction*> alternatives;
    for (QAction* a : menu->actions())
      if (a->data().isValid()) alternatives << a;
    QCOMPARE(alternatives.size(), 5);
    QVERIFY(!alternatives[0]->isEnabled());  // the token already there
    QCOMPARE(alternatives[1]->data().toInt(), 8);
    alternatives[1]->trigger();
    QCOMPARE(branch.size(), 1);
    QCOMPARE(branch[0], (QList<QVariant>{1, 0, 8}));
    menu->actions().last()->trigger();
    QCOMPARE(attention.size(), 1);
    QCOMPARE(attention[0], (QList<QVariant>{1, 0}));
    QVERIFY(!v.tokenMenu(0, 0, &v));  // a user message has no tokens
    // While generating, nothing that changes the thread can be asked for.
    v.setGenerating(true);
    menu.reset(v.tokenMenu(1, 0, &v));
    for (QAction* a : menu->actions()) QVERIFY(!a->isEnabled() || a->isSeparator());
  }
  void sendStopAndEdit() {
    ChatView v;
    v.setMessages(sample());
    QSignalSpy send(&v, &ChatView::sendRequested);
    QSignalSpy stop(&v, &ChatView::stopRequested);
    QSignalSpy edit(&v, &ChatView::editRequested);
    v.setInputText("  Name a colour.  ");
    button(v, "Send")->click();
    QCOMPARE(send.size(), 1);
    QCOMPARE(send[0][0].toString(), QString("Name a colour."));
    QVERIFY(v.inputText().isEmpty());
    // Enter sends, Shift+Enter is a new line.
    QPlainTextEdit* box = nullptr;
    for (QPlainTextEdit* e : v.findChildren<QPlainTextEdit*>())
      if (e->isVisibleTo(&v)) box = e;
    QVERIFY(box);
    box->setPlainText("two");
    QTest::keyClick(box, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(send.size(), 1);
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(send.size(), 2);
    // Generating: the button stops.
    v.setGenerating(true);
    QVERIFY(button(v, "Stop"));
    button(v, "Stop")->click();
    QCOMPARE(stop.size(), 1);
    v.setInputText("ignored");
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(send.size(), 2);
    v.setGenerating(false);
    // Edit and resend: the question comes back into the box; Send makes a new branch of it.
    v.beginEdit(0);
    QCOMPARE(v.editing(), 0);
    QCOMPARE(v.inputText(), QString("What is the capital of France?"));
    QVERIFY(button(v, "Resend"));
    v.setInputText("What is the capital of Korea?");
    button(v, "Resend")->click();
    QCOMPARE(edit.size(), 1);
    QCOMPARE(edit[0], (QList<QVariant>{0, QString("What is the capital of Korea?")}));
    QCOMPARE(v.editing(), -1);
    QCOMPARE(send.size(), 2);
  }
  void settingsRoundTrip() {
    ChatView v;
    QSignalSpy changed(&v, &ChatView::settingsChanged);
    v.setSettings({0.3, 7, 0.8, 64, 1234});
    QCOMPARE(changed.size(), 0);  // set by the program: no echo
    const ChatView::Settings s = v.settings();
    QCOMPARE(s.temperature, 0.3);
    QCOMPARE(s.top_k, 7);
    QCOMPARE(s.top_p, 0.8);
    QCOMPARE(s.max_tokens, 64);
    QCOMPARE(s.seed, qint64(1234));
    v.setModels({"glassbox-chat (bundled)", "glassbox-base (bundled) — not built yet", "my-model"}, {true, false, true}, 2);
    QCOMPARE(v.currentModel(), 2);
    v.setTemplates({"alpaca", "llama2", "chatml"}, "chatml");
    QCOMPARE(v.currentTemplate(), QString("chatml"));
    v.setSystemPrompt("Be brief.");
    QCOMPARE(v.systemPrompt(), QString("Be brief."));
    v.setStatus(41, 256, 12.5);
    QCOMPARE(v.statusText(), QString("Context used 41 of 256 tokens · 12.5 tokens/s"));
    v.setStatus(0, 256, -1);
    QCOMPARE(v.statusText(), QString("Context used 0 of 256 tokens"));
  }
  void streamedTokensAppear() {
    ChatView v;
    auto messages = sample();
    messages[1].tokens.resize(1);
    messages[1].text = " Paris";
    v.setMessages(messages);
    v.appendTokens(1, {token(" is", 318, 0.93f), token(" the", 262, 0.5f)});
    v.appendTokens(5, {token(" lost", 1, 0.5f)});  // no such message: ignored
    QCOMPARE(v.messages()[1].tokens.size(), std::size_t{3});
    QCOMPARE(v.messages()[1].text, std::string(" Paris is the"));
    QVERIFY(v.transcriptHtml().contains("tok:1:2"));
    QVERIFY(v.messages()[1].streaming);
    v.setGenerating(false);
    QVERIFY(!v.messages()[1].streaming);
  }
  void csvHasOneRowPerToken() {
    ChatView v;
    v.setMessages(sample());
    const QString csv = v.csv();
    const QStringList lines = csv.split('\n', Qt::SkipEmptyParts);
    // A row per message without tokens and per token; a newline inside a token is quoted.
    QCOMPARE(lines.filter(QRegularExpression("^\\d+,(user|assistant),")).size(), 1 + 4);
    QVERIFY(csv.contains(",\"\n\",0.01"));
    QVERIFY(lines[0].startsWith("message,role,token_index,token,token_id,probability,top1,top1_probability"));
    QVERIFY2(lines[2].startsWith("1,assistant,0,\" Paris\",6342,0.61,\" Paris\",0.61,\" Rome\",0.2"), qPrintable(lines[2]));
  }
};

QTEST_MAIN(TestChatView)
#include "test_chat_view.moc"
