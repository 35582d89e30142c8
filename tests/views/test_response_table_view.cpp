// ResponseTableView with hand-made rows: responses side by side, scores in the cells, the
// mean row skipping unscored items, and CSV with quoting.
#include <QTableWidget>
#include <QtTest>
#include <cmath>

#include "views/response_table_view.h"

using namespace glassbox;

class TestResponseTableView : public QObject {
  Q_OBJECT
 private slots:
  void sideBySideWithMeans() {
    views::ResponseTableView view;
    trace::ResponseTable t;
    t.models = {"base", "chat"};
    t.score_name = "F1";
    t.rows = {{"What is the capital of Texas?", "", "Austin", {"The whale", "Austin"}, {0.0, 1.0}},
              {"Add the numbers.", "2 and 3", "5", {"and", "6"}, {0.0, NAN}}};
    view.setTable(t);
    auto* grid = view.findChild<QTableWidget*>();
    QCOMPARE(grid->rowCount(), 3);
    QCOMPARE(grid->columnCount(), 4);
    QCOMPARE(grid->horizontalHeaderItem(3)->text(), QStringLiteral("chat"));
    QCOMPARE(grid->item(0, 3)->text(), QStringLiteral("Austin\n(F1 1)"));
    QCOMPARE(grid->item(1, 0)->text(), QStringLiteral("Add the numbers.\n\n2 and 3"));
    QCOMPARE(grid->item(1, 3)->text(), QStringLiteral("6"));  // not scored: no score line
    QCOMPARE(view.meanScore(1), 1.0);                       // the unscored row is left out
    QCOMPARE(grid->item(2, 2)->text(), QStringLiteral("0"));
  }

  void csvQuotes() {
    views::ResponseTableView view;
    view.setTable({{"m"}, "F1", {{"Sort: b, a", "", "a, b", {"a, b"}, {1.0}}}});
    QCOMPARE(view.csv(), QStringLiteral("instruction,input,expected,m,m F1\n\"Sort: b, a\",,\"a, b\",\"a, b\",1\n"));
  }
};

QTEST_MAIN(TestResponseTableView)
#include "test_response_table_view.moc"
