#include "wallet/Wallet.h"

#include "crypto/Bip39.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "crypto/StackScrub.h"
#include "wallet/BackupFile.h"
#include "wallet/WalletUnlocked.h"

#include <QMutexLocker>

// What needs the password again: checking it, exporting the seed and words, changing it.

namespace tokenpass::wallet {

using crypto::SecureBytes;
using detail::lockedError;
using detail::passwordLength;

bool Wallet::checkPassword(const SecureBytes& password) const
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    QByteArray salt;
    SecureBytes expected;
    int iterations = 0;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_unlocked)
            return false;
        salt = m_unlocked->fileSalt;
        expected = m_unlocked->fileKey.clone();
        iterations = m_unlocked->fileIterations;
    }
    // The same derivation that produced the file key: equal keys mean the right password.
    const SecureBytes candidate = BackupFile::deriveKey(password.view(), salt, iterations);
    return expected.equals(candidate.view());
}

Result<ExportedSecrets> Wallet::exportSecrets(const SecureBytes& password) const
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    using R = Result<ExportedSecrets>;
    auto opened = openFile(backupPath(), password.view());
    if (!opened)
        return R::fail(QStringLiteral("Invalid password"), opened.failure());
    const BackupPayload& payload = opened->state->payload;
    if (!payload.hasMnemonic()) // v0.0.8's answer for mnemonic-less backups; the code says why
        return R::fail(QStringLiteral("Invalid password"), Failure::NoRecoveryWords);
    auto seed = crypto::Bip39::mnemonicToSeedUnchecked(payload.mnemonic.view(), password.view());
    ExportedSecrets out;
    out.seedHex = crypto::secretToHex(seed.view());
    out.mnemonic = payload.mnemonic.clone();
    return R::ok(std::move(out));
}

Result<bool> Wallet::verifyPassword(const SecureBytes& password) const
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    const auto opened = openFile(backupPath(), password.view());
    return opened ? Result<bool>::ok(true) : Result<bool>::failFrom(opened);
}

QString Wallet::noRecoveryWordsError()
{
    return QStringLiteral("This wallet file holds no recovery words (wallets made by TokenPass Desktop "
                          "v0.0.7 and v0.0.8 never stored them); keep a copy of the wallet file instead");
}

Result<SecureBytes> Wallet::recoveryWords(const SecureBytes& password) const
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    using R = Result<SecureBytes>;
    auto opened = openFile(backupPath(), password.view());
    if (!opened)
        return R::failFrom(opened);
    const BackupPayload& payload = opened->state->payload;
    if (!payload.hasMnemonic())
        return R::fail(noRecoveryWordsError(), Failure::NoRecoveryWords);
    return R::ok(payload.mnemonic.clone());
}

Result<bool> Wallet::changePassword(const SecureBytes& oldPassword, const SecureBytes& newPassword)
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    using R = Result<bool>;
    if (passwordLength(newPassword) < kMinPasswordLength)
        return R::fail(QStringLiteral("Password must be at least 8 characters"), Failure::PasswordTooShort);
    if (!checkPassword(oldPassword))
        return R::fail(QStringLiteral("Invalid password"), Failure::InvalidPassword);
    const QByteArray salt = crypto::randomBytes(BackupFile::kSaltBytes);
    const int iterations = BackupFile::writeIterations();
    SecureBytes key = BackupFile::deriveKey(newPassword.view(), salt, iterations);

    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<bool>();
    // The host master comes from the stored rootPk (API.md §4.4), never from BIP39(mnemonic,
    // password), so the new password changes no key.
    SecureBytes oldKey = std::move(m_unlocked->fileKey);
    const QByteArray oldSalt = m_unlocked->fileSalt;
    const int oldIterations = m_unlocked->fileIterations;
    m_unlocked->fileKey = std::move(key);
    m_unlocked->fileSalt = salt;
    m_unlocked->fileIterations = iterations;
    const auto saved = saveLocked(*m_unlocked, &oldKey);
    if (!saved) {
        m_unlocked->fileKey = std::move(oldKey);
        m_unlocked->fileSalt = oldSalt;
        m_unlocked->fileIterations = oldIterations;
        return saved;
    }
    replacePreviousVersionLocked(m_unlocked->path);
    return saved;
}

} // namespace tokenpass::wallet
