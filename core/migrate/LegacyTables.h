#pragma once

#include "Result.h"
#include "migrate/LegacyImport.h"
#include "store/NedbFile.h"
#include "store/SqlConnection.h"

#include <QList>

#include <memory>

namespace tokenpass::store {
class HostKeyRecords;
class ProfileRecords;
} // namespace tokenpass::store

// The legacy import one table at a time (migrate/LegacyImport.h says what goes where). Each
// function handles one NeDB record inside the import's transaction and counts what it did in the
// report; a failed write returns what could not be written ("the token of a.example"), and the
// caller rolls everything back.
namespace tokenpass::migrate::tables {

struct ImportTarget
{
    store::SqlConnection db;    // the connection that holds the import's transaction
    qint64 nowMs = 0;           // created_ms of every row, and "now" for expiry
    LegacyImportReport* report; // counts, skipped lines and notes
};

// NeDB upserts by host, so two live records for one host should not exist; if they do, the one
// written last (the higher line) is what v0.0.8 last saw. The others are reported as skipped.
QList<store::NedbDocument> newestPerHost(const store::NedbContents& contents, const char* file,
                                         LegacyImportReport& report);

// state.db: the record's access token -> `tokens`, and while it has not expired a grant ->
// `grants`. Records without a token do nothing here.
Result<bool> importToken(const ImportTarget& to, const store::NedbDocument& doc);
// state.db: "global", "localhost" and every record without a token -> `profile`, without the
// token fields.
Result<bool> importProfile(const ImportTarget& to, store::ProfileRecords& profiles,
                           const store::NedbDocument& doc);
// keys.db: {host, path, pub, address} -> `host_keys`, the path kept verbatim as the invoice.
Result<bool> importHostKey(const ImportTarget& to, store::HostKeyRecords& hostKeys,
                           const store::NedbDocument& doc);

} // namespace tokenpass::migrate::tables
