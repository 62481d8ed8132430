#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace tokenpass::store {

// tokenpass.sqlite: tokens (hashed), host keys, grants, profile records, audit log, settings
// (DESIGN.md "Storage"). WAL mode; the schema version lives in PRAGMA user_version and
// migrations only move forward.
//
// Qt SQL connections belong to the thread that opened them, so connection() hands out one
// connection per calling thread, opened on first use.
class Database
{
public:
    static constexpr const char* kFileName = "tokenpass.sqlite";
    static int latestSchemaVersion();

    // Opens (creating if absent) <dataDir>/tokenpass.sqlite and migrates it. A file that is
    // not a readable TokenPass database is reported by name and never overwritten.
    static Result<std::shared_ptr<Database>> open(const QString& dataDir);
    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QString filePath() const { return m_filePath; }
    QSqlDatabase connection() const; // this thread's connection

    int schemaVersion() const;

    // The WAL file is cut back to this size after a checkpoint (PRAGMA journal_size_limit).
    static constexpr qint64 kWalSizeLimitBytes = 4 * 1024 * 1024;

private:
    static constexpr int kIncremental = 2; // PRAGMA auto_vacuum's value for INCREMENTAL

    explicit Database(QString filePath);
    Result<bool> migrate();
    void useIncrementalVacuum();

    QString m_filePath;
    QString m_connectionPrefix;
};

} // namespace tokenpass::store
