#include "oauth/ConnectedClients.h"

#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "oauth/Grant.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

#include <algorithm>

namespace tokenpass::oauth {

ConnectedClients::ConnectedClients(std::shared_ptr<store::Database> db, const Clock& clock)
    : m_db(std::move(db)), m_clock(clock)
{}

QList<ConnectedClient> ConnectedClients::list() const
{
    // At most ClientRegistry::kMaxClients clients: a query per client is cheap enough.
    QList<ConnectedClient> out;
    store::SqlConnection db = m_db->connection();
    store::SqlQuery clients(db);
    if (!clients.exec(QStringLiteral("SELECT client_id, metadata, last_used_ms FROM oauth_clients")))
        return out;
    const access::Grants grants(m_db, m_clock);
    const qint64 now = m_clock.nowMs();
    while (clients.next()) {
        ConnectedClient c;
        c.clientId = clients.value(0).toString();
        c.name = QJsonDocument::fromJson(clients.value(1).toString().toUtf8())
                     .object()
                     .value(QStringLiteral("client_name"))
                     .toString();
        if (c.name.isEmpty())
            c.name = c.clientId;
        c.lastUsedMs = clients.value(2).toLongLong();

        store::SqlQuery family(db);
        family.prepare(QStringLiteral("SELECT grant_json FROM oauth_families WHERE client_id = ? AND "
                                      "revoked_ms = 0 AND absolute_expires_ms > ? ORDER BY created_ms DESC "
                                      "LIMIT 1"));
        family.addBindValue(c.clientId);
        family.addBindValue(now);
        const bool hasFamily = family.exec() && family.next();
        const auto consent = grants.find(access::oauthHostPrefix() + c.clientId);
        if (!hasFamily && !consent)
            continue;
        if (hasFamily) {
            const Grant g =
                Grant::fromJson(QJsonDocument::fromJson(family.value(0).toString().toUtf8()).object());
            c.scopes = g.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            c.identityKey = g.identity.bapId;
            c.subject = g.identity.sub;
        } else {
            c.scopes = consent->scopes;
            c.identityKey = consent->identity;
        }
        out << c;
    }
    std::sort(out.begin(), out.end(),
              [](const ConnectedClient& a, const ConnectedClient& b) { return a.lastUsedMs > b.lastUsedMs; });
    return out;
}

QString ClientRevocation::summary() const
{
    QString text = QStringLiteral("%1 token families, %2 access tokens, %3 codes, %4 device codes revoked")
                       .arg(families)
                       .arg(accessTokens)
                       .arg(codes)
                       .arg(deviceCodes);
    if (consentRemoved)
        text += QStringLiteral("; consent removed");
    if (!complete)
        text += QStringLiteral("; a storage step failed");
    return text;
}

} // namespace tokenpass::oauth
