#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QJsonObject>
#include <QString>

namespace tokenpass::wallet {

// The decrypted content of backup.bep (API.md §4.3): a BAP master backup. The key fields live in
// SecureBytes and never pass through QJsonDocument/QString (issue 20); everything else (ids blob,
// label, createdAt, and any field we do not know) is kept as JSON so a re-save loses nothing
// another TokenPass version wrote. otherFields never holds rootPk, xprv or mnemonic.
struct BackupPayload
{
    crypto::SecureBytes rootPkWif; // Type-42 form (what TokenPass writes)
    crypto::SecureBytes xprv;      // legacy HD form
    crypto::SecureBytes mnemonic;  // present in v0.0.6 backups and in ours (decision 9)
    QJsonObject otherFields;       // ids, label, createdAt, ...

    bool hasMnemonic() const { return !mnemonic.isEmpty(); }
    QString ids() const { return otherFields.value(QStringLiteral("ids")).toString(); }

    // Parses decrypted JSON. A payload needs rootPk or xprv to be a wallet (API.md §4.3).
    static Result<BackupPayload> parse(QByteArrayView json);
    // The JSON to encrypt, fields in the v0.0.6 order: ids, rootPk, xprv, mnemonic, label,
    // createdAt, then any others.
    crypto::SecureBytes toJson() const;

    BackupPayload clone() const;
};

} // namespace tokenpass::wallet
