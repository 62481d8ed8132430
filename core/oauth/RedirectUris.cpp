#include "oauth/RedirectUris.h"

#include <QRegularExpression>
#include <QUrl>

namespace tokenpass::oauth {

namespace {

bool loopbackHost(const QString& host)
{
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("::1") ||
           host == QLatin1String("localhost");
}

QUrl strict(const QString& uri)
{
    return QUrl(uri, QUrl::StrictMode);
}

} // namespace

bool RedirectUris::isLoopbackHttp(const QString& uri)
{
    const QUrl url = strict(uri);
    return url.isValid() && url.scheme() == QLatin1String("http") && url.userInfo().isEmpty() &&
           loopbackHost(url.host());
}

QString RedirectUris::registrationProblem(const QString& uri)
{
    const QUrl url = strict(uri);
    if (uri.isEmpty() || !url.isValid() || url.isRelative())
        return QStringLiteral("redirect_uri is not an absolute URI: %1").arg(uri);
    if (url.hasFragment() || uri.contains(QLatin1Char('#')))
        return QStringLiteral("redirect_uri must not have a fragment: %1").arg(uri);
    if (!url.userInfo().isEmpty())
        return QStringLiteral("redirect_uri must not carry user information: %1").arg(uri);
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("http")) {
        if (!loopbackHost(url.host()))
            return QStringLiteral("http redirect_uri must be 127.0.0.1, [::1] or localhost: %1").arg(uri);
        return {};
    }
    if (scheme == QLatin1String("https")) {
        if (url.host().isEmpty())
            return QStringLiteral("https redirect_uri needs a host: %1").arg(uri);
        return {};
    }
    // RFC 8252 §7.1: a private-use scheme is a reverse domain name (at least one dot).
    static const QRegularExpression reverseDns(QStringLiteral("^[a-z][a-z0-9+-]*(\\.[a-z0-9+-]+)+$"));
    if (!reverseDns.match(scheme).hasMatch())
        return QStringLiteral("redirect_uri scheme must be https, loopback http or reverse-DNS: %1").arg(uri);
    return {};
}

bool RedirectUris::matches(const QString& registered, const QString& presented)
{
    if (!isLoopbackHttp(registered))
        return registered == presented;
    if (!isLoopbackHttp(presented) || presented.contains(QLatin1Char('#')))
        return false;
    const QUrl a = strict(registered);
    const QUrl b = strict(presented);
    return a.host() == b.host() && a.path(QUrl::FullyEncoded) == b.path(QUrl::FullyEncoded) &&
           a.hasQuery() == b.hasQuery() && a.query(QUrl::FullyEncoded) == b.query(QUrl::FullyEncoded);
}

} // namespace tokenpass::oauth
