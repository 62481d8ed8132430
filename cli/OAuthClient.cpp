#include "OAuthClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUrlQuery>

namespace tokenpass::cli {

namespace {

const QString kDeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

QJsonObject jsonOf(const HttpResponse& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QString errorOf(const HttpResponse& r)
{
    return jsonOf(r).value(QStringLiteral("error")).toString();
}

QString describe(const HttpResponse& r)
{
    const QJsonObject o = jsonOf(r);
    QString text = o.value(QStringLiteral("error_description")).toString();
    if (text.isEmpty())
        text = o.value(QStringLiteral("error")).toString();
    if (text.isEmpty())
        text = QString::fromUtf8(r.body.left(200));
    return QStringLiteral("HTTP %1: %2").arg(r.status).arg(text);
}

AuthResult failure(Outcome outcome, const QString& message)
{
    return {outcome, {}, message};
}

// Refused or timed out: the reason adds nothing the person can act on.
AuthResult fromUnreached(const HttpResponse&)
{
    return failure(Outcome::NotRunning, notRunningMessage());
}

} // namespace

QString notRunningMessage()
{
    return QStringLiteral("TokenPass is not running: start it, or check --url");
}

OAuthClient::OAuthClient(HttpClient& http, Config config, std::function<void(const QString&)> say)
    : m_http(http), m_config(std::move(config)), m_file(m_config.tokenPath), m_say(std::move(say))
{
    m_data = m_file.load();
    const QString issuer = m_config.base.toString(QUrl::StripTrailingSlash);
    if (m_data.issuer != issuer) // another TokenPass (or port): start over with it
        m_data = TokenFileData{issuer, {}, {}};
}

QString OAuthClient::resource() const
{
    return m_config.base.toString(QUrl::StripTrailingSlash) + QStringLiteral("/mcp");
}

QUrl OAuthClient::endpoint(const QString& path) const
{
    return QUrl(m_config.base.toString(QUrl::StripTrailingSlash) + path);
}

HttpResponse OAuthClient::postForm(const QString& path, const QList<QPair<QString, QString>>& fields)
{
    QByteArray body;
    for (const auto& f : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(f.first) + '=' + QUrl::toPercentEncoding(f.second);
    }
    return m_http.post(
        endpoint(path), body,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}});
}

AuthResult OAuthClient::accessToken()
{
    // A token is used until a minute before it ends (they live 15 minutes or an hour).
    if (!m_accessToken.isEmpty() && m_accessAge.elapsed() < m_accessLifetimeMs - 60'000)
        return {Outcome::Ok, m_accessToken, {}};
    m_accessToken.clear();
    return renew();
}

AuthResult OAuthClient::renew()
{
    m_accessToken.clear();
    if (!m_data.refreshToken.isEmpty()) {
        AuthResult refreshed = refresh();
        if (refreshed.outcome == Outcome::Ok || refreshed.outcome == Outcome::NotRunning ||
            refreshed.outcome == Outcome::Locked)
            return refreshed;
        m_say(QStringLiteral("tokenpass: %1; asking for approval again").arg(refreshed.message));
    }
    return deviceFlow();
}

AuthResult OAuthClient::stepUp(const QString& challenged)
{
    QStringList scopes = m_config.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& s : challenged.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (!scopes.contains(s))
            scopes.append(s);
    m_config.scope = scopes.join(QLatin1Char(' '));
    m_accessToken.clear();
    m_say(QStringLiteral("tokenpass: this needs a permission the saved sign-in lacks (%1); asking for "
                         "approval again")
              .arg(challenged));
    return deviceFlow();
}

AuthResult OAuthClient::refresh()
{
    const HttpResponse r = postForm(QStringLiteral("/oauth/token"),
                                    {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                     {QStringLiteral("refresh_token"), m_data.refreshToken},
                                     {QStringLiteral("client_id"), m_data.clientId},
                                     {QStringLiteral("resource"), resource()}});
    if (!r.reached)
        return fromUnreached(r);
    if (r.status == 200)
        return takeTokens(jsonOf(r));
    if (r.status == 503) // the key is needed to sign the token: keep the refresh token
        return failure(Outcome::Locked, QStringLiteral("TokenPass is locked: unlock it (tokenpass unlock, or "
                                                       "from the tray)"));
    // Revoked, expired or reused (its family is gone): forget it, so the device flow runs.
    m_data.refreshToken.clear();
    if (errorOf(r) == QLatin1String("invalid_client"))
        m_data.clientId.clear();
    (void)m_file.save(m_data);
    return failure(Outcome::Failed,
                   QStringLiteral("the saved sign-in no longer works (%1)").arg(describe(r)));
}

AuthResult OAuthClient::registerClient()
{
    const QJsonObject metadata{
        {QStringLiteral("client_name"), m_config.clientName},
        {QStringLiteral("grant_types"), QJsonArray{kDeviceGrant, QStringLiteral("refresh_token")}},
        {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")},
        {QStringLiteral("application_type"), QStringLiteral("native")}};
    const HttpResponse r = m_http.post(
        endpoint(QStringLiteral("/oauth/register")), QJsonDocument(metadata).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
    if (!r.reached)
        return fromUnreached(r);
    const QString clientId = jsonOf(r).value(QStringLiteral("client_id")).toString();
    if (r.status != 201 || clientId.isEmpty())
        return failure(Outcome::Failed,
                       QStringLiteral("TokenPass refused to register this client (%1)").arg(describe(r)));
    m_data.clientId = clientId;
    m_data.refreshToken.clear();
    if (auto saved = m_file.save(m_data); !saved)
        return failure(Outcome::Failed, saved.error());
    return {Outcome::Ok, {}, {}};
}

AuthResult OAuthClient::deviceFlow()
{
    HttpResponse started;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_data.clientId.isEmpty())
            if (AuthResult registered = registerClient(); registered.outcome != Outcome::Ok)
                return registered;
        started = postForm(QStringLiteral("/oauth/device_authorization"),
                           {{QStringLiteral("client_id"), m_data.clientId},
                            {QStringLiteral("scope"), m_config.scope},
                            {QStringLiteral("resource"), resource()}});
        if (!started.reached)
            return fromUnreached(started);
        if (errorOf(started) != QLatin1String("invalid_client"))
            break;
        m_data.clientId.clear(); // this TokenPass does not know us (a new data folder): register again
    }
    const QJsonObject s = jsonOf(started);
    const QString deviceCode = s.value(QStringLiteral("device_code")).toString();
    if (started.status != 200 || deviceCode.isEmpty())
        return failure(Outcome::Failed,
                       QStringLiteral("TokenPass refused the sign-in (%1)").arg(describe(started)));
    const QString userCode = s.value(QStringLiteral("user_code")).toString();
    m_say(QStringLiteral("tokenpass: approve \"%1\" in TokenPass. Check that it shows the code %2\n"
                         "tokenpass: (headless TokenPass: open %3)")
              .arg(m_config.clientName, userCode,
                   s.value(QStringLiteral("verification_uri_complete")).toString()));

    int interval = qMax(1, s.value(QStringLiteral("interval")).toInt(5));
    QElapsedTimer clock;
    clock.start();
    const qint64 expiresMs = qint64(qMax(30, s.value(QStringLiteral("expires_in")).toInt(600))) * 1000;
    while (clock.elapsed() < expiresMs) {
        QThread::msleep(ulong(interval) * 1000);
        const HttpResponse r =
            postForm(QStringLiteral("/oauth/token"), {{QStringLiteral("grant_type"), kDeviceGrant},
                                                      {QStringLiteral("device_code"), deviceCode},
                                                      {QStringLiteral("client_id"), m_data.clientId}});
        if (!r.reached)
            return fromUnreached(r);
        if (r.status == 200) {
            m_say(QStringLiteral("tokenpass: approved"));
            return takeTokens(jsonOf(r));
        }
        const QString error = errorOf(r);
        if (error == QLatin1String("authorization_pending") || r.status == 503)
            continue; // 503: locked for now; the person may unlock and approve
        if (error == QLatin1String("slow_down")) {
            interval += kSlowDownSeconds; // RFC 8628 §3.5, for this and every later poll
            continue;
        }
        if (error == QLatin1String("access_denied"))
            return failure(Outcome::Rejected, QStringLiteral("Rejected in TokenPass"));
        if (error == QLatin1String("expired_token"))
            break;
        return failure(Outcome::Failed,
                       QStringLiteral("TokenPass refused the sign-in (%1)").arg(describe(r)));
    }
    return failure(Outcome::Rejected,
                   QStringLiteral("The code %1 expired before it was approved").arg(userCode));
}

AuthResult OAuthClient::takeTokens(const QJsonObject& body)
{
    const QString access = body.value(QStringLiteral("access_token")).toString();
    if (access.isEmpty())
        return failure(Outcome::Failed, QStringLiteral("TokenPass sent no access token"));
    const QString refresh = body.value(QStringLiteral("refresh_token")).toString();
    if (!refresh.isEmpty()) { // rotation: the old one is spent, keep only the new one
        m_data.refreshToken = refresh;
        if (auto saved = m_file.save(m_data); !saved)
            m_say(QStringLiteral("tokenpass: could not save %1: %2").arg(m_file.path(), saved.error()));
    }
    m_accessToken = access;
    m_accessLifetimeMs = qint64(body.value(QStringLiteral("expires_in")).toInt(900)) * 1000;
    m_accessAge.start();
    return {Outcome::Ok, access, {}};
}

} // namespace tokenpass::cli
