#include "OAuthRoutes.h"

#include "ApiTypes.h"
#include "OAuthForm.h"
#include "ServerState.h"
#include "oauth/Provider.h"
#include "wallet/Wallet.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace tokenpass::server {

namespace {

// Metadata and keys are public: any page may read them (OAUTH.md §5, "CORS *").
void allowAnyOrigin(ApiResponse& response)
{
    response.headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), QByteArrayLiteral("*")});
}

ApiResponse noStore(ApiResponse r)
{
    // OAUTH.md §5.2 rule 9 (the guard adds Cache-Control: no-store to every answer).
    r.headers.append({QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache")});
    return r;
}

bool contentTypeIs(const ApiRequest& request, const char* expected)
{
    const QByteArray type = request.header("content-type").split(';').value(0).trimmed().toLower();
    return type == expected;
}

// What a bitcoin_auth client brings (OAUTH.md §2.3): the X-Auth-Token over the path actually
// requested (an alias is verified as itself, §5) and the body as received.
oauth::ClientCredentials credentialsOf(const ApiRequest& request)
{
    return {QString::fromLatin1(request.header("x-auth-token").trimmed()), request.path, request.body};
}

} // namespace

OAuthServerState::~OAuthServerState() = default;

oauth::Provider& OAuthRoutes::provider(ServerState& state)
{
    if (!state.oauth)
        state.oauth = std::make_shared<OAuthServerState>();
    if (!state.oauth->provider) {
        // OAUTH.md §0, §5.2 rule 1: from configuration (the bound port), never from Host.
        const QString issuer = QStringLiteral("http://127.0.0.1:%1").arg(state.port);
        state.oauth->provider = std::make_unique<oauth::Provider>(issuer, state.services.database,
                                                                  state.services.wallet, state.clock());
    }
    return *state.oauth->provider;
}

ApiResponse OAuthRoutes::jsonResponse(int status, const QJsonObject& body)
{
    return ApiResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiResponse OAuthRoutes::errorResponse(const oauth::OAuthError& error)
{
    QJsonObject body{{QStringLiteral("error"), error.error}};
    if (!error.description.isEmpty())
        body.insert(QStringLiteral("error_description"), error.description);
    ApiResponse r = jsonResponse(error.status, body);
    if (error.status == 401) // RFC 6749 §5.2: invalid_client over 401 names the scheme
        r.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
    return r;
}

void OAuthRoutes::metadata(ServerState& state, const ApiRequest&, const Reply& reply)
{
    ApiResponse r = jsonResponse(200, provider(state).metadata());
    allowAnyOrigin(r);
    reply.send(r);
}

void OAuthRoutes::jwks(ServerState& state, const ApiRequest&, const Reply& reply)
{
    oauth::Provider& p = provider(state);
    // The key is derived on first use after an unlock; publish it as soon as we can, so a
    // resource server that looks before the first token still finds it.
    if (state.services.wallet->isUnlocked())
        (void)p.keys().current();
    ApiResponse r = jsonResponse(200, p.keys().jwks());
    r.contentType = QByteArrayLiteral("application/jwk-set+json");
    allowAnyOrigin(r);
    reply.send(r);
}

void OAuthRoutes::registerClient(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (const int retryAfter = state.limiter->hit(QStringLiteral("oauth-register"))) {
        ApiResponse r = errorResponse({QStringLiteral("temporarily_unavailable"),
                                       QStringLiteral("Too many registrations; try again later"), 429});
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter)});
        return reply.send(r);
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!contentTypeIs(request, "application/json") || parseError.error != QJsonParseError::NoError ||
        !doc.isObject())
        return reply.send(
            errorResponse({QStringLiteral("invalid_client_metadata"),
                           QStringLiteral("The body must be a JSON object (application/json)")}));
    oauth::Provider& p = provider(state);
    auto registered = p.clients().registerClient(doc.object());
    if (!registered)
        return reply.send(errorResponse(registered.error()));
    // OAUTH.md §3.2: the RSA key is made when the first client asks for RS256, so the JWKS lists it
    // before that client's first id_token (or at its first token request, if locked now).
    if (registered->value(QStringLiteral("id_token_signed_response_alg")).toString() ==
            QLatin1String("RS256") &&
        state.services.wallet->isUnlocked())
        (void)p.keys().rsa();
    state.record(registered->value(QStringLiteral("client_id")).toString(), AuditOperation::OAuthClient,
                 AuditResult::Allowed, registered->value(QStringLiteral("client_name")).toString());
    reply.send(jsonResponse(201, *registered));
}

void OAuthRoutes::token(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto form = parseForm(request.body);
    if (!contentTypeIs(request, "application/x-www-form-urlencoded") || !form)
        return reply.send(
            noStore(errorResponse({QStringLiteral("invalid_request"),
                                   QStringLiteral("The body must be application/x-www-form-urlencoded")})));
    auto issued = provider(state).token(*form, credentialsOf(request));
    // The audit log keeps who got tokens and every refusal (a replayed code or refresh token
    // among them: OAUTH.md §5.2 rule 10); never a token.
    const QString clientId = form->value(QStringLiteral("client_id")).value(0).left(64);
    const QString grantType = form->value(QStringLiteral("grant_type")).value(0).left(64);
    state.record(clientId, AuditOperation::OAuthToken, issued ? AuditResult::Allowed : AuditResult::Denied,
                 issued ? grantType : grantType + QStringLiteral(": ") + issued.error().description);
    if (!issued)
        return reply.send(noStore(errorResponse(issued.error())));
    reply.send(noStore(jsonResponse(200, *issued)));
}

void OAuthRoutes::userinfo(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const QByteArray authorization = request.header("authorization");
    const bool bearer = authorization.size() > 7 && authorization.left(7).toLower() == "bearer ";
    auto info =
        bearer
            ? provider(state).userinfo(QString::fromLatin1(authorization.mid(7).trimmed()))
            : oauth::OAuthResult<QJsonObject>::fail(QStringLiteral("invalid_token"),
                                                    QStringLiteral("A Bearer access token is required"), 401);
    if (info)
        return reply.send(noStore(jsonResponse(200, *info)));
    // RFC 6750 §3: the error goes into WWW-Authenticate too.
    QJsonObject body{{QStringLiteral("error"), info.error().error},
                     {QStringLiteral("error_description"), info.error().description}};
    ApiResponse r = noStore(jsonResponse(info.error().status, body));
    r.headers.append({QByteArrayLiteral("WWW-Authenticate"),
                      "Bearer error=\"" + info.error().error.toLatin1() + "\", error_description=\"" +
                          info.error().description.toLatin1() + '"'});
    reply.send(r);
}

void OAuthRoutes::revoke(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto form = parseForm(request.body);
    if (!contentTypeIs(request, "application/x-www-form-urlencoded") || !form)
        return reply.send(
            noStore(errorResponse({QStringLiteral("invalid_request"),
                                   QStringLiteral("The body must be application/x-www-form-urlencoded")})));
    auto revoked = provider(state).revoke(*form, credentialsOf(request));
    const QString clientId = form->value(QStringLiteral("client_id")).value(0).left(64);
    state.record(clientId, AuditOperation::Revoke, revoked ? AuditResult::Allowed : AuditResult::Denied,
                 QStringLiteral("oauth revoke"));
    if (!revoked)
        return reply.send(noStore(errorResponse(revoked.error())));
    reply.send(noStore(ApiResponse::json(200, QByteArrayLiteral("{}"))));
}

} // namespace tokenpass::server
