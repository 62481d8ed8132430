#pragma once

#include "Result.h"
#include "crypto/Encoding.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tokenpass::crypto {

class PublicKey;

// A 65-byte recoverable signature: recovery id plus r||s, as libsecp256k1 serialises it.
struct RecoverableSignature
{
    QByteArray compact64; // r(32) || s(32), big-endian
    int recoveryId = 0;   // 0..3
};

// A secp256k1 private key: a 32-byte big-endian scalar in [1, n-1], held in SecureBytes.
// All operations go through one randomized libsecp256k1 context (see Secp256k1Context.h).
class PrivateKey
{
public:
    static Result<PrivateKey> fromBytes(QByteArrayView bytes32);
    static Result<PrivateKey> fromHex(QStringView hex64);
    static Result<PrivateKey> fromWif(QStringView wif);
    static PrivateKey generate();

    const SecureBytes& bytes() const { return m_key; }
    QString toWif(Network network = Network::Mainnet) const;
    QString toHexUnsafe() const; // 64 lowercase hex chars, zero-padded; never log it

    PublicKey publicKey() const;

    // ECDSA over a 32-byte digest, RFC 6979 nonce (no extra entropy), low-S.
    QByteArray signDer(QByteArrayView digest32) const;
    RecoverableSignature signRecoverable(QByteArrayView digest32) const;

    // (this + tweak) mod n. Fails if tweak >= n or the result is zero.
    Result<PrivateKey> tweakAdd(QByteArrayView tweak32) const;

    // The full shared point this·other, compressed (33 bytes) — the BSV "shared secret" (CRYPTO.md §1).
    Result<SecureBytes> sharedPoint(const PublicKey& other) const;

    PrivateKey clone() const { return PrivateKey(m_key.clone()); }

private:
    explicit PrivateKey(SecureBytes key) : m_key(std::move(key)) {}
    SecureBytes m_key;
};

// A secp256k1 public key. Stored compressed; parses compressed (33) or uncompressed (65) SEC1.
class PublicKey
{
public:
    static Result<PublicKey> fromBytes(QByteArrayView sec1);
    static Result<PublicKey> fromHex(QStringView hex);
    static PublicKey generator(); // G, the public key of the private key 1 ("anyone")

    // Recovers the signer from a compact signature over a 32-byte digest.
    static Result<PublicKey> recover(QByteArrayView digest32, QByteArrayView compact64, int recoveryId);

    const QByteArray& compressed() const { return m_compressed; } // 33 bytes
    QByteArray uncompressed() const;                              // 65 bytes
    QString toHex() const;                                        // compressed, lowercase
    QString address(Network network = Network::Mainnet) const;    // P2PKH of the compressed key

    // ECDSA verification of a DER signature over a 32-byte digest. High-S signatures are
    // normalised first, because @bsv/sdk accepts them (CRYPTO.md §1).
    bool verifyDer(QByteArrayView digest32, QByteArrayView der) const;
    // Same for a compact r||s signature.
    bool verifyCompact(QByteArrayView digest32, QByteArrayView compact64) const;

    // this + tweak·G. Fails if tweak >= n or the result is the point at infinity.
    Result<PublicKey> tweakAdd(QByteArrayView tweak32) const;

    bool operator==(const PublicKey& other) const { return m_compressed == other.m_compressed; }
    bool operator!=(const PublicKey& other) const { return !(*this == other); }

private:
    explicit PublicKey(QByteArray compressed) : m_compressed(std::move(compressed)) {}
    QByteArray m_compressed;
    friend class PrivateKey;
};

} // namespace tokenpass::crypto
