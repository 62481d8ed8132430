#include "platform/LockedPages.h"

#include <windows.h>

#include <string>

namespace tokenpass::platform {

std::size_t pageSize()
{
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    return info.dwPageSize > 0 ? std::size_t(info.dwPageSize) : 4096;
}

LockedPages mapLockedPages(std::size_t bytes)
{
    LockedPages pages;
    const std::size_t page = pageSize();
    const std::size_t rounded = (bytes + page - 1) / page * page;
    void* base = VirtualAlloc(nullptr, rounded, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (!base) {
        pages.error = "VirtualAlloc failed, error " + std::to_string(GetLastError());
        return pages;
    }
    pages.base = base;
    pages.bytes = rounded;
    // Windows writes no core files by default; VirtualLock keeps the pages out of the page file.
    if (VirtualLock(base, rounded))
        pages.locked = true;
    else
        pages.error = "VirtualLock failed, error " + std::to_string(GetLastError());
    return pages;
}

void unmapLockedPages(LockedPages& pages)
{
    if (!pages.base)
        return;
    if (pages.locked)
        (void)VirtualUnlock(pages.base, pages.bytes);
    (void)VirtualFree(pages.base, 0, MEM_RELEASE);
    pages = LockedPages{};
}

} // namespace tokenpass::platform
