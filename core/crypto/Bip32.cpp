#include "crypto/Bip32.h"

#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <openssl/crypto.h>

namespace tokenpass::crypto {

namespace {

const char kXprvVersion[] = "\x04\x88\xad\xe4";
const char kXpubVersion[] = "\x04\x88\xb2\x1e";
constexpr int kSerializedSize = 78;

QByteArray ser32(std::uint32_t v)
{
    QByteArray out(4, '\0');
    out[0] = char(v >> 24);
    out[1] = char(v >> 16);
    out[2] = char(v >> 8);
    out[3] = char(v);
    return out;
}

std::uint32_t readBe32(QByteArrayView b)
{
    return (std::uint32_t(std::uint8_t(b[0])) << 24) | (std::uint32_t(std::uint8_t(b[1])) << 16) |
           (std::uint32_t(std::uint8_t(b[2])) << 8) | std::uint32_t(std::uint8_t(b[3]));
}

void wipe(QByteArray& b)
{
    if (!b.isEmpty() && b.isDetached())
        OPENSSL_cleanse(b.data(), std::size_t(b.size()));
    b.clear();
}

} // namespace

Result<Bip32Key> Bip32Key::fromSeed(QByteArrayView seed)
{
    using R = Result<Bip32Key>;
    if (seed.size() < 16)
        return R::fail(QStringLiteral("Seed must be at least 128 bits"));
    if (seed.size() > 64)
        return R::fail(QStringLiteral("Seed must be at most 512 bits"));
    const SecureBytes i = hmacSha512(QByteArrayView("Bitcoin seed"), seed);
    auto key = PrivateKey::fromBytes(i.view().first(32));
    if (!key)
        return R::fail(QStringLiteral("Seed produces an invalid master key"));
    Bip32Key out;
    out.m_publicKey = key->publicKey();
    out.m_privateKey = std::move(key.value());
    out.m_chainCode = SecureBytes(i.view().sliced(32));
    return R::ok(std::move(out));
}

Result<Bip32Key> Bip32Key::fromString(QStringView extendedKey)
{
    using R = Result<Bip32Key>;
    auto decoded = base58CheckDecode(extendedKey.trimmed());
    if (!decoded)
        return R::fail(QStringLiteral("Extended key is not valid Base58Check"));
    QByteArray raw = std::move(*decoded);
    if (raw.size() != kSerializedSize) {
        wipe(raw);
        return R::fail(QStringLiteral("Extended key must be 78 bytes"));
    }
    const QByteArrayView all(raw);
    const QByteArrayView version = all.first(4);
    const bool isPrivate = version == QByteArrayView(kXprvVersion, 4);
    if (!isPrivate && version != QByteArrayView(kXpubVersion, 4)) {
        wipe(raw);
        return R::fail(QStringLiteral("Extended key has an unknown version (expected xprv or xpub)"));
    }

    Bip32Key out;
    out.m_depth = std::uint8_t(all[4]);
    out.m_parentFingerprint = all.sliced(5, 4).toByteArray();
    out.m_childIndex = readBe32(all.sliced(9, 4));
    out.m_chainCode = SecureBytes(all.sliced(13, 32));
    const QByteArrayView keyData = all.sliced(45, 33);
    // BIP32 "test vector 5": a master node must have a zero fingerprint and index.
    if (out.m_depth == 0 && (out.m_parentFingerprint != QByteArray(4, '\0') || out.m_childIndex != 0)) {
        wipe(raw);
        return R::fail(QStringLiteral("Extended key has depth 0 but a parent"));
    }
    if (isPrivate) {
        if (keyData[0] != 0) {
            wipe(raw);
            return R::fail(QStringLiteral("Extended private key must start its key data with 0x00"));
        }
        auto key = PrivateKey::fromBytes(keyData.sliced(1));
        wipe(raw);
        if (!key)
            return R::fail(QStringLiteral("Extended private key is out of range"));
        out.m_publicKey = key->publicKey();
        out.m_privateKey = std::move(key.value());
    } else {
        const bool compressed = keyData[0] == 0x02 || keyData[0] == 0x03;
        auto pub = PublicKey::fromBytes(keyData);
        wipe(raw);
        if (!pub || !compressed)
            return R::fail(QStringLiteral("Extended public key is not a valid compressed point"));
        out.m_publicKey = std::move(pub.value());
    }
    return R::ok(std::move(out));
}

Result<QList<std::uint32_t>> Bip32Key::parsePath(QStringView path)
{
    using R = Result<QList<std::uint32_t>>;
    const QList<QStringView> parts = path.split(QLatin1Char('/'));
    if (parts.isEmpty() || parts.first() != QLatin1String("m"))
        return R::fail(QStringLiteral("Derivation path must start with \"m\""));
    QList<std::uint32_t> out;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        QStringView part = parts.at(i);
        bool hardened = false;
        if (part.endsWith(QLatin1Char('\'')) || part.endsWith(QLatin1Char('h')) ||
            part.endsWith(QLatin1Char('H'))) {
            hardened = true;
            part.chop(1);
        }
        if (part.isEmpty() || part.size() > 10)
            return R::fail(QStringLiteral("Derivation path has an invalid component at position %1").arg(i));
        std::uint64_t value = 0;
        for (const QChar c : part) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return R::fail(
                    QStringLiteral("Derivation path has an invalid component at position %1").arg(i));
            value = value * 10 + std::uint64_t(c.unicode() - u'0');
        }
        if (value >= kHardened)
            return R::fail(QStringLiteral("Derivation path index at position %1 is too large").arg(i));
        out.append(std::uint32_t(value) | (hardened ? kHardened : 0u));
    }
    return R::ok(std::move(out));
}

Result<Bip32Key> Bip32Key::deriveChild(std::uint32_t index) const
{
    using R = Result<Bip32Key>;
    if (m_depth >= 255)
        return R::fail(QStringLiteral("Derivation depth exceeds 255"));
    const bool hardened = index & kHardened;
    SecureBytes data;
    if (hardened) {
        if (!isPrivate())
            return R::fail(QStringLiteral("Cannot derive a hardened child from a public key"));
        data.append(QByteArrayView("\0", 1));
        data.append(m_privateKey->bytes().view());
    } else {
        data.append(m_publicKey->compressed());
    }
    data.append(ser32(index));
    const SecureBytes i = hmacSha512(m_chainCode.view(), data.view());
    const QByteArrayView il = i.view().first(32);

    Bip32Key child;
    // IL >= n or a zero key makes this index invalid (BIP32); the odds are about 2^-127.
    if (isPrivate()) {
        auto key = m_privateKey->tweakAdd(il);
        if (!key)
            return R::fail(QStringLiteral("Derived key is invalid for index %1").arg(index));
        child.m_publicKey = key->publicKey();
        child.m_privateKey = std::move(key.value());
    } else {
        auto pub = m_publicKey->tweakAdd(il);
        if (!pub)
            return R::fail(QStringLiteral("Derived key is invalid for index %1").arg(index));
        child.m_publicKey = std::move(pub.value());
    }
    child.m_chainCode = SecureBytes(i.view().sliced(32));
    child.m_depth = m_depth + 1;
    child.m_childIndex = index;
    child.m_parentFingerprint = fingerprint();
    return R::ok(std::move(child));
}

Result<Bip32Key> Bip32Key::derive(QStringView path) const
{
    const auto indexes = parsePath(path);
    if (!indexes)
        return Result<Bip32Key>::fail(indexes.error());
    Bip32Key node = clone();
    for (const std::uint32_t index : indexes.value()) {
        auto next = node.deriveChild(index);
        if (!next)
            return next;
        node = std::move(next.value());
    }
    return Result<Bip32Key>::ok(std::move(node));
}

QByteArray Bip32Key::fingerprint() const
{
    return hash160(m_publicKey->compressed()).left(4);
}

Bip32Key Bip32Key::neutered() const
{
    Bip32Key out;
    out.m_publicKey = *m_publicKey;
    out.m_chainCode = m_chainCode.clone();
    out.m_parentFingerprint = m_parentFingerprint;
    out.m_childIndex = m_childIndex;
    out.m_depth = m_depth;
    return out;
}

Bip32Key Bip32Key::clone() const
{
    Bip32Key out = neutered();
    if (m_privateKey)
        out.m_privateKey = m_privateKey->clone();
    return out;
}

Result<QString> Bip32Key::toXprv() const
{
    if (!isPrivate())
        return Result<QString>::fail(QStringLiteral("Not a private extended key"));
    SecureBytes raw(QByteArrayView(kXprvVersion, 4));
    raw.append(QByteArray(1, char(m_depth)));
    raw.append(m_parentFingerprint);
    raw.append(ser32(m_childIndex));
    raw.append(m_chainCode.view());
    raw.append(QByteArrayView("\0", 1));
    raw.append(m_privateKey->bytes().view());
    return Result<QString>::ok(base58CheckEncode(raw.view()));
}

QString Bip32Key::toXpub() const
{
    QByteArray raw(kXpubVersion, 4);
    raw.append(char(m_depth));
    raw.append(m_parentFingerprint);
    raw.append(ser32(m_childIndex));
    raw.append(m_chainCode.toByteArrayUnsafe());
    raw.append(m_publicKey->compressed());
    return base58CheckEncode(raw);
}

} // namespace tokenpass::crypto
