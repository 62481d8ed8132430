#pragma once

#include "AuthPage.h"

#include <QByteArray>
#include <QJsonObject>

#include <memory>

namespace tokenpass::oauth {
class Provider;
struct AuthorizationRequest;
struct OAuthError;
} // namespace tokenpass::oauth

namespace tokenpass::server {

struct ApiRequest;
struct ApiResponse;
class Reply;
struct ServerState;

// The OAuth provider's HTTP side (OAUTH.md §5): core/oauth decides, these translate. Errors are
// RFC 6749 §5.2 JSON ({"error","error_description"}), not the v0.0.8 error table.
class OAuthRoutes
{
public:
    // GET /.well-known/oauth-authorization-server and /.well-known/openid-configuration.
    static void metadata(ServerState& state, const ApiRequest& request, const Reply& reply);
    // GET /oauth/jwks, /.well-known/jwks.json, /api/auth/jwks.
    static void jwks(ServerState& state, const ApiRequest& request, const Reply& reply);
    // POST /oauth/register, /api/oauth/register (RFC 7591).
    static void registerClient(ServerState& state, const ApiRequest& request, const Reply& reply);
    // POST /oauth/token and its aliases.
    static void token(ServerState& state, const ApiRequest& request, const Reply& reply);
    // GET/POST /oauth/userinfo and its aliases (OAUTH.md §5.3).
    static void userinfo(ServerState& state, const ApiRequest& request, const Reply& reply);
    // POST /oauth/revoke (RFC 7009).
    static void revoke(ServerState& state, const ApiRequest& request, const Reply& reply);
    // GET /oauth/authorize and its aliases; GET /oauth/authorize/wait (OAuthAuthorize.cpp).
    static void authorize(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void authorizeWait(ServerState& state, const ApiRequest& request, const Reply& reply);
    // Headless consent (OAUTH.md §6, OAuthConsent.cpp): POST /oauth/authorize/decision.
    static void authorizeDecision(ServerState& state, const ApiRequest& request, const Reply& reply);
    // Device flow (OAUTH.md §4): POST /oauth/device_authorization, GET /oauth/device.
    static void deviceAuthorization(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void device(ServerState& state, const ApiRequest& request, const Reply& reply);
    // GET authorize, headless: the consent form for a validated request, with its cookie.
    static ApiResponse openConsentForm(ServerState& state, const oauth::AuthorizationRequest& request);

    // The provider, made on first use with the issuer of the bound port.
    static oauth::Provider& provider(ServerState& state);
    static ApiResponse errorResponse(const oauth::OAuthError& error);
    static ApiResponse jsonResponse(int status, const QJsonObject& body);
};

// What the OAuth routes keep on the server thread (ServerState::oauth).
struct OAuthServerState
{
    std::unique_ptr<oauth::Provider> provider;
    PageConsents pending; // authorize requests waiting for the person, by id
    ~OAuthServerState();
};

} // namespace tokenpass::server
