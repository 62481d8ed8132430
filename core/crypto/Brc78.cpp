#include "crypto/Brc78.h"

#include "crypto/Aes.h"
#include "crypto/Brc42.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"

namespace tokenpass::crypto {

namespace {
const QByteArray kVersion = QByteArray::fromHex("42421033");
constexpr qsizetype kKeySize = 33;
constexpr qsizetype kKeyIdSize = 32;
constexpr qsizetype kIvSize = 32;
constexpr qsizetype kTagSize = 16;
constexpr qsizetype kHeaderSize = 4 + kKeySize + kKeySize + kKeyIdSize;
} // namespace

QString Brc78::invoiceNumber(QByteArrayView keyId32)
{
    return QStringLiteral("2-message encryption-") + toBase64(keyId32);
}

Result<SecureBytes> Brc78::symmetricKey(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                        QByteArrayView keyId32)
{
    using R = Result<SecureBytes>;
    // Sender: senderPriv.deriveChild(recipientPub) and recipientPub.deriveChild(senderPriv).
    // Recipient: recipientPriv.deriveChild(senderPub) and senderPub.deriveChild(recipientPriv).
    // Both reach the same point; K is its X coordinate (CRYPTO.md §6).
    const QString invoice = invoiceNumber(keyId32);
    auto ownChild = Brc42::childPrivateKey(ownPrivate, counterparty, invoice);
    if (!ownChild)
        return R::fail(ownChild.error());
    auto otherChild = Brc42::childPublicKey(counterparty, ownPrivate, invoice);
    if (!otherChild)
        return R::fail(otherChild.error());
    auto point = ownChild->sharedPoint(*otherChild);
    if (!point)
        return R::fail(point.error());
    return R::ok(SecureBytes(point->view().sliced(1)));
}

Result<QByteArray> Brc78::encrypt(QByteArrayView message, const PrivateKey& sender,
                                  const PublicKey& recipient)
{
    return encrypt(message, sender, recipient, randomBytes(kKeyIdSize), randomBytes(kIvSize));
}

Result<QByteArray> Brc78::encrypt(QByteArrayView message, const PrivateKey& sender,
                                  const PublicKey& recipient, QByteArrayView keyId32, QByteArrayView iv32)
{
    using R = Result<QByteArray>;
    // CRYPTO.md §6, §12.6: @bsv/sdk encrypts an empty message but can never decrypt it ("Cipher text
    // must not be empty"), so refusing here is the only way to avoid emitting unreadable messages.
    if (message.isEmpty())
        return R::fail(QStringLiteral("Cannot encrypt an empty message"));
    if (keyId32.size() != kKeyIdSize || iv32.size() != kIvSize)
        return R::fail(QStringLiteral("The key ID and IV must be 32 bytes each"));
    auto key = symmetricKey(sender, recipient, keyId32);
    if (!key)
        return R::fail(key.error());
    const QByteArray sealed = aesGcmEncrypt(*key, iv32, message);
    if (sealed.isEmpty())
        return R::fail(QStringLiteral("Encryption failed"));

    QByteArray out = kVersion;
    out.reserve(kHeaderSize + kIvSize + sealed.size());
    out.append(sender.publicKey().compressed());
    out.append(recipient.compressed());
    out.append(keyId32);
    out.append(iv32);
    out.append(sealed);
    return R::ok(std::move(out));
}

Result<PublicKey> Brc78::sender(QByteArrayView ciphertext)
{
    if (ciphertext.size() < kHeaderSize || ciphertext.first(kVersion.size()) != kVersion)
        return Result<PublicKey>::fail(QStringLiteral("Not a BRC-78 message"));
    return PublicKey::fromBytes(ciphertext.sliced(kVersion.size(), kKeySize));
}

Result<SecureBytes> Brc78::decrypt(QByteArrayView ciphertext, const PrivateKey& recipient)
{
    using R = Result<SecureBytes>;
    if (ciphertext.size() < kVersion.size() || ciphertext.first(kVersion.size()) != kVersion)
        return R::fail(QStringLiteral("Message version mismatch: Expected 42421033, received ") +
                       toHex(ciphertext.first(std::min<qsizetype>(ciphertext.size(), kVersion.size()))));
    if (ciphertext.size() < kHeaderSize)
        return R::fail(QStringLiteral("Encrypted message is truncated"));
    auto senderKey = PublicKey::fromBytes(ciphertext.sliced(4, kKeySize));
    if (!senderKey)
        return R::fail(QStringLiteral("Invalid sender public key"));
    const QByteArrayView expectedRecipient = ciphertext.sliced(4 + kKeySize, kKeySize);
    const PublicKey actualRecipient = recipient.publicKey();
    if (expectedRecipient != QByteArrayView(actualRecipient.compressed()))
        return R::fail(QStringLiteral("The encrypted message expects a recipient public key of ") +
                       toHex(expectedRecipient) + QStringLiteral(", but the provided key is ") +
                       actualRecipient.toHex());
    const QByteArrayView keyId = ciphertext.sliced(4 + 2 * kKeySize, kKeyIdSize);
    const QByteArrayView body = ciphertext.sliced(kHeaderSize);
    // The SDK rejects an empty GCM ciphertext (CRYPTO.md §6); so do we, to behave identically.
    if (body.size() < kIvSize + kTagSize)
        return R::fail(QStringLiteral("Encrypted message is truncated"));
    if (body.size() == kIvSize + kTagSize)
        return R::fail(QStringLiteral("Cipher text must not be empty"));

    auto key = symmetricKey(recipient, *senderKey, keyId);
    if (!key)
        return R::fail(key.error());
    auto plaintext = aesGcmDecrypt(*key, body.first(kIvSize), body.sliced(kIvSize));
    if (!plaintext)
        return R::fail(QStringLiteral("Decryption failed"));
    return R::ok(std::move(*plaintext));
}

} // namespace tokenpass::crypto
