// LossChartView with hand-made points, including steps with no validation loss.
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "views/loss_chart_view.h"

using namespace glassbox;

class TestLossChartView : public QObject {
  Q_OBJECT
 private slots:
  void plotsTrainEveryStepAndValWhereMeasured() {
    views::LossChartView view;
    view.resize(600, 400);
    view.setPoints({{0, 10.99, 10.98}, {10, 8.5, NAN}, {20, 6.1, 6.4}});
    view.addPoint({30, 5.0, NAN});
    auto* plot = view.findChild<QCustomPlot*>();
    QVERIFY(plot);
    QCOMPARE(plot->graph(0)->dataCount(), 4);
    QCOMPARE(plot->graph(1)->dataCount(), 2);
    // ln(50257) ≈ 10.82: the reference line stays inside the y range.
    view.setReference(std::log(50257.0), QStringLiteral("ln 50257"));
    QVERIFY(plot->yAxis->range().upper >= 10.99);
    QCOMPARE(plot->itemCount(), 2);
  }

  void csvLeavesUnmeasuredValidationEmpty() {
    views::LossChartView view;
    view.setPoints({{0, 2.5, 2.75}, {5, 2.0, NAN}});
    QCOMPARE(view.csv(), QStringLiteral("step,train_loss,val_loss\n0,2.5,2.75\n5,2,\n"));
  }
};

QTEST_MAIN(TestLossChartView)
#include "test_loss_chart_view.moc"
