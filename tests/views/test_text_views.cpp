// TokenView and SlidingWindowView with hand-made tokens.
#include <QLineEdit>
#include <QtTest>

#include "views/sliding_window_view.h"
#include "views/token_view.h"

using namespace glassbox;

namespace {

// "Hi 안" as GPT-2 would see it in bytes: H, i, " ", then 안 = EC 95 88 split over two tokens.
std::vector<trace::TokenSpan> handMade() {
  return {{"Hi", 17250, 0, 2, false},
          {" ", 220, 2, 3, false},
          {"\xEC\x95", 168, 3, 5, true},
          {"\x88", 230, 5, 6, true}};
}

std::vector<trace::TokenSpan> ids(int n) {
  std::vector<trace::TokenSpan> t;
  for (int i = 0; i < n; ++i) {
    std::string text = "w";
    text.append(std::to_string(i));
    t.push_back({text, 100 + i, 0, 0, false});
  }
  return t;
}

}  // namespace

class TestTextViews : public QObject {
  Q_OBJECT
 private slots:
  void countsCharactersBytesAndTokens() {
    views::TokenView view;
    view.setTokens(QStringLiteral("Hi 안"), handMade());
    // 4 characters, 6 bytes, 4 tokens, 1.00 characters per token
    const QString stats = view.statsText();
    QVERIFY2(stats.contains(QStringLiteral("4 characters")), qPrintable(stats));
    QVERIFY(stats.contains(QStringLiteral("6 bytes")));
    QVERIFY(stats.contains(QStringLiteral("4 tokens")));
    QVERIFY(stats.contains(QStringLiteral("1.00")));
  }

  void hoverTextNamesIdBytesAndPartialCharacters() {
    views::TokenView view;
    view.setTokens(QStringLiteral("Hi 안"), handMade());
    const QString first = view.chips()->describe(0);
    QVERIFY(first.contains(QStringLiteral("17250")));
    QVERIFY(first.contains(QStringLiteral("48 69")));  // "Hi" in hex
    const QString partial = view.chips()->describe(2);
    QVERIFY(partial.contains(QStringLiteral("EC 95")));
    QVERIFY(partial.contains(QStringLiteral("UTF-8")));
    QVERIFY(view.chips()->describe(9).isEmpty());
  }

  void whitespaceBecomesVisibleOnDemand() {
    views::TokenChips chips;
    const trace::TokenSpan space{" to\n", 1, 0, 4, false};
    QCOMPARE(chips.chipText(space), QStringLiteral(" to↵"));
    chips.setShowWhitespace(true);
    QCOMPARE(chips.chipText(space), QStringLiteral("·to↵"));
    chips.setShowIds(true);
    QCOMPARE(chips.chipText(space), QStringLiteral("1"));
  }

  void chipsWrapAndHitTest() {
    views::TokenView view;
    view.resize(300, 300);
    view.setTokens(QStringLiteral("x"), ids(40));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.chips()->heightForWidth(200) > view.chips()->heightForWidth(2000));
    QCOMPARE(view.chips()->tokenAt(QPoint(2, 2)), 0);
  }

  void typingAsksForNewTokens() {
    views::TokenView view;
    QSignalSpy spy(&view, &views::TokenView::textEdited);
    view.show();
    auto* input = view.findChild<QLineEdit*>();
    QVERIFY(input);
    QTest::keyClicks(input, QStringLiteral("ab"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("ab"));
  }

  void tokenCsvListsEveryToken() {
    views::TokenView view;
    view.setTokens(QStringLiteral("Hi 안"), handMade());
    const QStringList lines = view.csv().trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines[3].endsWith(QStringLiteral(",1")));  // partial
  }

  void windowsShiftTargetsByOne() {
    views::SlidingWindowView view;
    view.setTokens(ids(10));
    view.setContext(4);
    view.setStride(1);
    QCOMPARE(view.windowCount(), 6);  // starts 0..5; the target of start 5 ends at token 9
    QCOMPARE(view.inputIds(0), (std::vector<int>{100, 101, 102, 103}));
    QCOMPARE(view.targetIds(0), (std::vector<int>{101, 102, 103, 104}));
    view.setStride(4);
    QCOMPARE(view.windowCount(), 2);
    QCOMPARE(view.inputIds(1), (std::vector<int>{104, 105, 106, 107}));
    view.setContext(12);
    QCOMPARE(view.windowCount(), 0);
  }

  void windowCsvListsEveryWindow() {
    views::SlidingWindowView view;
    view.setTokens(ids(6));
    view.setContext(2);
    view.setStride(2);
    QCOMPARE(view.csv(), QStringLiteral("window,first_token,input_ids,target_ids\n0,0,100 101,101 102\n1,2,102 103,103 104\n"));
  }
};

QTEST_MAIN(TestTextViews)
#include "test_text_views.moc"
