#include "crypto/Keys.h"

#include "crypto/Random.h"
#include "crypto/Secp256k1Context.h"

#include <openssl/crypto.h>

#include <secp256k1.h>
#include <secp256k1_ecdh.h>
#include <secp256k1_recovery.h>

#include <cstring>

namespace tokenpass::crypto {

using detail::secp256k1Context;

namespace {

constexpr std::size_t kCompressedSize = 33;
constexpr std::size_t kUncompressedSize = 65;

const unsigned char* uchars(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

QByteArray serialize(const secp256k1_pubkey& pub, bool compressed)
{
    QByteArray out(compressed ? kCompressedSize : kUncompressedSize, Qt::Uninitialized);
    std::size_t len = std::size_t(out.size());
    secp256k1_ec_pubkey_serialize(secp256k1Context(), reinterpret_cast<unsigned char*>(out.data()), &len,
                                  &pub, compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED);
    return out;
}

bool parsePublicKey(QByteArrayView sec1, secp256k1_pubkey* pub)
{
    // libsecp256k1 also takes the "hybrid" 06/07 prefixes; SEC1 as used by BSV has only 02/03/04.
    if (sec1.size() == qsizetype(kCompressedSize)) {
        if (sec1[0] != 0x02 && sec1[0] != 0x03)
            return false;
    } else if (sec1.size() == qsizetype(kUncompressedSize)) {
        if (sec1[0] != 0x04)
            return false;
    } else {
        return false;
    }
    return secp256k1_ec_pubkey_parse(secp256k1Context(), pub, uchars(sec1), std::size_t(sec1.size())) == 1;
}

// CRYPTO.md §1: the BSV "shared secret" is the whole point, compressed: 02|03 || X.
int compressedPointHash(unsigned char* output, const unsigned char* x32, const unsigned char* y32, void*)
{
    output[0] = std::uint8_t(0x02 | (y32[31] & 1));
    std::memcpy(output + 1, x32, 32);
    return 1;
}

// Low-S form of a parsed signature, because @bsv/sdk verifies high-S signatures and
// secp256k1_ecdsa_verify does not (CRYPTO.md §1).
bool verifyParsed(const QByteArray& compressedPub, QByteArrayView digest32, secp256k1_ecdsa_signature* sig)
{
    if (digest32.size() != 32)
        return false;
    secp256k1_pubkey pub;
    if (!parsePublicKey(compressedPub, &pub))
        return false;
    secp256k1_ecdsa_signature_normalize(secp256k1Context(), sig, sig);
    return secp256k1_ecdsa_verify(secp256k1Context(), sig, uchars(digest32), &pub) == 1;
}

} // namespace

// ---- PrivateKey ----------------------------------------------------------------------------

Result<PrivateKey> PrivateKey::fromBytes(QByteArrayView bytes32)
{
    if (bytes32.size() != 32)
        return Result<PrivateKey>::fail(QStringLiteral("Private key must be 32 bytes"));
    SecureBytes key(bytes32);
    // Rejects 0 and anything >= n (CRYPTO.md §1).
    if (!secp256k1_ec_seckey_verify(secp256k1Context(), key.data()))
        return Result<PrivateKey>::fail(QStringLiteral("Private key out of range"));
    return Result<PrivateKey>::ok(PrivateKey(std::move(key)));
}

Result<PrivateKey> PrivateKey::fromHex(QStringView hex64)
{
    // Always 64 characters (CRYPTO.md §1: keys are zero-padded); decoded straight into wiped memory.
    if (hex64.size() != 64)
        return Result<PrivateKey>::fail(QStringLiteral("Private key hex must be 64 characters"));
    auto key = secretFromHex(hex64);
    if (!key)
        return Result<PrivateKey>::fail(QStringLiteral("Private key hex is not hexadecimal"));
    if (!secp256k1_ec_seckey_verify(secp256k1Context(), key->data()))
        return Result<PrivateKey>::fail(QStringLiteral("Private key out of range"));
    return Result<PrivateKey>::ok(PrivateKey(std::move(*key)));
}

Result<PrivateKey> PrivateKey::fromWif(QStringView wif)
{
    auto key = wifDecode(wif);
    if (!key)
        return Result<PrivateKey>::fail(key.error());
    return fromBytes(key->view());
}

PrivateKey PrivateKey::generate()
{
    for (;;) {
        SecureBytes key = randomSecret(32);
        if (secp256k1_ec_seckey_verify(secp256k1Context(), key.data()))
            return PrivateKey(std::move(key));
    }
}

QString PrivateKey::toWif(Network network) const
{
    return wifEncode(m_key, network);
}

QString PrivateKey::toHexUnsafe() const
{
    static constexpr char digits[] = "0123456789abcdef";
    QString out(64, Qt::Uninitialized);
    for (std::size_t i = 0; i < 32; ++i) {
        out[qsizetype(2 * i)] = QLatin1Char(digits[m_key[i] >> 4]);
        out[qsizetype(2 * i + 1)] = QLatin1Char(digits[m_key[i] & 0x0f]);
    }
    return out;
}

PublicKey PrivateKey::publicKey() const
{
    secp256k1_pubkey pub;
    // Cannot fail: m_key was range-checked when the PrivateKey was made.
    if (!secp256k1_ec_pubkey_create(secp256k1Context(), &pub, m_key.data()))
        std::abort();
    return PublicKey(serialize(pub, true));
}

QByteArray PrivateKey::signDer(QByteArrayView digest32) const
{
    if (digest32.size() != 32)
        return {};
    secp256k1_ecdsa_signature sig;
    // noncefp = NULL: RFC 6979 with no extra entropy, and libsecp256k1 always emits low-S, which
    // is byte-identical to @bsv/sdk (CRYPTO.md §1).
    if (!secp256k1_ecdsa_sign(secp256k1Context(), &sig, uchars(digest32), m_key.data(), nullptr, nullptr))
        return {};
    unsigned char der[72];
    std::size_t len = sizeof(der);
    secp256k1_ecdsa_signature_serialize_der(secp256k1Context(), der, &len, &sig);
    return QByteArray(reinterpret_cast<const char*>(der), qsizetype(len));
}

RecoverableSignature PrivateKey::signRecoverable(QByteArrayView digest32) const
{
    RecoverableSignature out;
    if (digest32.size() != 32)
        return out;
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_sign_recoverable(secp256k1Context(), &sig, uchars(digest32), m_key.data(), nullptr,
                                          nullptr))
        return out;
    out.compact64 = QByteArray(64, Qt::Uninitialized);
    secp256k1_ecdsa_recoverable_signature_serialize_compact(
        secp256k1Context(), reinterpret_cast<unsigned char*>(out.compact64.data()), &out.recoveryId, &sig);
    return out;
}

Result<PrivateKey> PrivateKey::tweakAdd(QByteArrayView tweak32) const
{
    if (tweak32.size() != 32)
        return Result<PrivateKey>::fail(QStringLiteral("Tweak must be 32 bytes"));
    SecureBytes key = m_key.clone();
    if (!secp256k1_ec_seckey_tweak_add(secp256k1Context(), key.data(), uchars(tweak32)))
        return Result<PrivateKey>::fail(QStringLiteral("Tweak out of range or result is zero"));
    return Result<PrivateKey>::ok(PrivateKey(std::move(key)));
}

Result<SecureBytes> PrivateKey::sharedPoint(const PublicKey& other) const
{
    secp256k1_pubkey pub;
    if (!parsePublicKey(other.m_compressed, &pub))
        return Result<SecureBytes>::fail(QStringLiteral("Invalid public key"));
    SecureBytes out(kCompressedSize);
    if (!secp256k1_ecdh(secp256k1Context(), out.data(), &pub, m_key.data(), compressedPointHash, nullptr))
        return Result<SecureBytes>::fail(QStringLiteral("ECDH failed"));
    return Result<SecureBytes>::ok(std::move(out));
}

// ---- PublicKey -----------------------------------------------------------------------------

Result<PublicKey> PublicKey::fromBytes(QByteArrayView sec1)
{
    secp256k1_pubkey pub;
    if (!parsePublicKey(sec1, &pub))
        return Result<PublicKey>::fail(QStringLiteral("Invalid public key"));
    return Result<PublicKey>::ok(PublicKey(serialize(pub, true)));
}

Result<PublicKey> PublicKey::fromHex(QStringView hex)
{
    const auto bytes = crypto::fromHex(hex);
    if (!bytes)
        return Result<PublicKey>::fail(QStringLiteral("Public key hex is not hexadecimal"));
    return fromBytes(*bytes);
}

PublicKey PublicKey::generator()
{
    static const QByteArray g =
        QByteArray::fromHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    return PublicKey(g);
}

Result<PublicKey> PublicKey::recover(QByteArrayView digest32, QByteArrayView compact64, int recoveryId)
{
    // Checked here: libsecp256k1 treats a recid outside 0..3 as a programming error and aborts.
    if (digest32.size() != 32 || compact64.size() != 64 || recoveryId < 0 || recoveryId > 3)
        return Result<PublicKey>::fail(QStringLiteral("Invalid signature"));
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(secp256k1Context(), &sig, uchars(compact64),
                                                             recoveryId))
        return Result<PublicKey>::fail(QStringLiteral("Invalid signature"));
    secp256k1_pubkey pub;
    if (!secp256k1_ecdsa_recover(secp256k1Context(), &pub, &sig, uchars(digest32)))
        return Result<PublicKey>::fail(QStringLiteral("Public key recovery failed"));
    return Result<PublicKey>::ok(PublicKey(serialize(pub, true)));
}

QByteArray PublicKey::uncompressed() const
{
    secp256k1_pubkey pub;
    if (!parsePublicKey(m_compressed, &pub))
        return {};
    return serialize(pub, false);
}

QString PublicKey::toHex() const
{
    return crypto::toHex(m_compressed);
}

QString PublicKey::address(Network network) const
{
    return p2pkhAddress(m_compressed, network);
}

bool PublicKey::verifyDer(QByteArrayView digest32, QByteArrayView der) const
{
    secp256k1_ecdsa_signature sig;
    if (der.isEmpty() ||
        !secp256k1_ecdsa_signature_parse_der(secp256k1Context(), &sig, uchars(der), std::size_t(der.size())))
        return false;
    return verifyParsed(m_compressed, digest32, &sig);
}

bool PublicKey::verifyCompact(QByteArrayView digest32, QByteArrayView compact64) const
{
    secp256k1_ecdsa_signature sig;
    if (compact64.size() != 64 ||
        !secp256k1_ecdsa_signature_parse_compact(secp256k1Context(), &sig, uchars(compact64)))
        return false;
    return verifyParsed(m_compressed, digest32, &sig);
}

Result<PublicKey> PublicKey::tweakAdd(QByteArrayView tweak32) const
{
    if (tweak32.size() != 32)
        return Result<PublicKey>::fail(QStringLiteral("Tweak must be 32 bytes"));
    secp256k1_pubkey pub;
    if (!parsePublicKey(m_compressed, &pub))
        return Result<PublicKey>::fail(QStringLiteral("Invalid public key"));
    if (!secp256k1_ec_pubkey_tweak_add(secp256k1Context(), &pub, uchars(tweak32)))
        return Result<PublicKey>::fail(QStringLiteral("Tweak out of range or result is infinity"));
    return Result<PublicKey>::ok(PublicKey(serialize(pub, true)));
}

} // namespace tokenpass::crypto
