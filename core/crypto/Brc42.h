#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <QByteArrayView>
#include <QStringView>

namespace tokenpass::crypto {

// BRC-42 key derivation (CRYPTO.md §4), as @bsv/sdk PrivateKey/PublicKey.deriveChild:
//   shared = compressed(ownPriv · counterpartyPub)
//   h      = HMAC-SHA256(key = shared, data = UTF-8(invoice))
//   child  = ownPriv + h (mod n)        or        counterpartyPub + h·G
// Any string is accepted as the invoice; BRC-43 validation belongs to the wallet layer.
class Brc42
{
public:
    // priv.deriveChild(counterpartyPub, invoice): the private half, computed by the key's owner.
    static Result<PrivateKey> childPrivateKey(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                              QStringView invoiceNumber);
    static Result<PrivateKey> childPrivateKeyUtf8(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                                  QByteArrayView invoiceUtf8);

    // pub.deriveChild(ownPriv, invoice): the public half, computed by the other party.
    static Result<PublicKey> childPublicKey(const PublicKey& publicKey, const PrivateKey& counterpartyPrivate,
                                            QStringView invoiceNumber);
    static Result<PublicKey> childPublicKeyUtf8(const PublicKey& publicKey,
                                                const PrivateKey& counterpartyPrivate,
                                                QByteArrayView invoiceUtf8);

    // HMAC-SHA256(shared, invoice) reduced mod n: the scalar both halves add.
    static Result<SecureBytes> invoiceTweak(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                            QByteArrayView invoiceUtf8);

    // "anyone": the counterparty whose private key is 1 and public key is G.
    static PrivateKey anyonePrivateKey();
    static PublicKey anyonePublicKey() { return PublicKey::generator(); }
};

} // namespace tokenpass::crypto
