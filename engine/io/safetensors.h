#pragma once
// safetensors: the weight file format of the Hugging Face Hub, read and written.
//
// A file is
//   8 bytes    N, the header length, unsigned little-endian
//   N bytes    a JSON object, UTF-8, maybe padded with trailing spaces:
//                {"__metadata__": {"format": "pt"},            (optional, strings only)
//                 "h.0.attn.c_attn.weight": {"dtype": "F32", "shape": [768, 2304],
//                                            "data_offsets": [0, 7077888]}, …}
//   the rest   the data: each tensor's elements, row-major, little-endian, at
//              [begin, end) counted from the first byte after the header
// Nothing else: no compression, no pointers, so a reader can map the file into memory and
// use a tensor's bytes where they lie. That is why opening a 500 MB model takes no time.
//
// Every error is a gb::Error with one line: "<file>: <problem>".
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/io/dtype.h"

namespace gb {

// One entry of a header, checked: offsets inside the data, sized to shape × dtype, and not
// overlapping any other tensor.
struct TensorInfo {
  std::string name;
  DType dtype = DType::Unknown;
  std::string dtype_name;  // as the file spells it (kept for dtypes this version does not know)
  Shape shape;
  uint64_t begin = 0;  // byte offsets into the data section, [begin, end)
  uint64_t end = 0;

  int64_t numel() const { return shape_numel(shape); }
  uint64_t nbytes() const { return end - begin; }
};

// A tensor's bytes as they lie in the mapped file, for using f16/bf16 weights without
// converting them. `owner` keeps the mapping alive: hold it as long as `bytes` is used.
struct RawTensor {
  DType dtype = DType::Unknown;
  Shape shape;
  std::span<const std::byte> bytes;  // little-endian, any alignment (the format promises none)
  std::shared_ptr<const void> owner;
};

// One .safetensors file, memory-mapped read-only and validated when opened. Copies share
// the mapping; it is unmapped when the last copy (or RawTensor::owner) goes.
class SafetensorsFile {
 public:
  // Throws on anything malformed, before any tensor is read.
  static SafetensorsFile open(const std::filesystem::path& path);

  const std::filesystem::path& path() const;
  bool has(std::string_view name) const;
  // In the order their data lies in the file (the order save_safetensors was given).
  std::vector<std::string> names() const;
  // Throws "<file>: tensor 'x' is missing".
  const TensorInfo& info(std::string_view name) const;
  // Converted to f32. Throws when missing, or when its dtype is not F32/F16/BF16:
  // "<file>: tensor 'x' has unsupported dtype I64".
  Tensor read(std::string_view name) const;
  // The same, and the shape must be `expected`:
  // "<file>: tensor 'x' has shape (768, 2304), expected (2304, 768)".
  Tensor read(std::string_view name, const Shape& expected) const;
  // Converts straight into an existing tensor (a model's parameter), whose shape is the
  // expected one; saves a second copy of every weight while a model loads.
  void read_into(std::string_view name, Tensor& out) const;
  // The bytes themselves, any dtype, no copy.
  RawTensor raw(std::string_view name) const;
  // The "__metadata__" map; empty when the file has none.
  const std::map<std::string, std::string>& metadata() const;

 private:
  struct Impl;
  explicit SafetensorsFile(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// The weights of a model directory, one lookup over however many files hold them:
//   model.safetensors                   one file (preferred when present, as transformers does)
//   model.safetensors.index.json        {"metadata": {...}, "weight_map": {"name": "shard file"}}
//   + model-00001-of-00002.safetensors …the shards it names, in the same folder
// Every shard is opened and checked up front, and every name in the weight map must be in
// the shard it points to. Errors about a tensor's data name its shard.
class SafetensorsSet {
 public:
  // `dir` holds <stem>.safetensors or <stem>.safetensors.index.json.
  static SafetensorsSet open_dir(const std::filesystem::path& dir, std::string_view stem = "model");
  // A single .safetensors file, or an .index.json naming shards.
  static SafetensorsSet open(const std::filesystem::path& path);

  // The file that was opened: the .safetensors file, or the index.
  const std::filesystem::path& path() const { return path_; }
  const std::vector<SafetensorsFile>& files() const { return files_; }
  bool has(std::string_view name) const;
  // Shard by shard in the index's order of shards, each in file order.
  std::vector<std::string> names() const;
  // The shard holding a tensor. Throws "<index or file>: tensor 'x' is missing".
  const SafetensorsFile& file_of(std::string_view name) const;
  const TensorInfo& info(std::string_view name) const { return file_of(name).info(name); }
  Tensor read(std::string_view name) const { return file_of(name).read(name); }
  Tensor read(std::string_view name, const Shape& expected) const { return file_of(name).read(name, expected); }
  void read_into(std::string_view name, Tensor& out) const { file_of(name).read_into(name, out); }
  RawTensor raw(std::string_view name) const { return file_of(name).raw(name); }
  // The single file's __metadata__, or the index's "metadata" values that are strings
  // (total_size is a number there and comes back as its decimal text).
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

 private:
  std::filesystem::path path_;
  std::vector<SafetensorsFile> files_;
  std::map<std::string, size_t, std::less<>> where_;  // tensor name → index into files_
  std::map<std::string, std::string> metadata_;
};

// Writes a .safetensors file atomically (temporary file, then rename). Tensors are laid out,
// and listed in the header, in the order given; float data is stored as `store` (F32, F16 or
// BF16; narrowing rounds to nearest even). The header is padded with spaces so the data
// starts on an 8-byte boundary. Throws on a duplicate or reserved ("__metadata__") name or an
// undefined tensor, leaving any existing file untouched.
void save_safetensors(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata = {},
                      DType store = DType::F32);

}  // namespace gb
