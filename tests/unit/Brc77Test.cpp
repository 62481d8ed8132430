// BRC-77 signed messages (CRYPTO.md §5): every brc77 and brc77Negative vector, byte for byte,
// plus malformed signatures.
#include "common/Vectors.h"

#include "crypto/Brc42.h"
#include "crypto/Brc77.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::priv;
using tokenpass::test::str;
using tokenpass::test::vectorArray;

TEST(Brc77, ReferenceVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("brc77"))) {
        const QJsonObject o = v.toObject();
        const bool anyone = str(o, "verifier") == QStringLiteral("anyone");
        SCOPED_TRACE(qPrintable(str(o, "signerKeyName") + QLatin1Char('/') + str(o, "verifier") +
                                QLatin1Char('/') + str(o, "message")));
        const PrivateKey signer = priv(o, "signerPrivHex");
        const PrivateKey verifier = priv(o, "verifierPrivHex");
        EXPECT_EQ(signer.publicKey().toHex(), str(o, "signerPub"));
        EXPECT_EQ(verifier.publicKey().toHex(), str(o, "verifierPub"));
        if (anyone) {
            EXPECT_EQ(verifier.publicKey(), Brc42::anyonePublicKey());
        }
        const QByteArray message = hexField(o, QStringLiteral("messageHex"));
        EXPECT_EQ(sha256(message), hexField(o, QStringLiteral("messageSha256Hex")));
        const QByteArray keyId = hexField(o, QStringLiteral("randomKeyIdHex"));
        EXPECT_EQ(toBase64(keyId), str(o, "keyIdBase64"));
        EXPECT_EQ(Brc77::invoiceNumber(keyId), str(o, "invoiceNumber"));

        // The signing key and the inner DER.
        auto signingKey = Brc42::childPrivateKey(signer, verifier.publicKey(), str(o, "invoiceNumber"));
        ASSERT_TRUE(signingKey);
        EXPECT_EQ(signingKey->toHexUnsafe(), str(o, "signingPrivHex"));
        EXPECT_EQ(signingKey->publicKey().toHex(), str(o, "signingPub"));
        EXPECT_EQ(signingKey->signDer(sha256(message)), hexField(o, QStringLiteral("signatureDerHex")));

        // The whole signature.
        const std::optional<PublicKey> verifierPub =
            anyone ? std::nullopt : std::optional<PublicKey>(verifier.publicKey());
        auto signature = Brc77::sign(message, signer, verifierPub, keyId);
        ASSERT_TRUE(signature) << qPrintable(signature.error());
        const QByteArray expected = hexField(o, QStringLiteral("signatureHex"));
        EXPECT_EQ(*signature, expected);
        EXPECT_EQ(toBase64(*signature), str(o, "signatureBase64"));

        auto parsed = Brc77::parse(expected);
        ASSERT_TRUE(parsed);
        EXPECT_EQ(parsed->signer, signer.publicKey());
        EXPECT_EQ(parsed->verifier.has_value(), !anyone);
        EXPECT_EQ(parsed->keyId, keyId);
        EXPECT_EQ(parsed->der, hexField(o, QStringLiteral("signatureDerHex")));

        // Verification returns the embedded signer, for the caller to bind.
        EXPECT_TRUE(o.value(QLatin1String("verify")).toBool());
        auto verified =
            anyone ? Brc77::verify(message, expected) : Brc77::verify(message, expected, verifier);
        ASSERT_TRUE(verified) << qPrintable(verified.error());
        EXPECT_EQ(*verified, signer.publicKey());
        if (anyone) {
            // An "anyone" signature verifies whatever key the caller holds (as in the SDK).
            EXPECT_TRUE(Brc77::verify(message, expected, signer));
        } else {
            auto withoutKey = Brc77::verify(message, expected);
            ASSERT_FALSE(withoutKey);
            EXPECT_TRUE(withoutKey.error().endsWith(verifier.publicKey().toHex()));
            EXPECT_FALSE(Brc77::verify(message, expected, signer)); // the wrong verifier key
        }
        EXPECT_FALSE(anyone ? Brc77::verify(message + "x", expected)
                            : Brc77::verify(message + "x", expected, verifier));
        countVector(QStringLiteral("brc77"));
    }
}

TEST(Brc77, NegativeVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("brc77Negative"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "case")));
        const QByteArray message = o.contains(QLatin1String("messageHex"))
                                       ? hexField(o, QStringLiteral("messageHex"))
                                       : str(o, "messageUtf8").toUtf8();
        auto r = Brc77::verify(message, hexField(o, QStringLiteral("signatureHex")));
        EXPECT_FALSE(r);
        if (o.contains(QLatin1String("sdkError"))) {
            EXPECT_EQ(r.error(), str(o, "sdkError"));
        }
        countVector(QStringLiteral("brc77Negative"));
    }
}

TEST(Brc77, MalformedSignaturesFailCleanly)
{
    const PrivateKey signer = PrivateKey::generate();
    auto good = Brc77::sign("msg", signer);
    ASSERT_TRUE(good);
    ASSERT_TRUE(Brc77::verify("msg", *good));
    auto parsed = Brc77::parse(*good);
    ASSERT_TRUE(parsed);
    EXPECT_FALSE(parsed->verifier.has_value());
    EXPECT_EQ(good->size(), 4 + 33 + 1 + 32 + parsed->der.size());
    for (qsizetype n = 0; n < good->size(); ++n)
        EXPECT_FALSE(Brc77::verify("msg", good->left(n))) << n;
    QByteArray badVersion = *good;
    badVersion[3] = 0x02;
    auto r = Brc77::verify("msg", badVersion);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().startsWith(QStringLiteral("Message version mismatch")));
    QByteArray badSigner = *good;
    badSigner.replace(4, 33, QByteArray(1, '\x02') + QByteArray(32, '\xff'));
    EXPECT_FALSE(Brc77::verify("msg", badSigner));
    QByteArray badVerifier = *good;
    badVerifier[37] = 0x05;
    EXPECT_FALSE(Brc77::verify("msg", badVerifier, signer));
    EXPECT_FALSE(Brc77::verify("msg", *good + QByteArray(1, '\0'))); // DER with trailing bytes
    EXPECT_FALSE(Brc77::sign("msg", signer, std::nullopt, QByteArray(31, 'k')));
}

TEST(Brc77, RandomKeyIdAndSpecificVerifier)
{
    const PrivateKey signer = PrivateKey::generate();
    const PrivateKey verifier = PrivateKey::generate();
    auto a = Brc77::sign("same", signer, verifier.publicKey());
    auto b = Brc77::sign("same", signer, verifier.publicKey());
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b); // random key IDs
    auto ok = Brc77::verify("same", *a, verifier);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, signer.publicKey());
    EXPECT_FALSE(Brc77::verify("same", *a, PrivateKey::generate()));
}
