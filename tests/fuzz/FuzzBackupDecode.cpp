// backup.bep decoding: the base64(salt|iv|AES-GCM) file, the JSON payload inside it, and the
// wallet import that takes either (Setup wizard, /api/backups/import, /api/register).
// Input: mode(1) | rest. Mode 0: the rest is a .bep text, decrypted with the fuzz passphrase.
// Mode 1: the rest is a plaintext payload, sealed with the fuzz key so that it gets past the GCM
// tag to classify() and BackupPayload::parse(). Mode 2: the rest goes to Wallet::importBackup.
// PBKDF2 runs kBackupIterations rounds (BackupFile::setIterationsForTesting).

#include "FuzzSupport.h"
#include "wallet/BackupFile.h"
#include "wallet/BackupPayload.h"
#include "wallet/Wallet.h"

#include <QDir>

namespace {

using namespace tokenpass;
using wallet::BackupFile;

const QByteArray kSalt(BackupFile::kSaltBytes, '\x5a');
const QByteArray kIv(BackupFile::kIvBytes, '\xa5');

const crypto::SecureBytes& fuzzKey()
{
    static const crypto::SecureBytes key =
        BackupFile::deriveKey(fuzz::kBackupPassphrase, kSalt, fuzz::kBackupIterations);
    return key;
}

void decodePlaintext(QByteArrayView json)
{
    if (auto payload = wallet::BackupPayload::parse(json)) {
        // What a save writes back must parse to the same key material.
        auto again = wallet::BackupPayload::parse(payload->toJson().view());
        if (!again || again->rootPkWif.view() != payload->rootPkWif.view() ||
            again->xprv.view() != payload->xprv.view() || again->mnemonic.view() != payload->mnemonic.view())
            fuzz::fail("BackupPayload toJson/parse round trip lost key material");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    BackupFile::setIterationsForTesting(fuzz::kBackupIterations);
    fuzz::InputReader in(data, size);
    const std::uint8_t mode = in.byte() % 3;
    const QByteArrayView rest = in.rest();

    if (mode == 0) {
        auto decrypted = BackupFile::decrypt(QString::fromUtf8(rest), fuzz::kBackupPassphrase);
        if (decrypted)
            decodePlaintext(decrypted->plaintext.view());
    } else if (mode == 1) {
        const QString file = BackupFile::encryptWithKey(fuzzKey(), kSalt, kIv, rest);
        auto decrypted = BackupFile::decrypt(file, fuzz::kBackupPassphrase);
        auto withKey = BackupFile::decryptWithKey(file, fuzzKey());
        if (!withKey || withKey->view() != rest)
            fuzz::fail("decryptWithKey did not return what encryptWithKey sealed");
        if (bool(decrypted) != bool(BackupFile::classify(rest)))
            fuzz::fail("decrypt() and classify() disagree about a sealed payload");
        if (decrypted)
            decodePlaintext(decrypted->plaintext.view());
    } else {
        // A fresh wallet folder per input, inside the process's temporary folder.
        const QString dir = fuzz::tempDir() + QStringLiteral("/import");
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        wallet::Wallet wallet(dir);
        (void)wallet.importBackup(rest, crypto::SecureBytes(QByteArrayView(fuzz::kBackupPassphrase)), true);
    }
    return 0;
}
