#pragma once

#include "Clock.h"
#include "oauth/Grant.h"
#include "oauth/OAuthError.h"

#include <QString>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::oauth {

// Token families (OAUTH.md §1.5, §5.2 rules 4–6; BCP 9700 §4.14): every code redemption starts
// one; its refresh tokens rotate on each use, and every access token's jti is recorded with it.
// Presenting a used refresh token, or a used code, revokes the whole family: its refresh tokens
// stop working and its access tokens count as revoked (accessTokenRevoked). Refresh tokens are
// 256-bit random and stored as SHA-256 only. Thread-safe (one database connection per thread).
class TokenFamilies
{
public:
    static constexpr qint64 kRefreshSlidingMs = 30LL * 24 * 3600 * 1000;  // OAUTH.md §2.4
    static constexpr qint64 kRefreshAbsoluteMs = 90LL * 24 * 3600 * 1000; // OAUTH.md §2.4

    TokenFamilies(std::shared_ptr<store::Database> db, const Clock& clock);

    // A new family for a redeemed code; empty on a storage failure.
    QString start(const Grant& grant);
    // A new refresh token in the family; empty on a storage failure.
    QString issueRefreshToken(const QString& familyId);
    void recordAccessToken(const QString& jti, const QString& familyId, qint64 expiresMs);

    struct Rotated
    {
        QString familyId;
        Grant grant;
        QString refreshToken; // the new one; the presented one is spent
    };
    // The refresh grant. `resource` may be empty (then the family's); a different one is
    // invalid_target. Unknown, expired, spent (which revokes the family), revoked or another
    // client's token: invalid_grant.
    OAuthResult<Rotated> rotate(const QString& refreshToken, const QString& clientId,
                                const QString& resource);

    void revokeFamily(const QString& familyId);
    // Part of Provider::revokeClient: every family of `clientId` is revoked (its refresh tokens
    // answer invalid_grant) and every jti recorded for them forgotten (their access tokens are
    // refused at once). Counts what was live; nullopt on a storage failure.
    struct ClientTokens
    {
        int families = 0;     // not revoked before
        int accessTokens = 0; // not expired before
    };
    std::optional<ClientTokens> revokeClient(const QString& clientId);
    // RFC 7009: a refresh token of `clientId` revokes its family; anything else does nothing.
    void revokeRefreshToken(const QString& refreshToken, const QString& clientId);
    // An access token's jti is forgotten, so accessTokenRevoked() says yes until it expires.
    void revokeAccessToken(const QString& jti);
    // True if the jti is unknown or its family was revoked (deny by default).
    bool accessTokenRevoked(const QString& jti) const;

private:
    void forgetLiveTokens();

    std::shared_ptr<store::Database> m_db;
    const Clock& m_clock;
    // Access tokens seen live (every /mcp and userinfo call asks), shared by every TokenFamilies on
    // the same database and emptied by every revocation, which all go through this class.
    struct Cache;
    std::shared_ptr<Cache> m_cache;
};

} // namespace tokenpass::oauth
