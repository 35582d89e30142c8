// ClassifierView with hand-made data: curves with validation only where measured, the
// confusion matrix and its accuracy line, the classify-as-you-type result, and CSV.
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "views/classifier_view.h"

using namespace glassbox;

class TestClassifierView : public QObject {
  Q_OBJECT
 private slots:
  void curvesAndMatrix() {
    views::ClassifierView view;
    view.resize(800, 600);
    view.setPoints({{1, 0.1, 0.70, NAN, 0.5, NAN}, {2, 0.2, 0.60, 0.55, 0.75, 0.70}});
    view.addPoint({3, 0.3, 0.30, NAN, NAN, NAN});
    const auto plots = view.findChildren<QCustomPlot*>();
    QCOMPARE(plots.size(), 2);
    QCOMPARE(plots[0]->graph(0)->dataCount(), 3);  // training loss every step
    QCOMPARE(plots[0]->graph(1)->dataCount(), 1);  // validation where measured
    QCOMPARE(plots[1]->graph(0)->dataCount(), 2);
    view.setConfusion({{"ham", "spam"}, {{370, 9}, {14, 366}}}, 0.5);
    auto* table = view.findChild<QTableWidget*>();
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("14"));
    QCOMPARE(table->verticalHeaderItem(1)->text(), QStringLiteral("is spam"));
    QCOMPARE(view.accuracyText(), QStringLiteral("Test accuracy: 50.0% before finetuning, 97.0% after (759 messages)"));
  }

  void typingAsksAndShowsThePrediction() {
    views::ClassifierView view;
    QSignalSpy spy(&view, &views::ClassifierView::textEdited);
    QTest::keyClicks(view.findChild<QLineEdit*>(), QStringLiteral("win"));
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("win"));
    view.setPrediction({"win", {"ham", "spam"}, {0.1f, 0.9f}});
    QCOMPARE(view.predictionText(), QStringLiteral("→ spam (ham 10.0%, spam 90.0%)"));
  }

  void csv() {
    views::ClassifierView view;
    view.setPoints({{5, 0.5, 0.25, NAN, 1.0, NAN}});
    QCOMPARE(view.csv(), QStringLiteral("step,epoch,train_loss,val_loss,train_accuracy,val_accuracy\n5,0.5,0.25,,1,\n"));
  }
};

QTEST_MAIN(TestClassifierView)
#include "test_classifier_view.moc"
