#pragma once

#include "Clock.h"
#include "Result.h"
#include "store/AuditEvent.h"

#include <QList>
#include <QString>

#include <memory>

namespace tokenpass::store {

class Database;

struct AuditEntry
{
    qint64 id = 0;
    qint64 timeMs = 0;
    QString host;
    AuditOperation operation = AuditOperation::Unknown;
    AuditResult result = AuditResult::Unknown;
    QString detail; // a short description, never a payload
};

// How many entries one site has for one operation and result over a time range, counting the
// entries that retention folded into daily counts (store/AuditRetention.h).
struct AuditCount
{
    QString host;
    AuditOperation operation = AuditOperation::Unknown;
    AuditResult result = AuditResult::Unknown;
    qint64 count = 0;

    bool operator==(const AuditCount&) const = default;
};

// The audit log the sites window shows: every consent decision and every signature (DESIGN.md
// "Consent and approval model").
//
// Callers pass descriptions, not payloads. Never put a token, password, mnemonic, key, message
// body or ciphertext into any field: write "bitcoin-auth token for /api/backup/sync" or
// "message, 42 bytes", not the message. The file is not encrypted and outlives every lock. As a
// last line of defence a detail longer than kMaxDetailLength is cut.
//
// The API records one entry per signature, so it queues them (appendLater) and writes them in
// one transaction (flush): a commit per request was most of the time a signature took. The queue
// is shared by every AuditLog on the same Database, and readers flush it first, so an entry is
// visible to any reader as soon as appendLater() returns. Someone must call flush() regularly
// (the server does, every kFlushIntervalMs and on lock and stop); the destructor flushes too.
//
// A flush that cannot write (a full disk) keeps the entries queued for the next one, but never
// more than kMaxPending: beyond that the oldest go, counted in the log line of each failed flush.
// After a failure appendLater() stops forcing flushes for kRetryIntervalMs, so requests do not
// each pay for a doomed write; the writer retries.
class AuditLog
{
public:
    static constexpr int kMaxDetailLength = 200;
    static constexpr int kFlushIntervalMs = 250;
    static constexpr int kFlushBatch = 8192;  // appendLater() flushes at once beyond this
    static constexpr int kMaxPending = 65536; // queued entries kept while nothing can be written
    static constexpr int kRetryIntervalMs = 2000;

    AuditLog(std::shared_ptr<Database> database, const Clock& clock = Clock::system());
    ~AuditLog();

    // Writes now (after anything queued); returns the new entry's id.
    Result<qint64> append(const QString& host, AuditOperation operation, AuditResult result,
                          const QString& detail = QString());
    // Queues the entry, stamped now. Returns the number of queued entries, counting this one.
    int appendLater(const QString& host, AuditOperation operation, AuditResult result,
                    const QString& detail = QString());
    // Writes every queued entry in one transaction, on this thread's connection, and returns how
    // many. On failure nothing is written and the entries stay queued (see above).
    Result<int> flush() const;
    int pendingCount() const;
    // Entries dropped from a full queue since the process started.
    qint64 droppedCount() const;

    // Newest first. A limit <= 0 returns nothing.
    QList<AuditEntry> recent(const QString& host, int limit) const;
    QList<AuditEntry> recent(int limit) const;

    // Entries with fromMs <= time < toMs per host, operation and result, ordered by those; with a
    // host, only that host's. Folded entries count by UTC day: a folded day is in the range when
    // its midnight is, so ranges from UTC midnight to UTC midnight are exact.
    QList<AuditCount> counts(qint64 fromMs, qint64 toMs, const QString& host = QString()) const;

    struct Queue;

private:
    AuditEntry entry(const QString& host, AuditOperation operation, AuditResult result,
                     const QString& detail) const;

    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
    std::shared_ptr<Queue> m_queue;
};

} // namespace tokenpass::store
