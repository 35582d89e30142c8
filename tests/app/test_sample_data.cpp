// The hand-made data the views show until a model is loaded: it must still be right about
// what it claims (bytes of UTF-8, causal rows that sum to 1, the same word the same row).
#include <QtTest>
#include <cmath>

#include "app/data_source.h"
#include "app/sample_data.h"

using namespace glassbox;
using namespace glassbox::app;

class TestSampleData : public QObject {
  Q_OBJECT
 private slots:
  void bytesMarkPartialCharacters() {
    const auto t = sample::tokenize(QStringLiteral("a안"), QStringLiteral("bytes"));
    QCOMPARE(t.size(), 4u);  // 'a' + three bytes of 안
    QVERIFY(!t[0].partial_utf8);
    QVERIFY(t[1].partial_utf8 && t[2].partial_utf8 && t[3].partial_utf8);
    QCOMPARE(t[1].id, 0xEC);
    QCOMPARE(t[3].byte_end, 4u);
  }

  void wordIdsFollowTheSortedVocabulary() {
    const auto t = sample::tokenize(QStringLiteral("the cat, the dog"), QStringLiteral("words"));
    QCOMPARE(t.size(), 5u);
    QCOMPARE(t[2].text, std::string(","));
    QCOMPARE(t[0].id, t[3].id);  // "the" twice, one id
    QCOMPARE(t[2].id, 0);        // "," sorts first
    QCOMPARE(t[4].byte_begin, 13u);
  }

  void gpt2StyleKeepsTheLeadingSpace() {
    const auto t = sample::tokenize(QStringLiteral("Every effort moves"), QStringLiteral("gpt2-style"));
    QCOMPARE(t.size(), 3u);
    QCOMPARE(t[1].text, std::string(" effort"));
  }

  void attentionIsCausalAndNormalised() {
    const auto maps = sample::attention({"a", "b", "a", "c"}, 2, 3);
    QCOMPARE(maps.size(), 6u);
    for (const auto& m : maps) {
      for (int q = 0; q < 4; ++q) {
        float sum = 0;
        for (int k = 0; k < 4; ++k) {
          if (k > q) QCOMPARE(m.matrix[static_cast<std::size_t>(q * 4 + k)], 0.0f);
          sum += m.matrix[static_cast<std::size_t>(q * 4 + k)];
        }
        QVERIFY(std::fabs(sum - 1.0f) < 1e-5f);
      }
    }
  }

  void repeatedWordSharesItsTokenEmbedding() {
    SampleDataSource data;
    trace::Matrix token, position;
    data.inputEmbeddings(QStringLiteral("the cat saw the dog"), [&](trace::Matrix t, trace::Matrix p) {
      token = std::move(t);
      position = std::move(p);
    });
    QCOMPARE(token.rows, 5);
    for (int j = 0; j < token.cols; ++j) {
      QCOMPARE(token.values[static_cast<std::size_t>(0 * token.cols + j)], token.values[static_cast<std::size_t>(3 * token.cols + j)]);
    }
    QVERIFY(position.values[0] != position.values[static_cast<std::size_t>(3 * position.cols)]);
  }

  void bpeLearnsTheMostFrequentPairFirst() {
    // "th" occurs in every word; after it, " th" (space + th) is the most frequent pair.
    const auto merges = sample::learnBpe(QStringLiteral("the the then that this"), 10);
    QVERIFY(merges.size() >= 2);
    QCOMPARE(merges[0].left, std::string("t"));
    QCOMPARE(merges[0].right, std::string("h"));
    QCOMPARE(merges[0].count, 5);
    QCOMPARE(merges[1].left, std::string(" "));
    QCOMPARE(merges[1].right, std::string("th"));
    QCOMPARE(merges[1].count, 4);
    for (std::size_t i = 1; i < merges.size(); ++i) QVERIFY(merges[i].count <= merges[i - 1].count);
    QVERIFY(sample::learnBpe(QStringLiteral("ab"), 10).empty());  // a pair seen once is not merged
  }

  void nextTokenIsADistribution() {
    const auto d = sample::nextToken(QStringLiteral("Every effort moves you"));
    float sum = 0;
    for (std::size_t i = 0; i < d.probs.size(); ++i) {
      sum += d.probs[i];
      if (i > 0) QVERIFY(d.probs[i] <= d.probs[i - 1]);  // sorted, as the struct promises
    }
    QVERIFY(std::fabs(sum - 1.0f) < 1e-5f);
  }
};

QTEST_MAIN(TestSampleData)
#include "test_sample_data.moc"
