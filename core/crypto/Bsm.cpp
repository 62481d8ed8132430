#include "crypto/Bsm.h"

#include "crypto/Encoding.h"
#include "crypto/Hash.h"

namespace tokenpass::crypto {

namespace {
constexpr char kMagic[] = "Bitcoin Signed Message:\n";
constexpr int kCompactSize = 65;
constexpr int kHeaderMin = 27;
constexpr int kHeaderMax = 34;
constexpr int kCompressedHeader = 31;

using RecoveredResult = Result<Bsm::Recovered>;
} // namespace

QByteArray Bsm::preimage(QByteArrayView message)
{
    const QByteArrayView magic(kMagic, qsizetype(sizeof(kMagic) - 1));
    QByteArray out = varint(std::uint64_t(magic.size()));
    out.reserve(1 + magic.size() + 9 + message.size());
    out.append(magic);
    out.append(varint(std::uint64_t(message.size())));
    out.append(message);
    return out;
}

QByteArray Bsm::magicHash(QByteArrayView message)
{
    return sha256d(preimage(message));
}

QByteArray Bsm::signCompact(QByteArrayView message, const PrivateKey& key)
{
    const RecoverableSignature sig = key.signRecoverable(magicHash(message));
    QByteArray out(1, char(kCompressedHeader + sig.recoveryId));
    out.append(sig.compact64);
    return out;
}

QString Bsm::sign(QByteArrayView message, const PrivateKey& key)
{
    return toBase64(signCompact(message, key));
}

Result<Bsm::Recovered> Bsm::recoverCompact(QByteArrayView message, QByteArrayView compact65)
{
    if (compact65.size() != kCompactSize)
        return RecoveredResult::fail(QStringLiteral("Invalid signature length"));
    const int header = std::uint8_t(compact65[0]);
    // @bsv/sdk Signature.fromCompact accepts only 27..34 (CRYPTO.md §2).
    if (header < kHeaderMin || header > kHeaderMax)
        return RecoveredResult::fail(QStringLiteral("Invalid signature header"));
    // (h-27)&3 equals TokenPass's "h>=31 ? h-31 : h-27" for every header in range.
    const int recoveryId = (header - kHeaderMin) & 3;
    const QByteArray hash = magicHash(message);
    const QByteArrayView rs = compact65.sliced(1);
    auto key = PublicKey::recover(hash, rs, recoveryId);
    if (!key)
        return RecoveredResult::fail(key.error());
    // Recovery already implies validity; the explicit check costs little and guards the invariant.
    if (!key->verifyCompact(hash, rs))
        return RecoveredResult::fail(QStringLiteral("Signature does not verify"));
    return RecoveredResult::ok(Recovered{std::move(key).value(), recoveryId, header >= kCompressedHeader});
}

Result<Bsm::Recovered> Bsm::recover(QByteArrayView message, QStringView signatureBase64)
{
    const auto bytes = fromBase64(signatureBase64);
    if (!bytes)
        return RecoveredResult::fail(QStringLiteral("Signature is not base64"));
    return recoverCompact(message, *bytes);
}

bool Bsm::verify(QByteArrayView message, QStringView signatureBase64, QStringView address, Mode mode)
{
    const auto payload = base58CheckDecode(address);
    if (!payload || payload->size() != 21 || (payload->at(0) != 0x00 && payload->at(0) != 0x6f))
        return false;
    auto recovered = recover(message, signatureBase64);
    if (!recovered)
        return false;
    // CRYPTO.md §2: strict verifiers hash the encoding the header names; TokenPass always the
    // compressed one, so an uncompressed-header variant still matches there.
    const bool compressed = mode == Mode::Lenient || recovered->compressed;
    const QByteArray pub =
        compressed ? recovered->publicKey.compressed() : recovered->publicKey.uncompressed();
    return hash160(pub) == payload->sliced(1);
}

bool Bsm::verifyWithPublicKey(QByteArrayView message, QStringView signatureBase64, const PublicKey& publicKey)
{
    const auto bytes = fromBase64(signatureBase64);
    if (!bytes || bytes->size() != kCompactSize)
        return false;
    const int header = std::uint8_t(bytes->at(0));
    if (header < kHeaderMin || header > kHeaderMax)
        return false;
    return publicKey.verifyCompact(magicHash(message), QByteArrayView(*bytes).sliced(1));
}

} // namespace tokenpass::crypto
