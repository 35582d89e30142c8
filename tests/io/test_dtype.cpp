// The 16-bit float conversions, checked against bit patterns worked out by hand from the
// IEEE 754 layouts, exhaustively over every 16-bit pattern, and against the compiler's own
// _Float16 where it has one.
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "engine/io/dtype.h"

using namespace gb;

namespace {

float from_bits(uint32_t b) { return std::bit_cast<float>(b); }
uint32_t bits_of(float f) { return std::bit_cast<uint32_t>(f); }

// Round-to-nearest-even to bf16 worked out with doubles, independently of the bit trick.
uint16_t bf16_reference(float f) {
  const uint32_t x = bits_of(f);
  const uint16_t down = static_cast<uint16_t>(x >> 16);  // truncation: toward zero
  if ((x & 0xFFFFu) == 0) return down;
  const auto up = static_cast<uint16_t>(down + 1);         // next away from zero
  const double d = std::abs(static_cast<double>(f));
  const double lo = std::abs(static_cast<double>(bf16_to_f32(down)));
  const double hi_f = static_cast<double>(bf16_to_f32(up));
  const double hi = std::isinf(hi_f) ? std::ldexp(1.0, 128) : std::abs(hi_f);  // "2^128" for rounding
  if (d - lo < hi - d) return down;
  if (d - lo > hi - d) return up;
  return (down & 1u) ? up : down;
}

}  // namespace

class TestDType : public QObject {
  Q_OBJECT
 private slots:
  void namesAndSizes() {
    QCOMPARE(parse_dtype("F32"), DType::F32);
    QCOMPARE(parse_dtype("BF16"), DType::BF16);
    QCOMPARE(parse_dtype("I64"), DType::I64);
    QCOMPARE(parse_dtype("BOOL"), DType::Bool);
    QCOMPARE(parse_dtype("F8_E5M2"), DType::F8_E5M2);
    QCOMPARE(parse_dtype("f32"), DType::Unknown);  // the format's names are upper case
    QCOMPARE(parse_dtype("Q4_K"), DType::Unknown);
    QCOMPARE(dtype_name(DType::U16), std::string_view("U16"));
    QCOMPARE(dtype_size(DType::F64), size_t(8));
    QCOMPARE(dtype_size(DType::F32), size_t(4));
    QCOMPARE(dtype_size(DType::BF16), size_t(2));
    QCOMPARE(dtype_size(DType::Bool), size_t(1));
    QCOMPARE(dtype_size(DType::Unknown), size_t(0));
    QVERIFY(is_float_dtype(DType::F16));
    QVERIFY(!is_float_dtype(DType::I64));
    QVERIFY(!is_float_dtype(DType::F64));
  }

  void f16KnownPatterns() {
    struct Case { float value; uint16_t bits; };
    const Case exact[] = {
        {0.0f, 0x0000}, {-0.0f, 0x8000}, {1.0f, 0x3C00}, {-2.0f, 0xC000}, {0.5f, 0x3800},
        {65504.0f, 0x7BFF},                      // largest finite
        {std::ldexp(1.0f, -14), 0x0400},         // smallest normal
        {std::ldexp(1.0f, -24), 0x0001},         // smallest subnormal
        {std::ldexp(1023.0f, -24), 0x03FF},      // largest subnormal
        {-std::ldexp(3.0f, -24), 0x8003},
        {std::numeric_limits<float>::infinity(), 0x7C00},
        {-std::numeric_limits<float>::infinity(), 0xFC00},
    };
    for (const Case& c : exact) {
      QCOMPARE(f32_to_f16(c.value), c.bits);
      QCOMPARE(bits_of(f16_to_f32(c.bits)), bits_of(c.value));
    }
    // Rounding, ties to even.
    QCOMPARE(f32_to_f16(0.1f), uint16_t(0x2E66));
    QCOMPARE(f32_to_f16(1.0f / 3.0f), uint16_t(0x3555));
    QCOMPARE(f32_to_f16(1.0f + std::ldexp(1.0f, -11)), uint16_t(0x3C00));      // tie, 0x3C00 even
    QCOMPARE(f32_to_f16(1.0f + 3 * std::ldexp(1.0f, -11)), uint16_t(0x3C02));  // tie, up to even
    QCOMPARE(f32_to_f16(std::nextafter(1.0f + std::ldexp(1.0f, -11), 2.0f)), uint16_t(0x3C01));
    QCOMPARE(f32_to_f16(65519.0f), uint16_t(0x7BFF));
    QCOMPARE(f32_to_f16(65520.0f), uint16_t(0x7C00));  // tie past the top: infinity
    QCOMPARE(f32_to_f16(1e10f), uint16_t(0x7C00));
    QCOMPARE(f32_to_f16(-1e10f), uint16_t(0xFC00));
    QCOMPARE(f32_to_f16(std::ldexp(1.0f, -25)), uint16_t(0x0000));            // tie with 0: 0
    QCOMPARE(f32_to_f16(std::ldexp(1.5f, -25)), uint16_t(0x0001));
    QCOMPARE(f32_to_f16(std::ldexp(2.5f, -24)), uint16_t(0x0002));            // subnormal tie down
    QCOMPARE(f32_to_f16(std::ldexp(3.5f, -24)), uint16_t(0x0004));            // subnormal tie up
    QCOMPARE(f32_to_f16(std::ldexp(1023.5f, -24)), uint16_t(0x0400));         // up into the normals
    QCOMPARE(f32_to_f16(1e-30f), uint16_t(0x0000));
    QCOMPARE(f32_to_f16(-1e-30f), uint16_t(0x8000));
    // NaN stays NaN both ways, even one whose payload sits only in the low bits.
    const uint16_t h = f32_to_f16(from_bits(0x7F800001u));
    QVERIFY((h & 0x7C00u) == 0x7C00u && (h & 0x03FFu) != 0);
    QVERIFY(std::isnan(f16_to_f32(0x7E00)));
    QVERIFY(std::isnan(f16_to_f32(0xFC01)));
  }

  void bf16KnownPatterns() {
    QCOMPARE(f32_to_bf16(1.0f), uint16_t(0x3F80));
    QCOMPARE(f32_to_bf16(-2.0f), uint16_t(0xC000));
    QCOMPARE(f32_to_bf16(-0.0f), uint16_t(0x8000));
    QCOMPARE(f32_to_bf16(3.14159274f), uint16_t(0x4049));          // 0x40490FDB: rounds down
    QCOMPARE(f32_to_bf16(from_bits(0x3F808000u)), uint16_t(0x3F80));  // tie, even stays
    QCOMPARE(f32_to_bf16(from_bits(0x3F818000u)), uint16_t(0x3F82));  // tie, odd goes up
    QCOMPARE(f32_to_bf16(from_bits(0x3F808001u)), uint16_t(0x3F81));
    QCOMPARE(f32_to_bf16(std::numeric_limits<float>::max()), uint16_t(0x7F80));  // overflows to inf
    QCOMPARE(f32_to_bf16(std::numeric_limits<float>::infinity()), uint16_t(0x7F80));
    QCOMPARE(f32_to_bf16(from_bits(0x00000001u)), uint16_t(0x0000));  // smallest f32 subnormal
    QCOMPARE(f32_to_bf16(from_bits(0x00018000u)), uint16_t(0x0002));  // subnormal tie, up to even
    QCOMPARE(bf16_to_f32(0x3F80), 1.0f);
    QCOMPARE(bits_of(bf16_to_f32(0x0001)), 0x00010000u);  // bf16 subnormal widens exactly
    // A NaN whose payload is all in the dropped half must not become infinity.
    const uint16_t b = f32_to_bf16(from_bits(0x7F800001u));
    QVERIFY(std::isnan(bf16_to_f32(b)));
    QVERIFY(std::isnan(bf16_to_f32(f32_to_bf16(std::numeric_limits<float>::quiet_NaN()))));
  }

  // Widening is exact, so every 16-bit value comes back unchanged (NaNs stay NaN).
  void everyPatternRoundTrips() {
    for (uint32_t i = 0; i < 65536; ++i) {
      const auto p = static_cast<uint16_t>(i);
      const float h = f16_to_f32(p);
      const float b = bf16_to_f32(p);
      if (std::isnan(h)) QVERIFY(std::isnan(f16_to_f32(f32_to_f16(h))));
      else if (f32_to_f16(h) != p) QFAIL(qPrintable(QString("f16 0x%1 does not round-trip").arg(i, 4, 16)));
      if (std::isnan(b)) QVERIFY(std::isnan(bf16_to_f32(f32_to_bf16(b))));
      else if (f32_to_bf16(b) != p) QFAIL(qPrintable(QString("bf16 0x%1 does not round-trip").arg(i, 4, 16)));
    }
  }

  // f16 widening agrees with a formula: (-1)^s · 2^(e-15) · (1 + m/1024), or 2^-14 · m/1024.
  void f16WideningMatchesFormula() {
    for (uint32_t i = 0; i < 65536; ++i) {
      const int s = (i >> 15) & 1, e = (i >> 10) & 31, m = i & 1023;
      if (e == 31) continue;
      const double v = (s ? -1.0 : 1.0) * (e == 0 ? std::ldexp(m / 1024.0, -14) : std::ldexp(1.0 + m / 1024.0, e - 15));
      if (static_cast<double>(f16_to_f32(static_cast<uint16_t>(i))) != v)
        QFAIL(qPrintable(QString("f16 0x%1 widens wrongly").arg(i, 4, 16)));
    }
  }

  // Narrowing many f32 values, dense around the interesting places (subnormal edges, ties),
  // against references: the compiler's _Float16 for f16, a double-based rounding for bf16.
  void narrowingMatchesReferences() {
    std::vector<uint32_t> samples;
    std::mt19937 rng(1234);
    for (int i = 0; i < 300000; ++i) samples.push_back(rng());
    // Every f32 in the f16 subnormal/normal boundary and near 65504, in steps of 0x100.
    for (uint32_t x = 0x32800000u; x < 0x39000000u; x += 0x100u) samples.push_back(x);
    for (uint32_t x = 0x477F0000u; x < 0x47810000u; x += 0x10u) samples.push_back(x);
    for (uint32_t k = 0; k < 4096; ++k) samples.push_back(0x3F800000u | (k << 12) | 0x1000u);  // f16 ties
    for (uint32_t x : samples) {
      const float f = from_bits(x);
      if (std::isnan(f)) continue;
      if (f32_to_bf16(f) != bf16_reference(f))
        QFAIL(qPrintable(QString("bf16 of 0x%1").arg(x, 8, 16)));
#ifdef __FLT16_MAX__
      const auto ref = std::bit_cast<uint16_t>(static_cast<_Float16>(f));
      if (f32_to_f16(f) != ref)
        QFAIL(qPrintable(QString("f16 of 0x%1: 0x%2, compiler 0x%3").arg(x, 8, 16).arg(f32_to_f16(f), 4, 16).arg(ref, 4, 16)));
#endif
    }
#ifdef __FLT16_MAX__
    for (uint32_t i = 0; i < 65536; ++i) {
      const auto p = static_cast<uint16_t>(i);
      const float ref = static_cast<float>(std::bit_cast<_Float16>(p));
      if (!std::isnan(ref)) QCOMPARE(bits_of(f16_to_f32(p)), bits_of(ref));
    }
#else
    qInfo("no _Float16 in this compiler: the f16 comparison with it is skipped");
#endif
  }

  // The bulk conversions (the F16C path where the CPU has it, odd tails included) give what
  // the one-value functions give.
  void bulkMatchesScalar() {
    std::vector<std::byte> bytes(65536 * 2 + 2);  // + 2: start unaligned
    for (uint32_t i = 0; i < 65536; ++i) {
      const auto p = static_cast<uint16_t>(i);
      std::memcpy(bytes.data() + 1 + 2 * i, &p, 2);
    }
    for (DType t : {DType::F16, DType::BF16}) {
      std::vector<float> out(65536 - 3);
      convert_to_f32(t, bytes.data() + 1, out.data(), out.size());
      for (uint32_t i = 0; i < out.size(); ++i) {
        const auto p = static_cast<uint16_t>(i);
        const float want = t == DType::F16 ? f16_to_f32(p) : bf16_to_f32(p);
        if (std::isnan(want) ? !std::isnan(out[i]) : bits_of(out[i]) != bits_of(want))
          QFAIL(qPrintable(QString("%1 0x%2").arg(t == DType::F16 ? "f16" : "bf16").arg(i, 4, 16)));
      }
      std::vector<std::byte> back(out.size() * 2 + 1);
      std::vector<float> finite;
      for (float f : out)
        if (!std::isnan(f)) finite.push_back(f);
      convert_from_f32(t, finite.data(), back.data() + 1, finite.size());
      for (size_t i = 0; i < finite.size(); ++i) {
        uint16_t p;
        std::memcpy(&p, back.data() + 1 + 2 * i, 2);
        QCOMPARE(p, t == DType::F16 ? f32_to_f16(finite[i]) : f32_to_bf16(finite[i]));
      }
    }
    std::vector<float> out(3);
    QVERIFY_THROWS_EXCEPTION(std::exception, convert_to_f32(DType::I64, bytes.data(), out.data(), 1));
  }

  void bulkNarrowingRoundsLikeTheScalar() {
    // Values that need rounding, with every kind of input: random bit patterns (NaNs with
    // payloads, infinities, subnormals of both formats), exact ties, and the overflow edge.
    // The bulk path may use the CPU's conversion instruction; it must give the same bits.
    std::mt19937 rng(7);
    std::vector<float> in;
    for (int i = 0; i < 200000; ++i) in.push_back(from_bits(static_cast<uint32_t>(rng())));
    for (uint32_t h = 0; h < 0x7C00u; h += 7) {  // halfway between neighbouring f16 values
      const float lo = f16_to_f32(static_cast<uint16_t>(h)), hi = f16_to_f32(static_cast<uint16_t>(h + 1));
      in.push_back(static_cast<float>((static_cast<double>(lo) + hi) / 2));
      in.push_back(-static_cast<float>((static_cast<double>(lo) + hi) / 2));
    }
    for (float f : {65504.0f, 65519.996f, 65520.0f, 1e-8f, std::ldexp(1.0f, -25), std::ldexp(1.5f, -25)}) {
      in.push_back(f);
      in.push_back(-f);
    }
    for (DType t : {DType::F16, DType::BF16}) {
      std::vector<std::byte> out(in.size() * 2 + 1);
      convert_from_f32(t, in.data(), out.data() + 1, in.size());
      for (size_t i = 0; i < in.size(); ++i) {
        uint16_t p;
        std::memcpy(&p, out.data() + 1 + 2 * i, 2);
        const uint16_t want = t == DType::F16 ? f32_to_f16(in[i]) : f32_to_bf16(in[i]);
        if (p != want)
          QFAIL(qPrintable(QString("%1: 0x%2 gave 0x%3, the scalar 0x%4")
                               .arg(t == DType::F16 ? "f16" : "bf16")
                               .arg(bits_of(in[i]), 8, 16, QChar('0'))
                               .arg(p, 4, 16, QChar('0'))
                               .arg(want, 4, 16, QChar('0'))));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestDType)
#include "test_dtype.moc"
