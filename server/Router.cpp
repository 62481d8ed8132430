#include "Router.h"

#include "RateLimiter.h"
#include "ServerState.h"
#include "crypto/Brc78.h"
#include "crypto/Encoding.h"
#include "crypto/JsonSecret.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QScopeGuard>
#include <QUrl>

namespace tokenpass::server {

namespace {

const QByteArray kAllowMethods = QByteArrayLiteral("GET, POST, DELETE, OPTIONS");
const QByteArray kAllowHeaders = QByteArrayLiteral("Content-Type, Authorization, X-Session-Key");

bool isApiPath(const QString& path)
{
    return path == QLatin1String("/api") || path.startsWith(QLatin1String("/api/"));
}

// API.md §1.3: the CORS headers v0.0.8 adds under /api, with the Origin reflected only once the
// origin has passed our policy (decision 4).
HeaderList corsHeaders(const QString& allowedOrigin)
{
    HeaderList h;
    if (!allowedOrigin.isEmpty()) {
        h.append({QByteArrayLiteral("Access-Control-Allow-Origin"), allowedOrigin.toUtf8()});
        h.append({QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true")});
    }
    h.append({QByteArrayLiteral("Access-Control-Allow-Methods"), kAllowMethods});
    h.append({QByteArrayLiteral("Access-Control-Allow-Headers"), kAllowHeaders});
    h.append({QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("86400")});
    h.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
    return h;
}

} // namespace

const QStringList& Router::secretFields()
{
    static const QStringList fields{QStringLiteral("password"), QStringLiteral("mnemonic"),
                                    QStringLiteral("content")};
    return fields;
}

namespace {

// The body parsed with the secret members redacted in the text first, so the QJsonObject never
// holds a password (it would free it unwiped).
QJsonDocument parseRedacted(QByteArrayView text, QJsonParseError* error)
{
    static const QList<QByteArray> names = [] {
        QList<QByteArray> latin1;
        for (const QString& key : Router::secretFields())
            latin1.append(key.toLatin1());
        return latin1;
    }();
    QList<QByteArrayView> keys;
    for (const QByteArray& name : names)
        keys.append(name);
    return crypto::JsonSecret::parseRedacted(text, keys, error);
}

void redactSecrets(QJsonObject& json)
{
    for (const QString& key : Router::secretFields()) {
        const auto it = json.find(key);
        if (it == json.end() || !it->isString())
            continue;
        *it = it->toString().isEmpty() ? QString() : QStringLiteral("*");
    }
}

} // namespace

qsizetype Router::bodyCap(QByteArrayView method, QByteArrayView target) const
{
    // The path as the HTTP server will hand it over (QUrl::fromEncoded decodes it the same way there,
    // ServerWorker.cpp).
    QString path = QUrl::fromEncoded(target.toByteArray()).path();
    if (path.isEmpty())
        path = QStringLiteral("/");
    bool known = false;
    const Route* route = find(method.toByteArray(), path, &known);
    return route ? route->maxBodyBytes : kMaxBodyBytes;
}

bool Router::hostAllowed(const QByteArray& hostHeader, quint16 port)
{
    // Decision 2 (DNS rebinding): only our loopback names, with our port.
    const QByteArray host = hostHeader.trimmed().toLower();
    QByteArray name;
    QByteArray portText;
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close < 0)
            return false;
        name = host.left(close + 1);
        const QByteArray rest = host.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(':'))
                return false;
            portText = rest.mid(1);
        }
    } else {
        const qsizetype colon = host.indexOf(':');
        name = colon < 0 ? host : host.left(colon);
        if (colon >= 0)
            portText = host.mid(colon + 1);
    }
    if (name != "localhost" && name != "127.0.0.1" && name != "[::1]")
        return false;
    if (portText.isEmpty())
        return port == 80; // no port in Host means 80
    bool ok = false;
    const uint given = portText.toUInt(&ok, 10);
    return ok && given == port && portText.size() <= 5 && portText.at(0) != '+';
}

const Route* Router::find(const QByteArray& method, const QString& path, bool* pathKnown) const
{
    *pathKnown = false;
    for (const Route& route : m_routes) {
        if (route.path != path)
            continue;
        *pathKnown = true;
        if (route.method == method)
            return &route;
    }
    return nullptr;
}

void Router::dispatch(ApiRequest request, Responder responder)
{
    // Handlers take what they need (secrets via support::secretField) before they return, and none
    // keeps the request. The body is the only copy the server made (RequestFraming wipes what it
    // outgrows), so a password must not wait in it for the next request (issue 20).
    const auto wipeBody = qScopeGuard([&request] { crypto::SecureBytes::wipeShared(request.body); });

    // Headers every response carries; CORS ones are added once the origin has been judged.
    auto extra = std::make_shared<HeaderList>();
    const Reply reply(std::move(responder), [extra](ApiResponse& response) {
        response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
        response.headers.append({QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")});
        response.headers.append(*extra);
    });

    if (!hostAllowed(request.header("host"), m_state.port))
        return reply.send(errors::response(ApiError::MisdirectedRequest));
    // API use keeps the wallet from idle-locking (DESIGN.md "Lock model"); a foreign Host does not.
    if (m_state.services.activity)
        m_state.services.activity->noteRequest();
    // The connection guard refused larger declared or chunked bodies already; this is the same
    // rule for callers that bypass it (the router fuzzer).
    bool capPathKnown = false;
    const Route* capRoute = find(request.method, request.path, &capPathKnown);
    if (request.body.size() > (capRoute ? capRoute->maxBodyBytes : kMaxBodyBytes))
        return reply.send(errors::response(ApiError::PayloadTooLarge));

    const QString& path = request.path;
    if (path.size() > 1 && path.endsWith(QLatin1Char('/'))) {
        // API.md §1.2: Next.js redirects /x/ to /x.
        ApiResponse r = ApiResponse::empty(308);
        QString target = path;
        while (target.size() > 1 && target.endsWith(QLatin1Char('/')))
            target.chop(1);
        const QString query = request.query.toString(QUrl::FullyEncoded);
        if (!query.isEmpty())
            target += QLatin1Char('?') + query;
        r.headers.append({QByteArrayLiteral("Location"), QUrl(target).toEncoded()});
        return reply.send(r);
    }

    request.origin = QString::fromUtf8(request.header("origin"));
    const bool api = isApiPath(path);
    // Judged only where it matters: the saved whitelist costs a settings read.
    const auto trusted = [&] { return m_state.originTrusted(request.origin); };

    if (request.method == "OPTIONS" && api) {
        // Preflight (decision 4): allowed if any route at this path would take this origin.
        bool anyOrigin = false;
        bool known = false;
        for (const Route& route : std::as_const(m_routes)) {
            if (route.path == path) {
                known = true;
                anyOrigin = anyOrigin || route.access == OriginAccess::AnyOrigin;
            }
        }
        if (!request.origin.isEmpty() && known && !anyOrigin && !trusted())
            return reply.send(errors::response(ApiError::OriginNotAllowed));
        *extra = corsHeaders(request.origin);
        return reply.send(ApiResponse::empty(204));
    }

    bool pathKnown = false;
    const Route* route = find(request.method, path, &pathKnown);
    if (!route) {
        if (api)
            *extra = corsHeaders(request.origin);
        if (path.startsWith(QLatin1String("/api/auth/")))
            return reply.send(errors::response(ApiError::BetterAuthNotConfigured)); // §1.2
        if (pathKnown)
            return reply.send(errors::response(ApiError::MethodNotAllowed));
        return reply.send(errors::response(ApiError::NotFound));
    }

    if (!request.origin.isEmpty() && route->access == OriginAccess::TrustedOrigin && !trusted())
        return reply.send(errors::response(ApiError::OriginNotAllowed)); // no CORS: unreadable
    if (api)
        *extra = corsHeaders(request.origin);

    if (!route->rateLimitKey.isEmpty()) {
        if (const int retryAfter = m_state.limiter->hit(route->rateLimitKey))
            return reply.send(errors::tooMany(route->rateLimitError, retryAfter));
    }

    ApiResponse bodyError;
    if (!readBody(request, route->body, &bodyError))
        return reply.send(bodyError);

    route->handler(m_state, request, reply);
}

bool Router::readBody(ApiRequest& request, BodyMode mode, ApiResponse* error) const
{
    if (mode == BodyMode::None)
        return true;
    QJsonParseError parseError;
    const QJsonDocument doc = parseRedacted(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.isNull()) {
        *error = errors::response(ApiError::InvalidJson); // decision 3, not an empty 500
        return false;
    }
    if (!doc.isObject()) {
        *error =
            errors::validation(QStringLiteral("Invalid input: expected object, received %1")
                                   .arg(doc.isArray() ? QStringLiteral("array") : QStringLiteral("string")),
                               true);
        return false;
    }
    request.json = doc.object();

    const QJsonValue ciphertext = request.json.value(QStringLiteral("ciphertext"));
    bool encrypted = false;
    if (mode == BodyMode::JsonOrSession)
        encrypted = ciphertext.isString() && !request.json.contains(QStringLiteral("password"));
    else if (mode == BodyMode::AuthJson) // §1.5: a truthy ciphertext and no host
        encrypted = !ciphertext.toString().isEmpty() && !request.json.contains(QStringLiteral("host"));
    if (encrypted && !decryptSessionBody(request, error))
        return false;
    redactSecrets(request.json);
    return true;
}

bool Router::decryptSessionBody(ApiRequest& request, ApiResponse* error) const
{
    const auto bytes = crypto::fromHex(request.json.value(QStringLiteral("ciphertext")).toString());
    if (bytes && m_state.sessionKey) {
        auto plain = crypto::Brc78::decrypt(*bytes, *m_state.sessionKey);
        if (plain) {
            auto text = std::make_shared<const crypto::SecureBytes>(std::move(*plain));
            QJsonParseError parseError;
            const QJsonDocument doc = parseRedacted(text->view(), &parseError);
            if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
                request.json = doc.object();
                request.sessionPlaintext = std::move(text);
                return true;
            }
        }
    }
    *error = errors::response(ApiError::FailedToDecryptBody);
    return false;
}

} // namespace tokenpass::server
