#pragma once

#include "ApiErrors.h"
#include "ApiTypes.h"

#include <QList>
#include <QString>

#include <functional>

namespace tokenpass::server {

struct ServerState;

// Who may call a route from a browser (API.md decision 4).
enum class OriginAccess
{
    AnyOrigin,     // token endpoints: reflected CORS for any Origin
    TrustedOrigin, // password / wallet management: native callers and whitelisted origins only
};

// How the body is read (decision 3, §1.5).
enum class BodyMode
{
    None,          // ignored
    Json,          // a JSON object
    JsonOrSession, // a JSON object, or {"ciphertext":hex} BRC-78 to the session key
    AuthJson,      // /api/auth: decrypted only if it has a ciphertext and no host (§1.5)
};

struct Route
{
    using Handler = std::function<void(const ApiRequest&, const Reply&)>;

    QByteArray method;
    QString path;
    OriginAccess access = OriginAccess::AnyOrigin;
    BodyMode body = BodyMode::None;
    QString rateLimitKey; // §1.4; empty: none (auth limits in its handler)
    ApiError rateLimitError = ApiError::TooManyLogin;
    Handler handler;
    // The largest body this route takes (decision 3: 1 MiB). A route that needs more sets it here,
    // where it is registered; the connection guard refuses a larger one before reading it.
    qsizetype maxBodyBytes = 1024 * 1024;
};

// The request guard and the route table. Every request passes, in this order (API.md decisions):
// Host (421), body size (413), trailing slash (308), route lookup (404/405/503), Origin policy and
// CORS (403, OPTIONS 204), rate limit (429), body parse and session decryption (400), then the
// handler (lock, validation, token). Every response gets no-store and nosniff.
class Router
{
public:
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024; // decision 3, for paths without a route
    // Body members that hold secrets (passwords, seed phrases, plaintext backups). After parsing,
    // their string values in ApiRequest::json are replaced by a placeholder of the same emptiness,
    // so validation messages stay exact while no QString copy of the secret lives on; handlers
    // read the real value with support::secretField (crypto::JsonSecret).
    static const QStringList& secretFields();

    explicit Router(ServerState& state) : m_state(state) {}

    void add(Route route);
    void dispatch(ApiRequest request, compat::HeldResponder responder);

    // The body cap for a request line: its route's maxBodyBytes, kMaxBodyBytes for unknown routes.
    // `target` is the raw request-target, as the connection guard sees it.
    qsizetype bodyCap(QByteArrayView method, QByteArrayView target) const;

    // Guard pieces, public for unit tests.
    static bool hostAllowed(const QByteArray& hostHeader, quint16 port);

private:
    const Route* find(const QByteArray& method, const QString& path, bool* pathKnown) const;
    bool readBody(ApiRequest& request, BodyMode mode, ApiResponse* error) const;
    bool decryptSessionBody(ApiRequest& request, ApiResponse* error) const;

    ServerState& m_state;
    QList<Route> m_routes;
};

} // namespace tokenpass::server
