// RS256 for id_tokens on request (OAUTH.md §3.2): the RSA key through OpenSSL 3 EVP, its JWK and
// PKCS#8 round trips, and JWS verification that takes the algorithm from the key, never from the
// header.

#include "crypto/Hkdf.h"
#include "oauth/Base64Url.h"
#include "oauth/Es256Key.h"
#include "oauth/Jwt.h"
#include "oauth/Rs256Key.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace tokenpass;
using oauth::Es256Key;
using oauth::JwsPublicKey;
using oauth::Jwt;
using oauth::Rs256Key;

namespace {

const Rs256Key& rsaKey()
{
    static const Rs256Key key = Rs256Key::generate().value();
    return key;
}

Es256Key ecKey()
{
    const QByteArray root(32, '\x07');
    return Es256Key::derive([&root](QByteArrayView info) {
               return crypto::hkdfSha256(root, QByteArrayView(Es256Key::kSalt), info, 32);
           })
        .value();
}

QByteArray b64u(const QJsonObject& o)
{
    return oauth::base64Url(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Our two keys, by kid, as SigningKeys::find serves them.
Jwt::KeyLookup ourKeys(const Es256Key& ec)
{
    return [ec](const QString& kid) -> std::optional<JwsPublicKey> {
        if (kid == rsaKey().kid())
            return JwsPublicKey(rsaKey().publicKey());
        if (kid == ec.kid())
            return JwsPublicKey(ec.publicKey());
        return std::nullopt;
    };
}

} // namespace

TEST(OAuthRs256, KeyIsRsa2048AndRoundTrips)
{
    const Rs256Key& key = rsaKey();
    const QJsonObject jwk = key.publicKey().jwk();
    EXPECT_EQ(jwk.value(QStringLiteral("kty")).toString(), QStringLiteral("RSA"));
    EXPECT_EQ(jwk.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    EXPECT_EQ(jwk.value(QStringLiteral("e")).toString(), QStringLiteral("AQAB"));
    EXPECT_EQ(oauth::fromBase64Url(jwk.value(QStringLiteral("n")).toString().toLatin1())->size(), 256);
    EXPECT_FALSE(jwk.contains(QStringLiteral("d")));
    EXPECT_EQ(key.kid(),
              oauth::jwkThumbprint(QJsonObject{{QStringLiteral("e"), jwk.value(QStringLiteral("e"))},
                                               {QStringLiteral("kty"), QStringLiteral("RSA")},
                                               {QStringLiteral("n"), jwk.value(QStringLiteral("n"))}}));

    const QByteArray sig = key.sign("hello");
    ASSERT_EQ(sig.size(), 256);
    auto fromJwk = oauth::Rs256PublicKey::fromJwk(jwk);
    ASSERT_TRUE(fromJwk);
    EXPECT_TRUE(fromJwk->verify("hello", sig));
    EXPECT_FALSE(fromJwk->verify("hellO", sig));

    auto reopened = Rs256Key::fromPkcs8(key.toPkcs8());
    ASSERT_TRUE(reopened) << qPrintable(reopened.error());
    EXPECT_EQ(reopened->kid(), key.kid());
    EXPECT_TRUE(key.publicKey().verify("again", reopened->sign("again")));
    EXPECT_FALSE(Rs256Key::fromPkcs8(crypto::SecureBytes(QByteArrayView("not a key"))));
}

TEST(OAuthRs256, IdTokenSignedWithRs256Verifies)
{
    const Es256Key ec = ecKey();
    const QString token = Jwt::sign(QJsonObject{{QStringLiteral("sub"), QStringLiteral("me")}}, rsaKey());
    auto verified = Jwt::verify(token, ourKeys(ec));
    ASSERT_TRUE(verified) << qPrintable(verified.error());
    EXPECT_EQ(verified->header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    EXPECT_EQ(verified->header.value(QStringLiteral("kid")).toString(), rsaKey().kid());
    // The ES256 key still verifies beside it.
    EXPECT_TRUE(Jwt::verify(Jwt::sign(QJsonObject{}, ec), ourKeys(ec)));
}

TEST(OAuthRs256, TheKidDecidesTheAlgorithmNotTheHeader)
{
    const Es256Key ec = ecKey();
    const QByteArray claims = b64u(QJsonObject{{QStringLiteral("sub"), QStringLiteral("me")}});
    auto token = [&](const char* alg, const QString& kid, auto signer) {
        const QByteArray input =
            b64u(QJsonObject{{QStringLiteral("alg"), QLatin1String(alg)}, {QStringLiteral("kid"), kid}}) +
            '.' + claims;
        return QString::fromLatin1(input + '.' + oauth::base64Url(signer(input)));
    };
    auto rsaSign = [](const QByteArray& in) { return rsaKey().sign(in); };
    auto ecSign = [&ec](const QByteArray& in) { return ec.sign(in); };
    // Genuine signatures, but the header names the other algorithm for the kid's key.
    EXPECT_FALSE(Jwt::verify(token("ES256", rsaKey().kid(), rsaSign), ourKeys(ec)));
    EXPECT_FALSE(Jwt::verify(token("RS256", ec.kid(), ecSign), ourKeys(ec)));
    EXPECT_FALSE(Jwt::verify(token("ES256", rsaKey().kid(), ecSign), ourKeys(ec)));
    EXPECT_FALSE(Jwt::verify(token("RS256", ec.kid(), rsaSign), ourKeys(ec)));
    // HS256 keyed with the public modulus (the classic confusion), PS256 and none: refused.
    for (const char* alg : {"HS256", "PS256", "none", "rs256"})
        EXPECT_FALSE(Jwt::verify(token(alg, rsaKey().kid(), rsaSign), ourKeys(ec))) << alg;
    // The honest pairs pass.
    EXPECT_TRUE(Jwt::verify(token("RS256", rsaKey().kid(), rsaSign), ourKeys(ec)));
    EXPECT_TRUE(Jwt::verify(token("ES256", ec.kid(), ecSign), ourKeys(ec)));
}

TEST(OAuthRs256, JwkWithAMismatchedAlgIsRefused)
{
    QJsonObject jwk = rsaKey().publicKey().jwk();
    EXPECT_TRUE(JwsPublicKey::fromJwk(jwk));
    jwk.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
    EXPECT_FALSE(JwsPublicKey::fromJwk(jwk));
    QJsonObject ec = ecKey().publicKey().jwk();
    ec.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
    EXPECT_FALSE(JwsPublicKey::fromJwk(ec));
}
