#pragma once
// Tensor: a contiguous, row-major block of f32 values with a shape.
// Tensors share their storage when copied (like a shared_ptr); clone() copies the values.
// Storage lives on a device: the CPU today, a Vulkan buffer when that backend is built.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace gb {

using Shape = std::vector<int64_t>;

enum class Device { CPU, Vulkan };

std::string shape_str(const Shape& s);
int64_t shape_numel(const Shape& s);

// A block of memory owned by one device. CPU storage is 64-byte aligned and recycled
// through a small cache, because a training step frees and reallocates the same sizes.
class Storage {
 public:
  virtual ~Storage() = default;
  virtual Device device() const = 0;
  virtual size_t bytes() const = 0;
  // Host pointer; only CPU storage has one.
  virtual float* host() = 0;
};

class Tensor {
 public:
  Tensor() = default;

  static Tensor empty(Shape shape, Device device = Device::CPU);
  static Tensor zeros(Shape shape, Device device = Device::CPU);
  static Tensor full(Shape shape, float value);
  static Tensor from(Shape shape, std::span<const float> values);
  static Tensor from(Shape shape, std::initializer_list<float> values);

  bool defined() const { return storage_ != nullptr; }
  const Shape& shape() const { return shape_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  // Size of dimension i; negative i counts from the end.
  int64_t dim(int i) const;
  int64_t numel() const { return numel_; }
  Device device() const;

  float* data();
  const float* data() const;
  float item() const;  // the value of a one-element tensor
  std::vector<float> to_vector() const;

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
