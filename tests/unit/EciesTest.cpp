// Electrum ECIES / BIE1 (CRYPTO.md §3.1): every eciesElectrum, eciesRandomEphemeral and
// eciesNegative vector with all intermediates, and tampered or truncated ciphertexts.
#include "common/Vectors.h"

#include "crypto/Aes.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::priv;
using tokenpass::test::str;
using tokenpass::test::vectorArray;

namespace {

// The first eciesElectrum vector: k3 → k4, "hello world".
struct Fixture
{
    PrivateKey recipient =
        PrivateKey::fromHex(u"0b1d1b7a5c5e2e4f7a3d9c8e1f2a4b6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6").value();
    PrivateKey ephemeral =
        PrivateKey::fromHex(u"e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262").value();
};

} // namespace

TEST(Ecies, ElectrumVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("eciesElectrum"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "ephemeralKeyName") + QStringLiteral("->") +
                                str(o, "recipientKeyName") + QLatin1Char('/') + str(o, "plaintextName")));
        const PrivateKey ephemeral = priv(o, "ephemeralPrivHex");
        const PrivateKey recipient = priv(o, "recipientPrivHex");
        EXPECT_EQ(ephemeral.publicKey().toHex(), str(o, "ephemeralPub"));
        EXPECT_EQ(recipient.publicKey().toHex(), str(o, "recipientPub"));
        auto fromWif = PrivateKey::fromWif(str(o, "recipientWif"));
        ASSERT_TRUE(fromWif);
        EXPECT_TRUE(fromWif->bytes().equals(recipient.bytes().view()));
        const QByteArray plaintext = hexField(o, QStringLiteral("plaintextHex"));

        // Intermediates: S, SHA512(S), iv | kE | kM.
        auto shared = ephemeral.sharedPoint(recipient.publicKey());
        ASSERT_TRUE(shared);
        EXPECT_EQ(shared->toByteArrayUnsafe(), hexField(o, QStringLiteral("sharedPointCompressedHex")));
        const QByteArray h = sha512(shared->view());
        EXPECT_EQ(h, hexField(o, QStringLiteral("sha512OfSharedHex")));
        EXPECT_EQ(h.left(16), hexField(o, QStringLiteral("ivHex")));
        EXPECT_EQ(h.mid(16, 16), hexField(o, QStringLiteral("kEHex")));
        EXPECT_EQ(h.mid(32), hexField(o, QStringLiteral("kMHex")));

        // Deterministic encryption with the given ephemeral key is byte-identical.
        auto encrypted = Ecies::electrumEncrypt(plaintext, recipient.publicKey(), ephemeral);
        ASSERT_TRUE(encrypted) << qPrintable(encrypted.error());
        const QByteArray expected = hexField(o, QStringLiteral("ciphertextHex"));
        EXPECT_EQ(*encrypted, expected);
        EXPECT_EQ(toBase64(*encrypted), str(o, "ciphertextBase64"));
        EXPECT_EQ(encrypted->size(), 4 + 33 + 16 * (plaintext.size() / 16 + 1) + 32);

        // Decrypt as the recipient, and as the sender (ECDH is symmetric; bsv-bap relies on it).
        ASSERT_TRUE(o.value(QLatin1String("decryptOk")).toBool());
        auto decrypted = Ecies::electrumDecrypt(expected, recipient);
        ASSERT_TRUE(decrypted) << qPrintable(decrypted.error());
        EXPECT_EQ(decrypted->toByteArrayUnsafe(), plaintext);
        auto bySender = Ecies::electrumDecrypt(expected, ephemeral, recipient.publicKey());
        ASSERT_TRUE(bySender) << qPrintable(bySender.error());
        EXPECT_EQ(bySender->toByteArrayUnsafe(), plaintext);

        // noKey form: decrypts whenever the sender key is given, including the one vector the SDK
        // itself cannot decrypt (noKeyDecryptOkInSdk false, CRYPTO.md §3.1).
        const QByteArray noKey = hexField(o, QStringLiteral("noKeyCiphertextHex"));
        auto noKeyDecrypted = Ecies::electrumDecrypt(noKey, recipient, ephemeral.publicKey());
        ASSERT_TRUE(noKeyDecrypted) << qPrintable(noKeyDecrypted.error());
        EXPECT_EQ(noKeyDecrypted->toByteArrayUnsafe(), plaintext);
        EXPECT_FALSE(Ecies::electrumDecrypt(noKey, recipient));
        // The wrong recipient fails on the MAC.
        auto wrong = Ecies::electrumDecrypt(expected, ephemeral);
        ASSERT_FALSE(wrong);
        EXPECT_EQ(wrong.error(), QStringLiteral("Invalid checksum"));
        countVector(QStringLiteral("eciesElectrum"));
    }
}

TEST(Ecies, RandomEphemeralVector)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("eciesRandomEphemeral"))) {
        const QJsonObject o = v.toObject();
        const PrivateKey ephemeral = priv(o, "randomEphemeralPrivHex");
        const PrivateKey recipient = priv(o, "recipientPrivHex");
        EXPECT_EQ(ephemeral.publicKey().toHex(), str(o, "ephemeralPub"));
        EXPECT_EQ(recipient.publicKey().toHex(), str(o, "recipientPub"));
        const QByteArray plaintext = str(o, "plaintextUtf8").toUtf8();
        auto encrypted = Ecies::electrumEncrypt(plaintext, recipient.publicKey(), ephemeral);
        ASSERT_TRUE(encrypted);
        EXPECT_EQ(*encrypted, hexField(o, QStringLiteral("ciphertextHex")));
        auto decrypted = Ecies::electrumDecrypt(hexField(o, QStringLiteral("ciphertextHex")), recipient);
        ASSERT_TRUE(decrypted);
        EXPECT_EQ(decrypted->toByteArrayUnsafe(), plaintext);

        // The random-ephemeral overload: a fresh R every time, always embedded, always decryptable.
        auto a = Ecies::electrumEncrypt(plaintext, recipient.publicKey());
        auto b = Ecies::electrumEncrypt(plaintext, recipient.publicKey());
        ASSERT_TRUE(a && b);
        EXPECT_NE(*a, *b);
        EXPECT_EQ(a->size(), encrypted->size());
        EXPECT_TRUE(a->at(4) == 0x02 || a->at(4) == 0x03);
        auto back = Ecies::electrumDecrypt(*a, recipient);
        ASSERT_TRUE(back);
        EXPECT_EQ(back->toByteArrayUnsafe(), plaintext);
        countVector(QStringLiteral("eciesRandomEphemeral"));
    }
}

TEST(Ecies, NegativeVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("eciesNegative"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "case")));
        EXPECT_FALSE(o.value(QLatin1String("decryptOk")).toBool());
        auto r =
            Ecies::electrumDecrypt(hexField(o, QStringLiteral("ciphertextHex")), priv(o, "recipientPrivHex"));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), str(o, "sdkError"));
        countVector(QStringLiteral("eciesNegative"));
    }
}

TEST(Ecies, TruncatedAndTamperedCiphertexts)
{
    Fixture f;
    auto sealed = Ecies::electrumEncrypt("hello world", f.recipient.publicKey(), f.ephemeral);
    ASSERT_TRUE(sealed);
    const QByteArray good = *sealed;
    ASSERT_TRUE(Ecies::electrumDecrypt(good, f.recipient));
    // Every prefix fails without crashing, with or without an explicit sender key.
    for (qsizetype n = 0; n < good.size(); ++n) {
        EXPECT_FALSE(Ecies::electrumDecrypt(good.left(n), f.recipient)) << n;
        EXPECT_FALSE(Ecies::electrumDecrypt(good.left(n), f.recipient, f.ephemeral.publicKey())) << n;
    }
    // Every single-bit flip fails.
    for (qsizetype i = 0; i < good.size(); ++i) {
        QByteArray bad = good;
        bad[i] = char(bad[i] ^ 0x01);
        EXPECT_FALSE(Ecies::electrumDecrypt(bad, f.recipient)) << i;
    }
    // Extra bytes.
    EXPECT_FALSE(Ecies::electrumDecrypt(good + QByteArray(16, '\0'), f.recipient));
    EXPECT_FALSE(Ecies::electrumDecrypt(good + "x", f.recipient));
}

TEST(Ecies, InvalidEmbeddedPointIsRejected)
{
    Fixture f;
    QByteArray bad("BIE1");
    bad.append('\x02');
    bad.append(QByteArray(32, '\xff')); // x >= p: not a point
    bad.append(QByteArray(16, '\0'));
    bad.append(QByteArray(32, '\0'));
    auto r = Ecies::electrumDecrypt(bad, f.recipient);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error(), QStringLiteral("invalid padding"));
}

TEST(Ecies, BadPaddingBehindAValidMac)
{
    // Build a ciphertext whose MAC is right but whose last block does not end in PKCS#7 padding, to
    // reach the "invalid padding" branch (CRYPTO.md §3.1).
    Fixture f;
    const QByteArray h = sha512(f.ephemeral.sharedPoint(f.recipient.publicKey())->view());
    const SecureBytes kE(QByteArrayView(h).sliced(16, 16));
    const QByteArray iv = h.left(16);
    const QByteArray block = aesCbcEncrypt(kE, iv, QByteArray(16, '\0')).left(16); // decrypts to 16 zeros
    QByteArray payload("BIE1");
    payload.append(f.ephemeral.publicKey().compressed());
    payload.append(block);
    payload.append(hmacSha256(QByteArrayView(h).sliced(32), payload).view());
    auto r = Ecies::electrumDecrypt(payload, f.recipient);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), QStringLiteral("invalid padding"));
}

TEST(Ecies, UncompressedEmbeddedKeyIsAccepted)
{
    // The SDK takes 65 bytes when byte 4 is 04 (CRYPTO.md §3.1); build such a ciphertext by hand.
    Fixture f;
    const QByteArray h = sha512(f.ephemeral.sharedPoint(f.recipient.publicKey())->view());
    QByteArray payload("BIE1");
    payload.append(f.ephemeral.publicKey().uncompressed());
    payload.append(
        aesCbcEncrypt(SecureBytes(QByteArrayView(h).sliced(16, 16)), h.left(16), "uncompressed R"));
    payload.append(hmacSha256(QByteArrayView(h).sliced(32), payload).view());
    auto r = Ecies::electrumDecrypt(payload, f.recipient);
    ASSERT_TRUE(r) << qPrintable(r.error());
    EXPECT_EQ(r->toByteArrayUnsafe(), QByteArray("uncompressed R"));
}

TEST(Ecies, EmptyMessage)
{
    Fixture f;
    auto sealed = Ecies::electrumEncrypt({}, f.recipient.publicKey());
    ASSERT_TRUE(sealed);
    EXPECT_EQ(sealed->size(), 4 + 33 + 16 + 32);
    auto opened = Ecies::electrumDecrypt(*sealed, f.recipient);
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened->isEmpty());
}
