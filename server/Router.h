#pragma once

#include "ApiErrors.h"
#include "ApiTypes.h"

#include <QList>
#include <QString>

#include <utility>

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

// One row of the route table (RouteTable.cpp), written with the builder below:
//   Route::post("/api/login").trustedOriginsOnly().withBody(BodyMode::JsonOrSession)
//       .rateLimited("login", ApiError::TooManyLogin).handledBy(&WalletRoutes::login)
struct Route
{
    // Plain functions: the table holds no state, the Router passes its ServerState to each call.
    using Handler = void (*)(ServerState& state, const ApiRequest& request, const Reply& reply);

    static Route get(const char* path) { return Route("GET", path); }
    static Route head(const char* path) { return Route("HEAD", path); }
    static Route post(const char* path) { return Route("POST", path); }
    static Route remove(const char* path) { return Route("DELETE", path); }

    // Decision 4: password and wallet management refuse browser origins unless whitelisted.
    Route trustedOriginsOnly() const
    {
        return with([](Route& r) { r.access = OriginAccess::TrustedOrigin; });
    }
    Route withBody(BodyMode mode) const
    {
        return with([mode](Route& r) { r.body = mode; });
    }
    // §1.4; routes without one have no limit here (auth counts in its handler).
    Route rateLimited(const char* key, ApiError error) const
    {
        return with([key, error](Route& r) {
            r.rateLimitKey = QString::fromLatin1(key);
            r.rateLimitError = error;
        });
    }
    // A route that takes more than decision 3's 1 MiB says so here; the connection guard refuses
    // a larger body before reading it.
    Route maxBody(qsizetype bytes) const
    {
        return with([bytes](Route& r) { r.maxBodyBytes = bytes; });
    }
    Route handledBy(Handler h) const
    {
        return with([h](Route& r) { r.handler = h; });
    }

    QByteArray method;
    QString path;
    OriginAccess access = OriginAccess::AnyOrigin;
    BodyMode body = BodyMode::None;
    QString rateLimitKey; // empty: none
    ApiError rateLimitError = ApiError::TooManyLogin;
    Handler handler = nullptr;
    qsizetype maxBodyBytes = 1024 * 1024;

private:
    Route(const char* m, const char* p) : method(m), path(QString::fromLatin1(p)) {}
    template <typename Change> Route with(Change change) const
    {
        Route copy = *this;
        change(copy);
        return copy;
    }
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

    // Serves `routes` (routeTable() in the server, RouteTable.h) with `state`.
    Router(ServerState& state, QList<Route> routes) : m_state(state), m_routes(std::move(routes)) {}

    void dispatch(ApiRequest request, Responder responder);

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
