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
class AuditLog
{
public:
    static constexpr int kMaxDetailLength = 200;

    AuditLog(std::shared_ptr<Database> database, const Clock& clock = Clock::system());

    // Returns the new entry's id.
    Result<qint64> append(const QString& host, const QString& operation, const QString& result,
                          const QString& detail = QString());

    // Newest first. A limit <= 0 returns nothing.
    QList<AuditEntry> recent(const QString& host, int limit) const;
    QList<AuditEntry> recent(int limit) const;

    // Drops entries older than the given time; returns how many went.
    int removeOlderThan(qint64 timeMs);

private:
    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
};

} // namespace tokenpass::store
