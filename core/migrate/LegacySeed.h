#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArrayView>
#include <QString>

namespace tokenpass::migrate {

enum class LegacySeedStatus
{
    Recovered,
    FileMissing,   // no such file
    Unreadable,    // exists but cannot be read
    NotASeedFile,  // no G1 or G2 seed record in it, or the record is damaged
    WrongPassword, // a seed record, but the password does not open it
};

enum class LegacySeedFormat
{
    None,
    G1, // {"hex":{"iv","encryptedData"}[, "mnemonic":{…}]}: AES-256-CBC, key SHA-256(password)
    G2, // {"encrypted":"<bitcoin-backup>"}: a VaultBackup (desktop v0.0.3-v0.0.5)
};

// A seed recovered from a legacy seed.db (API.md §4.8). Secrets are in SecureBytes.
struct LegacySeed
{
    LegacySeedStatus status = LegacySeedStatus::NotASeedFile;
    LegacySeedFormat format = LegacySeedFormat::None;
    QString error; // for the person; names the file; empty when recovered

    crypto::SecureBytes seed;      // the BIP39 seed bytes (64 for every real wallet)
    crypto::SecureBytes seedHex;   // the same, as lower-case hex text (what export shows)
    crypto::SecureBytes mnemonic;  // UTF-8 words, empty when the file did not keep them (G1)
    bool hashedPassphrase = false; // G2: the file's passphrase was hex(sha256(password))

    bool ok() const { return status == LegacySeedStatus::Recovered; }
};

// The seed.db of a G1 or G2 install (API.md §4.8). Read-only, like the rest of the legacy import.
class LegacySeedFile
{
public:
    static constexpr const char* kFileName = "seed.db";

    // Recovers the seed with the person's password. G2 files are tried with hex(sha256(password))
    // first (the G2 web UI hashed it), then with the raw password (/api/migrate re-encrypted
    // some), each at 600 000 then 100 000 PBKDF2 iterations: a wrong password costs about four
    // unlock times. Never writes.
    static LegacySeed recover(const QString& seedDbPath, QByteArrayView passwordUtf8);
};

} // namespace tokenpass::migrate
