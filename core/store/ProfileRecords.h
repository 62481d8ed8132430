#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace tokenpass::store {

class Database;

// The non-token records v0.0.8 kept in state.db, one JSON object per host, in the `profile` table:
// the "global" profile record (API.md §2.3 step 8, §2.14) and the registration "localhost" record
// (§2.3 step 7). /api/status lists them among its "states" (§2.1).
//
// Records are stored as the JSON object a client would have seen, with "host" always equal to the
// row's host and never an "_id" (NeDB bookkeeping) or an "accessToken" (tokens live hashed in the
// `tokens` table, API.md decision 7).
class ProfileRecords
{
public:
    static constexpr const char* kGlobalHost = "global";
    static constexpr const char* kLocalHost = "localhost";

    // How merge() treats a field the record already has.
    enum class Merge
    {
        Overwrite,    // the new value wins ($set, §2.14 POST)
        KeepExisting, // only absent fields are added (§2.3 step 7: "icon only set if absent")
    };

    explicit ProfileRecords(std::shared_ptr<Database> database);

    // The host's record, or an empty object when there is none (GET /api/profile answers `{}`).
    QJsonObject get(const QString& host) const;
    bool contains(const QString& host) const;

    // Merges fields into the host's record, creating it if needed, and returns the stored record.
    // "host" is forced to the host; "_id" and "accessToken" are dropped.
    Result<QJsonObject> merge(const QString& host, const QJsonObject& fields, Merge mode = Merge::Overwrite);
    // Replaces the whole record (same cleaning as merge).
    Result<QJsonObject> replace(const QString& host, const QJsonObject& record);
    bool remove(const QString& host);

    // Every record, ordered by host.
    QList<QJsonObject> list() const;

    // The cleaning applied on every write: host forced, _id and accessToken removed.
    static QJsonObject clean(const QString& host, QJsonObject record);

private:
    Result<QJsonObject> store(const QString& host, const QJsonObject& record);

    std::shared_ptr<Database> m_database;
};

} // namespace tokenpass::store
