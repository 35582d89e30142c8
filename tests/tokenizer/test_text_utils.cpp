// The small pieces under the tokenizers: SHA-256 (FIPS 180-4 test vectors), UTF-8 decoding
// with U+FFFD per maximal ill-formed subpart (Unicode 15, §3.9, Table 3-8), the GPT-2
// byte alphabet, and the partial-character test.
#include <QtTest>

#include "engine/tokenizer/base64.h"
#include "engine/tokenizer/sha256.h"
#include "engine/tokenizer/utf8.h"

using namespace gb;

class TestTextUtils : public QObject {
  Q_OBJECT
 private slots:
  void base64Vectors() {
    // RFC 4648 §10.
    const char* in[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    const char* want[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    std::string out;
    for (int i = 0; i < 7; ++i) {
      QVERIFY(base64_decode(in[i], out));
      QCOMPARE(out, std::string(want[i]));
    }
    QVERIFY(base64_decode("Zm9vYg", out));  // padding may be left out
    QCOMPARE(out, std::string("foob"));
    QVERIFY(!base64_decode("Zm9v!", out));
  }
  void sha256Vectors() {
    QCOMPARE(sha256_hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256_hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(sha256_hex(std::string(1000000, 'a')),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  }
  void replacementFollowsTheStandard() {
    // Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 → a � � � b � c � � d
    const std::string in = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    QCOMPARE(utf8::decode(in), std::u32string(U"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd"));
    QCOMPARE(utf8::decode("\xF0\x80\x80"), std::u32string(U"\uFFFD\uFFFD\uFFFD"));  // F0 needs 90..BF next
    QCOMPARE(utf8::decode("\xED\xA0\x80"), std::u32string(U"\uFFFD\uFFFD\uFFFD"));  // a surrogate
    QCOMPARE(utf8::decode("\xE2\x82"), std::u32string(U"\uFFFD"));                  // truncated at the end
    QCOMPARE(utf8::sanitize("ok \xE2\x82\xAC"), std::string("ok \xE2\x82\xAC"));     // valid stays as is
  }
  void gpt2ByteAlphabet() {
    // Printable Latin-1 stands for itself; space is U+0120 'Ġ', newline U+010A 'Ċ'.
    QCOMPARE(utf8::byte_to_unicode('A'), char32_t{'A'});
    QCOMPARE(utf8::byte_to_unicode(' '), char32_t{0x120});
    QCOMPARE(utf8::byte_to_unicode('\n'), char32_t{0x10A});
    QCOMPARE(utf8::byte_to_unicode(0xAD), char32_t{0x143});  // the soft hyphen is the last stand-in
    for (int b = 0; b < 256; ++b) QCOMPARE(utf8::unicode_to_byte(utf8::byte_to_unicode(static_cast<uint8_t>(b))), b);
    std::string back;
    QVERIFY(utf8::printable_to_bytes("\xC4\xA0world", back));  // "Ġworld"
    QCOMPARE(back, std::string(" world"));
  }
  void partialCharacters() {
    const std::string s = "a\xEC\x95\x88";  // "a안"
    QVERIFY(!utf8::cuts_a_character(s, 0, 1));
    QVERIFY(!utf8::cuts_a_character(s, 1, 4));
    QVERIFY(utf8::cuts_a_character(s, 1, 2));
    QVERIFY(utf8::cuts_a_character(s, 2, 4));
    const std::string bad = "\x80\x80";  // stray continuation bytes are not part of a character
    QVERIFY(!utf8::cuts_a_character(bad, 1, 2));
  }
};

QTEST_APPLESS_MAIN(TestTextUtils)
#include "test_text_utils.moc"
