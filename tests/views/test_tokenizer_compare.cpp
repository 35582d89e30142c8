// TokenizerCompare with hand-made runs: one row per tokenizer with its vocabulary, token
// count and characters per token; a tokenizer that cannot run says why; presets and typing
// ask for new runs; the CSV holds every token of every run.
#include <QComboBox>
#include <QLineEdit>
#include <QtTest>

#include "views/token_view.h"
#include "views/tokenizer_compare_view.h"

using namespace glassbox;
using namespace glassbox::views;

namespace {

trace::TokenizerRun run(const char* name, std::int64_t vocab, std::vector<std::pair<std::string, int>> pieces) {
  trace::TokenizerRun r;
  r.name = r.label = name;
  r.vocab_size = vocab;
  std::size_t pos = 0;
  for (auto& [text, id] : pieces) {
    r.tokens.push_back({text, id, pos, pos + text.size(), false});
    pos += text.size();
  }
  return r;
}

}  // namespace

class TestTokenizerCompare : public QObject {
  Q_OBJECT
 private slots:
  void rowsShowCountsAndCharactersPerToken() {
    TokenizerCompareView view;
    trace::TokenizerRun missing;
    missing.name = missing.label = "cl100k_base";
    missing.error = "data/node_modules/gpt-tokenizer: not installed";
    view.setRuns(QStringLiteral("Hello world"),
                 {run("gpt2", 50257, {{"Hello", 15496}, {" world", 995}}),
                  run("bytes", 256, {{"H", 72}, {"e", 101}, {"l", 108}, {"l", 108}, {"o", 111}, {" ", 32},
                                     {"w", 119}, {"o", 111}, {"r", 114}, {"l", 108}, {"d", 100}}),
                  missing});
    QCOMPARE(view.tokenCount(0), 2);
    QCOMPARE(view.tokenCount(1), 11);
    QCOMPARE(view.tokenCount(2), 0);
    const QStringList rows = view.summaries();
    QCOMPARE(rows.size(), 3);
    QVERIFY2(rows[0].contains(QStringLiteral("50,257")) && rows[0].contains(QStringLiteral("2 tokens")) &&
                 rows[0].contains(QStringLiteral("5.50 characters per token")),
             qPrintable(rows[0]));
    QVERIFY2(rows[1].contains(QStringLiteral("11 tokens")) && rows[1].contains(QStringLiteral("1.00 characters")), qPrintable(rows[1]));
    QVERIFY(!rows[2].contains(QStringLiteral("tokens")));
    // The failed row says why, in place of chips.
    bool shown = false;
    for (QLabel* l : view.findChildren<QLabel*>())
      shown = shown || l->text().contains(QStringLiteral("not installed"));
    QVERIFY(shown);
    QCOMPARE(view.findChildren<TokenChips*>().size(), 2);

    const QString csv = view.csv();
    QCOMPARE(csv.count(QLatin1Char('\n')), 1 + 2 + 11 + 1);
    QVERIFY(csv.contains(QStringLiteral("gpt2,50257,1,995,\" world\",5,11,")) || csv.contains(QStringLiteral("gpt2,50257,1,995, world,5,11,")));
    QVERIFY(csv.contains(QStringLiteral("not installed")));

    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
  }

  void presetsAndTypingAskAgain() {
    TokenizerCompareView view;
    QSignalSpy edited(&view, &TokenizerCompareView::textEdited);
    const auto presets = TokenizerCompareView::presets();
    QVERIFY(presets.size() >= 2);
    QCOMPARE(presets[0].second, TokenizerCompareView::probeText());
    QVERIFY(TokenizerCompareView::probeText().contains(QStringLiteral("12.0*50=600")));
    QVERIFY(presets[1].second.contains(QStringLiteral("안녕하세요")));
    auto* picker = view.findChild<QComboBox*>();
    QVERIFY(picker);
    emit picker->activated(1);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited[0][0].toString(), presets[1].second);
    QCOMPARE(view.text(), presets[1].second);
    auto* input = view.findChild<QLineEdit*>();
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("!"));
    QCOMPARE(edited.size(), 2);
    QCOMPARE(edited[1][0].toString(), presets[1].second + QLatin1Char('!'));
    // setText (from the owner) does not ask again.
    view.setText(QStringLiteral("x"));
    QCOMPARE(edited.size(), 2);
  }
};

QTEST_MAIN(TestTokenizerCompare)
#include "test_tokenizer_compare.moc"
