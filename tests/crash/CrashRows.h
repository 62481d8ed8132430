#pragma once

// What the crash writer writes for its n-th operation, shared with the checks. Every field of a
// row carries n, so a row is "whole" exactly when all its fields name the same n.

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace tokenpass::crash {

struct NumberedGrant
{
    QString host;
    QStringList scopes;
    QString identity;
    QString icon;
};

constexpr int kTokenHosts = 5;
constexpr int kProfileSites = 3;

inline NumberedGrant grantFor(long n)
{
    return {QStringLiteral("h%1.example").arg(n % kTokenHosts),
            {QStringLiteral("sign"), QStringLiteral("n%1").arg(n)},
            QStringLiteral("id-%1").arg(n),
            QStringLiteral("icon-%1").arg(n)};
}

inline QJsonObject profileFor(long n)
{
    return {{QStringLiteral("displayName"), QStringLiteral("v%1").arg(n)},
            {QStringLiteral("paymail"), QStringLiteral("u%1@example.com").arg(n)},
            {QStringLiteral("logo"), QStringLiteral("https://example.com/%1.png").arg(n)}};
}

inline QString siteFor(long n)
{
    return QStringLiteral("site%1").arg(n % kProfileSites);
}

inline QString walletLabel(long n)
{
    return QStringLiteral("Wallet %1").arg(n);
}

// The n all fields name, or -1 when a field is missing or they disagree (a torn row).
inline long rowNumber(const QStringList& fields)
{
    static const QRegularExpression digits(QStringLiteral("\\d+"));
    long n = -1;
    for (const QString& field : fields) {
        const auto match = digits.match(field);
        if (!match.hasMatch())
            return -1;
        const long value = match.captured().toLong();
        if (n != -1 && value != n)
            return -1;
        n = value;
    }
    return n;
}

} // namespace tokenpass::crash
