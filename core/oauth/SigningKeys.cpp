#include "oauth/SigningKeys.h"

#include "access/Gatekeeper.h"
#include "access/OAuthConsents.h"
#include "crypto/Aes.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"
#include "wallet/Wallet.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QVariant>

#include <algorithm>

namespace tokenpass::oauth {

SigningKeys::SigningKeys(std::shared_ptr<store::Database> db, wallet::Wallet* wallet)
    : m_db(std::move(db)), m_wallet(wallet), m_context(std::make_unique<QObject>())
{
    // Direct: the key goes on the thread that locked, before anything else can sign with it.
    QObject::connect(
        m_wallet, &wallet::Wallet::stateChanged, m_context.get(), [this] { forget(); }, Qt::DirectConnection);
}

SigningKeys::~SigningKeys() = default;

void SigningKeys::forget()
{
    QMutexLocker lock(&m_mutex);
    m_key.reset();
    m_rsa.reset();
    m_identities.clear();
}

Result<Es256Key> SigningKeys::current()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_key && m_wallet->isUnlocked())
            return Result<Es256Key>::ok(*m_key);
    }
    std::optional<Failure> failure;
    QString error;
    auto key = Es256Key::derive([&](QByteArrayView info) {
        auto d = m_wallet->deriveFromRoot(QByteArrayView(Es256Key::kSalt), info, 32);
        if (!d) {
            failure = d.failure();
            error = d.error();
            return crypto::SecureBytes();
        }
        return std::move(d.value());
    });
    if (failure)
        return Result<Es256Key>::fail(error, *failure);
    if (!key)
        return key;
    publish(key->kid(), QStringLiteral("ES256"), key->publicKey().jwk());
    QMutexLocker lock(&m_mutex);
    // A lock that came while deriving must not leave the key behind.
    if (m_wallet->isUnlocked())
        m_key = *key;
    return key;
}

Result<TokenIdentity> SigningKeys::identity(const QString& bapId)
{
    using R = Result<TokenIdentity>;
    auto key = current();
    if (!key)
        return R::failFrom(key);
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_identities.constFind(bapId);
        if (it != m_identities.constEnd() && it->attestationKid == key->kid())
            return R::ok(*it);
    }
    const QByteArray message = QByteArray(kAttestationPrefix) + key->kid().toLatin1();
    TokenIdentity id;
    if (access::isPrivateIdentity(bapId)) {
        // "A private identity for this app" (OAUTH.md "Decided"): the per-host key of
        // "oauth:<client_id>", so two apps cannot link the person. No BAP id: sub is the address.
        const QString host = access::oauthHostPrefix() + access::privateIdentityClient(bapId);
        auto hostKey = m_wallet->hostKey(host);
        if (!hostKey)
            return R::failFrom(hostKey);
        auto signature = m_wallet->signMessage(host, message);
        if (!signature)
            return R::failFrom(signature);
        id.sub = hostKey->address;
        id.pubkey = hostKey->publicKey;
        id.bitcoinAddress = hostKey->address;
        id.attestation = signature->signature;
    } else {
        auto signature = m_wallet->signAsIdentity(bapId, message);
        if (!signature)
            return R::failFrom(signature);
        id.bapId = signature->bapId;
        id.sub = id.bapId.isEmpty() ? signature->address : id.bapId;
        id.pubkey = signature->publicKey;
        id.bitcoinAddress = signature->address;
        id.attestation = signature->signature;
    }
    id.attestationKid = key->kid();
    QMutexLocker lock(&m_mutex);
    m_identities.insert(bapId, id);
    return R::ok(id);
}

void SigningKeys::loadPublished() const
{
    if (m_loaded)
        return;
    store::SqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT kid, public_jwk FROM oauth_keys ORDER BY created_ms")))
        return;
    while (q.next())
        m_published.insert(q.value(0).toString(),
                           QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
    m_loaded = true;
}

void SigningKeys::publish(const QString& kid, const QString& alg, const QJsonObject& jwk)
{
    QMutexLocker lock(&m_mutex);
    loadPublished();
    if (m_published.contains(kid))
        return;
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO oauth_keys (kid, alg, public_jwk, created_ms) VALUES (?, ?, ?, ?)"));
    q.addBindValue(kid);
    q.addBindValue(alg);
    q.addBindValue(QString::fromUtf8(QJsonDocument(jwk).toJson(QJsonDocument::Compact)));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.exec();
    m_published.insert(kid, jwk);
}

Result<crypto::SecureBytes> SigningKeys::rsaWrappingKey() const
{
    return m_wallet->deriveFromRoot(QByteArrayView(Es256Key::kSalt), QByteArrayView("rsa-wrap-v1"), 32);
}

Result<Rs256Key> SigningKeys::rsa()
{
    using R = Result<Rs256Key>;
    // The ES256 kid names the wallet (both come from its root key) and checks that it is unlocked.
    auto es256 = current();
    if (!es256)
        return R::failFrom(es256);
    {
        QMutexLocker lock(&m_mutex);
        if (m_rsa)
            return R::ok(*m_rsa);
    }
    auto wrapping = rsaWrappingKey();
    if (!wrapping)
        return R::failFrom(wrapping);
    store::Settings settings(m_db);
    QJsonObject stored =
        QJsonDocument::fromJson(settings.string(store::Settings::Key::OAuthRsaKeys).toUtf8()).object();
    const QString walletKid = es256->kid();
    std::optional<Rs256Key> key;
    if (const auto blob = crypto::fromBase64(stored.value(walletKid).toString()); blob && blob->size() > 12) {
        const auto der = crypto::aesGcmDecrypt(*wrapping, blob->left(12), blob->mid(12));
        if (der)
            if (auto opened = Rs256Key::fromPkcs8(*der))
                key = std::move(*opened);
    }
    if (!key) {
        auto made = Rs256Key::generate();
        if (!made)
            return made;
        const QByteArray iv = crypto::randomBytes(12);
        const crypto::SecureBytes der = made->toPkcs8();
        if (der.size() == 0)
            return R::fail(QStringLiteral("cannot encode the RSA key"));
        stored.insert(walletKid, crypto::toBase64(iv + crypto::aesGcmEncrypt(*wrapping, iv, der.view())));
        const auto saved =
            settings.setString(store::Settings::Key::OAuthRsaKeys,
                               QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
        if (!saved)
            return R::fail(QStringLiteral("cannot store the RSA key: %1").arg(saved.error()));
        key = std::move(*made);
    }
    publish(key->kid(), QStringLiteral("RS256"), key->publicKey().jwk());
    QMutexLocker lock(&m_mutex);
    if (m_wallet->isUnlocked())
        m_rsa = *key;
    return R::ok(std::move(*key));
}

QJsonObject SigningKeys::jwks() const
{
    QMutexLocker lock(&m_mutex);
    loadPublished();
    QStringList kids = m_published.keys();
    std::sort(kids.begin(), kids.end());
    QJsonArray keys;
    for (const QString& kid : kids)
        keys.append(m_published.value(kid));
    return QJsonObject{{QStringLiteral("keys"), keys}};
}

std::optional<JwsPublicKey> SigningKeys::find(const QString& kid) const
{
    QJsonObject jwk;
    {
        QMutexLocker lock(&m_mutex);
        loadPublished();
        const auto parsed = m_verifiers.constFind(kid);
        if (parsed != m_verifiers.constEnd())
            return *parsed;
        const auto it = m_published.constFind(kid);
        if (it == m_published.constEnd())
            return std::nullopt;
        jwk = *it;
    }
    auto key = JwsPublicKey::fromJwk(jwk);
    if (!key || key->kid() != kid)
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    m_verifiers.insert(kid, *key);
    return *key;
}

} // namespace tokenpass::oauth
