// safetensors: the writer produces the standard byte layout (checked against bytes written
// out by hand from the format's description), the reader reads it back, and every malformed
// file gives one line naming the file and the problem.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/atomic_file.h"
#include "engine/io/safetensors.h"

using namespace gb;
namespace fs = std::filesystem;

namespace {

// The 8-byte little-endian length, written out byte by byte.
std::string le64(uint64_t n) {
  std::string out;
  for (int i = 0; i < 8; ++i) out += static_cast<char>((n >> (8 * i)) & 0xFF);
  return out;
}

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out += static_cast<char>(v);
  return out;
}

// A file from a header text (padded by the caller, or not) and data bytes.
std::string file_with(const std::string& header, const std::string& data = {}) {
  return le64(header.size()) + header + data;
}

void write_raw(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

// The message of the gb::Error that f throws; fails the test when it throws nothing.
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// One line, starting with the file, containing the problem.
bool is_error(const std::string& message, const fs::path& file, const std::string& problem) {
  const std::string prefix = file.string() + ": ";
  const bool ok = message.rfind(prefix, 0) == 0 && message.find(problem) != std::string::npos &&
                  message.find('\n') == std::string::npos;
  if (!ok) qWarning("message: %s\nwanted: %s… %s", message.c_str(), prefix.c_str(), problem.c_str());
  return ok;
}

Tensor random_tensor(Shape shape, uint64_t seed) {
  Tensor t = Tensor::empty(std::move(shape));
  Rng rng(seed);
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = static_cast<float>(rng.normal() * 3.0);
  return t;
}

int files_in(const fs::path& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path dir() const { return fs::path(tmp_.path().toStdString()); }

 private slots:
  // The writer's bytes, byte for byte, against the format written out by hand: length,
  // compact JSON (metadata first, tensors in the order given, each dtype/shape/data_offsets),
  // spaces up to a multiple of 8, then little-endian data.
  void writerLayoutIsTheStandardOne() {
    const fs::path path = dir() / "layout.safetensors";
    save_safetensors(path, {{"a", Tensor::from({2}, {1.0f, -2.0f})}, {"b", Tensor::from({1, 1}, {0.5f})}},
                     {{"format", "pt"}});
    const std::string header =
        R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
        R"("b":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]}})";
    QCOMPARE(header.size(), size_t(141));
    const std::string expected = bytes({141 + 3, 0, 0, 0, 0, 0, 0, 0}) + header + "   " +
                                 bytes({0x00, 0x00, 0x80, 0x3F,    // 1.0f
                                        0x00, 0x00, 0x00, 0xC0,    // -2.0f
                                        0x00, 0x00, 0x00, 0x3F});  // 0.5f
    QCOMPARE(read_file(path), expected);

    // bf16: 1.0 is 0x3F80, -2.0 is 0xC000, each stored low byte first.
    save_safetensors(path, {{"w", Tensor::from({2}, {1.0f, -2.0f})}}, {}, DType::BF16);
    const std::string h16 = R"({"w":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}})";
    QCOMPARE(h16.size(), size_t(55));
    QCOMPARE(read_file(path), bytes({56, 0, 0, 0, 0, 0, 0, 0}) + h16 + " " + bytes({0x80, 0x3F, 0x00, 0xC0}));

    // f16: 1.0 is 0x3C00, 65504 (the largest f16) is 0x7BFF.
    save_safetensors(path, {{"w", Tensor::from({2}, {1.0f, 65504.0f})}}, {}, DType::F16);
    const std::string f16 = read_file(path);
    QCOMPARE(f16.substr(f16.size() - 4), bytes({0x00, 0x3C, 0xFF, 0x7B}));
    QCOMPARE(f16.size() % 8, size_t(4));  // 8 + padded header ≡ 0 (mod 8), then 4 data bytes
  }

  // A file as another tool writes it (here by hand): keys not in data order, a metadata
  // block, padding spaces, F16 and BF16 and an I64 beside them.
  void readsAHandWrittenFile() {
    const std::string header =
        R"({"step":{"dtype":"I64","shape":[],"data_offsets":[12,20]},)"
        R"("emb":{"shape":[2,1],"dtype":"F16","data_offsets":[0,4]},)"
        R"("__metadata__":{"format":"pt","note":"hand"},)"
        R"("ln":{"dtype":"BF16","data_offsets":[4,8],"shape":[2]},)"
        R"("bias":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}    )";
    const std::string data = bytes({0x00, 0x3C, 0x00, 0xB8,    // f16 1.0, -0.5
                                    0x49, 0x40, 0x80, 0xBF,    // bf16 3.140625, -1.0
                                    0x00, 0x00, 0x20, 0x41,    // f32 10.0
                                    7, 0, 0, 0, 0, 0, 0, 0});  // i64 7
    const fs::path path = dir() / "hand.safetensors";
    write_raw(path, file_with(header, data));

    const SafetensorsFile f = SafetensorsFile::open(path);
    QCOMPARE(f.names(), (std::vector<std::string>{"emb", "ln", "bias", "step"}));  // data order
    QCOMPARE(f.metadata().at("format"), std::string("pt"));
    QCOMPARE(f.metadata().at("note"), std::string("hand"));
    QVERIFY(f.has("emb") && !f.has("__metadata__") && !f.has("missing"));
    QCOMPARE(f.info("emb").dtype, DType::F16);
    QCOMPARE(f.info("emb").shape, (Shape{2, 1}));
    QCOMPARE(f.info("step").dtype, DType::I64);
    QCOMPARE(f.info("step").shape, Shape{});
    QCOMPARE(f.read("emb").to_vector(), (std::vector<float>{1.0f, -0.5f}));
    QCOMPARE(f.read("ln", {2}).to_vector(), (std::vector<float>{3.140625f, -1.0f}));
    QCOMPARE(f.read("bias").to_vector(), std::vector<float>{10.0f});
    const RawTensor step = f.raw("step");
    QCOMPARE(step.dtype, DType::I64);
    QCOMPARE(step.bytes.size(), size_t(8));
    int64_t value = 0;
    std::memcpy(&value, step.bytes.data(), 8);
    QCOMPARE(value, int64_t(7));
  }

  void roundTrips_data() {
    QTest::addColumn<int>("store");
    QTest::newRow("F32") << static_cast<int>(DType::F32);
    QTest::newRow("F16") << static_cast<int>(DType::F16);
    QTest::newRow("BF16") << static_cast<int>(DType::BF16);
  }
  // Shapes include a scalar (), an empty (0, 3) and odd lengths (the bulk f16 path's tail).
  void roundTrips() {
    QFETCH(int, store);
    const auto dtype = static_cast<DType>(store);
    const std::vector<std::pair<std::string, Tensor>> tensors = {
        {"wte.weight", random_tensor({37, 5}, 1)}, {"scalar", Tensor::from({}, {0.25f})},
        {"empty", Tensor::zeros({0, 3})},          {"h.0.ln_1.bias", random_tensor({3, 1, 7}, 2)},
        {"last", random_tensor({1}, 3)}};
    const fs::path path = dir() / "round.safetensors";
    save_safetensors(path, tensors, {{"glassbox", "test"}}, dtype);
    const SafetensorsFile f = SafetensorsFile::open(path);
    QCOMPARE(f.metadata().at("glassbox"), std::string("test"));
    std::vector<std::string> order;
    for (const auto& [name, t] : tensors) order.push_back(name);
    QCOMPARE(f.names(), order);  // the data lies in the order given
    for (const auto& [name, t] : tensors) {
      QCOMPARE(f.info(name).dtype, dtype);
      QCOMPARE(f.info(name).nbytes(), static_cast<uint64_t>(t.numel()) * dtype_size(dtype));
      const Tensor back = f.read(name, t.shape());
      QCOMPARE(back.shape(), t.shape());
      for (int64_t i = 0; i < t.numel(); ++i) {
        const float x = t.data()[i];
        const float want = dtype == DType::F32 ? x : dtype == DType::F16 ? f16_to_f32(f32_to_f16(x)) : bf16_to_f32(f32_to_bf16(x));
        QCOMPARE(back.data()[i], want);
      }
    }
  }

  // The raw bytes are the stored ones, and stay valid after every SafetensorsFile is gone.
  void rawBytesOutliveTheFile() {
    const fs::path path = dir() / "raw.safetensors";
    save_safetensors(path, {{"w", Tensor::from({2, 2}, {1.0f, -2.0f, 0.5f, 3.0f})}}, {}, DType::BF16);
    RawTensor raw;
    {
      const SafetensorsFile f = SafetensorsFile::open(path);
      raw = f.raw("w");
    }
    QCOMPARE(raw.dtype, DType::BF16);
    QCOMPARE(raw.shape, (Shape{2, 2}));
    QCOMPARE(raw.bytes.size(), size_t(8));
    QCOMPARE(std::string(reinterpret_cast<const char*>(raw.bytes.data()), 8),
             bytes({0x80, 0x3F, 0x00, 0xC0, 0x00, 0x3F, 0x40, 0x40}));
    // The writer pads the header so data starts 8-byte aligned; mmap is page aligned.
    QCOMPARE(reinterpret_cast<uintptr_t>(raw.bytes.data()) % 8, uintptr_t(0));
  }

  void missingAndWrongShape() {
    const fs::path path = dir() / "model.safetensors";
    save_safetensors(path, {{"h.0.attn.c_attn.weight", Tensor::zeros({4, 12})}});
    const SafetensorsFile f = SafetensorsFile::open(path);
    QVERIFY(is_error(error_of([&] { f.read("h.0.attn.c_proj.weight"); }), path,
                     "tensor 'h.0.attn.c_proj.weight' is missing"));
    QVERIFY(is_error(error_of([&] { f.info("nope"); }), path, "tensor 'nope' is missing"));
    QVERIFY(is_error(error_of([&] { f.raw("nope"); }), path, "tensor 'nope' is missing"));
    QVERIFY(is_error(error_of([&] { f.read("h.0.attn.c_attn.weight", {12, 4}); }), path,
                     "tensor 'h.0.attn.c_attn.weight' has shape (4, 12), expected (12, 4)"));
    QCOMPARE(f.read("h.0.attn.c_attn.weight", {4, 12}).shape(), (Shape{4, 12}));
    Tensor wrong = Tensor::zeros({48});
    QVERIFY(is_error(error_of([&] { f.read_into("h.0.attn.c_attn.weight", wrong); }), path,
                     "tensor 'h.0.attn.c_attn.weight' has shape (4, 12), expected (48)"));
  }

  // read_into converts into the tensor it is given, in place.
  void readsIntoAnExistingTensor() {
    const fs::path path = dir() / "into.safetensors";
    const Tensor w = random_tensor({6, 3}, 11);
    save_safetensors(path, {{"w", w}}, {}, DType::BF16);
    Tensor param = Tensor::zeros({6, 3});
    const float* before = param.data();
    SafetensorsFile::open(path).read_into("w", param);
    QCOMPARE(param.data(), before);
    for (int64_t i = 0; i < w.numel(); ++i) QCOMPARE(param.data()[i], bf16_to_f32(f32_to_bf16(w.data()[i])));
  }

  // Valid safetensors dtypes that are not weights are listed; reading one as a weight is an
  // error naming it. A dtype this version does not know is listed with its own spelling.
  void unsupportedDtypes() {
    const std::string header =
        R"({"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},)"
        R"("mask":{"dtype":"U8","shape":[3],"data_offsets":[16,19]},)"
        R"("q":{"dtype":"Q4_K","shape":[64],"data_offsets":[19,55]},)"
        R"("d":{"dtype":"F64","shape":[1],"data_offsets":[56,64]}})";
    const fs::path path = dir() / "dtypes.safetensors";
    write_raw(path, file_with(header, std::string(64, '\0')));
    const SafetensorsFile f = SafetensorsFile::open(path);
    QCOMPARE(f.names(), (std::vector<std::string>{"ids", "mask", "q", "d"}));
    QCOMPARE(f.info("q").dtype, DType::Unknown);
    QCOMPARE(f.info("q").dtype_name, std::string("Q4_K"));
    QCOMPARE(f.raw("mask").bytes.size(), size_t(3));
    QVERIFY(is_error(error_of([&] { f.read("ids"); }), path, "tensor 'ids' has unsupported dtype I64"));
    QVERIFY(is_error(error_of([&] { f.read("mask"); }), path, "tensor 'mask' has unsupported dtype U8"));
    QVERIFY(is_error(error_of([&] { f.read("q"); }), path, "tensor 'q' has unsupported dtype Q4_K"));
    QVERIFY(is_error(error_of([&] { f.read("d", {1}); }), path, "tensor 'd' has unsupported dtype F64"));
    Tensor out = Tensor::zeros({2});
    QVERIFY(is_error(error_of([&] { f.read_into("ids", out); }), path, "tensor 'ids' has unsupported dtype I64"));
  }

  // A file written by tools/make_safetensors_fixture.py: Python's own layout of the format,
  // and PyTorch's rounding of the same 64 values to f16 and bf16 (ties, subnormals, 65520,
  // infinities, NaN among them). Glassbox must read it and round every value to the same bits.
  void matchesPyTorch() {
    const SafetensorsFile f = SafetensorsFile::open(fs::path(GLASSBOX_FIXTURES) / "io" / "torch_dtypes.safetensors");
    QCOMPARE(f.metadata().at("format"), std::string("pt"));
    QCOMPARE(f.names(), (std::vector<std::string>{"x", "x_f16", "x_bf16"}));
    const Tensor x = f.read("x", {8, 8});
    QCOMPARE(x.data()[2], 1.0f);
    QCOMPARE(x.data()[8], 65520.0f);
    const Tensor x16 = f.read("x_f16", {8, 8});
    const Tensor xb = f.read("x_bf16", {8, 8});
    const RawTensor h = f.raw("x_f16");
    const RawTensor b = f.raw("x_bf16");
    int nan = 0;
    for (int i = 0; i < 64; ++i) {
      uint16_t torch_h, torch_b;
      std::memcpy(&torch_h, h.bytes.data() + 2 * i, 2);
      std::memcpy(&torch_b, b.bytes.data() + 2 * i, 2);
      const float v = x.data()[i];
      if (std::isnan(v)) {
        ++nan;
        QVERIFY(std::isnan(f16_to_f32(f32_to_f16(v))) && std::isnan(x16.data()[i]));
        QVERIFY(std::isnan(bf16_to_f32(f32_to_bf16(v))) && std::isnan(xb.data()[i]));
        continue;
      }
      QCOMPARE(f32_to_f16(v), torch_h);
      QCOMPARE(f32_to_bf16(v), torch_b);
      QCOMPARE(x16.data()[i], f16_to_f32(torch_h));
      QCOMPARE(xb.data()[i], bf16_to_f32(torch_b));
    }
    QCOMPARE(nan, 1);
  }

  void badFiles_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    auto row = [](const char* name, const std::string& content, const char* problem) {
      QTest::newRow(name) << QByteArray(content.data(), static_cast<qsizetype>(content.size())) << QString(problem);
    };
    const std::string ok_entry = R"("dtype":"F32","shape":[2],"data_offsets":[0,8])";
    const std::string eight(8, '\0');
    row("empty file", "", "file is too short to be safetensors (0 bytes");
    row("five bytes", std::string("\x05\0\0\0\0", 5), "file is too short to be safetensors (5 bytes");
    row("header past the end", le64(99999) + "{}" + eight,
        "header length 99999 runs past the end of the file (18 bytes)");
    row("header length 2^64-1", le64(~uint64_t(0)) + "{}",
        "header length 18446744073709551615 runs past the end of the file (10 bytes)");
    row("header not JSON", file_with(R"({"a": {"dtype": )"), "header is not valid JSON: ");
    row("header binary junk", file_with(std::string("\xff\xfe\x00\x01", 4) + "abcd"), "header is not valid JSON: ");
    row("empty header", file_with(""), "header is not valid JSON: ");
    row("header an array", file_with("[1, 2]"), "header is not a JSON object");
    row("entry not an object", file_with(R"({"a": 5})"), "tensor 'a' has a header entry that is not a JSON object");
    row("no dtype", file_with(R"({"a":{"shape":[2],"data_offsets":[0,8]}})", eight), "tensor 'a' has no dtype");
    row("dtype a number", file_with(R"({"a":{"dtype":4,"shape":[2],"data_offsets":[0,8]}})", eight),
        "tensor 'a' has a dtype that is not a string");
    row("no shape", file_with(R"({"a":{"dtype":"F32","data_offsets":[0,8]}})", eight), "tensor 'a' has no shape");
    row("shape not a list", file_with(R"({"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}})", eight),
        "tensor 'a' has a shape that is not a list");
    row("negative dimension", file_with(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", eight),
        "tensor 'a' has a shape that is not a list of non-negative integers");
    row("fractional dimension", file_with(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}})", eight),
        "tensor 'a' has a shape that is not a list of non-negative integers");
    row("shape overflows", file_with(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})", eight),
        "tensor 'a' has a shape too large to address");
    row("no data_offsets", file_with(R"({"a":{"dtype":"F32","shape":[2]}})", eight), "tensor 'a' has no data_offsets");
    row("one offset", file_with(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}})", eight),
        "tensor 'a' has data_offsets that are not two non-negative integers");
    row("negative offset", file_with(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})", eight),
        "tensor 'a' has data_offsets that are not two non-negative integers");
    row("offsets backwards", file_with(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", eight),
        "tensor 'a' has data_offsets [8, 0] that end before they begin");
    row("offsets past the data", file_with("{\"a\":{" + ok_entry + "}}", std::string(6, '\0')),
        "tensor 'a' has data_offsets [0, 8] past the end of the data (6 bytes; is the file truncated?)");
    row("size mismatch", file_with(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", eight),
        "tensor 'a' has data_offsets [0, 8] (8 bytes) but shape (3) of F32 needs 12 bytes");
    row("bf16 size mismatch", file_with(R"({"a":{"dtype":"BF16","shape":[2,2],"data_offsets":[0,4]}})", eight),
        "tensor 'a' has data_offsets [0, 4] (4 bytes) but shape (2, 2) of BF16 needs 8 bytes");
    row("overlap", file_with(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                             R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", std::string(12, '\0')),
        "tensors 'a' and 'b' overlap in the data ([0, 8] and [4, 12])");
    row("same bytes twice", file_with(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                      R"("b":{"dtype":"F16","shape":[4],"data_offsets":[0,8]}})", eight),
        "tensors 'a' and 'b' overlap in the data ([0, 8] and [0, 8])");
    row("a name twice", file_with(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                  R"("b":{"dtype":"F32","shape":[0],"data_offsets":[8,8]},)"
                                  R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eight),
        "header names 'a' twice");
    row("metadata not an object", file_with(R"({"__metadata__":[1],"a":{)" + ok_entry + "}}", eight),
        "header's __metadata__ is not a JSON object");
    row("metadata value not a string", file_with(R"({"__metadata__":{"step":5},"a":{)" + ok_entry + "}}", eight),
        "header's __metadata__ value 'step' is not a string");
  }
  // Every malformed file: one line, "<file>: <problem>", and nothing crashes.
  void badFiles() {
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    const fs::path path = dir() / "bad.safetensors";
    write_raw(path, std::string(content.constData(), static_cast<size_t>(content.size())));
    QVERIFY(is_error(error_of([&] { SafetensorsFile::open(path); }), path, problem.toStdString()));
    QVERIFY(is_error(error_of([&] { SafetensorsSet::open(path); }), path, problem.toStdString()));
  }

  // A real file cut short at every length: each gives an error (never a crash, never a
  // tensor read from beyond the end), and only the full file opens.
  void truncatedFiles() {
    const fs::path full = dir() / "full.safetensors";
    save_safetensors(full, {{"a", random_tensor({3, 4}, 7)}, {"b", random_tensor({5}, 8)}}, {{"format", "pt"}},
                     DType::F16);
    const std::string content = read_file(full);
    const fs::path cut = dir() / "cut.safetensors";
    for (size_t n = 0; n < content.size(); ++n) {
      write_raw(cut, content.substr(0, n));
      const std::string message = error_of([&] { SafetensorsFile::open(cut); });
      QVERIFY2(message.rfind(cut.string() + ": ", 0) == 0, message.c_str());
    }
    write_raw(cut, content.substr(0, content.size() - 2));
    QVERIFY(is_error(error_of([&] { SafetensorsFile::open(cut); }), cut,
                     "tensor 'b' has data_offsets [24, 34] past the end of the data (32 bytes; is the file truncated?)"));
    QCOMPARE(SafetensorsFile::open(full).read("b").numel(), int64_t(5));
  }

  void notAFile() {
    QVERIFY(is_error(error_of([&] { SafetensorsFile::open(dir() / "absent.safetensors"); }),
                     dir() / "absent.safetensors", "no such file"));
    fs::create_directories(dir() / "folder.safetensors");
    QVERIFY(is_error(error_of([&] { SafetensorsFile::open(dir() / "folder.safetensors"); }),
                     dir() / "folder.safetensors", "is a directory, not a file"));
  }

  // The writer refuses what it cannot write, leaves the old file as it was and no temporary
  // file behind.
  void writerErrors() {
    const fs::path sub = dir() / "writer";
    fs::create_directories(sub);
    const fs::path path = sub / "model.safetensors";
    save_safetensors(path, {{"a", Tensor::zeros({2})}});
    const std::string before = read_file(path);
    QVERIFY(is_error(error_of([&] { save_safetensors(path, {{"a", Tensor::zeros({2})}, {"a", Tensor::zeros({3})}}); }),
                     path, "tensor 'a' is given twice"));
    QVERIFY(is_error(error_of([&] { save_safetensors(path, {{"__metadata__", Tensor::zeros({2})}}); }), path,
                     "'__metadata__' is reserved"));
    QVERIFY(is_error(error_of([&] { save_safetensors(path, {{"u", Tensor()}}); }), path, "tensor 'u' has no data"));
    QVERIFY(is_error(error_of([&] { save_safetensors(path, {{"a", Tensor::zeros({2})}}, {}, DType::I64); }), path,
                     "cannot store tensors as I64"));
    QVERIFY(is_error(error_of([&] { save_safetensors(path, {{std::string("\xff\xfe", 2), Tensor::zeros({2})}}); }),
                     path, "cannot write the header"));
    QVERIFY(is_error(error_of([&] { save_safetensors(dir() / "no" / "such" / "dir.safetensors", {}); }),
                     dir() / "no" / "such" / "dir.safetensors", "cannot write"));
    QCOMPARE(read_file(path), before);
    QCOMPARE(files_in(sub), 1);
    // No tensors at all is a valid file: "{}" padded to 8.
    save_safetensors(path, {});
    QCOMPARE(read_file(path), le64(8) + "{}      ");
    QVERIFY(SafetensorsFile::open(path).names().empty());
  }

  // A sharded model directory as the Hub lays it out: an index and two shards.
  void shardedDirectory() {
    const fs::path model = dir() / "sharded";
    fs::create_directories(model);
    save_safetensors(model / "model-00001-of-00002.safetensors",
                     {{"wte.weight", random_tensor({10, 4}, 1)}, {"h.0.ln_1.weight", random_tensor({4}, 2)}}, {},
                     DType::BF16);
    save_safetensors(model / "model-00002-of-00002.safetensors",
                     {{"ln_f.weight", random_tensor({4}, 3)}, {"h.0.ln_1.weight", random_tensor({4}, 4)},
                      {"extra", random_tensor({1}, 5)}},
                     {}, DType::F16);
    // h.0.ln_1.weight sits in both shards; the index decides which one counts. "extra" is not
    // in the index, so it is not part of the model.
    const nlohmann::json index = {
        {"metadata", {{"total_size", 104}, {"format", "pt"}}},
        {"weight_map",
         {{"wte.weight", "model-00001-of-00002.safetensors"},
          {"h.0.ln_1.weight", "model-00002-of-00002.safetensors"},
          {"ln_f.weight", "model-00002-of-00002.safetensors"}}}};
    write_file_atomic(model / "model.safetensors.index.json", index.dump(2));

    const SafetensorsSet set = SafetensorsSet::open_dir(model);
    QCOMPARE(set.path(), model / "model.safetensors.index.json");
    QCOMPARE(set.files().size(), size_t(2));
    QCOMPARE(set.names(), (std::vector<std::string>{"wte.weight", "ln_f.weight", "h.0.ln_1.weight"}));
    QVERIFY(set.has("ln_f.weight") && !set.has("extra"));
    QCOMPARE(set.metadata().at("total_size"), std::string("104"));
    QCOMPARE(set.metadata().at("format"), std::string("pt"));
    QCOMPARE(set.info("wte.weight").dtype, DType::BF16);
    QCOMPARE(set.info("ln_f.weight").dtype, DType::F16);
    QCOMPARE(set.file_of("h.0.ln_1.weight").path(), model / "model-00002-of-00002.safetensors");
    const Tensor ln = set.read("h.0.ln_1.weight", {4});
    const Tensor want = random_tensor({4}, 4);
    for (int i = 0; i < 4; ++i) QCOMPARE(ln.data()[i], f16_to_f32(f32_to_f16(want.data()[i])));
    QCOMPARE(set.read("wte.weight").shape(), (Shape{10, 4}));
    QCOMPARE(set.raw("wte.weight").dtype, DType::BF16);
    QVERIFY(is_error(error_of([&] { set.read("lm_head.weight"); }), model / "model.safetensors.index.json",
                     "tensor 'lm_head.weight' is missing"));
    // Errors about a tensor's contents name the shard it is in.
    QVERIFY(is_error(error_of([&] { set.read("ln_f.weight", {5}); }), model / "model-00002-of-00002.safetensors",
                     "tensor 'ln_f.weight' has shape (4), expected (5)"));

    // A single model.safetensors is preferred when both are present.
    save_safetensors(model / "model.safetensors", {{"only", Tensor::zeros({1})}});
    const SafetensorsSet single = SafetensorsSet::open_dir(model);
    QCOMPARE(single.path(), model / "model.safetensors");
    QCOMPARE(single.names(), std::vector<std::string>{"only"});
    QVERIFY(is_error(error_of([&] { single.read("wte.weight"); }), model / "model.safetensors",
                     "tensor 'wte.weight' is missing"));
  }

  void badShardedDirectories() {
    const fs::path model = dir() / "badshards";
    fs::create_directories(model);
    const fs::path index = model / "model.safetensors.index.json";
    QVERIFY(is_error(error_of([&] { SafetensorsSet::open_dir(model); }), model,
                     "has neither model.safetensors nor model.safetensors.index.json"));
    QVERIFY(is_error(error_of([&] { SafetensorsSet::open_dir(model / "nope"); }), model / "nope", "no such directory"));

    save_safetensors(model / "a.safetensors", {{"x", Tensor::zeros({2})}});
    auto with_index = [&](const std::string& text) {
      write_file_atomic(index, text);
      return error_of([&] { SafetensorsSet::open_dir(model); });
    };
    QVERIFY(is_error(with_index("{\"weight_map\": "), index, "is not valid JSON: "));
    QVERIFY(is_error(with_index("[]"), index, "is not a JSON object"));
    QVERIFY(is_error(with_index(R"({"metadata": {}})"), index, "has no weight_map object"));
    QVERIFY(is_error(with_index(R"({"weight_map": {"x": 3}})"), index, "weight_map entry 'x' is not a file name"));
    QVERIFY(is_error(with_index(R"({"weight_map": {"x": "../a.safetensors"}})"), index,
                     "weight_map entry 'x' names '../a.safetensors', which is not a file in this folder"));
    QVERIFY(is_error(with_index(R"({"weight_map": {"x": "b.safetensors"}})"), model / "b.safetensors",
                     "no such file"));
    QVERIFY(is_error(with_index(R"({"weight_map": {"y": "a.safetensors"}})"), model / "a.safetensors",
                     "tensor 'y' is missing (model.safetensors.index.json says it is in this file)"));
    write_raw(model / "c.safetensors", le64(99) + "{}");
    QVERIFY(is_error(with_index(R"({"weight_map": {"x": "a.safetensors", "z": "c.safetensors"}})"),
                     model / "c.safetensors", "header length 99 runs past the end of the file (10 bytes)"));
    QCOMPARE(SafetensorsSet::open(model / "a.safetensors").names(), std::vector<std::string>{"x"});
  }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
