#pragma once

#include "Clock.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace tokenpass::store {
class Database;
} // namespace tokenpass::store

namespace tokenpass::migrate {

// What a legacy import did, for the log and the UI. Nothing in it is secret: hosts, counts, line
// numbers and reasons only.
struct LegacyImportReport
{
    struct Skipped
    {
        QString file;       // "state.db" or "keys.db"
        int lineNumber = 0; // 1-based
        QString reason;
    };

    bool alreadyDone = false; // an earlier start finished the import; nothing was read this time
    bool stateFileFound = false;
    bool keysFileFound = false;

    int tokens = 0;         // rows added to `tokens`
    int expiredTokens = 0;  // of those, already expired (imported, so they still answer code 5)
    int grants = 0;         // rows added to `grants`
    int profileRecords = 0; // rows added to `profile`
    int hostKeys = 0;       // rows added to `host_keys`
    int g2HostKeys = 0;     // of those, "2-sigma auth-<host>" invoices (desktop v0.0.3-v0.0.5)
    int g1HostKeys = 0;     // of those, BIP32 paths of the 2020-2023 server, kept verbatim
    int keptExisting = 0;   // rows tokenpass.sqlite already had, which were left as they were

    QList<Skipped> skipped; // lines and records that did not load
    QStringList notes;      // other things worth telling the person (G1 paths, odd expiry times)

    QString summary() const; // one line for the log
};

// Imports an existing TokenPass Desktop install (API.md decision 10, DESIGN.md "Storage"), read-only:
// the old files are opened for reading only and are never changed, renamed or compacted.
//
// state.db (§4.6):
//  - a record with an accessToken becomes a `tokens` row: token_hash = SHA-256 of the UTF-8 token,
//    so clients holding it keep working (decision 7); scopes, icon, identity = bapID,
//    expires_ms = expireTime (0 or missing = never, as v0.0.8 read it). Expired tokens are
//    imported too, so they still answer "expired" (code 5) rather than "invalid" (code 3).
//  - the same host gets a grant, policy "allow" (the site was allowed without asking before), with
//    the token's scopes and identity, ending when the token ends: expireTime 0 -> "forever";
//    in the future -> expires_ms = expireTime exactly and duration = the shortest standard choice
//    (once/1h/1d/1w/1m) covering the time left, used when a new token is issued under the grant;
//    already expired -> no grant, so the site has to ask again.
//  - "global", "localhost" and any other record without a token become `profile` records; the
//    token fields (accessToken, scopes, expireTime) never go there.
// keys.db (§4.5): {host, path, pub, address} -> host_keys with invoice = path, verbatim. G1 BIP32
// paths are kept as they are and listed in the notes: G3 would read them as BRC-42 invoices.
//
// Rows tokenpass.sqlite already has win over the old files (the native state is newer). Everything
// is written in one transaction together with the "done" setting, so a failure leaves no trace
// and the next start tries again.
class LegacyImport
{
public:
    static constexpr const char* kStateFile = "state.db";
    static constexpr const char* kKeysFile = "keys.db";

    explicit LegacyImport(std::shared_ptr<store::Database> database, const Clock& clock = Clock::system());

    // On start: imports <dataDir>/state.db and keys.db unless an earlier start did (then the
    // report says alreadyDone and nothing is read). Missing files are not an error; a file that
    // exists but cannot be read is, and then nothing is recorded as done.
    Result<LegacyImportReport> importOnce(const QString& dataDir);
    // The same without the once-only check, for an explicit "import from TokenPass Desktop".
    Result<LegacyImportReport> importNow(const QString& dataDir);
    bool isDone() const;

    // The grant duration for a token expiring at expireTimeMs (0 = never), or empty when the token
    // has expired and gets no grant.
    static QString grantDurationFor(qint64 expireTimeMs, qint64 nowMs);

private:
    std::shared_ptr<store::Database> m_database;
    const Clock& m_clock;
};

} // namespace tokenpass::migrate
