#pragma once

#include "Result.h"
#include "crypto/Keys.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tokenpass::crypto {

// BRC-77 signed messages (CRYPTO.md §5), byte-identical to @bsv/sdk SignedMessage:
//   42423301 || signerPub(33) || (00 for "anyone" | verifierPub(33)) || keyID(32) || DER
// The DER signature is ECDSA (RFC 6979, low-S) over SHA256(message) with the BRC-42 child of the
// signer for invoice "2-message signing-" + base64(keyID).
class Brc77
{
public:
    struct Parsed
    {
        PublicKey signer;
        std::optional<PublicKey> verifier; // nullopt: "anyone"
        QByteArray keyId;                  // 32 bytes
        QByteArray der;
    };

    // A random keyID, as the SDK. verifier nullopt = anyone can verify.
    static Result<QByteArray> sign(QByteArrayView message, const PrivateKey& signer,
                                   const std::optional<PublicKey>& verifier = std::nullopt);
    // A caller-chosen 32-byte keyID (tests, reproducing reference vectors).
    static Result<QByteArray> sign(QByteArrayView message, const PrivateKey& signer,
                                   const std::optional<PublicKey>& verifier, QByteArrayView keyId32);

    // Splits a signature into its fields; fails on a bad version, key or length.
    static Result<Parsed> parse(QByteArrayView signature);

    // Verifies an "anyone" signature. On success the result is the embedded signer key, which the
    // caller must bind to whoever it expects (the SDK does not, CRYPTO.md §7, §12.4).
    static Result<PublicKey> verify(QByteArrayView message, QByteArrayView signature);
    // Verifies as the holder of `verifierKey`. A signature addressed to another key fails with the
    // SDK's message; an "anyone" signature verifies regardless of the key, as in the SDK.
    static Result<PublicKey> verify(QByteArrayView message, QByteArrayView signature,
                                    const PrivateKey& verifierKey);

    static QString invoiceNumber(QByteArrayView keyId32); // "2-message signing-" + base64(keyID)

private:
    static Result<PublicKey> verifyParsed(QByteArrayView message, const Parsed& parsed,
                                          const PrivateKey* verifierKey);
};

// The @bsv/sdk name.
using SignedMessage = Brc77;

} // namespace tokenpass::crypto
