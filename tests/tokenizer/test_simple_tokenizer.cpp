// SimpleTokenizer V1 and V2 (the book's chapter 2) on a corpus small enough to number by hand.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/tokenizer/simple_tokenizer.h"

using namespace gb;

class TestSimpleTokenizer : public QObject {
  Q_OBJECT
 private slots:
  void vocabularyIsTheSortedWords() {
    // Words: Hello , world . Is this -- a test ?  Sorted by bytes:
    //   , -- . ? Hello Is a test this world  → ids 0..9; V2 adds <|endoftext|> 10, <|unk|> 11.
    auto v2 = SimpleTokenizer::from_corpus("Hello, world. Is this-- a test?");
    QCOMPARE(v2->vocab_size(), int64_t{12});
    QCOMPARE(v2->token_bytes(0), std::string(","));
    QCOMPARE(v2->token_bytes(1), std::string("--"));
    QCOMPARE(v2->token_bytes(4), std::string("Hello"));
    QCOMPARE(v2->token_bytes(9), std::string("world"));
    QCOMPARE(v2->eos_id().value(), 10);
    QCOMPARE(v2->encode("Hello, world."), (std::vector<int32_t>{4, 0, 9, 2}));
    QCOMPARE(v2->decode(std::vector<int32_t>{4, 0, 9, 2}), std::string("Hello, world."));
    // Unknown words are <|unk|> in V2 …
    QCOMPARE(v2->encode("Hello, do you like tea?"), (std::vector<int32_t>{4, 0, 11, 11, 11, 11, 3}));
    QCOMPARE(v2->encode("a test <|endoftext|> this"), (std::vector<int32_t>{6, 7, 10, 8}));
    // … and an error in V1.
    auto v1 = SimpleTokenizer::from_corpus("Hello, world. Is this-- a test?", 1);
    QCOMPARE(v1->vocab_size(), int64_t{10});
    QVERIFY_THROWS_EXCEPTION(Error, v1->encode("Hello, tea"));
    QCOMPARE(v1->split("Is this-- a test?"), (std::vector<std::string>{"Is", "this", "--", "a", "test", "?"}));
  }
  void offsetsAndSavedFile() {
    auto tok = SimpleTokenizer::from_corpus("one two, three.");
    const std::string text = "two,  three";
    const auto p = tok->encode_with_offsets(text);
    QCOMPARE(p.size(), size_t{3});
    QCOMPARE(p[2].begin, size_t{6});
    QCOMPARE(p[2].end, size_t{11});
    QTemporaryDir tmp;
    const auto path = std::filesystem::path(tmp.path().toStdString()) / "tokenizer.json";
    tok->save(path);
    auto back = load_tokenizer(path.string());
    for (const char* s : {"one two, three.", "three, four -- one?", "two\tone\n"})
      QCOMPARE(back->encode(s), tok->encode(s));
  }
};

QTEST_APPLESS_MAIN(TestSimpleTokenizer)
#include "test_simple_tokenizer.moc"
