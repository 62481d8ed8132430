#include "crypto/SecureArena.h"

#include "platform/LockedPages.h"

#include <QtGlobal>

#include <array>
#include <cstring>
#include <mutex>
#include <new>

namespace tokenpass::crypto {

namespace {

constexpr std::size_t kBlocks = SecureArena::kArenaBytes / SecureArena::kBlockBytes;

// A first-fit bitmap allocator over one mapping. Secrets are few and small (keys, seeds, a
// decrypted wallet), so a linear scan of 2,048 bits is cheap next to the crypto around it.
class Arena
{
public:
    Arena()
    {
        m_pages = platform::mapLockedPages(SecureArena::kArenaBytes);
        if (m_pages.base && !m_pages.locked) {
            // Unlocked pages are no better than the heap; fall back to it, and say so once.
            qWarning("tokenpass: secrets are not locked in memory (%s); they may reach swap",
                     m_pages.error.c_str());
            platform::unmapLockedPages(m_pages);
        } else if (!m_pages.base) {
            qWarning("tokenpass: no locked memory for secrets (%s)", m_pages.error.c_str());
        }
    }

    std::uint8_t* allocate(std::size_t size)
    {
        const std::size_t need = (size + SecureArena::kBlockBytes - 1) / SecureArena::kBlockBytes;
        std::lock_guard<std::mutex> guard(m_mutex);
        if (!m_pages.base || need > kBlocks)
            return nullptr;
        std::size_t run = 0;
        for (std::size_t i = 0; i < kBlocks; ++i) {
            run = used(i) ? 0 : run + 1;
            if (run == need) {
                const std::size_t first = i + 1 - need;
                mark(first, need, true);
                m_inUse += need * SecureArena::kBlockBytes;
                auto* p = static_cast<std::uint8_t*>(m_pages.base) + first * SecureArena::kBlockBytes;
                std::memset(p, 0, size);
                return p;
            }
        }
        return nullptr; // full: the caller uses the heap
    }

    bool release(std::uint8_t* p, std::size_t size)
    {
        if (!owns(p))
            return false;
        const std::size_t first = std::size_t(p - base()) / SecureArena::kBlockBytes;
        const std::size_t count = (size + SecureArena::kBlockBytes - 1) / SecureArena::kBlockBytes;
        std::lock_guard<std::mutex> guard(m_mutex);
        mark(first, count, false);
        m_inUse -= count * SecureArena::kBlockBytes;
        return true;
    }

    bool owns(const std::uint8_t* p) const
    {
        return m_pages.base && p >= base() && p < base() + m_pages.bytes;
    }
    bool locked() const { return m_pages.base && m_pages.locked; }
    std::size_t inUse()
    {
        std::lock_guard<std::mutex> guard(m_mutex);
        return m_inUse;
    }

private:
    const std::uint8_t* base() const { return static_cast<const std::uint8_t*>(m_pages.base); }
    bool used(std::size_t block) const { return (m_bitmap[block / 64] >> (block % 64)) & 1u; }
    void mark(std::size_t first, std::size_t count, bool on)
    {
        for (std::size_t b = first; b < first + count; ++b) {
            const std::uint64_t bit = std::uint64_t(1) << (b % 64);
            m_bitmap[b / 64] = on ? (m_bitmap[b / 64] | bit) : (m_bitmap[b / 64] & ~bit);
        }
    }

    platform::LockedPages m_pages;
    std::array<std::uint64_t, kBlocks / 64> m_bitmap{};
    std::size_t m_inUse = 0;
    std::mutex m_mutex;
};

// Never destroyed: a SecureBytes in a static object may be freed after any other static.
Arena& arena()
{
    static Arena* instance = new Arena;
    return *instance;
}

} // namespace

std::uint8_t* SecureArena::allocate(std::size_t size)
{
    if (size == 0)
        return nullptr;
    if (std::uint8_t* p = arena().allocate(size))
        return p;
    auto* p = new std::uint8_t[size];
    std::memset(p, 0, size);
    return p;
}

void SecureArena::release(std::uint8_t* p, std::size_t size)
{
    if (!p)
        return;
    if (!arena().release(p, size))
        delete[] p;
}

bool SecureArena::isLocked()
{
    return arena().locked();
}

bool SecureArena::owns(const std::uint8_t* p)
{
    return arena().owns(p);
}

std::size_t SecureArena::bytesInUse()
{
    return arena().inUse();
}

} // namespace tokenpass::crypto
