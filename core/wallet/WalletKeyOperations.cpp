#include "wallet/Wallet.h"

#include "crypto/Bsm.h"
#include "crypto/Ecies.h"
#include "crypto/Keys.h"
#include "wallet/WalletUnlocked.h"

#include <QMutexLocker>

// The operations behind /api/sign, /api/sign-aip, /api/encrypt, /api/decrypt and
// /api/friend-pubkey (API.md §5): every one uses a per-site or friend key that never leaves the
// wallet.

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::PublicKey;
using crypto::SecureBytes;
using detail::lockedError;

// --- Per-site keys ------------------------------------------------------------------------------

Result<const PrivateKey*> Wallet::hostPrivateKeyLocked(Unlocked& unlocked, const QString& host,
                                                       const PublicKey** publicKey)
{
    // Derived once per unlock and cached (DESIGN.md "Threads"); the cache dies with Unlocked.
    auto cached = unlocked.hostKeyCache.find(host);
    if (cached == unlocked.hostKeyCache.end()) {
        auto key = unlocked.hostKeys->hostKey(host);
        if (!key)
            return Result<const PrivateKey*>::fail(key.error());
        PublicKey pub = key->publicKey();
        cached =
            unlocked.hostKeyCache.emplace(host, Unlocked::CachedKey{std::move(*key), std::move(pub)}).first;
    }
    if (publicKey)
        *publicKey = &cached->second.publicKey;
    return Result<const PrivateKey*>::ok(&cached->second.key);
}

// Runs `use` with the site's private and public key under the wallet lock: the shared preamble of
// every per-site operation (locked -> "Wallet is locked", derivation failure -> its error).
template <typename T, typename Use> Result<T> Wallet::withHostKey(const QString& host, Use&& use)
{
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<T>();
    const PublicKey* pub = nullptr;
    auto key = hostPrivateKeyLocked(*m_unlocked, host, &pub);
    if (!key)
        return Result<T>::fail(key.error());
    return use(**key, *pub);
}

Result<HostKeyInfo> Wallet::hostKey(const QString& host)
{
    return withHostKey<HostKeyInfo>(host, [&](const PrivateKey&, const PublicKey& pub) {
        return Result<HostKeyInfo>::ok(
            {host, m_unlocked->hostKeys->hostInvoice(host), pub.toHex(), pub.address()});
    });
}

Result<bool> Wallet::withSiteKey(const QString& host,
                                 const std::function<Result<bool>(const PrivateKey& key)>& use)
{
    return withHostKey<bool>(host, [&](const PrivateKey& key, const PublicKey&) { return use(key); });
}

Result<Wallet::SignedMessage> Wallet::signMessage(const QString& host, QByteArrayView message)
{
    return withHostKey<SignedMessage>(host, [&](const PrivateKey& key, const PublicKey& pub) {
        return Result<SignedMessage>::ok({pub.address(), crypto::Bsm::sign(message, key)});
    });
}

Result<QString> Wallet::signAuthToken(const QString& host, const BitcoinAuth::Request& request,
                                      const BitcoinAuth::CreateOptions& options)
{
    return withHostKey<QString>(host, [&](const PrivateKey& key, const PublicKey&) {
        return BitcoinAuth::createToken(key, request, options);
    });
}

Result<Wallet::SignedMessage> Wallet::signAip(const QString& host, const QStringList& hexItems)
{
    return withHostKey<SignedMessage>(host, [&](const PrivateKey& key, const PublicKey&) {
        auto signature = HostKeys::signAip(key, hexItems);
        if (!signature)
            return Result<SignedMessage>::fail(signature.error());
        return Result<SignedMessage>::ok({signature->address, signature->signature});
    });
}

Result<QByteArray> Wallet::encryptToHost(const QString& host, QByteArrayView plaintext)
{
    return withHostKey<QByteArray>(host, [&](const PrivateKey&, const PublicKey& pub) {
        return crypto::Ecies::electrumEncrypt(plaintext, pub);
    });
}

Result<QByteArray> Wallet::encryptToFriend(const QString& friendBapId, const QString& theirPublicKeyHex,
                                           QByteArrayView plaintext)
{
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<QByteArray>();
    // API.md §2.11: to theirPublicKey as given, else to our self-derived encrypt key.
    if (!theirPublicKeyHex.isEmpty()) {
        auto theirs = PublicKey::fromHex(theirPublicKeyHex);
        if (!theirs)
            return Result<QByteArray>::fail(theirs.error());
        return crypto::Ecies::electrumEncrypt(plaintext, *theirs);
    }
    auto recipient = m_unlocked->hostKeys->encryptPublicKey(friendBapId);
    if (!recipient)
        return Result<QByteArray>::fail(recipient.error());
    return crypto::Ecies::electrumEncrypt(plaintext, *recipient);
}

Result<SecureBytes> Wallet::decryptFromFriend(const QString& friendBapId, const QString& theirPublicKeyHex,
                                              QByteArrayView ciphertext)
{
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<SecureBytes>();
    Result<PrivateKey> key = Result<PrivateKey>::fail(QString());
    if (!theirPublicKeyHex.isEmpty()) {
        auto theirs = PublicKey::fromHex(theirPublicKeyHex);
        if (!theirs)
            return Result<SecureBytes>::fail(theirs.error());
        key = m_unlocked->hostKeys->decryptPrivateKey(friendBapId, *theirs);
    } else {
        key = m_unlocked->hostKeys->encryptPrivateKey(friendBapId);
    }
    if (!key)
        return Result<SecureBytes>::fail(key.error());
    return crypto::Ecies::electrumDecrypt(ciphertext, *key);
}

Result<QString> Wallet::friendPublicKey(const QString& friendBapId)
{
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<QString>();
    auto pub = m_unlocked->hostKeys->friendPublicKey(friendBapId);
    if (!pub)
        return Result<QString>::fail(pub.error());
    return Result<QString>::ok(pub->toHex());
}

} // namespace tokenpass::wallet
