#pragma once

#include "Clock.h"
#include "oauth/Grant.h"
#include "oauth/OAuthError.h"

#include <QString>

#include <memory>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::oauth {

class TokenFamilies;

// Authorization codes (OAUTH.md §5.2 rule 4): 256-bit random, stored as SHA-256 only, single
// use, 60 s, bound to the whole Grant (client, redirect_uri, S256 challenge, resource, scope,
// nonce, identity). A second presentation is invalid_grant and revokes every token issued from
// the code (RFC 6749 §4.1.2). Thread-safe (one database connection per thread).
class AuthorizationCodes
{
public:
    static constexpr qint64 kLifetimeMs = 60 * 1000;

    AuthorizationCodes(std::shared_ptr<store::Database> db, const Clock& clock);

    // The code to send to the redirect_uri; empty on a storage failure.
    QString issue(const Grant& grant);

    struct Redeemed
    {
        Grant grant;
        QByteArray codeHash; // for attachFamily
    };
    // The code grant's checks, in this order: known, not used before (else the tokens it gave are
    // revoked through `families`), not expired, same client, same redirect_uri, the PKCE verifier,
    // and `resource` empty or equal. The code is spent by any presentation that reaches the
    // client check, right or wrong, so a stolen code cannot be tried twice.
    OAuthResult<Redeemed> redeem(const QString& code, const QString& clientId, const QString& redirectUri,
                                 const QString& codeVerifier, const QString& resource,
                                 TokenFamilies& families);
    // Remembers the family a redemption started, so a replay of the code can revoke it.
    void attachFamily(const QByteArray& codeHash, const QString& familyId);
    // Part of Provider::revokeClient: the client's codes not redeemed yet are deleted (a later
    // presentation is an unknown code). How many; -1 on a storage failure.
    int forgetUnused(const QString& clientId);

private:
    std::shared_ptr<store::Database> m_db;
    const Clock& m_clock;
};

} // namespace tokenpass::oauth
