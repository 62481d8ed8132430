#pragma once

#include "Clock.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::oauth {

// An OAuth client as the Connected sites window lists it (issue 16 item 4).
struct ConnectedClient
{
    QString clientId;
    QString name; // client_name as registered (nobody verified it), else the client_id
    qint64 lastUsedMs = 0;
    QStringList scopes;  // of its newest live token family, else of its consent
    QString identityKey; // the BAP id its tokens speak for; empty without one
    QString subject;     // the tokens' sub (the address when there is no BAP id)
};

// The clients that are connected: those holding a consent (the grant of "oauth:<client_id>") or
// a token family that is neither revoked nor past its absolute expiry. A client that only
// registered is not connected. Read-only; thread-safe (one database connection per thread).
class ConnectedClients
{
public:
    explicit ConnectedClients(std::shared_ptr<store::Database> db, const Clock& clock = Clock::system());

    QList<ConnectedClient> list() const;

private:
    std::shared_ptr<store::Database> m_db;
    const Clock& m_clock;
};

// What Provider::revokeClient took away, for the audit log and the tests.
struct ClientRevocation
{
    QString clientId;
    int families = 0;     // token families that were live
    int accessTokens = 0; // access-token jti's that had not expired
    int codes = 0;        // authorization codes not redeemed yet
    int deviceCodes = 0;  // open device codes
    int consentForms = 0; // open headless consent forms
    bool consentRemoved = false;
    bool complete = true; // false when a storage step failed (the audit entry says so)

    QString summary() const; // the audit detail (a description, never a token)
};

} // namespace tokenpass::oauth
