#include "oauth/Provider.h"

#include "oauth/Scopes.h"

#include <QUrl>

// The device authorization grant (RFC 8628, OAUTH.md §4): the request, the person's approval
// (the consent form or the native dialog decides; this only records it), and the token poll.

namespace tokenpass::oauth {

namespace {

const QString kDeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

} // namespace

OAuthResult<QJsonObject> Provider::deviceAuthorization(const QMap<QString, QStringList>& form)
{
    using R = OAuthResult<QJsonObject>;
    for (auto it = form.constBegin(); it != form.constEnd(); ++it)
        if (it.value().size() > 1)
            return R::fail(QStringLiteral("invalid_request"),
                           QStringLiteral("%1 was sent more than once").arg(it.key()));
    const QString clientId = form.value(QStringLiteral("client_id")).value(0);
    if (clientId.isEmpty())
        return R::fail(QStringLiteral("invalid_request"), QStringLiteral("client_id is required"));
    const auto client = m_clients.find(clientId);
    if (!client)
        return R::fail(QStringLiteral("invalid_client"), QStringLiteral("unknown client"), 401);
    if (!client->allowsGrant(kDeviceGrant))
        return R::fail(QStringLiteral("unauthorized_client"),
                       QStringLiteral("the client did not register the %1 grant").arg(kDeviceGrant));
    const QString resource = form.value(QStringLiteral("resource")).value(0);
    if (!resource.isEmpty() && !validResource(resource))
        return R::fail(QStringLiteral("invalid_target"),
                       QStringLiteral("resource must be an absolute URI without a fragment"));
    QStringList scopes =
        form.value(QStringLiteral("scope")).value(0).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    scopes.removeDuplicates();
    for (const QString& s : scopes)
        if (!supportedScopes().contains(s))
            return R::fail(QStringLiteral("invalid_scope"), QStringLiteral("unknown scope: %1").arg(s));

    const DeviceCodes::Issued issued = m_deviceCodes.issue(clientId, scopes, resource);
    const QString verification = m_issuer + QStringLiteral("/oauth/device");
    return R::ok(QJsonObject{
        {QStringLiteral("device_code"), issued.deviceCode},
        {QStringLiteral("user_code"), issued.userCode},
        {QStringLiteral("verification_uri"), verification},
        {QStringLiteral("verification_uri_complete"),
         verification + QStringLiteral("?user_code=") +
             QString::fromLatin1(QUrl::toPercentEncoding(issued.userCode))},
        {QStringLiteral("expires_in"), issued.expiresIn},
        {QStringLiteral("interval"), issued.interval},
    });
}

OAuthResult<bool> Provider::approveDevice(const QString& userCode, const QStringList& grantedScopes,
                                          const QString& bapId)
{
    using R = OAuthResult<bool>;
    DeviceCodes::Pending pending;
    if (m_deviceCodes.find(userCode, &pending) != DeviceCodes::Lookup::Found)
        return R::fail(QStringLiteral("invalid_grant"), QStringLiteral("the code is no longer valid"));
    auto identity = m_keys.identity(bapId);
    if (!identity)
        return R::fail(QStringLiteral("temporarily_unavailable"),
                       identity.failure() == Failure::WalletLocked ? QStringLiteral("TokenPass is locked")
                                                                   : identity.error(),
                       503);
    Grant grant;
    grant.clientId = pending.clientId;
    grant.resource = pending.resource;
    grant.scope = grantedScopes.join(QLatin1Char(' '));
    grant.authTimeMs = m_clock.nowMs();
    grant.identity = *identity;
    if (!m_deviceCodes.approve(pending.userCode, grant))
        return R::fail(QStringLiteral("invalid_grant"), QStringLiteral("the code is no longer valid"));
    m_clients.touch(grant.clientId);
    return R::ok(true);
}

OAuthResult<Grant> Provider::pollDevice(const QMap<QString, QStringList>& form, const QString& clientId)
{
    const QString deviceCode = form.value(QStringLiteral("device_code")).value(0);
    if (deviceCode.isEmpty())
        return OAuthResult<Grant>::fail(QStringLiteral("invalid_request"),
                                        QStringLiteral("device_code is required"));
    return m_deviceCodes.poll(deviceCode, clientId);
}

} // namespace tokenpass::oauth
