// BpeTrainer: merges worked out by hand, the incremental counts against a plain recount,
// determinism, and the saved tokenizer.json loading back.
#include <QtTest>

#include <map>

#include "engine/core/error.h"
#include "engine/tokenizer/bpe_trainer.h"
#include "engine/tokenizer/tokenizer.h"
#include "fixtures.h"

using namespace gb;

namespace {

// The textbook trainer: recount every pair of every piece before each merge. Slow, obvious,
// and the reference for the incremental one (same tie rule: count, then smaller pair).
std::vector<BpeMerge> naive_train(const std::vector<std::string>& pieces, int merges_wanted) {
  std::map<std::vector<int32_t>, int64_t> words;
  for (const auto& p : pieces) {
    std::vector<int32_t> w;
    for (char c : p) w.push_back(static_cast<uint8_t>(c));
    ++words[w];
  }
  std::vector<BpeMerge> out;
  std::map<std::string, int32_t> ids;
  std::vector<std::string> tokens;
  for (int b = 0; b < 256; ++b) tokens.emplace_back(1, static_cast<char>(b));
  while (static_cast<int>(tokens.size()) < 256 + merges_wanted) {
    std::map<std::pair<int32_t, int32_t>, int64_t> counts;
    for (const auto& [w, n] : words)
      for (size_t i = 0; i + 1 < w.size(); ++i) counts[{w[i], w[i + 1]}] += n;
    std::pair<int32_t, int32_t> best{};
    int64_t best_count = 0;
    for (const auto& [pair, n] : counts)  // map order: smaller pair first, so '>' keeps it
      if (n > best_count) best = pair, best_count = n;
    if (best_count < 2) break;
    const std::string bytes = tokens[best.first] + tokens[best.second];
    int32_t id;
    if (ids.count(bytes)) {
      id = ids[bytes];
    } else {
      id = static_cast<int32_t>(tokens.size());
      tokens.push_back(bytes);
      ids[bytes] = id;
    }
    out.push_back({best.first, best.second, id, best_count});
    std::map<std::vector<int32_t>, int64_t> next;
    for (const auto& [w, n] : words) {
      std::vector<int32_t> m;
      for (size_t i = 0; i < w.size(); ++i) {
        if (i + 1 < w.size() && w[i] == best.first && w[i + 1] == best.second) m.push_back(id), ++i;
        else m.push_back(w[i]);
      }
      next[m] += n;
    }
    words.swap(next);
  }
  return out;
}

}  // namespace

class TestBpeTrainer : public QObject {
  Q_OBJECT
 private slots:
  void mergesWorkedOutByHand() {
    // Pieces: "ab" once, " ab" twice, " cd" once.
    //   (a,b) occurs 3 times → 256 = "ab"; then (" ", 256) twice → 257 = " ab";
    //   then (" ", c) and (c, d) once each: the tie goes to the smaller left id (32 < 99)
    //   → 258 = " c"; then (258, d) → 259 = " cd".
    BpeTrainOptions o;
    o.vocab_size = 256 + 4 + 1;
    o.min_count = 1;
    BpeTrainer t(o);
    t.add_text("ab ab ab cd");
    auto tok = t.train();
    const auto& m = t.merges();
    QCOMPARE(m.size(), size_t{4});
    QCOMPARE(m[0].left, int32_t{'a'}); QCOMPARE(m[0].right, int32_t{'b'}); QCOMPARE(m[0].id, 256); QCOMPARE(m[0].count, int64_t{3});
    QCOMPARE(m[1].left, int32_t{' '}); QCOMPARE(m[1].right, 256); QCOMPARE(m[1].count, int64_t{2});
    QCOMPARE(m[2].left, int32_t{' '}); QCOMPARE(m[2].right, int32_t{'c'}); QCOMPARE(m[2].id, 258);
    QCOMPARE(m[3].left, 258); QCOMPARE(m[3].right, int32_t{'d'}); QCOMPARE(m[3].id, 259);
    QCOMPARE(tok->vocab_size(), int64_t{261});
    QCOMPARE(tok->eos_id().value(), 260);
    QCOMPARE(tok->encode("ab ab cd"), (std::vector<int32_t>{256, 257, 259}));
    QCOMPARE(tok->token_bytes(259), std::string(" cd"));
  }
  void incrementalCountsEqualARecount() {
    std::string corpus;
    for (const char* f : {"prose_en.txt", "code.txt", "korean.txt", "numbers.txt"}) corpus += fixtures::corpus(f);
    BpeTrainOptions o;
    o.vocab_size = 256 + 120 + 1;
    BpeTrainer t(o);
    t.add_text(corpus);
    t.train();
    std::vector<std::string> pieces;
    RegexSplitter split(o.pattern);
    split.split(corpus, [&](size_t b, size_t e) { pieces.push_back(corpus.substr(b, e - b)); });
    const auto want = naive_train(pieces, 120);
    QCOMPARE(t.merges().size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      const auto& g = t.merges()[i];
      QVERIFY2(g.left == want[i].left && g.right == want[i].right && g.id == want[i].id && g.count == want[i].count,
               ("merge " + std::to_string(i)).c_str());
    }
  }
  void deterministicAndRoundTrips() {
    const std::string corpus = fixtures::corpus("prose_en.txt") + fixtures::corpus("emoji.txt");
    BpeTrainOptions o;
    o.vocab_size = 300;
    BpeTrainer a(o), b(o);
    a.add_text(corpus);
    b.add_text(corpus);
    auto ta = a.train();
    b.train();
    QCOMPARE(a.merges().size(), b.merges().size());
    for (size_t i = 0; i < a.merges().size(); ++i) QCOMPARE(a.merges()[i].id, b.merges()[i].id);
    QCOMPARE(ta->vocab_size(), int64_t{300});
    for (const auto& entry : std::filesystem::directory_iterator(fixtures::dir() / "corpus")) {
      const std::string raw = fixtures::read(entry.path());
      QCOMPARE(ta->decode(ta->encode(raw)), raw);
    }
    // Training compresses the text it was trained on.
    QVERIFY(ta->encode(corpus).size() < corpus.size());
  }
  void savedTokenizerLoadsBack() {
    std::string corpus;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures::dir() / "corpus"))
      corpus += fixtures::read(entry.path());
    BpeTrainOptions o;
    o.vocab_size = 512;
    o.min_count = 1;
    BpeTrainer t(o);
    t.add_text(corpus);
    auto tok = t.train();
    QTemporaryDir tmp;
    const auto path = std::filesystem::path(tmp.path().toStdString()) / "tokenizer.json";
    tok->save(path);
    auto back = load_tokenizer(path.string());
    QCOMPARE(back->vocab_size(), tok->vocab_size());
    QCOMPARE(back->eos_id(), tok->eos_id());
    QCOMPARE(back->encode(corpus, true), tok->encode(corpus, true));
    QCOMPARE(back->decode(back->encode(corpus)), corpus);
  }
  void reportsProgressAndStopsWhenCancelled() {
    std::string corpus;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures::dir() / "corpus"))
      corpus += fixtures::read(entry.path());
    std::atomic<bool> cancel{false};
    std::vector<std::pair<int32_t, int32_t>> seen;
    BpeTrainOptions o;
    o.vocab_size = 400;
    o.min_count = 1;
    o.cancel = &cancel;
    o.progress = [&](int32_t done, int32_t wanted) {
      seen.emplace_back(done, wanted);
      if (done == 10) cancel = true;
    };
    BpeTrainer t(o);
    t.add_text(corpus);
    auto tok = t.train();
    QCOMPARE(t.merges().size(), size_t{10});
    QCOMPARE(seen.size(), size_t{10});
    QCOMPARE(seen.front(), (std::pair<int32_t, int32_t>{1, 400 - 257}));
    QCOMPARE(tok->vocab_size(), int64_t{256 + 10 + 1});  // what was learned so far, and the special
  }
  void tooSmallAVocabularyIsAUsageError() {
    BpeTrainOptions o;
    o.vocab_size = 100;
    QVERIFY_THROWS_EXCEPTION(UsageError, BpeTrainer{o});
  }
};

QTEST_APPLESS_MAIN(TestBpeTrainer)
#include "test_bpe_trainer.moc"
