#pragma once

#include <cstddef>
#include <cstdint>

namespace tokenpass::crypto {

// Where SecureBytes keeps its bytes. mlock works on whole pages, so secrets share one small,
// bounded arena of locked pages (platform::LockedPages: out of swap and out of core dumps) instead
// of pinning heap pages that hold other data too. Bounded on purpose: an allocation that does not
// fit, or any allocation when the OS refused to lock the arena (logged once), comes from the
// ordinary heap instead, and is still wiped before it is freed (SecureBytes does that either way).
class SecureArena
{
public:
    static constexpr std::size_t kArenaBytes = 64 * 1024; // fits the common 64 KiB RLIMIT_MEMLOCK
    static constexpr std::size_t kBlockBytes = 32;        // one private key per block

    // Zero-filled; never null for size > 0 (throws std::bad_alloc like new).
    static std::uint8_t* allocate(std::size_t size);
    // `p` must be wiped already; `size` is what was passed to allocate().
    static void release(std::uint8_t* p, std::size_t size);

    // For tests and the startup log: is the arena locked, and how many bytes are in use?
    static bool isLocked();
    static bool owns(const std::uint8_t* p);
    static std::size_t bytesInUse();
};

} // namespace tokenpass::crypto
