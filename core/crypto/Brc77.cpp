#include "crypto/Brc77.h"

#include "crypto/Brc42.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"

namespace tokenpass::crypto {

namespace {
const QByteArray kVersion = QByteArray::fromHex("42423301");
constexpr qsizetype kKeySize = 33;
constexpr qsizetype kKeyIdSize = 32;
} // namespace

QString Brc77::invoiceNumber(QByteArrayView keyId32)
{
    return QStringLiteral("2-message signing-") + toBase64(keyId32);
}

Result<QByteArray> Brc77::sign(QByteArrayView message, const PrivateKey& signer,
                               const std::optional<PublicKey>& verifier)
{
    return sign(message, signer, verifier, randomBytes(kKeyIdSize));
}

Result<QByteArray> Brc77::sign(QByteArrayView message, const PrivateKey& signer,
                               const std::optional<PublicKey>& verifier, QByteArrayView keyId32)
{
    using R = Result<QByteArray>;
    if (keyId32.size() != kKeyIdSize)
        return R::fail(QStringLiteral("The key ID must be 32 bytes"));
    // "anyone" is the counterparty with private key 1, public key G (CRYPTO.md §4, §5).
    const PublicKey verifierKey = verifier ? *verifier : Brc42::anyonePublicKey();
    auto signingKey = Brc42::childPrivateKey(signer, verifierKey, invoiceNumber(keyId32));
    if (!signingKey)
        return R::fail(signingKey.error());
    const QByteArray der = signingKey->signDer(sha256(message));
    if (der.isEmpty())
        return R::fail(QStringLiteral("Signing failed"));

    QByteArray out = kVersion;
    out.append(signer.publicKey().compressed());
    if (verifier)
        out.append(verifier->compressed());
    else
        out.append('\0');
    out.append(keyId32);
    out.append(der);
    return R::ok(std::move(out));
}

Result<Brc77::Parsed> Brc77::parse(QByteArrayView signature)
{
    using R = Result<Parsed>;
    if (signature.size() < kVersion.size() || signature.first(kVersion.size()) != kVersion)
        return R::fail(QStringLiteral("Message version mismatch: Expected 42423301, received ") +
                       toHex(signature.first(std::min<qsizetype>(signature.size(), kVersion.size()))));
    qsizetype pos = kVersion.size();
    if (signature.size() < pos + kKeySize + 1)
        return R::fail(QStringLiteral("Signature is truncated"));
    auto signer = PublicKey::fromBytes(signature.sliced(pos, kKeySize));
    if (!signer)
        return R::fail(QStringLiteral("Invalid signer public key"));
    pos += kKeySize;

    std::optional<PublicKey> verifier;
    if (signature[pos] == 0) {
        pos += 1;
    } else {
        if (signature.size() < pos + kKeySize)
            return R::fail(QStringLiteral("Signature is truncated"));
        auto key = PublicKey::fromBytes(signature.sliced(pos, kKeySize));
        if (!key)
            return R::fail(QStringLiteral("Invalid verifier public key"));
        verifier = std::move(key).value();
        pos += kKeySize;
    }
    if (signature.size() < pos + kKeyIdSize + 1)
        return R::fail(QStringLiteral("Signature is truncated"));
    const QByteArray keyId = signature.sliced(pos, kKeyIdSize).toByteArray();
    pos += kKeyIdSize;
    return R::ok(
        Parsed{std::move(signer).value(), std::move(verifier), keyId, signature.sliced(pos).toByteArray()});
}

Result<PublicKey> Brc77::verify(QByteArrayView message, QByteArrayView signature)
{
    auto parsed = parse(signature);
    if (!parsed)
        return Result<PublicKey>::fail(parsed.error());
    return verifyParsed(message, *parsed, nullptr);
}

Result<PublicKey> Brc77::verify(QByteArrayView message, QByteArrayView signature,
                                const PrivateKey& verifierKey)
{
    auto parsed = parse(signature);
    if (!parsed)
        return Result<PublicKey>::fail(parsed.error());
    return verifyParsed(message, *parsed, &verifierKey);
}

Result<PublicKey> Brc77::verifyParsed(QByteArrayView message, const Parsed& parsed,
                                      const PrivateKey* verifierKey)
{
    using R = Result<PublicKey>;
    // CRYPTO.md §5: marker 00 means the recipient private key is 1, whatever the caller holds.
    const PrivateKey anyone = Brc42::anyonePrivateKey();
    const PrivateKey* recipient = &anyone;
    if (parsed.verifier) {
        if (!verifierKey)
            return R::fail(QStringLiteral("This signature can only be verified with knowledge of a specific "
                                          "private key. The associated public key is: ") +
                           parsed.verifier->toHex());
        const PublicKey actual = verifierKey->publicKey();
        if (actual != *parsed.verifier)
            return R::fail(QStringLiteral("The recipient public key is ") + actual.toHex() +
                           QStringLiteral(" but the signature requires the recipient to have public key ") +
                           parsed.verifier->toHex());
        recipient = verifierKey;
    }
    auto signingKey = Brc42::childPublicKey(parsed.signer, *recipient, invoiceNumber(parsed.keyId));
    if (!signingKey)
        return R::fail(signingKey.error());
    if (!signingKey->verifyDer(sha256(message), parsed.der))
        return R::fail(QStringLiteral("Signature does not verify"));
    return R::ok(parsed.signer);
}

} // namespace tokenpass::crypto
