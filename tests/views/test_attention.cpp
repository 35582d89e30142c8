// AttentionView (heatmaps of a model's heads) and the from-scratch math of lesson 3.
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>
#include <cmath>

#include "views/attention_math.h"
#include "views/attention_view.h"
#include "views/matrix_widget.h"

using namespace glassbox;

namespace {

// Two layers × two heads over three tokens: head 0 looks at the previous token, head 1 at itself.
std::vector<trace::AttentionMap> handMade() {
  std::vector<trace::AttentionMap> maps;
  const std::vector<std::string> tokens = {"a", " b", " c"};
  for (int l = 0; l < 2; ++l) {
    maps.push_back({tokens, l, 0, true, {1, 0, 0, 0.9f, 0.1f, 0, 0.05f, 0.9f, 0.05f}});
    maps.push_back({tokens, l, 1, true, {1, 0, 0, 0, 1, 0, 0, 0, 1}});
  }
  return maps;
}

float at(const trace::Matrix& m, int i, int j) { return m.values[static_cast<std::size_t>(i * m.cols + j)]; }

}  // namespace

class TestAttention : public QObject {
  Q_OBJECT
 private slots:
  void toyScoresAreDotProducts() {
    // journey · starts = 0.55*0.57 + 0.87*0.85 + 0.66*0.64
    const auto steps = views::toy::stageSteps(views::toy::Stage::Simplified);
    QCOMPARE(steps.size(), 4u);
    const trace::Matrix& scores = steps[1].matrix;
    QCOMPARE(scores.rows, 6);
    QVERIFY(std::fabs(at(scores, 1, 2) - 1.4754f) < 1e-4f);
    QVERIFY(std::fabs(at(scores, 1, 1) - 1.4950f) < 1e-4f);
    // Row "journey" of the weights, and its context vector, match the values worked by hand.
    const trace::Matrix& weights = steps[2].matrix;
    QVERIFY(std::fabs(at(weights, 1, 1) - 0.2379f) < 1e-3f);
    QVERIFY(std::fabs(at(weights, 1, 4) - 0.1082f) < 1e-3f);
    const trace::Matrix& context = steps[3].matrix;
    QVERIFY(std::fabs(at(context, 1, 0) - 0.4419f) < 1e-3f);
    QVERIFY(std::fabs(at(context, 1, 1) - 0.6515f) < 1e-3f);
    QVERIFY(std::fabs(at(context, 1, 2) - 0.5683f) < 1e-3f);
  }

  void causalWeightsAreLowerTriangularRowsOfOne() {
    const auto steps = views::toy::stageSteps(views::toy::Stage::Causal);
    const trace::Matrix* weights = nullptr;
    for (const auto& s : steps)
      if (s.matrix.name.rfind("A =", 0) == 0) weights = &s.matrix;
    QVERIFY(weights);
    for (int i = 0; i < 6; ++i) {
      float sum = 0;
      for (int j = 0; j < 6; ++j) {
        if (j > i) QCOMPARE(at(*weights, i, j), 0.0f);
        sum += at(*weights, i, j);
      }
      QVERIFY(std::fabs(sum - 1.0f) < 1e-5f);
    }
    QVERIFY(std::fabs(at(*weights, 0, 0) - 1.0f) < 1e-6f);  // "Your" can only see itself
  }

  void multiHeadConcatenatesTwoHeads() {
    const auto steps = views::toy::stageSteps(views::toy::Stage::MultiHead);
    const trace::Matrix& z = steps.back().matrix;
    QCOMPARE(z.rows, 6);
    QCOMPARE(z.cols, 4);
    QCOMPARE(at(z, 3, 0), at(steps[3].matrix, 3, 0));  // head 1's first column
    QCOMPARE(at(z, 3, 2), at(steps[4].matrix, 3, 0));  // head 2's first column
    QVERIFY(at(steps[1].matrix, 5, 0) != at(steps[2].matrix, 5, 0));  // heads differ
  }

  void viewFindsLayersAndHeads() {
    views::AttentionView view;
    view.resize(700, 600);
    view.setMaps(handMade());
    QCOMPARE(view.layerCount(), 2);
    QCOMPARE(view.headCount(), 2);
    view.showHead(1, 0);
    QCOMPARE(view.layer(), 1);
    QCOMPARE(view.head(), 0);
    QVERIFY(view.describeCell(1, 0).contains(QStringLiteral("0.900")));
    QVERIFY(view.describeCell(0, 2).contains(QStringLiteral("masked")));
    QVERIFY(view.describeCell(5, 0).isEmpty());
  }

  void gridShowsEveryHeadAndOpensOne() {
    views::AttentionView view;
    view.resize(700, 600);
    view.setMaps(handMade());
    view.showHead(0, -1);
    const auto tiles = view.findChildren<views::MatrixWidget*>();
    QCOMPARE(tiles.size(), 2);
    emit tiles[1]->clicked();
    QCOMPARE(view.head(), 1);
  }

  void csvHasOneLinePerCell() {
    views::AttentionView view;
    view.setMaps(handMade());
    const QStringList lines = view.csv().trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 1 + 4 * 9);
    QVERIFY(lines[0].startsWith(QStringLiteral("layer,head")));
  }

  void thousandTokensStayDrawable() {
    // 1,024 tokens: the heatmap is one image, the axes switch to positions, hover still works.
    const int t = 1024;
    trace::AttentionMap big;
    for (int i = 0; i < t; ++i) big.tokens.push_back("t");
    big.matrix.assign(static_cast<std::size_t>(t) * t, 0.0f);
    for (int q = 0; q < t; ++q) big.matrix[static_cast<std::size_t>(q) * t + q] = 1.0f;
    views::AttentionView view;
    view.resize(800, 700);
    view.setMaps({big});
    view.showHead(0, 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.describeCell(1000, 1000).contains(QStringLiteral("1.000")));
    QVERIFY(!view.pictureWidget()->grab().isNull());
  }

  void longMapsAreDownsampledKeepingRowsAndMask() {
    // 1,000 tokens, uniform causal attention: each row q gives 1/(q+1) to keys 0..q.
    const int t = 1000;
    trace::AttentionMap big;
    for (int i = 0; i < t; ++i) big.tokens.push_back(std::to_string(i));
    big.matrix.assign(static_cast<std::size_t>(t) * t, 0.0f);
    for (int q = 0; q < t; ++q)
      for (int k = 0; k <= q; ++k) big.matrix[static_cast<std::size_t>(q) * t + k] = 1.0f / static_cast<float>(q + 1);
    const trace::AttentionMap small = views::downsampleAttention(big, 300);
    const int n = static_cast<int>(small.tokens.size());
    QCOMPARE(n, 250);  // blocks of 4 tokens
    QCOMPARE(small.tokens[1], std::string("4"));
    for (int q = 0; q < n; ++q) {
      double sum = 0.0;
      for (int k = 0; k < n; ++k) {
        const float w = small.matrix[static_cast<std::size_t>(q) * n + k];
        if (k > q) QCOMPARE(w, 0.0f);  // whole blocks above the diagonal stay masked
        sum += w;
      }
      QVERIFY(std::abs(sum - 1.0) < 1e-3);
    }
    // Queries 0..3 (block 0) can only see keys 0..3 (block 0): all their weight is there.
    QVERIFY(std::abs(small.matrix[0] - 1.0f) < 1e-5);
    QCOMPARE(views::downsampleAttention(big, 1000).tokens.size(), 1000u);  // fits: unchanged
  }

  void layerPickerAsksForLayersItWasNotGiven() {
    views::AttentionView view;
    auto maps = handMade();
    for (auto& m : maps) m.layers = 6;  // the model has 6 layers; only some came
    view.setMaps(maps);
    QCOMPARE(view.layerCount(), 6);
    QSignalSpy spy(&view, &views::AttentionView::layerRequested);
    auto* box = view.findChild<QSpinBox*>();
    box->setValue(5);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toInt(), 4);
  }

  void typingAsksForNewAttention() {
    views::AttentionView view;
    QSignalSpy spy(&view, &views::AttentionView::textEdited);
    view.setInputText(QStringLiteral("a"));
    auto* input = view.findChild<QLineEdit*>();
    QVERIFY(input && !input->isHidden());
    QTest::keyClicks(input, QStringLiteral("b"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), QStringLiteral("ab"));
  }

  void scratchViewShowsEveryMatrixOfTheStage() {
    views::AttentionScratchView view;
    view.resize(900, 700);
    view.show();
    for (int stage = 0; stage < 4; ++stage) {
      view.setStage(stage);
      const auto expected = views::toy::stageSteps(static_cast<views::toy::Stage>(stage)).size();
      QCOMPARE(static_cast<std::size_t>(view.findChildren<views::MatrixWidget*>().size()), expected);
    }
    QVERIFY(view.csv().count(QLatin1Char('\n')) > 36);
  }
};

QTEST_MAIN(TestAttention)
#include "test_attention.moc"
