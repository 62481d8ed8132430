#pragma once

#include "Result.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace tokenpass::store {

class Database;

// One keys.db record (API.md §4.5): the invoice the host key is derived from and, for display,
// the pub/address last derived. The pair is informational: v0.0.8 re-derives both from `invoice`
// and the current host master on every read, and so should callers.
struct HostKeyRecord
{
    QString host;
    QString
        invoice; // keys.db `path`: "2-tokenpass-<host>" (G3), "2-sigma auth-<host>" (G2) or a G1 BIP32 path
    QString pub; // compressed public key, hex
    QString address; // P2PKH

    bool operator==(const HostKeyRecord&) const = default;
};

// The host_keys table: one row per host that has used sign, sign-aip or encrypt.
class HostKeyRecords
{
public:
    explicit HostKeyRecords(std::shared_ptr<Database> database);

    // Inserts or replaces the host's row.
    Result<bool> upsert(const HostKeyRecord& record);
    std::optional<HostKeyRecord> get(const QString& host) const;
    QList<HostKeyRecord> list() const; // ordered by host
    bool remove(const QString& host);

private:
    std::shared_ptr<Database> m_database;
};

} // namespace tokenpass::store
