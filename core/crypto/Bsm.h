#pragma once

#include "Result.h"
#include "crypto/Keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tokenpass::crypto {

// Bitcoin Signed Message (CRYPTO.md §2): @bsv/sdk BSM, bsv 2.x Bsm and bitcore Message all hash
// the same way. Signatures are the 65-byte compact form (header || r || s) in base64.
class Bsm
{
public:
    // How verify() matches the recovered key against the claimed address (CRYPTO.md §2, §12.7).
    enum class Mode
    {
        Strict,  // bsv 2.x Bsm.verify: the header's compression flag picks the address encoding
        Lenient, // TokenPass Wallet.verify: always the compressed address, whatever the header says
    };

    struct Recovered
    {
        PublicKey publicKey;
        int recoveryId = 0;
        bool compressed = true; // header >= 31
    };

    // varint(24) || "Bitcoin Signed Message:\n" || varint(len) || message.
    static QByteArray preimage(QByteArrayView message);
    // SHA256(SHA256(preimage)), used directly as the big-endian digest.
    static QByteArray magicHash(QByteArrayView message);

    // RFC 6979, low-S; header 31 + recid (always the compressed form, like the SDK).
    static QByteArray signCompact(QByteArrayView message, const PrivateKey& key); // 65 bytes
    static QString sign(QByteArrayView message, const PrivateKey& key);           // 88 base64 chars

    // Decodes (SDK-lenient base64), checks the size and header (27..34), recovers the signer and
    // checks the ECDSA signature itself (high-S accepted, CRYPTO.md §1).
    static Result<Recovered> recover(QByteArrayView message, QStringView signatureBase64);
    static Result<Recovered> recoverCompact(QByteArrayView message, QByteArrayView compact65);

    // True if the signature is valid and was made by the key behind `address` (mainnet or testnet
    // P2PKH). Malformed input is simply false.
    static bool verify(QByteArrayView message, QStringView signatureBase64, QStringView address,
                       Mode mode = Mode::Strict);

    // @bsv/sdk BSM.verify(message, sig, pubKey): the header is only range-checked, the key is given
    // (bitcoin-auth "bsm" tokens, CRYPTO.md §7).
    static bool verifyWithPublicKey(QByteArrayView message, QStringView signatureBase64,
                                    const PublicKey& publicKey);
};

} // namespace tokenpass::crypto
