#include "oauth/ConnectedSites.h"

#include "access/Gatekeeper.h"
#include "store/AuditLog.h"
#include "store/SpendingAllowances.h"

#include <QMap>

namespace tokenpass::oauth {

QString ConnectedSite::identity() const
{
    return client ? client->identityKey : token ? token->identity : grant ? grant->identity : QString();
}

QStringList ConnectedSite::scopes() const
{
    return client ? client->scopes : token ? token->scopes : grant ? grant->scopes : QStringList();
}

qint64 ConnectedSite::lastUsedMs() const
{
    return client ? client->lastUsedMs : token ? token->lastUsedMs : 0;
}

ConnectedSites::ConnectedSites(std::shared_ptr<store::Database> db, const Clock& clock)
    : m_db(std::move(db)), m_clock(clock)
{}

QList<ConnectedSite> ConnectedSites::list() const
{
    const access::AccessTokens tokens(m_db);
    const access::Grants grants(m_db, m_clock);
    QMap<QString, ConnectedSite> byHost;
    for (const access::TokenRecord& token : tokens.list()) {
        ConnectedSite& site = byHost[token.host];
        site.host = token.host;
        site.token = token;
    }
    for (const access::Grant& grant : grants.list()) {
        if (access::isOAuthClientHost(grant.host))
            continue; // listed with its client below, if the client is connected
        ConnectedSite& site = byHost[grant.host];
        site.host = grant.host;
        site.grant = grant;
    }
    for (const ConnectedClient& client : ConnectedClients(m_db, m_clock).list()) {
        const QString host = access::oauthHostPrefix() + client.clientId;
        ConnectedSite& site = byHost[host];
        site.host = host;
        site.client = client;
        site.grant = grants.find(host);
    }
    return byHost.values();
}

std::optional<ConnectedSite> ConnectedSites::find(const QString& host) const
{
    for (const ConnectedSite& site : list())
        if (site.host == host)
            return site;
    return std::nullopt;
}

bool ConnectedSites::revokeSite(const QString& host, const QString& how)
{
    if (host.isEmpty() || access::isOAuthClientHost(host))
        return false;
    const bool tokenGone = access::AccessTokens(m_db).revokeHost(host);
    const bool grantGone = access::Grants(m_db, m_clock).remove(host);
    (void)store::SpendingAllowances(m_db, m_clock).forget(host);
    (void)store::AuditLog(m_db).append(host, store::AuditOperation::Revoke, store::AuditResult::Allowed, how);
    return tokenGone || grantGone;
}

} // namespace tokenpass::oauth
