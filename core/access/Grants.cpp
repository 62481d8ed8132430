#include "access/Grants.h"

#include "access/AccessTokens.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace tokenpass::access {

namespace {
QString policyName(SigningPolicy policy)
{
    return policy == SigningPolicy::Allow ? QStringLiteral("allow") : QStringLiteral("ask");
}

Grant grantFrom(const QSqlQuery& q)
{
    Grant g;
    g.host = q.value(0).toString();
    for (const auto& v : QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array())
        g.scopes << v.toString();
    g.duration = q.value(2).toString();
    // Anything but an explicit "allow" asks: a damaged row must not silently allow signing.
    g.policy =
        q.value(3).toString() == QLatin1String("allow") ? SigningPolicy::Allow : SigningPolicy::AskEveryTime;
    g.identity = q.value(4).toString();
    g.createdMs = q.value(5).toLongLong();
    g.expiresMs = q.value(6).toLongLong();
    return g;
}

const QString kColumns = QStringLiteral("host, scopes, duration, policy, identity, created_ms, expires_ms");
} // namespace

Grants::Grants(std::shared_ptr<store::Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

Result<Grant> Grants::save(Grant grant)
{
    const auto duration = AccessTokens::durationMs(grant.duration);
    if (!duration)
        return Result<Grant>::fail(QStringLiteral("Unknown duration \"%1\"").arg(grant.duration));
    if (grant.host.isEmpty())
        return Result<Grant>::fail(QStringLiteral("Host is required"));
    grant.createdMs = m_clock.nowMs();
    grant.expiresMs = *duration == 0 ? 0 : grant.createdMs + *duration;

    QSqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO grants (%1) VALUES (?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
    q.addBindValue(grant.host);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(grant.scopes)).toJson(QJsonDocument::Compact)));
    q.addBindValue(grant.duration);
    q.addBindValue(policyName(grant.policy));
    q.addBindValue(grant.identity);
    q.addBindValue(grant.createdMs);
    q.addBindValue(grant.expiresMs);
    if (!q.exec())
        return Result<Grant>::fail(
            QStringLiteral("Cannot store the grant in %1").arg(m_database->filePath()));
    return Result<Grant>::ok(std::move(grant));
}

std::optional<Grant> Grants::find(const QString& host) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM grants WHERE host = ?").arg(kColumns));
    q.addBindValue(host);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Grant g = grantFrom(q);
    if (g.expiresMs != 0 && g.expiresMs < m_clock.nowMs())
        return std::nullopt;
    return g;
}

bool Grants::remove(const QString& host)
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM grants WHERE host = ?"));
    q.addBindValue(host);
    return q.exec() && q.numRowsAffected() > 0;
}

int Grants::removeAll()
{
    QSqlQuery q(m_database->connection());
    return q.exec(QStringLiteral("DELETE FROM grants")) ? q.numRowsAffected() : 0;
}

QList<Grant> Grants::list() const
{
    QList<Grant> out;
    QSqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT %1 FROM grants ORDER BY host").arg(kColumns))) {
        while (q.next())
            out << grantFrom(q);
    }
    return out;
}

} // namespace tokenpass::access
