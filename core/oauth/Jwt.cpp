#include "oauth/Jwt.h"

#include "oauth/Base64Url.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace tokenpass::oauth {

namespace {

std::optional<QJsonObject> decodeObject(QByteArrayView part)
{
    const auto bytes = fromBase64Url(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

template <typename Key>
QString signWith(const QJsonObject& claims, const Key& key, const char* alg, const QString& typ)
{
    QJsonObject header{{QStringLiteral("alg"), QString::fromLatin1(alg)}, {QStringLiteral("kid"), key.kid()}};
    if (!typ.isEmpty())
        header.insert(QStringLiteral("typ"), typ);
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = key.sign(signingInput);
    if (signature.isEmpty())
        return {};
    return QString::fromLatin1(signingInput + '.' + base64Url(signature));
}

} // namespace

Result<JwsPublicKey> JwsPublicKey::fromJwk(const QJsonObject& jwk)
{
    using R = Result<JwsPublicKey>;
    const QString kty = jwk.value(QStringLiteral("kty")).toString();
    const QString alg = jwk.value(QStringLiteral("alg")).toString();
    if (kty == QLatin1String("EC") && (alg.isEmpty() || alg == QLatin1String("ES256"))) {
        auto key = Es256PublicKey::fromJwk(jwk);
        return key ? R::ok(JwsPublicKey(std::move(*key))) : R::fail(key.error());
    }
    if (kty == QLatin1String("RSA") && (alg.isEmpty() || alg == QLatin1String("RS256"))) {
        auto key = Rs256PublicKey::fromJwk(jwk);
        return key ? R::ok(JwsPublicKey(std::move(*key))) : R::fail(key.error());
    }
    return R::fail(QStringLiteral("not an ES256 or RS256 JWK"));
}

QString JwsPublicKey::alg() const
{
    return std::holds_alternative<Es256PublicKey>(m_key) ? QStringLiteral("ES256") : QStringLiteral("RS256");
}

QString JwsPublicKey::kid() const
{
    return std::visit([](const auto& key) { return key.kid(); }, m_key);
}

QJsonObject JwsPublicKey::jwk() const
{
    return std::visit([](const auto& key) { return key.jwk(); }, m_key);
}

bool JwsPublicKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    return std::visit([&](const auto& key) { return key.verify(data, signature); }, m_key);
}

QString Jwt::sign(const QJsonObject& claims, const Es256Key& key, const QString& typ)
{
    return signWith(claims, key, "ES256", typ);
}

QString Jwt::sign(const QJsonObject& claims, const Rs256Key& key, const QString& typ)
{
    return signWith(claims, key, "RS256", typ);
}

Result<Jwt::Verified> Jwt::verify(QStringView token, const KeyLookup& lookup)
{
    using R = Result<Verified>;
    const QByteArray text = token.toLatin1();
    const QList<QByteArray> parts = text.split('.');
    if (token.size() > 16384 || parts.size() != 3)
        return R::fail(QStringLiteral("not a compact JWS"));
    const auto header = decodeObject(parts[0]);
    if (!header)
        return R::fail(QStringLiteral("unreadable JWS header"));
    // The only algorithms we issue; `none`, HS256 (a public key used as an HMAC secret) and the
    // rest are refused here, whatever key the kid names.
    const QString alg = header->value(QStringLiteral("alg")).toString();
    if (alg != QLatin1String("ES256") && alg != QLatin1String("RS256"))
        return R::fail(QStringLiteral("unsupported JWS algorithm"));
    if (header->contains(QStringLiteral("crit")) || header->contains(QStringLiteral("jwk")) ||
        header->contains(QStringLiteral("jku")) || header->contains(QStringLiteral("x5u")))
        return R::fail(QStringLiteral("unsupported JWS header member"));
    const auto key = lookup(header->value(QStringLiteral("kid")).toString());
    if (!key)
        return R::fail(QStringLiteral("unknown key id"));
    // The key decides the algorithm; a header naming another one is refused, not obeyed.
    if (key->alg() != alg)
        return R::fail(QStringLiteral("the key id names a key of another algorithm"));
    const auto signature = fromBase64Url(parts[2]);
    if (!signature || !key->verify(parts[0] + '.' + parts[1], *signature))
        return R::fail(QStringLiteral("bad signature"));
    const auto claims = decodeObject(parts[1]);
    if (!claims)
        return R::fail(QStringLiteral("unreadable JWT claims"));
    return R::ok(Verified{*header, *claims});
}

} // namespace tokenpass::oauth
