#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

namespace tokenpass::crypto {

// A BIP32 extended key (CRYPTO.md §8): @bsv/sdk HD.fromSeed / derive / toString semantics.
// Private nodes hold the private key and chain code in SecureBytes; public nodes only the pubkey.
class Bip32Key
{
public:
    static constexpr std::uint32_t kHardened = 0x80000000u;

    // Master = HMAC-SHA512("Bitcoin seed", seed): IL is the key, IR the chain code. Seeds must be
    // 16..64 bytes, as HD.fromSeed requires.
    static Result<Bip32Key> fromSeed(QByteArrayView seed);

    // Parses xprv (0488ade4) or xpub (0488b21e) Base58Check text, with full validation.
    static Result<Bip32Key> fromString(QStringView extendedKey);

    // "m", "m/0'/1/2h/3H": hardened with ', h or H; each index below 2^31. The path is relative
    // to this node, as in bsv's HD.derive (bsv-bap relies on that).
    static Result<QList<std::uint32_t>> parsePath(QStringView path);

    bool isPrivate() const { return m_privateKey.has_value(); }

    // CKDpriv for private nodes, CKDpub for public nodes (hardened fails on a public node).
    Result<Bip32Key> deriveChild(std::uint32_t index) const;
    Result<Bip32Key> derive(QStringView path) const;

    // Only valid on private nodes; check isPrivate() first.
    const PrivateKey& privateKey() const { return *m_privateKey; }
    const PublicKey& publicKey() const { return *m_publicKey; }
    const SecureBytes& chainCode() const { return m_chainCode; }
    int depth() const { return m_depth; }
    std::uint32_t childIndex() const { return m_childIndex; }
    QByteArray parentFingerprint() const { return m_parentFingerprint; }
    QByteArray fingerprint() const; // first 4 bytes of HASH160(pubkey)

    Bip32Key neutered() const;      // the public node
    Result<QString> toXprv() const; // fails on a public node
    QString toXpub() const;

    Bip32Key clone() const;

private:
    Bip32Key() = default;

    std::optional<PrivateKey> m_privateKey;
    std::optional<PublicKey> m_publicKey;
    SecureBytes m_chainCode;
    QByteArray m_parentFingerprint = QByteArray(4, '\0');
    std::uint32_t m_childIndex = 0;
    int m_depth = 0;
};

} // namespace tokenpass::crypto
