// platform::releaseFreeMemory (issue 19): what a burst of small allocations on another thread
// freed is given back to the system, not kept mapped by glibc's per-thread arena.

#include "platform/MemoryRelease.h"

#include <gtest/gtest.h>

#include <QFile>

#include <memory>
#include <thread>
#include <vector>

namespace {

// Resident anonymous memory of this process, in KiB (Linux).
long anonymousKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("RssAnon:"))
            return line.mid(8).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

} // namespace

TEST(MemoryRelease, FreedHeapPagesGoBackToTheSystem)
{
#if defined(__SANITIZE_ADDRESS__) || (defined(__has_feature) && __has_feature(address_sanitizer))
    GTEST_SKIP() << "AddressSanitizer replaces glibc's allocator (and keeps freed blocks in quarantine)";
#elif !defined(__linux__) || !defined(__GLIBC__)
    GTEST_SKIP() << "glibc only; other allocators return free memory themselves";
#else
    // Like a burst of requests on the server thread: many small blocks, all freed again, with a
    // few kept alive so the arena's top cannot simply shrink.
    std::vector<std::unique_ptr<char[]>> kept;
    std::thread burst([&kept] {
        std::vector<std::unique_ptr<char[]>> blocks;
        for (int i = 0; i < 200000; ++i) {
            blocks.emplace_back(new char[200]);
            blocks.back()[0] = char(i); // touched, so resident
        }
        kept.push_back(std::move(blocks.back()));
        blocks.pop_back();
    });
    burst.join();
    const long before = anonymousKiB();
    ASSERT_GT(before, 0);
    tokenpass::platform::releaseFreeMemory();
    const long after = anonymousKiB();
    // 200,000 blocks of 200 bytes are about 40 MiB; most of it must be returned.
    EXPECT_LT(after, before - 20 * 1024) << "before " << before << " KiB, after " << after << " KiB";
#endif
}
