#pragma once

#include "Clock.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::access {

// The outcome codes of API.md §1.6 / §2.8. The numbers are part of the wire format.
enum class TokenStatus
{
    Valid = 0,
    NoToken = 2,      // "Please provide an access token in the Authorization header."
    InvalidToken = 3, // unknown, revoked, or used from another origin (decision 4)
    Expired = 5,
    MissingScopes = 6,
};

struct TokenRecord
{
    QString host;
    QString origin; // the Origin that asked for it, empty for native clients
    QStringList scopes;
    QString identity; // BAP id
    QString icon;
    qint64 createdMs = 0;
    qint64 expiresMs = 0; // 0 = never
    qint64 lastUsedMs = 0;
};

struct TokenCheck
{
    TokenStatus status = TokenStatus::InvalidToken;
    TokenRecord record;        // filled when the token was found
    QStringList missingScopes; // for MissingScopes, in the order they were required
};

struct IssuedToken
{
    QString token; // the UUID, shown to the client once and never stored
    TokenRecord record;
};

// Access tokens (API.md §3, decision 7): random UUID v4s of which only the SHA-256 is kept.
// One token per host: issuing again replaces the previous one.
//
// Every API call validates a token, so the records found in the database are kept in memory by
// their hash, shared by every AccessTokens on the same Database: a revoke through any of them
// (the sites window, DELETE /api/auth) drops the record for all at once. The time of use is
// recorded in memory and written in batches by flush(); list() flushes first.
class AccessTokens
{
public:
    AccessTokens(std::shared_ptr<store::Database> database, const Clock& clock = Clock::system());
    ~AccessTokens();

    // "once" (10 s), "1h", "1d", "1w", "1m" (30 days) or "forever" (0); nullopt for anything else.
    static std::optional<qint64> durationMs(QStringView expiry);
    // The token in an Authorization header: "<uuid>" or "Bearer <uuid>" (API.md §2.8).
    static QString extractToken(QStringView authorizationHeader);
    // The host[:port] of an Origin such as "https://example.com:8443"; empty if it has none.
    static QString originHost(const QString& origin);

    Result<IssuedToken> issue(const QString& host, const QStringList& scopes, QStringView expiry,
                              const QString& identity, const QString& icon, const QString& origin);

    // Checks the token of an Authorization header. With a browser Origin, the token must belong to
    // that origin's host (decision 4). A valid check records the time of use.
    TokenCheck validate(QStringView authorizationHeader, const QStringList& requiredScopes,
                        const QString& requestOrigin = QString());

    // Looks up the record of an Authorization header's token without judging it: no origin,
    // expiry or scope check, and the time of use is not recorded (DELETE /api/auth revokes expired
    // tokens too). Status is NoToken, InvalidToken (unknown) or Valid (found).
    TokenCheck find(QStringView authorizationHeader) const;

    // The value says whether a token was removed; a failed write is a failure (disk full, ...).
    Result<bool> revokeByToken(QStringView authorizationHeader);
    bool revokeHost(const QString& host);
    int revokeAll();
    QList<TokenRecord> list() const;

    // Writes the recorded times of use (one transaction, this thread's connection). Returns how
    // many tokens were updated.
    int flush() const;
    int pendingCount() const;

    struct Cache;

private:
    std::optional<TokenRecord> lookup(const QByteArray& hash) const;
    void forget(const std::function<bool(const QByteArray& hash, const TokenRecord&)>& which);

    std::shared_ptr<store::Database> m_database;
    const Clock& m_clock;
    std::shared_ptr<Cache> m_cache;
};

} // namespace tokenpass::access
