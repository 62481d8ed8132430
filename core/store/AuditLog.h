#pragma once

#include "Clock.h"
#include "Result.h"

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
    QString operation; // e.g. "auth", "sign", "encrypt", "decrypt", "consent", "revoke"
    QString result;    // e.g. "allowed", "denied", "approved", "rejected", "timeout", "error"
    QString detail;    // a short description, never a payload
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
class AuditLog
{
public:
    static constexpr int kMaxDetailLength = 200;
    static constexpr int kFlushIntervalMs = 250;
    static constexpr int kFlushBatch = 8192; // appendLater() flushes at once beyond this

    AuditLog(std::shared_ptr<Database> database, const Clock& clock = Clock::system());
    ~AuditLog();

    // Writes now (after anything queued); returns the new entry's id.
    Result<qint64> append(const QString& host, const QString& operation, const QString& result,
                          const QString& detail = QString());
    // Queues the entry, stamped now. Returns the number of queued entries, counting this one.
    int appendLater(const QString& host, const QString& operation, const QString& result,
                    const QString& detail = QString());
    // Writes every queued entry in one transaction, on this thread's connection. Returns how many
    // were written; entries that could not be written go back to the front of the queue.
    int flush() const;
    int pendingCount() const;

    // Newest first. A limit <= 0 returns nothing.
    QList<AuditEntry> recent(const QString& host, int limit) const;
    QList<AuditEntry> recent(int limit) const;

    // Drops entries older than the given time; returns how many went.
    int removeOlderThan(qint64 timeMs);

    struct Queue;

private:
    AuditEntry entry(const QString& host, const QString& operation, const QString& result,
                     const QString& detail) const;

    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
    std::shared_ptr<Queue> m_queue;
};

} // namespace tokenpass::store
