#include "engine/io/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "'" + std::string(...) chains.
std::string in_quotes(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '\'';
  out += name;
  out += '\'';
  return out;
}

std::string offsets_str(uint64_t begin, uint64_t end) {
  std::string out = "[";
  out += std::to_string(begin);
  out += ", ";
  out += std::to_string(end);
  out += ']';
  return out;
}

// nlohmann's messages start with "[json.exception.parse_error.101] " and may quote what it
// last read; keep them to one short line.
std::string json_problem(const json::exception& e) {
  std::string what = e.what();
  if (const size_t close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos)
    what = what.substr(close + 2);
  for (char& c : what)
    if (c == '\n' || c == '\r') c = ' ';
  if (what.size() > 200) what = what.substr(0, 200) + "…";
  return what;
}

}  // namespace

struct SafetensorsFile::Impl {
  fs::path path;
  std::string where;  // path as text, the start of every error message
  void* map = nullptr;
  size_t map_size = 0;
  const std::byte* data = nullptr;  // the data section: right after the header
  uint64_t data_size = 0;
  std::map<std::string, TensorInfo, std::less<>> tensors;
  std::vector<std::string> order;  // by position in the data
  std::map<std::string, std::string> metadata;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (map) ::munmap(map, map_size);
  }

  [[noreturn]] void fail(const std::string& problem) const { throw Error(where + ": " + problem); }

  const TensorInfo& info(std::string_view name) const {
    auto it = tensors.find(name);
    if (it == tensors.end()) fail("tensor " + in_quotes(name) + " is missing");
    return it->second;
  }

  void map_file();
  void parse_header();
  TensorInfo parse_entry(const std::string& name, const json& entry) const;
};

void SafetensorsFile::Impl::map_file() {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) fail("no such file");
    fail(std::string("cannot open: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    fail(std::string("cannot open: ") + std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    fail("is a directory, not a file");
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size < 8) {
    ::close(fd);
    fail("file is too short to be safetensors (" + std::to_string(size) +
         " bytes; it must start with an 8-byte header length)");
  }
  // Read-only and private: the weights are never written through the mapping, and pages are
  // read from disk only when a tensor is touched.
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int err = errno;
  ::close(fd);  // the mapping keeps the file open on its own
  if (p == MAP_FAILED) fail(std::string("cannot map into memory: ") + std::strerror(err));
  map = p;
  map_size = size;
}

TensorInfo SafetensorsFile::Impl::parse_entry(const std::string& name, const json& entry) const {
  const std::string t = "tensor " + in_quotes(name);
  if (!entry.is_object()) fail(t + " has a header entry that is not a JSON object");
  TensorInfo info;
  info.name = name;

  auto dtype = entry.find("dtype");
  if (dtype == entry.end()) fail(t + " has no dtype");
  if (!dtype->is_string()) fail(t + " has a dtype that is not a string");
  info.dtype_name = dtype->get<std::string>();
  info.dtype = parse_dtype(info.dtype_name);

  auto shape = entry.find("shape");
  if (shape == entry.end()) fail(t + " has no shape");
  if (!shape->is_array()) fail(t + " has a shape that is not a list");
  uint64_t numel = 1;
  bool too_big = false;
  for (const json& d : *shape) {
    if (!d.is_number_unsigned()) fail(t + " has a shape that is not a list of non-negative integers");
    const auto n = d.get<uint64_t>();
    if (n > static_cast<uint64_t>(INT64_MAX) || __builtin_mul_overflow(numel, n, &numel)) too_big = true;
    info.shape.push_back(static_cast<int64_t>(n));
  }
  if (too_big) fail(t + " has a shape too large to address");

  auto offsets = entry.find("data_offsets");
  if (offsets == entry.end()) fail(t + " has no data_offsets");
  if (!offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
      !(*offsets)[1].is_number_unsigned())
    fail(t + " has data_offsets that are not two non-negative integers");
  info.begin = (*offsets)[0].get<uint64_t>();
  info.end = (*offsets)[1].get<uint64_t>();
  const std::string range = offsets_str(info.begin, info.end);
  if (info.end < info.begin) fail(t + " has data_offsets " + range + " that end before they begin");
  if (info.end > data_size)
    fail(t + " has data_offsets " + range + " past the end of the data (" + std::to_string(data_size) +
         " bytes; is the file truncated?)");
  // Unknown dtypes have no size to check against; they are listed, never read.
  if (const size_t elem = dtype_size(info.dtype); elem > 0) {
    uint64_t want = 0;
    if (__builtin_mul_overflow(numel, elem, &want) || want != info.nbytes())
      fail(t + " has data_offsets " + range + " (" + std::to_string(info.nbytes()) + " bytes) but shape " +
           shape_str(info.shape) + " of " + info.dtype_name + " needs " + std::to_string(numel * elem) +
           " bytes");
  }
  return info;
}

void SafetensorsFile::Impl::parse_header() {
  const auto* bytes = static_cast<const std::byte*>(map);
  uint64_t header_size = 0;
  std::memcpy(&header_size, bytes, 8);  // little-endian, like the host (see dtype.cpp)
  if (header_size > map_size - 8)
    fail("header length " + std::to_string(header_size) + " runs past the end of the file (" +
         std::to_string(map_size) + " bytes)");
  data = bytes + 8 + header_size;
  data_size = map_size - 8 - header_size;

  const std::string_view text(reinterpret_cast<const char*>(bytes + 8), header_size);
  json header;
  // JSON lets a key repeat and nlohmann keeps the last; a header naming a tensor twice is
  // ambiguous (two readers could load different bytes), so note it while parsing.
  std::set<std::string> keys;
  std::string repeated;
  auto on_key = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && depth == 1 && !keys.insert(parsed.get<std::string>()).second &&
        repeated.empty())
      repeated = parsed.get<std::string>();
    return true;
  };
  try {
    header = json::parse(text, on_key);  // trailing spaces (the format's padding) are whitespace to JSON
  } catch (const json::exception& e) {
    fail("header is not valid JSON: " + json_problem(e));
  }
  if (!header.is_object()) fail("header is not a JSON object");
  if (!repeated.empty()) fail("header names " + in_quotes(repeated) + " twice");

  std::vector<const TensorInfo*> by_offset;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) fail("header's __metadata__ is not a JSON object");
      for (const auto& [key, value] : entry.items()) {
        if (!value.is_string()) fail("header's __metadata__ value " + in_quotes(key) + " is not a string");
        metadata[key] = value.get<std::string>();
      }
      continue;
    }
    auto [it, fresh] = tensors.emplace(name, parse_entry(name, entry));
    by_offset.push_back(&it->second);
  }

  std::sort(by_offset.begin(), by_offset.end(), [](const TensorInfo* a, const TensorInfo* b) {
    return std::tie(a->begin, a->end, a->name) < std::tie(b->begin, b->end, b->name);
  });
  // Two tensors sharing bytes would be a corrupt (or hostile) file; empty tensors take no
  // room and may sit anywhere.
  const TensorInfo* last = nullptr;
  for (const TensorInfo* t : by_offset) {
    order.push_back(t->name);
    if (t->nbytes() == 0) continue;
    if (last && t->begin < last->end)
      fail("tensors " + in_quotes(last->name) + " and " + in_quotes(t->name) + " overlap in the data (" +
           offsets_str(last->begin, last->end) + " and " + offsets_str(t->begin, t->end) + ")");
    last = t;
  }
}

SafetensorsFile SafetensorsFile::open(const fs::path& path) {
  auto impl = std::make_shared<Impl>();
  impl->path = path;
  impl->where = path.string();
  impl->map_file();
  impl->parse_header();
  return SafetensorsFile(std::move(impl));
}

const fs::path& SafetensorsFile::path() const { return impl_->path; }

bool SafetensorsFile::has(std::string_view name) const { return impl_->tensors.find(name) != impl_->tensors.end(); }

std::vector<std::string> SafetensorsFile::names() const { return impl_->order; }

const TensorInfo& SafetensorsFile::info(std::string_view name) const { return impl_->info(name); }

const std::map<std::string, std::string>& SafetensorsFile::metadata() const { return impl_->metadata; }

namespace {

void check_readable(const SafetensorsFile& file, const TensorInfo& info) {
  if (!is_float_dtype(info.dtype))
    throw Error(file.path().string() + ": tensor " + in_quotes(info.name) + " has unsupported dtype " +
                info.dtype_name + " (weights must be F32, F16 or BF16)");
}

void check_shape(const SafetensorsFile& file, const TensorInfo& info, const Shape& expected) {
  if (info.shape != expected)
    throw Error(file.path().string() + ": tensor " + in_quotes(info.name) + " has shape " + shape_str(info.shape) +
                ", expected " + shape_str(expected));
}

}  // namespace

Tensor SafetensorsFile::read(std::string_view name) const {
  const TensorInfo& info = impl_->info(name);
  check_readable(*this, info);
  Tensor t = Tensor::empty(info.shape);
  convert_to_f32(info.dtype, impl_->data + info.begin, t.data(), static_cast<size_t>(info.numel()));
  return t;
}

Tensor SafetensorsFile::read(std::string_view name, const Shape& expected) const {
  check_shape(*this, impl_->info(name), expected);
  return read(name);
}

void SafetensorsFile::read_into(std::string_view name, Tensor& out) const {
  const TensorInfo& info = impl_->info(name);
  check_shape(*this, info, out.shape());
  check_readable(*this, info);
  convert_to_f32(info.dtype, impl_->data + info.begin, out.data(), static_cast<size_t>(info.numel()));
}

RawTensor SafetensorsFile::raw(std::string_view name) const {
  const TensorInfo& info = impl_->info(name);
  return RawTensor{info.dtype, info.shape,
                   std::span<const std::byte>(impl_->data + info.begin, static_cast<size_t>(info.nbytes())),
                   impl_};
}

// ---------------------------------------------------------------------------------------------
// SafetensorsSet

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

SafetensorsSet SafetensorsSet::open_dir(const fs::path& dir, std::string_view stem) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw Error(dir.string() + ": no such directory");
  if (!fs::is_directory(dir, ec)) throw Error(dir.string() + ": is not a directory");
  const std::string single = std::string(stem) + ".safetensors";
  const std::string index = single + ".index.json";
  if (fs::exists(dir / single, ec)) return open(dir / single);
  if (fs::exists(dir / index, ec)) return open(dir / index);
  throw Error(dir.string() + ": has neither " + single + " nor " + index);
}

SafetensorsSet SafetensorsSet::open(const fs::path& path) {
  SafetensorsSet set;
  set.path_ = path;
  const std::string where = path.string();
  if (!ends_with(path.filename().string(), ".json")) {
    set.files_.push_back(SafetensorsFile::open(path));
    for (const std::string& name : set.files_[0].names()) set.where_.emplace(name, 0);
    set.metadata_ = set.files_[0].metadata();
    return set;
  }

  // An index: {"metadata": {"total_size": 123}, "weight_map": {"lm_head.weight": "model-00002-of-00002.safetensors", …}}
  json index;
  try {
    index = json::parse(read_file(path));
  } catch (const json::exception& e) {
    throw Error(where + ": is not valid JSON: " + json_problem(e));
  }
  if (!index.is_object()) throw Error(where + ": is not a JSON object");
  auto map = index.find("weight_map");
  if (map == index.end() || !map->is_object()) throw Error(where + ": has no weight_map object");
  if (auto meta = index.find("metadata"); meta != index.end() && meta->is_object()) {
    for (const auto& [key, value] : meta->items()) {
      if (value.is_string()) set.metadata_[key] = value.get<std::string>();
      else if (value.is_number()) set.metadata_[key] = value.dump();
    }
  }

  // Shards in name order (model-00001-of-00003 … sort as numbered); each opened once.
  std::map<std::string, size_t> shard_index;
  for (const auto& [name, file] : map->items()) {
    if (!file.is_string()) throw Error(where + ": weight_map entry " + in_quotes(name) + " is not a file name");
    const auto shard = file.get<std::string>();
    // A shard is a file beside the index; never let a downloaded index point elsewhere.
    if (shard.empty() || shard == "." || shard == ".." || shard.find('/') != std::string::npos ||
        shard.find('\\') != std::string::npos)
      throw Error(where + ": weight_map entry " + in_quotes(name) + " names " + in_quotes(shard) +
                  ", which is not a file in this folder");
    shard_index.emplace(shard, 0);
  }
  const fs::path dir = path.parent_path();
  for (auto& [shard, i] : shard_index) {
    i = set.files_.size();
    set.files_.push_back(SafetensorsFile::open(dir / shard));
  }
  for (const auto& [name, file] : map->items()) {
    const size_t i = shard_index.at(file.get<std::string>());
    if (!set.files_[i].has(name))
      throw Error(set.files_[i].path().string() + ": tensor " + in_quotes(name) + " is missing (" +
                  path.filename().string() + " says it is in this file)");
    set.where_.emplace(name, i);
  }
  return set;
}

bool SafetensorsSet::has(std::string_view name) const { return where_.find(name) != where_.end(); }

std::vector<std::string> SafetensorsSet::names() const {
  std::vector<std::string> out;
  out.reserve(where_.size());
  for (size_t i = 0; i < files_.size(); ++i)
    for (const std::string& name : files_[i].names()) {
      auto it = where_.find(name);
      if (it != where_.end() && it->second == i) out.push_back(name);
    }
  return out;
}

const SafetensorsFile& SafetensorsSet::file_of(std::string_view name) const {
  auto it = where_.find(name);
  if (it == where_.end()) throw Error(path_.string() + ": tensor " + in_quotes(name) + " is missing");
  return files_[it->second];
}

// ---------------------------------------------------------------------------------------------
// Writing

void save_safetensors(const fs::path& path, const std::vector<std::pair<std::string, Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata, DType store) {
  const std::string where = path.string();
  if (!is_float_dtype(store))
    throw Error(where + ": cannot store tensors as " + std::string(dtype_name(store)) + " (only F32, F16, BF16)");
  const size_t elem = dtype_size(store);

  // ordered_json keeps keys in insertion order: __metadata__ first, then the tensors as given,
  // each with dtype, shape, data_offsets (the order the reference implementation writes).
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) {
    auto& meta = header["__metadata__"] = nlohmann::ordered_json::object();
    for (const auto& [key, value] : metadata) meta[key] = value;
  }
  std::set<std::string_view> seen;
  uint64_t offset = 0;
  for (const auto& [name, t] : tensors) {
    if (name == "__metadata__") throw Error(where + ": '__metadata__' is reserved and cannot name a tensor");
    if (!seen.insert(name).second) throw Error(where + ": tensor " + in_quotes(name) + " is given twice");
    if (!t.defined()) throw Error(where + ": tensor " + in_quotes(name) + " has no data");
    const uint64_t bytes = static_cast<uint64_t>(t.numel()) * elem;
    auto& entry = header[name] = nlohmann::ordered_json::object();
    entry["dtype"] = dtype_name(store);
    entry["shape"] = t.shape();
    entry["data_offsets"] = {offset, offset + bytes};
    offset += bytes;
  }
  std::string text;
  try {
    text = header.dump();
  } catch (const nlohmann::json::exception& e) {
    throw Error(where + ": cannot write the header: " + json_problem(e));  // e.g. a name that is not UTF-8
  }
  // Pad with spaces so the data starts 8-byte aligned (8 + N ≡ 0 mod 8): readers that map
  // the file can then use f32/f16 data in place.
  text.append((8 - text.size() % 8) % 8, ' ');

  AtomicFileWriter out(path);
  const uint64_t n = text.size();
  char length[8];
  std::memcpy(length, &n, 8);  // little-endian host
  out.write(std::string_view(length, 8));
  out.write(text);
  std::vector<std::byte> buffer;
  constexpr size_t kChunk = size_t(1) << 20;  // elements converted per write
  for (const auto& [name, t] : tensors) {
    const Tensor host = t.to(Device::CPU);  // a tensor on a device is read back once here
    const float* src = host.data();
    const auto count = static_cast<size_t>(t.numel());
    if (store == DType::F32) {
      out.write(std::string_view(reinterpret_cast<const char*>(src), count * sizeof(float)));
      continue;
    }
    for (size_t i = 0; i < count; i += kChunk) {
      const size_t m = std::min(kChunk, count - i);
      buffer.resize(m * elem);
      convert_from_f32(store, src + i, buffer.data(), m);
      out.write(std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
    }
  }
  out.commit();
}

}  // namespace gb
