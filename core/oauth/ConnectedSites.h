#pragma once

#include "Clock.h"
#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "oauth/ConnectedClients.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::oauth {

// One connected site or app, as the Connected sites window lists it: a host that holds an
// /api/auth token or a grant (issue 6), or a connected OAuth client under its grant host
// "oauth:<client_id>" (issue 16 item 4).
struct ConnectedSite
{
    QString host;
    std::optional<access::TokenRecord> token;
    std::optional<access::Grant> grant;
    std::optional<ConnectedClient> client;

    QString identity() const;   // the BAP id it speaks for; empty without one
    QStringList scopes() const; // a client's, else the token's, else the grant's
    qint64 lastUsedMs() const;  // 0: never
};

// The connected sites and apps, and revoking a site (one rule for the sites window and the MCP
// tool revoke_site). Revoking an OAuth client is Provider::revokeClient, where the provider lives.
// Thread-safe (one database connection per thread, shared token and grant caches).
class ConnectedSites
{
public:
    explicit ConnectedSites(std::shared_ptr<store::Database> db, const Clock& clock = Clock::system());

    // Sorted by host. A host can have a token without a grant (password-based /api/auth) or a
    // grant whose token has expired: both are listed. An "oauth:" grant is listed with its client.
    QList<ConnectedSite> list() const;
    std::optional<ConnectedSite> find(const QString& host) const;

    // A site (never an "oauth:" host): its token first (from this moment the site is out), then
    // its grant and spending allowance; recorded in the audit log with `how` ("revoked from the
    // sites window", ...). False when it had neither token nor grant.
    bool revokeSite(const QString& host, const QString& how);

private:
    std::shared_ptr<store::Database> m_db;
    const Clock& m_clock;
};

} // namespace tokenpass::oauth
