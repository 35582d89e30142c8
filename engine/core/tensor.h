#pragma once
// Tensor: a contiguous, row-major block of f32 values with a shape.
// Tensors share their storage when copied (like a shared_ptr); clone() copies the values.
// Storage lives on a device: the CPU today, a Vulkan buffer when that backend is built.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace gb {

using Shape = std::vector<int64_t>;

enum class Device { CPU, Vulkan };

// Returns the freed CPU blocks that are kept for reuse (see Storage) to the system: after
// dropping a large set of tensors for good, such as a model's f32 weights.
void release_cached_blocks();

std::string shape_str(const Shape& s);
int64_t shape_numel(const Shape& s);

// A block of memory owned by one device. CPU storage is 64-byte aligned and recycled
// through a small cache, because a training step frees and reallocates the same sizes.
class Storage {
 public:
  virtual ~Storage() = default;
  virtual Device device() const = 0;
  virtual size_t bytes() const = 0;
  // Host pointer; only CPU storage has one (device storage returns nullptr).
  virtual float* host() = 0;
  // Explicit transfers, for storage without a host pointer. The defaults work through host().
  // Offsets and sizes are in bytes. read() waits for the device work queued before it.
  virtual void write(size_t offset, const void* src, size_t bytes);
  virtual void read(size_t offset, void* dst, size_t bytes) const;
  virtual void fill(size_t offset, size_t count, float value);  // count floats
  // Device-to-device copy from storage of the same device.
  virtual void copy_device(const Storage& src, size_t src_offset, size_t dst_offset, size_t bytes);
};

// How a device makes storage: engine/core knows no device API, so a backend registers a
// factory for its device (the Vulkan backend does, when it is built). The factory throws a
// gb::Error naming why the device cannot be used.
using StorageFactory = std::function<std::shared_ptr<Storage>(size_t bytes)>;
void register_storage_factory(Device device, StorageFactory factory);

class Tensor {
 public:
  Tensor() = default;

  static Tensor empty(Shape shape, Device device = Device::CPU);
  static Tensor zeros(Shape shape, Device device = Device::CPU);
  static Tensor full(Shape shape, float value);
  static Tensor from(Shape shape, std::span<const float> values);
  static Tensor from(Shape shape, std::initializer_list<float> values);
  // A CPU tensor of this shape that holds no values: data() throws, naming why. It stands
  // in for a matrix its model keeps in another form (a generation-only model's 16-bit
  // copies, LanguageModel::set_inference_weights).
  static Tensor without_values(Shape shape);
  // False for without_values() tensors (and undefined ones); device tensors have values.
  bool has_values() const;

  bool defined() const { return storage_ != nullptr; }
  const Shape& shape() const { return shape_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  // Size of dimension i; negative i counts from the end.
  int64_t dim(int i) const;
  int64_t numel() const { return numel_; }
  Device device() const;

  // Host pointer to the values. Throws for a tensor on a device without host memory
  // (Vulkan): move it with to(Device::CPU) or read it with to_vector().
  float* data();
  const float* data() const;
  float item() const;  // the value of a one-element tensor (reads back from a device)
  std::vector<float> to_vector() const;  // reads back from a device

  // A copy on another device (the same tensor, shared, when it is already there).
  Tensor to(Device device) const;
  // Where the values start inside the storage, in floats; for backends.
  int64_t offset() const { return offset_; }
  Storage* storage() const { return storage_.get(); }

  // Same storage, another shape with the same number of elements.
  Tensor reshape(Shape shape) const;
  // Rows [begin, end) along the first dimension, sharing storage.
  Tensor slice_rows(int64_t begin, int64_t end) const;
  Tensor clone() const;

  void fill(float value);
  void zero() { fill(0.0f); }
  void copy_from(const Tensor& other);  // same numel; values copied

  std::string str() const { return shape_str(shape_); }

 private:
  Shape shape_;
  int64_t numel_ = 0;
  int64_t offset_ = 0;  // in floats
  std::shared_ptr<Storage> storage_;
};

}  // namespace gb
