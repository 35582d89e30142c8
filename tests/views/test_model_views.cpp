// NextTokenView, EmbeddingView, EmbeddingSumView and PipelineView with hand-made data.
#include <QtTest>
#include <cmath>
#include <numeric>

#include "views/embedding_view.h"
#include "views/next_token_view.h"
#include "views/pipeline_view.h"

using namespace glassbox;

namespace {

trace::NextTokenDistribution dist() {
  return {"Every effort moves you", {" forward", " toward", " closer", " back"}, {1, 2, 3, 4}, {0.5f, 0.3f, 0.15f, 0.05f}};
}

trace::EmbeddingPoints points() {
  // Two clear directions: a, a2 along x; b, b2 along y.
  return {{"a", "a2", "b", "b2"}, {0, 1, 2, 3}, 3, {1, 0.1f, 0, 0.9f, 0, 0.1f, 0, 1, 0.1f, 0.1f, 0.8f, 0}};
}

}  // namespace

class TestModelViews : public QObject {
  Q_OBJECT
 private slots:
  void temperatureOneKeepsTheDistribution() {
    const auto p = views::adjustProbabilities(dist().probs, 1.0, 0, 1.0);
    QVERIFY(std::fabs(p[0] - 0.5f) < 1e-6f);
    QVERIFY(std::fabs(p[3] - 0.05f) < 1e-6f);
  }

  void lowTemperatureSharpensHighFlattens() {
    const auto cold = views::adjustProbabilities(dist().probs, 0.5, 0, 1.0);
    const auto hot = views::adjustProbabilities(dist().probs, 2.0, 0, 1.0);
    // p^(1/T) renormalised: at T = 0.5, 0.25 / (0.25 + 0.09 + 0.0225 + 0.0025)
    QVERIFY(std::fabs(cold[0] - 0.25f / 0.365f) < 1e-5f);
    QVERIFY(hot[0] < 0.5f && hot[3] > 0.05f);
    QVERIFY(std::fabs(std::accumulate(hot.begin(), hot.end(), 0.0f) - 1.0f) < 1e-5f);
  }

  void topKAndTopPCutTheTail() {
    const auto k2 = views::adjustProbabilities(dist().probs, 1.0, 2, 1.0);
    QVERIFY(std::fabs(k2[0] - 0.625f) < 1e-6f);  // 0.5 / 0.8
    QCOMPARE(k2[2], 0.0f);
    const auto p = views::adjustProbabilities(dist().probs, 1.0, 0, 0.7);  // 0.5 + 0.3 reaches 0.7
    QCOMPARE(p[2], 0.0f);
    QVERIFY(p[1] > 0.0f);
    const auto tiny = views::adjustProbabilities(dist().probs, 1.0, 0, 0.01);  // always keeps one
    QCOMPARE(tiny[0], 1.0f);
  }

  void slidersReshapeTheBarsLive() {
    views::NextTokenView view;
    view.setDistribution(dist());
    QCOMPARE(view.topK(), 4);
    view.setTopK(1);
    QCOMPARE(view.shownProbabilities()[0], 1.0f);
    QCOMPARE(view.shownProbabilities()[1], 0.0f);
    view.setTopK(4);
    view.setTemperature(0.5);
    QVERIFY(view.shownProbabilities()[0] > 0.6f);
  }

  void newDataKeepsTheChosenTopK() {
    views::NextTokenView view;
    view.setTopK(2);  // a lesson sets its parameters before the data arrives
    view.setDistribution(dist());
    QCOMPARE(view.topK(), 2);
    QCOMPARE(view.shownProbabilities()[2], 0.0f);
  }

  void greedyAppendsTheMostLikely() {
    views::NextTokenView view;
    view.setDistribution(dist());
    QSignalSpy spy(&view, &views::NextTokenView::tokenAppended);
    view.appendGreedy();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toInt(), 1);
    QCOMPARE(view.prompt(), QStringLiteral("Every effort moves you forward"));
    view.appendSample();
    QCOMPARE(spy.count(), 2);
  }

  void pcaSeparatesTheTwoDirections() {
    const auto xy = views::pca2(points());
    QCOMPARE(xy.size(), 4u);
    // a and a2 land on one side of the first component, b and b2 on the other.
    QVERIFY(xy[0].first * xy[2].first < 0);
    QVERIFY(xy[0].first * xy[1].first > 0);
    QVERIFY(xy[2].first * xy[3].first > 0);
  }

  void nearestNeighbourIsTheSameDirection() {
    const auto near = views::nearestByCosine(points(), 0, 2);
    QCOMPARE(near.size(), 2u);
    QCOMPARE(near[0].first, 1);
    QVERIFY(near[0].second > 0.95);
    QVERIFY(near[1].second < 0.3);  // b2 is nearly orthogonal to a
  }

  void embeddingViewListsNeighbours() {
    views::EmbeddingView view;
    view.resize(700, 500);
    view.setPoints(points());
    view.select(2);
    const QStringList lines = view.neighbourLines();
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(QStringLiteral("b2")));
    QVERIFY(view.csv().startsWith(QStringLiteral("label,id,pc1,pc2\n")));
  }

  void embeddingSumAddsRowByRow() {
    views::EmbeddingSumView view;
    trace::Matrix token{"tok", 2, 2, {1, 2, 1, 2}, {"the", "the"}, {}};
    trace::Matrix pos{"pos", 2, 2, {0.5f, 0, 0, 0.5f}, {}, {}};
    view.setEmbeddings(token, pos);
    QCOMPARE(view.sum().values, (std::vector<float>{1.5f, 2, 1, 2.5f}));
  }

  void pipelineNamesSixStages() {
    views::PipelineView view;
    QCOMPARE(views::PipelineView::stageCount(), 6);
    view.setHighlight(3);
    QCOMPARE(view.highlight(), 3);
    view.setExample(QStringLiteral("Every effort moves you"), {{"Every", 6109, 0, 5, false}}, dist(), 12);
    QVERIFY(view.csv().contains(QStringLiteral("id,0,6109")));
  }
};

QTEST_MAIN(TestModelViews)
#include "test_model_views.moc"
