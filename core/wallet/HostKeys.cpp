#include "wallet/HostKeys.h"

#include "crypto/Aes.h"
#include "crypto/Bip32.h"
#include "crypto/Brc42.h"
#include "crypto/Bsm.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <openssl/crypto.h>

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::PublicKey;
using crypto::SecureBytes;

namespace {

QString sha256HexOf(QStringView text)
{
    return crypto::sha256Hex(text.toUtf8());
}

} // namespace

HostKeys::HostKeys(PrivateKey master, Generation generation)
    : m_master(std::move(master)), m_generation(generation)
{}

Result<PrivateKey> HostKeys::hdMasterFromRootPk(const PrivateKey& rootPk)
{
    auto node = crypto::Bip32Key::fromSeed(rootPk.bytes().view());
    if (!node)
        return Result<PrivateKey>::fail(node.error());
    return Result<PrivateKey>::ok(node->privateKey().clone());
}

HostKeys HostKeys::forRootPk(const PrivateKey& rootPk, bool backupHasMnemonic)
{
    if (!backupHasMnemonic) {
        // A 32-byte seed is always accepted; only IL >= n (odds ~2^-128) could fail.
        auto master = hdMasterFromRootPk(rootPk);
        if (master)
            return HostKeys(std::move(master.value()));
    }
    return HostKeys(rootPk.clone());
}

Result<HostKeys> HostKeys::forG2Seed(QByteArrayView seed)
{
    if (seed.isEmpty())
        return Result<HostKeys>::fail(QStringLiteral("Seed is empty"));
    QByteArray digest = crypto::sha256(seed);
    auto master = PrivateKey::fromBytes(digest);
    OPENSSL_cleanse(digest.data(), std::size_t(digest.size()));
    if (!master)
        return Result<HostKeys>::fail(master.error());
    return Result<HostKeys>::ok(HostKeys(std::move(master.value()), Generation::G2));
}

QString HostKeys::hostInvoice(QStringView host) const
{
    QString invoice =
        m_generation == Generation::G2 ? QStringLiteral("2-sigma auth-") : QStringLiteral("2-tokenpass-");
    invoice.append(host);
    return invoice;
}

Result<PrivateKey> HostKeys::keyForInvoice(QStringView invoice) const
{
    return crypto::Brc42::childPrivateKey(m_master, m_master.publicKey(), invoice);
}

Result<PrivateKey> HostKeys::hostKey(QStringView host) const
{
    return keyForInvoice(hostInvoice(host));
}

QString HostKeys::friendInvoice(QStringView friendBapId)
{
    return QStringLiteral("2-friend-") + sha256HexOf(friendBapId);
}

Result<PublicKey> HostKeys::friendPublicKey(QStringView friendBapId) const
{
    auto key = keyForInvoice(friendInvoice(friendBapId));
    if (!key)
        return Result<PublicKey>::fail(key.error());
    return Result<PublicKey>::ok(key->publicKey());
}

QString HostKeys::encryptInvoice(QStringView friendBapId)
{
    // JS `friendBapId || "default"`.
    return QStringLiteral("2-encrypt-") +
           sha256HexOf(friendBapId.isEmpty() ? QStringView(u"default") : friendBapId);
}

Result<PrivateKey> HostKeys::encryptPrivateKey(QStringView friendBapId) const
{
    return keyForInvoice(encryptInvoice(friendBapId));
}

Result<PublicKey> HostKeys::encryptPublicKey(QStringView friendBapId) const
{
    auto key = encryptPrivateKey(friendBapId);
    if (!key)
        return Result<PublicKey>::fail(key.error());
    return Result<PublicKey>::ok(key->publicKey());
}

Result<PrivateKey> HostKeys::decryptPrivateKey(QStringView friendBapId, const PublicKey& theirPublicKey) const
{
    return crypto::Brc42::childPrivateKey(m_master, theirPublicKey, encryptInvoice(friendBapId));
}

Result<HostKeys::AipSignature> HostKeys::signAip(const PrivateKey& hostKey, const QStringList& hexItems)
{
    using R = Result<AipSignature>;
    QByteArray message;
    for (qsizetype i = 0; i < hexItems.size(); ++i) {
        const auto bytes = crypto::fromHex(QStringView(hexItems.at(i)));
        if (!bytes)
            return R::fail(QStringLiteral("data[%1] is not hex").arg(i));
        message += *bytes;
    }
    return R::ok(AipSignature{hostKey.publicKey().address(), crypto::Bsm::sign(message, hostKey)});
}

Result<SecureBytes> HostKeys::decryptG1Seed(QByteArrayView passwordUtf8, QStringView ivHex,
                                            QStringView encryptedDataHex)
{
    using R = Result<SecureBytes>;
    const auto iv = crypto::fromHex(ivHex);
    const auto ciphertext = crypto::fromHex(encryptedDataHex);
    if (!iv || iv->size() != 16 || !ciphertext || ciphertext->isEmpty() || ciphertext->size() % 16 != 0)
        return R::fail(QStringLiteral("Legacy seed record is malformed"));
    QByteArray digest = crypto::sha256(passwordUtf8);
    const SecureBytes key = SecureBytes::takeFrom(digest);
    auto plaintext = crypto::aesCbcDecrypt(key, *iv, *ciphertext);
    if (!plaintext)
        return R::fail(QStringLiteral("Invalid password"), Failure::InvalidPassword);
    // A wrong password passes the padding check about once in 256 tries, so the plaintext must
    // also be the hex text of a 16..64-byte seed.
    const QByteArrayView text = plaintext->view();
    if (text.size() < 32 || text.size() > 128 || text.size() % 2 != 0)
        return R::fail(QStringLiteral("Invalid password"), Failure::InvalidPassword);
    SecureBytes seed(std::size_t(text.size() / 2));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        int nibble = -1;
        if (c >= '0' && c <= '9')
            nibble = c - '0';
        else if (c >= 'a' && c <= 'f')
            nibble = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            nibble = c - 'A' + 10;
        if (nibble < 0)
            return R::fail(QStringLiteral("Invalid password"), Failure::InvalidPassword);
        seed[std::size_t(i / 2)] = std::uint8_t(seed[std::size_t(i / 2)] | (nibble << (i % 2 ? 0 : 4)));
    }
    return R::ok(std::move(seed));
}

Result<PrivateKey> HostKeys::g1HostKey(QByteArrayView seed, int account)
{
    using R = Result<PrivateKey>;
    if (account < 0)
        return R::fail(QStringLiteral("Account index must not be negative"));
    auto root = crypto::Bip32Key::fromSeed(seed);
    if (!root)
        return R::fail(root.error());
    auto node = root->derive(QStringLiteral("m/44'/0'/%1'/2/0").arg(account));
    if (!node)
        return R::fail(node.error());
    return R::ok(node->privateKey().clone());
}

} // namespace tokenpass::wallet
