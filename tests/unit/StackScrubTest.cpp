// Issue 20: a StackScrub leaves no secret in the SIMD registers, where a later XSAVE (the
// dynamic linker's lazy-binding trampoline, a signal frame) would write it to the stack.

#include "crypto/StackScrub.h"

#include <QtGlobal>

#include <gtest/gtest.h>

#include <array>

using tokenpass::crypto::StackScrub;

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

namespace {

using Block16 = std::array<unsigned char, 16>;
using Block64 = std::array<unsigned char, 64>;

Q_NEVER_INLINE void loadXmm7(const Block16& bytes)
{
    asm volatile("movdqu %0, %%xmm7" ::"m"(bytes) : "xmm7");
}

Q_NEVER_INLINE Block16 readXmm7()
{
    Block16 out{};
    asm volatile("movdqu %%xmm7, %0" : "=m"(out));
    return out;
}

__attribute__((target("avx512f"))) Q_NEVER_INLINE void loadZmm16And31(const Block64& bytes)
{
    asm volatile("vmovdqu64 %0, %%zmm16\n\tvmovdqu64 %0, %%zmm31" ::"m"(bytes) : "xmm16", "xmm31");
}

// No zero-initialised local here: under ASan `out{}` becomes a call to memset, and glibc's
// AVX-512 memset itself uses zmm16 (that made the control fail in the Clang ASan build).
__attribute__((target("avx512f"))) Q_NEVER_INLINE std::array<Block64, 2> readZmm16And31()
{
    std::array<Block64, 2> out; // NOLINT: every byte is written by the asm
    asm volatile("vmovdqu64 %%zmm16, %0\n\tvmovdqu64 %%zmm31, %1" : "=m"(out[0]), "=m"(out[1]));
    return out;
}

Q_NEVER_INLINE void nothing()
{
    asm volatile("" ::: "memory");
}

template <std::size_t N> bool allZero(const std::array<unsigned char, N>& bytes)
{
    for (unsigned char b : bytes) {
        if (b != 0)
            return false;
    }
    return true;
}

} // namespace

TEST(StackScrub, ClearsXmmRegisters)
{
    Block16 secret;
    secret.fill(0xA5);
    loadXmm7(secret);
    nothing();
    const Block16 kept = readXmm7();
    ASSERT_EQ(kept, secret) << "control: a plain call leaves the register as it was";

    loadXmm7(secret);
    {
        const StackScrub scrub;
    }
    EXPECT_TRUE(allZero(readXmm7()));

    loadXmm7(secret);
    StackScrub::clearRegisters();
    EXPECT_TRUE(allZero(readXmm7()));
}

TEST(StackScrub, ClearsAvx512Registers)
{
    if (!__builtin_cpu_supports("avx512f"))
        GTEST_SKIP() << "no AVX-512 on this CPU";
    Block64 secret;
    secret.fill(0x5A);
    loadZmm16And31(secret);
    nothing();
    const auto kept = readZmm16And31();
    ASSERT_EQ(kept[0], secret) << "control: a plain call leaves the register as it was";
    ASSERT_EQ(kept[1], secret);

    loadZmm16And31(secret);
    {
        const StackScrub scrub;
    }
    const auto after = readZmm16And31();
    EXPECT_TRUE(allZero(after[0]));
    EXPECT_TRUE(allZero(after[1]));
}

#else

TEST(StackScrub, ClearsXmmRegisters)
{
    GTEST_SKIP() << "register clearing is implemented for x86-64 with GCC or Clang";
}

#endif
