// BpeView with hand-made merges: the sample re-segments as merges apply.
#include <QtTest>

#include "views/bpe_view.h"

using namespace glassbox;

namespace {

std::vector<trace::BpeMerge> merges() { return {{"t", "h", 5}, {" ", "th", 3}, {" th", "e", 3}}; }

std::vector<std::string> strings(std::initializer_list<const char*> list) { return {list.begin(), list.end()}; }

}  // namespace

class TestBpeView : public QObject {
  Q_OBJECT
 private slots:
  void segmentsApplyMergesInOrder() {
    const std::string text = "the them";
    QCOMPARE(views::bpeSegment(text, merges(), 0), strings({"t", "h", "e", " ", "t", "h", "e", "m"}));
    QCOMPARE(views::bpeSegment(text, merges(), 1), strings({"th", "e", " ", "th", "e", "m"}));
    QCOMPARE(views::bpeSegment(text, merges(), 2), strings({"th", "e", " th", "e", "m"}));
    QCOMPARE(views::bpeSegment(text, merges(), 3), strings({"th", "e", " the", "m"}));
    QCOMPARE(views::bpeSegment(text, merges(), 99), views::bpeSegment(text, merges(), 3));
  }

  void mergesNeverCrossWordsAndKeepUnicode() {
    // "h" ending one word and "t" starting the next (after its space) never merge.
    QCOMPARE(views::bpeSegment("ah th", {{"h", " ", 9}}, 1), strings({"a", "h", " ", "t", "h"}));
    QCOMPARE(views::bpeSegment("한국", {}, 0), strings({"한", "국"}));
  }

  void sliderReSegmentsTheSample() {
    views::BpeView view;
    view.setSample(QStringLiteral("the them"));
    view.setMerges(merges());
    QCOMPARE(view.pieces().size(), 8u);
    view.setApplied(3);
    QCOMPARE(view.applied(), 3);
    QCOMPARE(view.pieces().size(), 4u);
    QCOMPARE(view.csv(), QStringLiteral("rank,left,right,merged,count\n1,t,h,th,5\n2,\" \",th,\" th\",3\n3,\" th\",e,\" the\",3\n"));
  }
};

QTEST_MAIN(TestBpeView)
#include "test_bpe_view.moc"
