#pragma once
// A hash map from byte strings to token ids, built once and then only read (many threads
// at a time). Open addressing over one arena of bytes: a lookup of a string_view hashes it
// and compares bytes, with no allocation, which is what the BPE inner loop does millions
// of times a second.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

class ByteMap {
 public:
  // Adds key → id. An existing key keeps its first id.
  void insert(std::string_view key, int32_t id);
  // The id of key, or -1.
  int32_t find(std::string_view key) const {
    if (slots_.empty()) return -1;
    const uint64_t h = hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (s.hash == h && s.len == key.size() && std::string_view(arena_.data() + s.offset, s.len) == key) return s.id;
    }
  }
  size_t size() const { return count_; }

  static uint64_t hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, then a final mix so the low bits spread
    for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;
    uint32_t len = 0;
    int32_t id = -1;
  };
  void grow();
  std::string arena_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t count_ = 0;
};

}  // namespace gb
