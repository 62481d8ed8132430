#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tokenpass::crypto {

// BRC-78 encrypted messages (CRYPTO.md §6), byte-identical to @bsv/sdk EncryptedMessage:
//   42421033 || senderPub(33) || recipientPub(33) || keyID(32) || iv(32) || AES-256-GCM(msg) || tag(16)
// with K = X(senderChild · recipientChild) for invoice "2-message encryption-" + base64(keyID).
class Brc78
{
public:
    // Random keyID and IV, as the SDK.
    static Result<QByteArray> encrypt(QByteArrayView message, const PrivateKey& sender,
                                      const PublicKey& recipient);
    // Caller-chosen 32-byte keyID and IV (tests, reproducing reference vectors).
    static Result<QByteArray> encrypt(QByteArrayView message, const PrivateKey& sender,
                                      const PublicKey& recipient, QByteArrayView keyId32,
                                      QByteArrayView iv32);

    // Checks the version and that the message is addressed to `recipient`, then decrypts.
    static Result<SecureBytes> decrypt(QByteArrayView ciphertext, const PrivateKey& recipient);

    // The sender key embedded in a ciphertext (bytes 4..37), without decrypting it.
    static Result<PublicKey> sender(QByteArrayView ciphertext);

    // The 32-byte AES key; the derivation is symmetric, so sender (own = sender) and recipient
    // (own = recipient) reach the same key. Exposed for tests and diagnostics.
    static Result<SecureBytes> symmetricKey(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                            QByteArrayView keyId32);

    static QString invoiceNumber(QByteArrayView keyId32); // "2-message encryption-" + base64(keyID)
};

// The @bsv/sdk name.
using EncryptedMessage = Brc78;

} // namespace tokenpass::crypto
