#pragma once

#include "Clock.h"
#include "oauth/OAuthError.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::oauth {

// A registered public client (RFC 7591).
struct Client
{
    QString clientId;
    QJsonObject metadata; // as registered and echoed, without client_id / client_id_issued_at
    qint64 createdMs = 0;

    QStringList redirectUris() const;
    bool allowsGrant(const QString& grantType) const;
    QString name() const; // client_name, or the client_id when none was given
};

// Dynamic client registration (RFC 7591, OAUTH.md §1.4) and the clients it made, in SQLite.
// At most kMaxClients are kept: registering one more evicts the least recently used.
// Thread-safe (one database connection per thread).
class ClientRegistry
{
public:
    static constexpr int kMaxClients = 100;
    static constexpr int kMaxTextLength = 2048;

    ClientRegistry(std::shared_ptr<store::Database> db, const Clock& clock);

    // Validates `request` and stores the client. The answer is the 201 body: client_id,
    // client_id_issued_at and every registered value. Errors: invalid_redirect_uri,
    // invalid_client_metadata (400).
    OAuthResult<QJsonObject> registerClient(const QJsonObject& request);
    std::optional<Client> find(const QString& clientId) const;
    void touch(const QString& clientId);
    // A resource check accepted one of the client's access tokens: its last use moves on, written
    // at most once per kUseResolutionMs (a busy MCP client does not write on every call).
    static constexpr qint64 kUseResolutionMs = 60 * 1000;
    void noteUse(const QString& clientId);
    int count() const;

private:
    OAuthResult<QJsonObject> validate(const QJsonObject& request) const;

    std::shared_ptr<store::Database> m_db;
    const Clock& m_clock;
    // Registered clients (metadata never changes) and when this process last noted each one's use,
    // shared by every registry on the same database: every MCP call looks its client up.
    struct Cache;
    std::shared_ptr<Cache> m_cache;
};

} // namespace tokenpass::oauth
