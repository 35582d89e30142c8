#pragma once
// Memory for large buffers that are read over and over: weights, which generation streams
// whole for every token.
#include <cstddef>
#include <cstdint>
#include <optional>

namespace gb {

// Memory for `bytes`, 64-byte aligned; release it with std::free. Blocks of 2 MiB or more are
// 2 MiB aligned and, on Linux, ask for transparent huge pages (madvise; the kernel may say
// no): one TLB entry then covers 2 MiB instead of 4 KiB. Streaming 500 MB ran 15-30%
// faster so in a microbenchmark on this project's 2-core Xeon, and generation with 16-bit
// weight copies 5-14% faster. The price is paid when the pages are first touched: the
// kernel may compact memory to find free 2 MiB pages (up to a second for 500 MB on a
// fragmented machine), so this is for weights that are read many times, not for every
// tensor. Throws gb::Error naming the size when the system has no memory to give.
void* allocate_large(size_t bytes);

// Memory the system can still give without swapping (Linux: MemAvailable), or nullopt
// where that is not known.
std::optional<int64_t> available_memory();

}  // namespace gb
