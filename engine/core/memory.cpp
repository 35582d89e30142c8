#include "engine/core/memory.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "engine/core/error.h"

namespace gb {

void* allocate_large(size_t bytes) {
  constexpr size_t kHuge = size_t(2) << 20;
  const size_t align = bytes >= kHuge ? kHuge : 64;
  const size_t size = std::max(align, (bytes + align - 1) / align * align);  // aligned_alloc wants a multiple
  void* p = std::aligned_alloc(align, size);
  if (!p) throw Error("out of memory allocating " + std::to_string(bytes) + " bytes");
#if defined(MADV_HUGEPAGE)
  // Before the pages are first touched, so that they are faulted in as huge pages. Only the
  // whole 2 MiB stretches the block fills: the last, partly used one stays in 4 KiB pages,
  // so a 2.4 MiB matrix takes 2.4 MiB, not 4. Advice only: where huge pages are off,
  // nothing changes.
  if (align == kHuge) madvise(p, bytes / kHuge * kHuge, MADV_HUGEPAGE);
#endif
  return p;
}

std::optional<int64_t> available_memory() {
#if defined(__linux__)
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  int64_t kb = 0;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
#endif
  return std::nullopt;
}

}  // namespace gb
