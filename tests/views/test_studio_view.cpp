// The studio view with hand-made training data: points on the chart (validation only where
// measured), the timeline newest first, the snapshot slider following new snapshots unless
// the learner moved it back, the progress line with its ETA, and the CSV export.
#include <QSlider>
#include <QTextBrowser>
#include <QtTest>

#include <cmath>

#include "views/attention_view.h"
#include "views/studio_view.h"

using namespace glassbox;
using namespace glassbox::views;

namespace {

std::vector<trace::TrainingStep> steps(int from, int to) {
  std::vector<trace::TrainingStep> out;
  for (int i = from; i <= to; ++i) {
    trace::TrainingStep s;
    s.step = i;
    s.train = 8.3 - 0.1 * i;
    s.val = i % 5 == 0 ? 8.4 - 0.1 * i : std::nan("");
    s.lr = 1e-3;
    s.tokens_per_sec = 1000;
    out.push_back(s);
  }
  return out;
}

trace::AttentionSnapshot snapshot(int step) {
  trace::AttentionSnapshot snap;
  snap.step = step;
  for (int layer = 0; layer < 2; ++layer)
    for (int head = 0; head < 2; ++head) {
      trace::AttentionMap m;
      m.tokens = {"Call", " me", " Ishmael"};
      m.layer = layer;
      m.head = head;
      m.matrix = {1, 0, 0, 0.5f, 0.5f, 0, 0.2f, 0.3f, 0.5f};
      snap.maps.push_back(m);
    }
  return snap;
}

}  // namespace

class TestStudioView : public QObject {
  Q_OBJECT
 private slots:
  void plotsTrainEveryStepAndValWhereMeasured() {
    StudioView view;
    view.reset(4096);
    view.addSteps(steps(1, 12));
    QCOMPARE(view.trainPointCount(), 12);
    QCOMPARE(view.valPointCount(), 2);  // steps 5 and 10
    view.addSteps(steps(13, 15));
    QCOMPARE(view.trainPointCount(), 15);
    QCOMPARE(view.valPointCount(), 3);
    const QStringList csv = view.csv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), 16);
    QCOMPARE(csv[0], QStringLiteral("step,train_loss,val_loss,lr,tokens_per_sec"));
    QCOMPARE(csv[1], QStringLiteral("1,8.2,,0.001,1000"));
    QCOMPARE(csv[5], QStringLiteral("5,7.8,7.9,0.001,1000"));
    view.reset(512);
    QCOMPARE(view.trainPointCount(), 0);
  }

  void progressShowsStepEtaAndLosses() {
    StudioView view;
    view.reset(4096);
    view.addSteps(steps(1, 10));
    trace::TrainingProgress p;
    p.step = 10;
    p.total_steps = 100;
    p.elapsed_seconds = 65;
    p.eta_seconds = 600;
    p.tokens_per_sec = 1234;
    view.setProgress(p);
    const QString text = view.progressText();
    QVERIFY2(text.contains(QStringLiteral("step 10 of 100")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1 min 05 s elapsed")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("about 10 min 00 s left")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1234 tokens/s")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("val 7.400")), qPrintable(text));  // the last measured one
  }

  void samplesNewestFirst() {
    StudioView view;
    view.reset(4096);
    view.addSamples({{0, "The whale", " zq xv"}, {50, "The whale", " was <white>"}});
    QCOMPARE(view.sampleCount(), 2);
    const QString html = view.findChild<QTextBrowser*>()->toPlainText();
    QVERIFY(html.indexOf(QStringLiteral("step 50")) < html.indexOf(QStringLiteral("step 0")));
    QVERIFY(html.contains(QStringLiteral("was <white>")));  // escaped, shown as text
  }

  void sliderFollowsNewSnapshotsUnlessMovedBack() {
    StudioView view;
    view.reset(4096);
    view.addSnapshots({snapshot(0), snapshot(25)});
    QCOMPARE(view.snapshotCount(), 2);
    QCOMPARE(view.shownSnapshot(), 1);  // the newest
    QCOMPARE(view.attentionView()->layerCount(), 2);
    QCOMPARE(view.attentionView()->headCount(), 2);
    view.addSnapshots({snapshot(50)});
    QCOMPARE(view.shownSnapshot(), 2);
    view.showSnapshot(0);
    view.attentionView()->showHead(1, 1);
    view.addSnapshots({snapshot(75)});
    QCOMPARE(view.shownSnapshot(), 0);  // the learner looks at an old one: stays there
    view.findChild<QSlider*>()->setValue(3);
    QCOMPARE(view.shownSnapshot(), 3);
    // The picked layer and head are kept across snapshots.
    QCOMPARE(view.attentionView()->layer(), 1);
    QCOMPARE(view.attentionView()->head(), 1);
  }
};

QTEST_MAIN(TestStudioView)
#include "test_studio_view.moc"
