#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"
#include "store/AuditEvent.h"

#include <QString>

#include <functional>
#include <memory>

namespace tokenpass::server {

struct ServerState;

// Replacing the current wallet file with another wallet (POST /api/backups/import, §2.18, and
// POST /api/sync/pull with replace, §2.19), one way for both.
//
// v0.0.8 overwrote the current file without a trace, which loses a wallet whose phrase the person
// never wrote down. We keep the overwrite (the UI and scripts expect the wallet in the current
// path) but never destroy: an existing current file is first copied to
// "<path>.<UTC yyyyMMddTHHmmss>.bak" beside it (not a *.bep, so it is not listed as a wallet), and
// nothing happens if that copy cannot be made. The new file is written atomically by the wallet,
// and only if `content` opens with `password`; if the import fails, the copy is removed again,
// since the original is untouched.
namespace walletimport {

// hasMnemonic on success; the error text of Wallet::importBackup (or of the copy) on failure.
using Done = std::function<void(const Result<bool>& hasMnemonic, const QString& keptCopy)>;

inline const QString kCannotKeepCopy = QStringLiteral("Cannot keep a copy of the current wallet file");

// The PBKDF2 work runs on the server's pool; `done` runs on the server thread (maybe at once).
void replaceCurrent(ServerState& state, std::shared_ptr<const crypto::SecureBytes> content,
                    std::shared_ptr<const crypto::SecureBytes> password, store::AuditOperation auditOperation,
                    Done done);

} // namespace walletimport

} // namespace tokenpass::server
