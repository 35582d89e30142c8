#include "engine/core/tensor.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <map>
#include <mutex>

#include "engine/core/error.h"

namespace gb {

std::string shape_str(const Shape& s) {
  std::string out = "(";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(s[i]);
  }
  return out + ")";
}

int64_t shape_numel(const Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) {
    GB_CHECK(d >= 0, "negative dimension in shape " + shape_str(s));
    n *= d;
  }
  return n;
}

namespace {

// Freed CPU blocks wait here, keyed by size, so the next training step reuses them instead
// of asking the kernel for fresh (page-faulting) memory. Bounded so it never hoards.
class BlockCache {
 public:
  static BlockCache& instance() {
    static BlockCache cache;
    return cache;
  }
  void* take(size_t bytes) {
    {
      std::lock_guard lock(mutex_);
      auto it = free_.find(bytes);
      if (it != free_.end()) {
        void* p = it->second;
        free_.erase(it);
        cached_ -= bytes;
        return p;
      }
    }
    void* p = std::aligned_alloc(64, std::max<size_t>(64, (bytes + 63) / 64 * 64));
    if (!p) throw Error("out of memory allocating " + std::to_string(bytes) + " bytes");
    return p;
  }
  void give(void* p, size_t bytes) {
    std::lock_guard lock(mutex_);
    if (bytes >= kSmall && cached_ + bytes <= kLimit) {
      free_.emplace(bytes, p);
      cached_ += bytes;
      return;
    }
    std::free(p);
  }
  ~BlockCache() { release(); }
  void release() {
    std::lock_guard lock(mutex_);
    for (auto& [size, p] : free_) std::free(p);
    free_.clear();
    cached_ = 0;
  }

 private:
  static constexpr size_t kSmall = 1 << 16;          // small blocks go straight back to malloc
  static constexpr size_t kLimit = size_t(4) << 30;  // at most 4 GiB kept for reuse
  std::mutex mutex_;
  std::multimap<size_t, void*> free_;
  size_t cached_ = 0;
};

class CpuStorage final : public Storage {
 public:
  explicit CpuStorage(size_t bytes) : bytes_(bytes), data_(static_cast<float*>(BlockCache::instance().take(bytes))) {}
  ~CpuStorage() override { BlockCache::instance().give(data_, bytes_); }
  Device device() const override { return Device::CPU; }
  size_t bytes() const override { return bytes_; }
  float* host() override { return data_; }

 private:
  size_t bytes_;
  float* data_;
};

// Storage with no values, for Tensor::without_values.
class NoValues final : public Storage {
 public:
  Device device() const override { return Device::CPU; }
  size_t bytes() const override { return 0; }
  float* host() override { return nullptr; }
  void write(size_t, const void*, size_t) override { refuse(); }
  void read(size_t, void*, size_t) const override { refuse(); }
  void fill(size_t, size_t, float) override { refuse(); }
  void copy_device(const Storage&, size_t, size_t, size_t) override { refuse(); }

 private:
  [[noreturn]] static void refuse() {
    throw Error("a weight of this model holds no f32 values: it keeps them in 16 bits, for generation only");
  }
};

std::mutex& factory_mutex() {
  static std::mutex m;
  return m;
}
std::map<Device, StorageFactory>& factories() {
  static std::map<Device, StorageFactory> f;
  return f;
}

const char* device_name(Device d) { return d == Device::CPU ? "cpu" : "vulkan"; }

}  // namespace

void Storage::write(size_t offset, const void* src, size_t bytes) {
  std::memcpy(reinterpret_cast<char*>(host()) + offset, src, bytes);
}
void Storage::read(size_t offset, void* dst, size_t bytes) const {
  std::memcpy(dst, reinterpret_cast<const char*>(const_cast<Storage*>(this)->host()) + offset, bytes);
}
void Storage::fill(size_t offset, size_t count, float value) {
  std::fill_n(reinterpret_cast<float*>(reinterpret_cast<char*>(host()) + offset), count, value);
}
void Storage::copy_device(const Storage& src, size_t src_offset, size_t dst_offset, size_t bytes) {
  std::vector<char> tmp(bytes);
  src.read(src_offset, tmp.data(), bytes);
  write(dst_offset, tmp.data(), bytes);
}

void register_storage_factory(Device device, StorageFactory factory) {
  std::lock_guard lock(factory_mutex());
  factories()[device] = std::move(factory);
}

Tensor Tensor::empty(Shape shape, Device device) {
  Tensor t;
  t.numel_ = shape_numel(shape);
  t.shape_ = std::move(shape);
  const size_t bytes = std::max<int64_t>(t.numel_, 1) * sizeof(float);
  if (device == Device::CPU) {
    t.storage_ = std::make_shared<CpuStorage>(bytes);
    return t;
  }
  StorageFactory make;
  {
    std::lock_guard lock(factory_mutex());
    auto it = factories().find(device);
    if (it != factories().end()) make = it->second;
  }
  GB_CHECK(make, std::string("no ") + device_name(device) + " device in this build");
  t.storage_ = make(bytes);
  return t;
}

void release_cached_blocks() {
  BlockCache::instance().release();
#if defined(__GLIBC__)
  // Blocks malloc took from its heap (not mmapped: its threshold for that rises as large
  // blocks are freed) stay with the process when freed; this hands them back too.
  malloc_trim(0);
#endif
}

Tensor Tensor::without_values(Shape shape) {
  Tensor t;
  t.numel_ = shape_numel(shape);
  t.shape_ = std::move(shape);
  t.storage_ = std::make_shared<NoValues>();
  return t;
}

bool Tensor::has_values() const { return storage_ && !dynamic_cast<const NoValues*>(storage_.get()); }

Tensor Tensor::zeros(Shape shape, Device device) {
  Tensor t = empty(std::move(shape), device);
  t.zero();
  return t;
}

Tensor Tensor::full(Shape shape, float value) {
  Tensor t = empty(std::move(shape));
  t.fill(value);
  return t;
}

Tensor Tensor::from(Shape shape, std::span<const float> values) {
  Tensor t = empty(std::move(shape));
  GB_CHECK(static_cast<int64_t>(values.size()) == t.numel_,
           "Tensor::from: " + std::to_string(values.size()) + " values for shape " + t.str());
  std::memcpy(t.data(), values.data(), values.size() * sizeof(float));
  return t;
}

Tensor Tensor::from(Shape shape, std::initializer_list<float> values) {
  return from(std::move(shape), std::span<const float>(values.begin(), values.size()));
}

int64_t Tensor::dim(int i) const {
  const int n = ndim();
  if (i < 0) i += n;
  GB_CHECK(i >= 0 && i < n, "dimension " + std::to_string(i) + " out of range for shape " + str());
  return shape_[i];
}

Device Tensor::device() const { return storage_ ? storage_->device() : Device::CPU; }

float* Tensor::data() {
  GB_CHECK(storage_, "use of an undefined tensor");
  float* p = storage_->host();
  GB_CHECK(storage_->device() != Device::CPU || p,
           "tensor " + str() + " holds no f32 values: its model keeps it in 16 bits, for generation only");
  GB_CHECK(p, "tensor " + str() + " lives on the " + device_name(device()) +
                  " device and has no host memory: use to(Device::CPU) or to_vector()");
  return p + offset_;
}

const float* Tensor::data() const { return const_cast<Tensor*>(this)->data(); }

float Tensor::item() const {
  GB_CHECK(numel_ == 1, "item() of a tensor with shape " + str());
  return to_vector()[0];
}

std::vector<float> Tensor::to_vector() const {
  GB_CHECK(storage_, "use of an undefined tensor");
  std::vector<float> out(numel_);
  storage_->read(offset_ * sizeof(float), out.data(), numel_ * sizeof(float));
  return out;
}

Tensor Tensor::to(Device d) const {
  GB_CHECK(storage_, "use of an undefined tensor");
  if (d == device()) return *this;
  Tensor t = empty(shape_, d);
  t.copy_from(*this);
  return t;
}

Tensor Tensor::reshape(Shape shape) const {
  const int64_t n = shape_numel(shape);
  GB_CHECK(n == numel_, "cannot reshape " + str() + " to " + shape_str(shape));
  Tensor t = *this;
  t.shape_ = std::move(shape);
  return t;
}

Tensor Tensor::slice_rows(int64_t begin, int64_t end) const {
  GB_CHECK(ndim() >= 1 && begin >= 0 && begin <= end && end <= shape_[0],
           "slice_rows(" + std::to_string(begin) + ", " + std::to_string(end) + ") of " + str());
  const int64_t row = shape_[0] ? numel_ / shape_[0] : 0;
  Tensor t = *this;
  t.shape_[0] = end - begin;
  t.numel_ = row * (end - begin);
  t.offset_ = offset_ + begin * row;
  return t;
}

Tensor Tensor::clone() const {
  Tensor t = empty(shape_, device());
  t.copy_from(*this);
  return t;
}

void Tensor::fill(float value) {
  GB_CHECK(storage_, "use of an undefined tensor");
  storage_->fill(offset_ * sizeof(float), numel_, value);
}

// Host to host is a memcpy; a device on either side moves the values through that
// device's storage (an upload, a download, or a copy on the device).
void Tensor::copy_from(const Tensor& other) {
  GB_CHECK(other.numel_ == numel_, "copy_from: " + other.str() + " into " + str());
  GB_CHECK(storage_ && other.storage_, "copy_from: use of an undefined tensor");
  const size_t bytes = numel_ * sizeof(float);
  if (numel_ == 0) return;
  if (device() == Device::CPU && other.device() == Device::CPU) {
    std::memcpy(data(), other.data(), bytes);
  } else if (other.device() == Device::CPU) {
    storage_->write(offset_ * sizeof(float), other.data(), bytes);
  } else if (device() == Device::CPU) {
    other.storage_->read(other.offset_ * sizeof(float), data(), bytes);
  } else {
    GB_CHECK(device() == other.device(), "copy_from between two different devices");
    storage_->copy_device(*other.storage_, other.offset_ * sizeof(float), offset_ * sizeof(float), bytes);
  }
}

}  // namespace gb
