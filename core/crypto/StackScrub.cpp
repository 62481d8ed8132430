#include "crypto/StackScrub.h"

#include <QtGlobal>

#include <openssl/crypto.h>

namespace tokenpass::crypto {

namespace {
// Not inlined, so its frame (and the area) lies below the caller's frame, where the callees ran.
Q_NEVER_INLINE void wipeStackBelow()
{
    volatile unsigned char area[StackScrub::kBytes];
    OPENSSL_cleanse(const_cast<unsigned char*>(area), sizeof area);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The target attributes let Clang's integrated assembler accept the instructions without building
// the whole file for AVX; each one runs only where the CPU and the OS have the registers.
__attribute__((target("avx512f"))) Q_NEVER_INLINE void clearZmm16To31()
{
    asm volatile("vpxord %%zmm16, %%zmm16, %%zmm16\n\tvpxord %%zmm17, %%zmm17, %%zmm17\n\t"
                 "vpxord %%zmm18, %%zmm18, %%zmm18\n\tvpxord %%zmm19, %%zmm19, %%zmm19\n\t"
                 "vpxord %%zmm20, %%zmm20, %%zmm20\n\tvpxord %%zmm21, %%zmm21, %%zmm21\n\t"
                 "vpxord %%zmm22, %%zmm22, %%zmm22\n\tvpxord %%zmm23, %%zmm23, %%zmm23\n\t"
                 "vpxord %%zmm24, %%zmm24, %%zmm24\n\tvpxord %%zmm25, %%zmm25, %%zmm25\n\t"
                 "vpxord %%zmm26, %%zmm26, %%zmm26\n\tvpxord %%zmm27, %%zmm27, %%zmm27\n\t"
                 "vpxord %%zmm28, %%zmm28, %%zmm28\n\tvpxord %%zmm29, %%zmm29, %%zmm29\n\t"
                 "vpxord %%zmm30, %%zmm30, %%zmm30\n\tvpxord %%zmm31, %%zmm31, %%zmm31" ::
                     : "memory");
}

// VZEROALL zeroes the whole of registers 0-15 (all 512 bits where AVX-512 exists).
__attribute__((target("avx"))) Q_NEVER_INLINE void clearYmm0To15()
{
    asm volatile("vzeroall" ::: "memory");
}

Q_NEVER_INLINE void clearXmm0To15()
{
    asm volatile("pxor %%xmm0, %%xmm0\n\tpxor %%xmm1, %%xmm1\n\tpxor %%xmm2, %%xmm2\n\t"
                 "pxor %%xmm3, %%xmm3\n\tpxor %%xmm4, %%xmm4\n\tpxor %%xmm5, %%xmm5\n\t"
                 "pxor %%xmm6, %%xmm6\n\tpxor %%xmm7, %%xmm7\n\tpxor %%xmm8, %%xmm8\n\t"
                 "pxor %%xmm9, %%xmm9\n\tpxor %%xmm10, %%xmm10\n\tpxor %%xmm11, %%xmm11\n\t"
                 "pxor %%xmm12, %%xmm12\n\tpxor %%xmm13, %%xmm13\n\tpxor %%xmm14, %%xmm14\n\t"
                 "pxor %%xmm15, %%xmm15" ::
                     : "memory");
}

void clearVectorRegisters()
{
    // __builtin_cpu_supports also checks that the OS saves the registers (XCR0).
    if (__builtin_cpu_supports("avx512f"))
        clearZmm16To31();
    if (__builtin_cpu_supports("avx"))
        clearYmm0To15();
    else
        clearXmm0To15();
}
#else
void clearVectorRegisters() {} // see docs/SECURITY.md "Secrets in memory": x86-64 GCC/Clang only
#endif
} // namespace

StackScrub::~StackScrub()
{
    wipeStackBelow();
    clearVectorRegisters();
}

void StackScrub::clearRegisters()
{
    clearVectorRegisters();
}

} // namespace tokenpass::crypto
