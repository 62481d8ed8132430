#pragma once

#include "Clock.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::access {

// The identity value of "a private identity for this app" (OAUTH.md "Decided"): the key of host
// "oauth:<client_id>", derived like the per-host keys of /api/auth. A BAP idKey never has a ':'.
inline QString privateIdentityFor(const QString& clientId)
{
    return QStringLiteral("private:") + clientId;
}
inline bool isPrivateIdentity(const QString& identity)
{
    return identity.startsWith(QLatin1String("private:"));
}
inline QString privateIdentityClient(const QString& identity)
{
    return isPrivateIdentity(identity) ? identity.mid(8) : QString();
}

// An OAuth consent the person asked TokenPass to remember (OAUTH.md §5.2 rule 7: "remembered only
// if the user ticks remember"): one per client.
struct RememberedConsent
{
    QString clientId;
    QStringList scopes; // sorted
    QString identity;   // BAP idKey, or privateIdentityFor(someClient)
    qint64 createdMs = 0;
};

// A private identity used before, and the client name it was used with.
struct PrivateIdentity
{
    QString identity; // privateIdentityFor(clientId)
    QString clientId;
    QString clientName;
};

// The remembered OAuth consents and the private identities (schema v6). Storage only: whether a
// remembered consent covers a request is the Gatekeeper's rule. Thread-safe (one SQLite
// connection per thread).
class OAuthConsents
{
public:
    OAuthConsents(std::shared_ptr<store::Database> database, const Clock& clock = Clock::system());

    // Records (or replaces) the client's remembered consent.
    Result<bool> remember(const QString& clientId, QStringList scopes, const QString& identity);
    std::optional<RememberedConsent> find(const QString& clientId) const;
    bool forget(const QString& clientId);

    // A private identity was chosen for the first time (kept: the name it was first used with).
    Result<bool> notePrivateIdentity(const QString& clientId, const QString& clientName);
    QList<PrivateIdentity> privateIdentities() const; // oldest first

private:
    std::shared_ptr<store::Database> m_database;
    const Clock& m_clock;
};

} // namespace tokenpass::access
