#include "oauth/Grant.h"

#include <QStringList>

namespace tokenpass::oauth {

QJsonObject Grant::toJson() const
{
    return QJsonObject{
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("redirect_uri"), redirectUri},
        {QStringLiteral("code_challenge"), codeChallenge},
        {QStringLiteral("resource"), resource},
        {QStringLiteral("scope"), scope},
        {QStringLiteral("nonce"), nonce},
        {QStringLiteral("auth_time_ms"), double(authTimeMs)},
        {QStringLiteral("identity"),
         QJsonObject{{QStringLiteral("sub"), identity.sub},
                     {QStringLiteral("pubkey"), identity.pubkey},
                     {QStringLiteral("bitcoin_address"), identity.bitcoinAddress},
                     {QStringLiteral("bap_id"), identity.bapId},
                     {QStringLiteral("attestation"), identity.attestation},
                     {QStringLiteral("attestation_kid"), identity.attestationKid}}},
    };
}

Grant Grant::fromJson(const QJsonObject& json)
{
    Grant g;
    g.clientId = json.value(QStringLiteral("client_id")).toString();
    g.redirectUri = json.value(QStringLiteral("redirect_uri")).toString();
    g.codeChallenge = json.value(QStringLiteral("code_challenge")).toString();
    g.resource = json.value(QStringLiteral("resource")).toString();
    g.scope = json.value(QStringLiteral("scope")).toString();
    g.nonce = json.value(QStringLiteral("nonce")).toString();
    g.authTimeMs = qint64(json.value(QStringLiteral("auth_time_ms")).toDouble());
    const QJsonObject id = json.value(QStringLiteral("identity")).toObject();
    g.identity.sub = id.value(QStringLiteral("sub")).toString();
    g.identity.pubkey = id.value(QStringLiteral("pubkey")).toString();
    g.identity.bitcoinAddress = id.value(QStringLiteral("bitcoin_address")).toString();
    g.identity.bapId = id.value(QStringLiteral("bap_id")).toString();
    g.identity.attestation = id.value(QStringLiteral("attestation")).toString();
    g.identity.attestationKid = id.value(QStringLiteral("attestation_kid")).toString();
    return g;
}

bool Grant::hasScope(const QString& wanted) const
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(wanted);
}

} // namespace tokenpass::oauth
