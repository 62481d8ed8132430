#include "access/OAuthConsents.h"

#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace tokenpass::access {

namespace {
QString notNull(const QString& text)
{
    return text.isNull() ? QString(QLatin1String("")) : text;
}
} // namespace

OAuthConsents::OAuthConsents(std::shared_ptr<store::Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

Result<bool> OAuthConsents::remember(const QString& clientId, QStringList scopes, const QString& identity)
{
    if (clientId.isEmpty())
        return Result<bool>::fail(QStringLiteral("Client is required"));
    scopes.removeDuplicates();
    scopes.sort();
    store::SqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO oauth_consents (client_id, scopes, identity, created_ms) "
                       "VALUES (?, ?, ?, ?)"));
    q.addBindValue(clientId);
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(scopes)).toJson(QJsonDocument::Compact)));
    q.addBindValue(notNull(identity)); // the primary is "" (a null QString would bind NULL)
    q.addBindValue(m_clock.nowMs());
    if (!q.exec())
        return store::writeFailed<bool>(
            QStringLiteral("Cannot store the consent in %1").arg(m_database->filePath()), q.lastError(),
            m_database->filePath());
    return Result<bool>::ok(true);
}

std::optional<RememberedConsent> OAuthConsents::find(const QString& clientId) const
{
    store::SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT scopes, identity, created_ms FROM oauth_consents WHERE client_id = ?"));
    q.addBindValue(clientId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    RememberedConsent c;
    c.clientId = clientId;
    for (const auto& v : QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array())
        c.scopes << v.toString();
    c.identity = q.value(1).toString();
    c.createdMs = q.value(2).toLongLong();
    return c;
}

bool OAuthConsents::forget(const QString& clientId)
{
    store::SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM oauth_consents WHERE client_id = ?"));
    q.addBindValue(clientId);
    return q.exec() && q.numRowsAffected() > 0;
}

Result<bool> OAuthConsents::notePrivateIdentity(const QString& clientId, const QString& clientName)
{
    store::SqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO oauth_private_identities (client_id, client_name, first_ms) "
                       "VALUES (?, ?, ?)"));
    q.addBindValue(clientId);
    q.addBindValue(notNull(clientName));
    q.addBindValue(m_clock.nowMs());
    if (!q.exec())
        return store::writeFailed<bool>(
            QStringLiteral("Cannot store the identity in %1").arg(m_database->filePath()), q.lastError(),
            m_database->filePath());
    return Result<bool>::ok(true);
}

QList<PrivateIdentity> OAuthConsents::privateIdentities() const
{
    QList<PrivateIdentity> out;
    store::SqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral(
            "SELECT client_id, client_name FROM oauth_private_identities ORDER BY first_ms, client_id"))) {
        while (q.next())
            out.append(
                {privateIdentityFor(q.value(0).toString()), q.value(0).toString(), q.value(1).toString()});
    }
    return out;
}

} // namespace tokenpass::access
