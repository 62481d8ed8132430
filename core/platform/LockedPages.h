#pragma once

#include <cstddef>
#include <string>

namespace tokenpass::platform {

// Whole pages for secrets (crypto::SecureArena). They are pinned in RAM so they never reach swap
// (mlock / VirtualLock) and left out of core dumps (MADV_DONTDUMP where the OS has it). One file
// per OS: LockedPages_posix.cpp, LockedPages_win.cpp. The core compiles these itself, because
// SecureBytes lives below tokenpass_platform.
struct LockedPages
{
    void* base = nullptr; // null: nothing was mapped
    std::size_t bytes = 0;
    bool locked = false; // false: mapped, but the OS refused to pin it (see error)
    std::string error;   // why mapping or locking failed; never holds secret data
};

std::size_t pageSize();
// Maps `bytes` (rounded up to whole pages) of zeroed memory, then locks and excludes it from dumps.
LockedPages mapLockedPages(std::size_t bytes);
// Unlocks and unmaps; the caller has wiped the contents.
void unmapLockedPages(LockedPages& pages);

} // namespace tokenpass::platform
