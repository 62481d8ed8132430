#include "platform/LockedPages.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tokenpass::platform {

std::size_t pageSize()
{
    const long size = sysconf(_SC_PAGESIZE);
    return size > 0 ? std::size_t(size) : 4096;
}

LockedPages mapLockedPages(std::size_t bytes)
{
    LockedPages pages;
    const std::size_t page = pageSize();
    const std::size_t rounded = (bytes + page - 1) / page * page;
    void* base = mmap(nullptr, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        pages.error = std::string("mmap: ") + std::strerror(errno);
        return pages;
    }
    pages.base = base;
    pages.bytes = rounded;
#ifdef MADV_DONTDUMP
    // Linux: never in a core file, even if hardening could not switch core dumps off.
    (void)madvise(base, rounded, MADV_DONTDUMP);
#elif defined(MADV_NOCORE)
    (void)madvise(base, rounded, MADV_NOCORE);
#endif
    if (mlock(base, rounded) == 0)
        pages.locked = true;
    else
        pages.error = std::string("mlock: ") + std::strerror(errno) + " (RLIMIT_MEMLOCK too low?)";
    return pages;
}

void unmapLockedPages(LockedPages& pages)
{
    if (!pages.base)
        return;
    if (pages.locked)
        (void)munlock(pages.base, pages.bytes);
    (void)munmap(pages.base, pages.bytes);
    pages = LockedPages{};
}

} // namespace tokenpass::platform
