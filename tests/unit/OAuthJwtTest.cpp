// The provider's JOSE pieces (OAUTH.md §3): HKDF (RFC 5869), the ES256 key, RFC 7638 thumbprints
// and JWT signing/verification, against RFC vectors and against values made by pyca/cryptography.

#include "crypto/Encoding.h"
#include "crypto/Hkdf.h"
#include "oauth/Base64Url.h"
#include "oauth/Es256Key.h"
#include "oauth/Jwt.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace tokenpass;
using oauth::Es256Key;
using oauth::Es256PublicKey;
using oauth::Jwt;

namespace {

crypto::SecureBytes hex(const char* text)
{
    return crypto::SecureBytes(*crypto::fromHex(QByteArrayView(text)));
}

QByteArray b64u(const QJsonObject& o)
{
    return oauth::base64Url(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// d = HKDF-SHA256(root = 01 02 … 20, "tokenpass-oauth", "jwt-es256-v1"), its point and RFC 7638
// thumbprint, all computed with pyca/cryptography 48.
constexpr char kDerivedD[] = "08056e9be79991fe79fc43955146a8ab71f181e2dda18f805dad39fc6a97b990";
constexpr char kDerivedX[] = "V7188OSTMoIvtTZN3N4gSiywS67ZHsDdtgoreZUxWS8";
constexpr char kDerivedY[] = "Cm-_UKRX_nheufMkmclR6BM-wiNGnBewQ8YzYjkiZZo";
constexpr char kDerivedKid[] = "6c5IoT0r6QrsnfTdoj24vcIscbrwOrGXlC2Os4wN-UE";

Es256Key derivedKey()
{
    QByteArray root;
    for (int i = 1; i <= 32; ++i)
        root.append(char(i));
    auto key = Es256Key::derive([&root](QByteArrayView info) {
        return crypto::hkdfSha256(root, QByteArrayView(Es256Key::kSalt), info, 32);
    });
    EXPECT_TRUE(key) << qPrintable(key.error());
    return *key;
}

} // namespace

TEST(OAuthHkdf, Rfc5869TestCase1)
{
    const QByteArray ikm(22, '\x0b');
    const auto salt = *crypto::fromHex(QByteArrayView("000102030405060708090a0b0c"));
    const auto info = *crypto::fromHex(QByteArrayView("f0f1f2f3f4f5f6f7f8f9"));
    const crypto::SecureBytes okm = crypto::hkdfSha256(ikm, salt, info, 42);
    EXPECT_EQ(crypto::toHex(okm.view()),
              QStringLiteral(
                  "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
}

TEST(OAuthEs256, ScalarOneGivesTheGenerator)
{
    auto key = Es256Key::fromScalar(hex("0000000000000000000000000000000000000000000000000000000000000001"));
    ASSERT_TRUE(key) << qPrintable(key.error());
    const QJsonObject jwk = key->publicKey().jwk();
    // P-256's G (SEC 2 §2.4.2).
    EXPECT_EQ(
        *oauth::fromBase64Url(jwk.value(QStringLiteral("x")).toString().toLatin1()),
        *crypto::fromHex(QByteArrayView("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")));
    EXPECT_EQ(
        *oauth::fromBase64Url(jwk.value(QStringLiteral("y")).toString().toLatin1()),
        *crypto::fromHex(QByteArrayView("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")));
    EXPECT_EQ(jwk.value(QStringLiteral("alg")).toString(), QStringLiteral("ES256"));
    EXPECT_EQ(jwk.value(QStringLiteral("kid")).toString(), key->kid());
}

TEST(OAuthEs256, ScalarOutOfRangeIsRefused)
{
    EXPECT_FALSE(
        Es256Key::fromScalar(hex("0000000000000000000000000000000000000000000000000000000000000000")));
    // n and n + 1.
    EXPECT_FALSE(
        Es256Key::fromScalar(hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")));
    EXPECT_FALSE(
        Es256Key::fromScalar(hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552")));
    EXPECT_TRUE(
        Es256Key::fromScalar(hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550")));
    EXPECT_FALSE(Es256Key::fromScalar(hex("01")));
}

TEST(OAuthEs256, Rfc7638ThumbprintExample)
{
    // RFC 7638 §3.1: the RSA key of RFC 7517 Appendix A.1.
    const QJsonObject rsa{
        {QStringLiteral("e"), QStringLiteral("AQAB")},
        {QStringLiteral("kty"), QStringLiteral("RSA")},
        {QStringLiteral("n"),
         QStringLiteral(
             "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
             "BJECPebWKRXj"
             "BZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicA"
             "taSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr"
             "3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")}};
    EXPECT_EQ(oauth::jwkThumbprint(rsa), QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
}

TEST(OAuthEs256, DerivationMatchesAnIndependentImplementation)
{
    const Es256Key key = derivedKey();
    const QJsonObject jwk = key.publicKey().jwk();
    EXPECT_EQ(jwk.value(QStringLiteral("x")).toString(), QLatin1String(kDerivedX));
    EXPECT_EQ(jwk.value(QStringLiteral("y")).toString(), QLatin1String(kDerivedY));
    EXPECT_EQ(key.kid(), QLatin1String(kDerivedKid));
    auto direct = Es256Key::fromScalar(hex(kDerivedD));
    ASSERT_TRUE(direct);
    EXPECT_EQ(direct->kid(), key.kid());
}

TEST(OAuthEs256, DerivationRetriesWithACounterWhenTheScalarIsOutOfRange)
{
    QList<QByteArray> infos;
    auto key = Es256Key::derive([&infos](QByteArrayView info) {
        infos.append(info.toByteArray());
        // First try: d = 0 (out of range); then a valid scalar.
        return infos.size() == 1 ? crypto::SecureBytes(32) : hex(kDerivedD);
    });
    ASSERT_TRUE(key);
    ASSERT_EQ(infos.size(), 2);
    EXPECT_EQ(infos[0], QByteArray("jwt-es256-v1"));
    EXPECT_EQ(infos[1], QByteArray("jwt-es256-v1\x01"));
}

TEST(OAuthEs256, VerifiesASignatureMadeByPyca)
{
    const Es256Key key = derivedKey();
    const auto sig = oauth::fromBase64Url(
        "RKo3vt7-qn5lXPrLDzv0Gf3l-ufqFT_-lcPvJG-NWOThWDabh6hl5SIvQuGh4A_75QIk2TAm-PEKEs6dIIHDkg");
    ASSERT_TRUE(sig);
    EXPECT_TRUE(key.publicKey().verify("signed by pyca", *sig));
    EXPECT_FALSE(key.publicKey().verify("signed by someone", *sig));
}

TEST(OAuthEs256, SignsRawRAndS)
{
    const Es256Key key = derivedKey();
    const QByteArray sig = key.sign("hello");
    ASSERT_EQ(sig.size(), 64);
    EXPECT_TRUE(key.publicKey().verify("hello", sig));
    QByteArray flipped = sig;
    flipped[10] = char(flipped[10] ^ 1);
    EXPECT_FALSE(key.publicKey().verify("hello", flipped));
    EXPECT_FALSE(key.publicKey().verify("hello", sig.left(63)));
    // The JWK round-trips to the same verifier.
    auto again = Es256PublicKey::fromJwk(key.publicKey().jwk());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->verify("hello", sig));
}

TEST(OAuthJwt, SignsAndVerifies)
{
    const Es256Key key = derivedKey();
    const QString token =
        Jwt::sign(QJsonObject{{QStringLiteral("sub"), QStringLiteral("me")}}, key, QStringLiteral("at+jwt"));
    auto lookup = [&key](const QString& kid) -> std::optional<Es256PublicKey> {
        if (kid == key.kid())
            return key.publicKey();
        return std::nullopt;
    };
    auto verified = Jwt::verify(token, lookup);
    ASSERT_TRUE(verified) << qPrintable(verified.error());
    EXPECT_EQ(verified->claims.value(QStringLiteral("sub")).toString(), QStringLiteral("me"));
    EXPECT_EQ(verified->header.value(QStringLiteral("typ")).toString(), QStringLiteral("at+jwt"));
    EXPECT_EQ(verified->header.value(QStringLiteral("kid")).toString(), key.kid());

    // An unknown kid, and a changed payload under the old signature.
    EXPECT_FALSE(Jwt::verify(token, [](const QString&) { return std::optional<Es256PublicKey>(); }));
    const QStringList parts = token.split(QLatin1Char('.'));
    const QString forged =
        parts[0] + QLatin1Char('.') +
        QString::fromLatin1(b64u(QJsonObject{{QStringLiteral("sub"), QStringLiteral("you")}})) +
        QLatin1Char('.') + parts[2];
    EXPECT_FALSE(Jwt::verify(forged, lookup));
}

TEST(OAuthJwt, NeverTrustsTheHeaderAlgorithm)
{
    const Es256Key key = derivedKey();
    auto lookup = [&key](const QString&) -> std::optional<Es256PublicKey> { return key.publicKey(); };
    const QByteArray claims = b64u(QJsonObject{{QStringLiteral("sub"), QStringLiteral("me")}});
    for (const char* alg : {"none", "HS256", "ES256K", "RS256", "EdDSA", "es256"}) {
        const QByteArray header = b64u(
            QJsonObject{{QStringLiteral("alg"), QLatin1String(alg)}, {QStringLiteral("kid"), key.kid()}});
        const QByteArray input = header + '.' + claims;
        // Signed with our key all the same: the algorithm alone must make it fail.
        const QString token = QString::fromLatin1(input + '.' + oauth::base64Url(key.sign(input)));
        EXPECT_FALSE(Jwt::verify(token, lookup)) << alg;
        EXPECT_FALSE(Jwt::verify(QString::fromLatin1(input + '.'), lookup)) << alg;
    }
    // An embedded key is never used.
    const QByteArray header = b64u(QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES256")},
                                               {QStringLiteral("kid"), key.kid()},
                                               {QStringLiteral("jwk"), key.publicKey().jwk()}});
    const QByteArray input = header + '.' + claims;
    EXPECT_FALSE(Jwt::verify(QString::fromLatin1(input + '.' + oauth::base64Url(key.sign(input))), lookup));
}

TEST(OAuthBase64Url, IsStrict)
{
    EXPECT_EQ(*oauth::fromBase64Url("aGk"), QByteArray("hi"));
    EXPECT_FALSE(oauth::fromBase64Url("aGk="));
    EXPECT_FALSE(oauth::fromBase64Url("aG+k"));
    EXPECT_FALSE(oauth::fromBase64Url("aGl")); // non-canonical trailing bits
    EXPECT_FALSE(oauth::fromBase64Url("a"));
}
