#pragma once
// OpenBLAS's sgemm, when the machine has it, for the CPU backend's large matrix products.
//
// It is loaded at run time (dlopen) rather than linked, for two reasons: the engine builds
// and runs without it (Eigen does the products then), and OpenBLAS picks its kernels when
// it is loaded, from the CPU it recognises. OpenBLAS 0.3.21 (Debian 12) does not recognise
// some recent AVX-512 processors and falls back to kernels ~5× slower; loading it ourselves
// lets us name the core type (OPENBLAS_CORETYPE) first. GLASSBOX_BLAS=eigen turns it off.
#include <cstdint>

namespace gb {

// C (m, n) = alpha · op(A) · op(B) + beta · C, all row-major, with leading dimensions.
using SgemmFn = void (*)(int layout, int trans_a, int trans_b, int m, int n, int k, float alpha, const float* a,
                         int lda, const float* b, int ldb, float beta, float* c, int ldc);

// OpenBLAS's cblas_sgemm, or null when it is not installed or turned off.
SgemmFn openblas_sgemm();

}  // namespace gb
