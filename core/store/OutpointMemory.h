#pragma once

#include "Clock.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <memory>
#include <optional>

namespace tokenpass::store {

class Database;

// The amount of every outpoint the wallet signed, for 90 days (TX.md §0, §2.3). A FORKID
// signature commits only to its own input's amount, so a caller could understate one input in
// one request and another in the next, and combine the signatures to hide a large fee. Without
// BEEF parents nothing proves an amount; remembering what was signed refuses a different claim
// later (AMOUNT_MISMATCH).
//
// A write that fails (a full disk) keeps the entries in memory, still answered by amount(), and
// writes them with the next remember(); the pending list is bounded like the audit queue.
class OutpointMemory
{
public:
    static constexpr qint64 kKeepMs = 90LL * 24 * 60 * 60 * 1000;
    static constexpr int kMaxPending = 100000;

    struct Entry
    {
        QByteArray txid; // 32 bytes, wire order
        std::uint32_t vout = 0;
        std::uint64_t satoshis = 0;
    };

    explicit OutpointMemory(std::shared_ptr<Database> database, const Clock& clock = Clock::system());
    ~OutpointMemory();

    // The amount signed for this outpoint in the last 90 days, if any.
    std::optional<std::uint64_t> amount(QByteArrayView txid, std::uint32_t vout) const;
    // Stores (or refreshes) the entries and forgets those older than 90 days. On failure the
    // entries wait in memory for the next call; the Result says why (Failure::DiskFull).
    Result<bool> remember(const QList<Entry>& entries);
    int pendingCount() const;

private:
    struct Pending;
    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
    std::unique_ptr<Pending> m_pending;
};

} // namespace tokenpass::store
