#include "wallet/Wallet.h"

#include "crypto/Bsm.h"
#include "crypto/Hkdf.h"
#include "wallet/WalletUnlocked.h"

#include <QMutexLocker>

// What the OAuth provider (core/oauth) needs from the wallet's keys, without the keys leaving it.

namespace tokenpass::wallet {

Result<crypto::SecureBytes> Wallet::deriveFromRoot(QByteArrayView salt, QByteArrayView info, int length) const
{
    using R = Result<crypto::SecureBytes>;
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return detail::lockedError<crypto::SecureBytes>();
    if (!m_unlocked->rootPk)
        return R::fail(QStringLiteral("Legacy HD wallets have no Type-42 root key"));
    crypto::SecureBytes out = crypto::hkdfSha256(m_unlocked->rootPk->bytes().view(), salt, info, length);
    if (out.isEmpty())
        return R::fail(QStringLiteral("Key derivation failed"));
    return R::ok(std::move(out));
}

Result<bool> Wallet::withIdentityKey(const QString& bapId,
                                     const std::function<Result<bool>(const IdentityKey& key)>& use) const
{
    using R = Result<bool>;
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return detail::lockedError<bool>();
    if (!m_unlocked->rootPk)
        return R::fail(QStringLiteral("Legacy HD wallets have no Type-42 identity keys"));
    const BapIdentity* identity = nullptr;
    for (const BapIdentity& id : m_unlocked->ids.ids) {
        if (bapId.isEmpty() || id.identityKey == bapId) {
            identity = &id;
            break;
        }
    }
    if (!identity)
        return R::fail(QStringLiteral("Unknown identity"));
    const QString path = !identity->currentPath.isEmpty() ? identity->currentPath
                         : !identity->rootPath.isEmpty()  ? identity->rootPath
                                                          : Bap::identityPath(0);
    // Two Type-42 derivations: once per unlock and path, then from the cache (it dies with Unlocked).
    auto cached = m_unlocked->identityKeyCache.find(path);
    if (cached == m_unlocked->identityKeyCache.end()) {
        auto pathKey = Bap::pathKey(*m_unlocked->rootPk, path);
        if (!pathKey)
            return R::failFrom(pathKey);
        auto key = Bap::signingKey(*pathKey);
        if (!key)
            return R::failFrom(key);
        crypto::PublicKey pub = key->publicKey();
        cached =
            m_unlocked->identityKeyCache.emplace(path, Unlocked::CachedKey{std::move(*key), std::move(pub)})
                .first;
    }
    return use(
        IdentityKey{identity->identityKey, identity->name, cached->second.key, cached->second.publicKey});
}

Result<Wallet::IdentitySignature> Wallet::signAsIdentity(const QString& bapId, QByteArrayView message) const
{
    IdentitySignature out;
    auto lent = withIdentityKey(bapId, [&](const IdentityKey& identity) {
        const crypto::PublicKey& pub = identity.publicKey;
        out = IdentitySignature{identity.bapId, pub.toHex(), pub.address(),
                                crypto::Bsm::sign(message, identity.key)};
        return Result<bool>::ok(true);
    });
    if (!lent)
        return Result<IdentitySignature>::failFrom(lent);
    return Result<IdentitySignature>::ok(std::move(out));
}

} // namespace tokenpass::wallet
