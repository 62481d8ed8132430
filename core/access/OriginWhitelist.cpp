#include "access/OriginWhitelist.h"

#include "store/Settings.h"

#include <QRegularExpression>

namespace tokenpass::access {

using store::Settings;

OriginWhitelist::OriginWhitelist(std::shared_ptr<store::Database> database) : m_database(std::move(database))
{}

Result<QString> OriginWhitelist::normalize(const QString& text)
{
    // RFC 6454 serialised origin: scheme "://" host [":" port]. Hosts are DNS names, IPv4, or
    // bracketed IPv6 literals; browsers send IDN hosts in punycode.
    static const QRegularExpression pattern(QStringLiteral(
        "^([a-z][a-z0-9+.-]*)://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?$"));
    const QString lower = text.trimmed().toLower();
    const auto match = pattern.match(lower);
    if (!match.hasMatch())
        return Result<QString>::fail(
            QStringLiteral("“%1” is not an origin like https://example.com or http://localhost:3000")
                .arg(text.trimmed()));
    const QString scheme = match.captured(1);
    const QString host = match.captured(2);
    const QString portText = match.captured(3);
    if (portText.isEmpty())
        return Result<QString>::ok(scheme + QStringLiteral("://") + host);
    const int port = portText.toInt();
    if (port < 1 || port > 65535)
        return Result<QString>::fail(QStringLiteral("“%1” has a port outside 1–65535").arg(text.trimmed()));
    if ((scheme == QLatin1String("http") && port == 80) || (scheme == QLatin1String("https") && port == 443))
        return Result<QString>::ok(scheme + QStringLiteral("://") + host);
    return Result<QString>::ok(scheme + QStringLiteral("://") + host + QLatin1Char(':') +
                               QString::number(port));
}

QStringList OriginWhitelist::origins() const
{
    const QString stored = Settings(m_database).string(Settings::Key::OriginWhitelist);
    return stored.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

bool OriginWhitelist::contains(const QString& origin) const
{
    return !origin.isEmpty() && origins().contains(origin);
}

Result<QStringList> OriginWhitelist::setOrigins(const QStringList& origins)
{
    QStringList clean;
    for (const QString& entry : origins) {
        const auto origin = normalize(entry);
        if (!origin)
            return Result<QStringList>::fail(origin.error());
        if (!clean.contains(*origin))
            clean.append(*origin);
    }
    Settings settings(m_database);
    const auto written =
        clean.isEmpty() ? settings.reset(Settings::Key::OriginWhitelist)
                        : settings.setString(Settings::Key::OriginWhitelist, clean.join(QLatin1Char('\n')));
    if (!written)
        return Result<QStringList>::fail(written.error());
    return Result<QStringList>::ok(clean);
}

} // namespace tokenpass::access
