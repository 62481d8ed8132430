#pragma once

#include "Result.h"
#include "store/PerThreadConnections.h"
#include "store/SqlConnection.h"

#include <QString>

#include <memory>

namespace tokenpass::store {

// tokenpass.sqlite: tokens (hashed), host keys, grants, profile records, audit log, settings
// (DESIGN.md "Storage"). WAL mode; the schema version lives in PRAGMA user_version and
// migrations only move forward.
//
// A SQLite connection is used by one thread at a time (opened without a mutex, store/SqlConnection.h),
// so connection() hands out one per calling thread, opened on first use and closed when that
// thread ends or the Database goes.
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
    SqlConnection connection() const; // this thread's connection

    int schemaVersion() const;

    static constexpr int kBusyTimeoutMs = 5000;
    // The WAL file is cut back to this size after a checkpoint (PRAGMA journal_size_limit).
    static constexpr qint64 kWalSizeLimitBytes = 4 * 1024 * 1024;
    // Each connection's page cache (PRAGMA cache_size, in KiB).
    static constexpr int kPageCacheKiB = 256;

private:
    static constexpr int kIncremental = 2; // PRAGMA auto_vacuum's value for INCREMENTAL

    explicit Database(QString filePath);
    SqlConnection openConnection() const; // with the PRAGMAs every connection needs
    Result<bool> migrate();
    void useIncrementalVacuum();

    QString m_filePath;
    PerThreadConnections m_connections;
};

} // namespace tokenpass::store
