#include "store/Database.h"

#include "fs/DataDir.h"

#include "store/SqlQuery.h"

#include <QDir>
#include <QFileInfo>
#include <QtDebug>

namespace tokenpass::store {

namespace {

// Each entry moves the schema from version i to i+1, one SQL statement per string (SqlQuery
// runs one at a time). Never edit a released entry: append a new one.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps = {
        // v1
        {
            QStringLiteral(R"SQL(
CREATE TABLE tokens (
    token_hash   BLOB PRIMARY KEY,            -- SHA-256 of the UUID, never the token itself
    host         TEXT NOT NULL UNIQUE,        -- one token per host (API.md §3)
    origin       TEXT NOT NULL DEFAULT '',    -- the browser Origin that asked for it, if any
    scopes       TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    identity     TEXT NOT NULL DEFAULT '',    -- BAP id
    icon         TEXT NOT NULL DEFAULT '',
    created_ms   INTEGER NOT NULL,
    expires_ms   INTEGER NOT NULL,            -- 0 = never
    last_used_ms INTEGER NOT NULL DEFAULT 0
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE host_keys (
    host    TEXT PRIMARY KEY,
    invoice TEXT NOT NULL,
    pub     TEXT NOT NULL,
    address TEXT NOT NULL
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE grants (
    host       TEXT PRIMARY KEY,
    scopes     TEXT NOT NULL DEFAULT '[]',
    duration   TEXT NOT NULL,                 -- once, 1h, 1d, 1w, 1m, forever
    policy     TEXT NOT NULL CHECK (policy IN ('allow', 'ask')),
    identity   TEXT NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL DEFAULT 0
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE profile (
    host   TEXT PRIMARY KEY,                  -- "global", "localhost", ...
    record TEXT NOT NULL                      -- JSON object, as state.db kept it
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms   INTEGER NOT NULL,
    host      TEXT NOT NULL,
    operation TEXT NOT NULL,
    result    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE INDEX audit_log_host_time ON audit_log (host, time_ms)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
)SQL"),
        },
        // v2: audit retention (store/AuditRetention.h). Entries past their age or the row caps
        // are folded into per-day counts, so totals survive; the time index serves pruning by
        // age and by the total cap, the overall "recent" list and counts over a range.
        // (Incremental vacuum is switched on after the steps: VACUUM cannot run in a transaction.)
        {
            QStringLiteral(R"SQL(
CREATE TABLE audit_daily (
    host         TEXT NOT NULL,
    day_start_ms INTEGER NOT NULL,            -- UTC midnight of the entries' day
    operation    TEXT NOT NULL,
    result       TEXT NOT NULL,
    entries      INTEGER NOT NULL,
    PRIMARY KEY (host, day_start_ms, operation, result)
) WITHOUT ROWID
)SQL"),
            QStringLiteral(R"SQL(
CREATE INDEX audit_log_time ON audit_log (time_ms)
)SQL"),
        },
        // v3: the amounts of the outpoints this wallet signed (store/OutpointMemory.h, TX.md §2.3),
        // so that a later request cannot claim a different amount for the same outpoint.
        {
            QStringLiteral(R"SQL(
CREATE TABLE signed_outpoints (
    txid      BLOB NOT NULL,                  -- 32 bytes, wire order
    vout      INTEGER NOT NULL,
    satoshis  INTEGER NOT NULL,
    signed_ms INTEGER NOT NULL,               -- the last signature; kept 90 days
    PRIMARY KEY (txid, vout)
) WITHOUT ROWID
)SQL"),
            QStringLiteral(R"SQL(
CREATE INDEX signed_outpoints_time ON signed_outpoints (signed_ms)
)SQL"),
        },
        // v4: the OAuth provider (OAUTH.md "Decided", Storage; core/oauth). Codes and refresh
        // tokens are stored as SHA-256 only; a grant's details (client, redirect, resource, scope,
        // identity) are one JSON object, read and written only by core/oauth/Grant.
        {
            QStringLiteral(R"SQL(
CREATE TABLE oauth_clients (
    client_id    TEXT PRIMARY KEY,
    metadata     TEXT NOT NULL,               -- the registered metadata as echoed (JSON object)
    created_ms   INTEGER NOT NULL,
    last_used_ms INTEGER NOT NULL
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE oauth_codes (
    code_hash  BLOB PRIMARY KEY,
    grant_json TEXT NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms    INTEGER NOT NULL DEFAULT 0,    -- 0 = not redeemed yet
    family_id  TEXT NOT NULL DEFAULT ''       -- the token family its redemption started
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE oauth_families (
    family_id           TEXT PRIMARY KEY,
    client_id           TEXT NOT NULL,
    grant_json          TEXT NOT NULL,
    created_ms          INTEGER NOT NULL,
    absolute_expires_ms INTEGER NOT NULL,
    revoked_ms          INTEGER NOT NULL DEFAULT 0
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE oauth_refresh_tokens (
    token_hash BLOB PRIMARY KEY,
    family_id  TEXT NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms    INTEGER NOT NULL DEFAULT 0
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE oauth_access_tokens (
    jti        TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    expires_ms INTEGER NOT NULL
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE INDEX oauth_access_tokens_family ON oauth_access_tokens (family_id)
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE oauth_keys (
    kid        TEXT PRIMARY KEY,
    alg        TEXT NOT NULL,
    public_jwk TEXT NOT NULL,                 -- so the JWKS is served while locked
    created_ms INTEGER NOT NULL
)
)SQL"),
        },
        // v5: the per-site spending allowance (store/SpendingAllowances.h, issue 17): satoshis per
        // rolling 24 h (no row = 0 = always ask), and the spends counted against it.
        {
            QStringLiteral(R"SQL(
CREATE TABLE spending_allowances (
    host             TEXT PRIMARY KEY,
    satoshis_per_day INTEGER NOT NULL,        -- > 0
    set_ms           INTEGER NOT NULL
) WITHOUT ROWID
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE allowance_spends (
    id       INTEGER PRIMARY KEY,
    host     TEXT NOT NULL,
    satoshis INTEGER NOT NULL,                -- the transaction's net spend
    txid     TEXT NOT NULL,
    spent_ms INTEGER NOT NULL                 -- when the signature was returned; kept 24 h
)
)SQL"),
            QStringLiteral(R"SQL(
CREATE INDEX allowance_spends_host_time ON allowance_spends (host, spent_ms)
)SQL"),
        },
        // v6: issue 16 item 3, the native OAuth consent dialog. A consent the person asked to
        // remember (one per client: the scopes and the identity it covers), and the private
        // identities used so far (the per-client keys of host "oauth:<client_id>"), listed by the
        // client name they were used with so a client that registers again can continue as one.
        {
            QStringLiteral(R"SQL(
CREATE TABLE oauth_consents (
    client_id  TEXT PRIMARY KEY,
    scopes     TEXT NOT NULL,                 -- JSON array, sorted
    identity   TEXT NOT NULL,                 -- BAP idKey, or "private:<client_id>"
    created_ms INTEGER NOT NULL
) WITHOUT ROWID
)SQL"),
            QStringLiteral(R"SQL(
CREATE TABLE oauth_private_identities (
    client_id   TEXT PRIMARY KEY,             -- the key is the one of host "oauth:<client_id>"
    client_name TEXT NOT NULL,
    first_ms    INTEGER NOT NULL
) WITHOUT ROWID
)SQL"),
        },
    };
    return steps;
}

QString describe(const SqlError& error)
{
    return error.text().trimmed();
}

Result<bool> exec(const SqlConnection& db, const QString& sql)
{
    SqlQuery query(db);
    if (!query.exec(sql))
        return Result<bool>::fail(describe(query.lastError()));
    return Result<bool>::ok(true);
}

} // namespace

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

Database::Database(QString filePath) : m_filePath(std::move(filePath)) {}

// Every thread's connection to this file goes with it (m_connections): threads do not hold a
// connection between calls, and nothing uses a Database while it is destroyed.
Database::~Database() = default;

SqlConnection Database::connection() const
{
    return m_connections.forThisThread([this] { return openConnection(); });
}

SqlConnection Database::openConnection() const
{
    SqlConnection db = SqlConnection::open(m_filePath, kBusyTimeoutMs);
    if (!db.isOpen())
        return db;
    // WAL + synchronous=NORMAL: a commit is not fsynced, so every API call that records
    // "last used" or an audit entry does not wait for the disk. The file stays consistent
    // after any crash; a power cut can roll back only the last commits (a site may have to
    // ask again), never tear the database. Killing the process loses nothing committed.
    SqlQuery(db).exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    SqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    // A burst (a prune, a long batch) grows the WAL; without a limit it keeps that size.
    SqlQuery(db).exec(QStringLiteral("PRAGMA journal_size_limit = %1").arg(kWalSizeLimitBytes));
    // A small page cache per connection (SQLite's default is 2 MiB): the server thread and the
    // writer each hold one, and under load they filled it with audit-log pages nobody reads
    // again (2 MB of RSS after 100,000 signs, issue 19). Hot lookups are answered from memory
    // above SQLite ("What every call reads from memory", docs/ARCHITECTURE.md).
    SqlQuery(db).exec(QStringLiteral("PRAGMA cache_size = -%1").arg(kPageCacheKiB));
    return db;
}

int Database::schemaVersion() const
{
    SqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

Result<std::shared_ptr<Database>> Database::open(const QString& dataDir)
{
    using R = Result<std::shared_ptr<Database>>;
    const auto dir = fs::ensurePrivateDir(dataDir);
    if (!dir)
        return R::fail(dir.error());
    const QString path = QDir(*dir).filePath(QLatin1String(kFileName));
    const bool existed = QFileInfo::exists(path);

    std::shared_ptr<Database> database(new Database(path));
    const SqlConnection db = database->connection();
    if (!db.isOpen())
        return R::fail(QStringLiteral("Cannot open %1: %2").arg(path, describe(db.lastError())));

    // A new file takes incremental auto-vacuum before its first table, for free; an existing one
    // needs a VACUUM for it (useIncrementalVacuum), which on a new file cost two more syncs at start.
    if (!existed)
        SqlQuery(db).exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"));
    // WAL needs a readable header; a damaged or foreign file fails here, before any write.
    SqlQuery probe(db);
    if (!probe.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !probe.next()) {
        const QString why = describe(probe.lastError());
        return R::fail(
            QStringLiteral("%1 is damaged or is not a TokenPass database (%2). It was left as it is; "
                           "move it away to start with empty state.")
                .arg(path, why));
    }
    probe.finish();
    if (!existed)
        fs::makeFilePrivate(path);

    const auto migrated = database->migrate();
    if (!migrated)
        return R::fail(QStringLiteral("Cannot prepare %1: %2").arg(path, migrated.error()));
    database->useIncrementalVacuum();
    return R::ok(std::move(database));
}

void Database::useIncrementalVacuum()
{
    // With auto_vacuum = INCREMENTAL, "PRAGMA incremental_vacuum" gives freed pages back to the
    // file system (after a prune). An existing file only takes the mode on with one VACUUM, which
    // rewrites it; until it succeeds (it needs free space of about the file's size) the database
    // works as before and the next start tries again.
    const SqlConnection db = connection();
    SqlQuery mode(db);
    if (!mode.exec(QStringLiteral("PRAGMA auto_vacuum")) || !mode.next() ||
        mode.value(0).toInt() == kIncremental)
        return;
    mode.finish();
    SqlQuery(db).exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"));
    SqlQuery vacuum(db);
    if (!vacuum.exec(QStringLiteral("VACUUM")))
        qWarning("tokenpass: cannot compact %s yet (%s); trying again at the next start",
                 qPrintable(m_filePath), qPrintable(describe(vacuum.lastError())));
}

Result<bool> Database::migrate()
{
    SqlConnection db = connection();
    const int current = schemaVersion();
    if (current < 0)
        return Result<bool>::fail(QStringLiteral("cannot read the schema version"));
    if (current > latestSchemaVersion())
        return Result<bool>::fail(
            QStringLiteral("it was written by a newer TokenPass (schema %1, this build knows %2)")
                .arg(current)
                .arg(latestSchemaVersion()));
    for (int version = current; version < latestSchemaVersion(); ++version) {
        if (!db.transaction())
            return Result<bool>::fail(describe(db.lastError()));
        for (const QString& sql : migrations().at(version)) {
            const auto done = exec(db, sql);
            if (!done) {
                db.rollback();
                return Result<bool>::fail(
                    QStringLiteral("migration to schema %1 failed: %2").arg(version + 1).arg(done.error()));
            }
        }
        const auto stamped = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        if (!stamped || !db.commit()) {
            db.rollback();
            return Result<bool>::fail(QStringLiteral("cannot record schema %1").arg(version + 1));
        }
    }
    return Result<bool>::ok(true);
}

} // namespace tokenpass::store
