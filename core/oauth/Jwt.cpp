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

} // namespace

QString Jwt::sign(const QJsonObject& claims, const Es256Key& key, const QString& typ)
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")}, {QStringLiteral("kid"), key.kid()}};
    if (!typ.isEmpty())
        header.insert(QStringLiteral("typ"), typ);
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = key.sign(signingInput);
    if (signature.isEmpty())
        return {};
    return QString::fromLatin1(signingInput + '.' + base64Url(signature));
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
    // The only algorithm we issue; `none`, HS256 (a public key used as an HMAC secret) and the
    // rest are refused here, whatever key the kid names.
    if (header->value(QStringLiteral("alg")).toString() != QLatin1String("ES256"))
        return R::fail(QStringLiteral("unsupported JWS algorithm"));
    if (header->contains(QStringLiteral("crit")) || header->contains(QStringLiteral("jwk")) ||
        header->contains(QStringLiteral("jku")) || header->contains(QStringLiteral("x5u")))
        return R::fail(QStringLiteral("unsupported JWS header member"));
    const auto key = lookup(header->value(QStringLiteral("kid")).toString());
    if (!key)
        return R::fail(QStringLiteral("unknown key id"));
    const auto signature = fromBase64Url(parts[2]);
    if (!signature || !key->verify(parts[0] + '.' + parts[1], *signature))
        return R::fail(QStringLiteral("bad signature"));
    const auto claims = decodeObject(parts[1]);
    if (!claims)
        return R::fail(QStringLiteral("unreadable JWT claims"));
    return R::ok(Verified{*header, *claims});
}

} // namespace tokenpass::oauth
