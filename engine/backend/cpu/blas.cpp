#include "engine/backend/cpu/blas.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "engine/core/parallel.h"

namespace gb {

namespace {

SgemmFn load() {
  if (const char* choice = std::getenv("GLASSBOX_BLAS"); choice && std::strcmp(choice, "eigen") == 0) return nullptr;
  // Must be set before the library initialises, i.e. before dlopen. An explicit setting wins.
  if (__builtin_cpu_supports("avx512f")) setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
  setenv("OPENBLAS_NUM_THREADS", std::to_string(num_threads()).c_str(), 0);
  for (const char* name : {"libopenblas.so.0", "libopenblas.so"}) {
    if (void* lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)) {
      if (void* fn = dlsym(lib, "cblas_sgemm")) return reinterpret_cast<SgemmFn>(fn);
    }
  }
  return nullptr;
}

}  // namespace

SgemmFn openblas_sgemm() {
  static const SgemmFn fn = load();
  return fn;
}

}  // namespace gb
