#pragma once

#include "Clock.h"
#include "oauth/OAuthError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace tokenpass::oauth {

struct Client;

// What a token or revocation request brings for client authentication: the X-Auth-Token header
// (empty when absent), the path actually requested (an alias counts as itself, OAUTH.md §5) and
// the body exactly as received.
struct ClientCredentials
{
    QString authToken;
    QString requestPath;
    QByteArray rawBody;
};

// The sigma member-key client authentication, `bitcoin_auth` (OAUTH.md §2.3), with the fixes the
// spec asks for over the reference provider:
// - the bitcoin-auth token is verified strictly (wallet::BitcoinAuth::verifyStrict): its timestamp
//   within ±5 min of now, its path the requested one, and for BRC-77 the signer embedded in the
//   signature equal to the token's pubkey;
// - the token's pubkey must be the client's registered member_pubkey;
// - the signature is checked over the raw body first, then over its canonical re-encoding
//   (URLSearchParams.toString() of the same pairs, which is what the sigma client signs);
// - every accepted signature is remembered until it can no longer be fresh, and a second use is
//   refused. The memory is bounded: when it is full, requests are refused (temporarily_unavailable)
//   rather than an entry forgotten early, so no replay can slip through.
// Thread-safe.
class MemberKeyAuth
{
public:
    static constexpr qint64 kWindowMs = 5 * 60 * 1000;
    static constexpr int kDefaultCapacity = 4096;

    explicit MemberKeyAuth(const Clock& clock, int capacity = kDefaultCapacity);

    // Authenticates a request from `client`. Clients registered with "none" pass unchecked.
    // invalid_client (401) for a missing, malformed, stale, future, foreign or replayed token or a
    // signature that covers another body; temporarily_unavailable (503) when the memory is full.
    OAuthResult<bool> authenticate(const Client& client, const ClientCredentials& credentials);

    // The form body re-encoded as WHATWG URLSearchParams serializes it (pairs kept in order;
    // unreserved "*-._" and alphanumerics as they are, space as '+', the rest %XX upper case).
    // nullopt when the body is not a form.
    static std::optional<QByteArray> canonicalForm(QByteArrayView rawBody);

    int remembered() const;

private:
    void prune(qint64 nowMs); // m_mutex held

    const Clock& m_clock;
    const int m_capacity;
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_seen; // pubkey|signature -> when it stops being fresh (ms)
};

} // namespace tokenpass::oauth
