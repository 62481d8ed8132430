#include "crypto/Ecies.h"

#include "crypto/Aes.h"
#include "crypto/Hash.h"

#include <openssl/crypto.h>

namespace tokenpass::crypto {

namespace {

constexpr char kMagic[] = "BIE1";
constexpr qsizetype kMagicSize = 4;
constexpr qsizetype kMacSize = 32;
constexpr qsizetype kBlockSize = 16;

// iv = H[0:16], kE = H[16:32], kM = H[32:64] with H = SHA512(compressed shared point) (§3.1).
struct ElectrumKeys
{
    SecureBytes hash; // all 64 bytes; the views below point into it
    QByteArrayView iv() const { return hash.view().first(16); }
    SecureBytes encryptionKey() const { return SecureBytes(hash.view().sliced(16, 16)); }
    QByteArrayView macKey() const { return hash.view().sliced(32, 32); }
};

Result<ElectrumKeys> deriveKeys(const PrivateKey& priv, const PublicKey& pub)
{
    auto shared = priv.sharedPoint(pub);
    if (!shared)
        return Result<ElectrumKeys>::fail(shared.error());
    return Result<ElectrumKeys>::ok(ElectrumKeys{sha512Secure(shared->view())});
}

} // namespace

Result<QByteArray> Ecies::electrumEncrypt(QByteArrayView message, const PublicKey& recipient)
{
    return electrumEncrypt(message, recipient, PrivateKey::generate());
}

Result<QByteArray> Ecies::electrumEncrypt(QByteArrayView message, const PublicKey& recipient,
                                          const PrivateKey& ephemeral)
{
    auto keys = deriveKeys(ephemeral, recipient);
    if (!keys)
        return Result<QByteArray>::fail(keys.error());
    const QByteArray ciphertext = aesCbcEncrypt(keys->encryptionKey(), keys->iv(), message);
    if (ciphertext.isEmpty())
        return Result<QByteArray>::fail(QStringLiteral("Encryption failed"));
    QByteArray out;
    out.reserve(kMagicSize + 33 + ciphertext.size() + kMacSize);
    out.append(kMagic, kMagicSize);
    out.append(ephemeral.publicKey().compressed());
    out.append(ciphertext);
    out.append(hmacSha256(keys->macKey(), out).view());
    return Result<QByteArray>::ok(std::move(out));
}

Result<SecureBytes> Ecies::electrumDecrypt(QByteArrayView data, const PrivateKey& recipient)
{
    return decrypt(data, recipient, nullptr);
}

Result<SecureBytes> Ecies::electrumDecrypt(QByteArrayView data, const PrivateKey& recipient,
                                           const PublicKey& counterparty)
{
    return decrypt(data, recipient, &counterparty);
}

Result<SecureBytes> Ecies::decrypt(QByteArrayView data, const PrivateKey& recipient,
                                   const PublicKey* counterparty)
{
    using R = Result<SecureBytes>;
    if (data.size() < kMagicSize || data.first(kMagicSize) != QByteArrayView(kMagic, kMagicSize))
        return R::fail(QStringLiteral("Invalid Magic"));

    // Layout: magic(4) || [R(33 or 65)] || ciphertext(16k, k >= 1) || mac(32). Since 33 and 65 are
    // both 1 mod 16, the length alone says whether R is present; its first byte says which size.
    const qsizetype rest = data.size() - kMagicSize - kMacSize;
    if (rest < kBlockSize)
        return R::fail(QStringLiteral("Invalid ciphertext length"));
    qsizetype keySize = 0;
    if (rest % kBlockSize == 1) {
        const char prefix = data[kMagicSize];
        keySize = prefix == 0x04 ? 65 : 33;
        if (rest - keySize < kBlockSize)
            return R::fail(QStringLiteral("Invalid ciphertext length"));
    } else if (rest % kBlockSize != 0) {
        return R::fail(QStringLiteral("Invalid ciphertext length"));
    }

    std::optional<PublicKey> embedded;
    if (keySize) {
        auto parsed = PublicKey::fromBytes(data.sliced(kMagicSize, keySize));
        if (!parsed)
            return R::fail(QStringLiteral("Invalid ephemeral public key"));
        embedded = std::move(parsed).value();
    }
    const PublicKey* ecdhKey = counterparty ? counterparty : (embedded ? &*embedded : nullptr);
    if (!ecdhKey)
        return R::fail(QStringLiteral("No ephemeral public key in the ciphertext and no sender key given"));

    auto keys = deriveKeys(recipient, *ecdhKey);
    if (!keys)
        return R::fail(keys.error());

    // The MAC covers everything before it and is checked, in constant time, before any decryption
    // (CRYPTO.md §3.1; the SDK's string compare is not constant-time).
    const QByteArrayView payload = data.first(data.size() - kMacSize);
    const SecureBytes mac = hmacSha256(keys->macKey(), payload);
    if (CRYPTO_memcmp(mac.data(), data.data() + payload.size(), std::size_t(kMacSize)) != 0)
        return R::fail(QStringLiteral("Invalid checksum"));

    auto plaintext = aesCbcDecrypt(keys->encryptionKey(), keys->iv(), payload.sliced(kMagicSize + keySize));
    if (!plaintext)
        return R::fail(QStringLiteral("invalid padding"));
    return R::ok(std::move(*plaintext));
}

} // namespace tokenpass::crypto
