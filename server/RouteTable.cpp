#include "RouteTable.h"

#include "AuthPage.h"
#include "AuthRoutes.h"
#include "BackupRoutes.h"
#include "BapProfileRoutes.h"
#include "CryptoRoutes.h"
#include "IdentityRoutes.h"
#include "McpRoutes.h"
#include "OAuthRoutes.h"
#include "PageRoutes.h"
#include "ProfileRoutes.h"
#include "SyncRoutes.h"
#include "TransactionRoutes.h"
#include "WalletRoutes.h"

namespace tokenpass::server {

const QList<Route>& routeTable()
{
    // Without trustedOriginsOnly(), any origin may call (CORS reflected); with it, browser origins
    // are refused unless whitelisted (decision 4). Without withBody(), the body is not parsed.
    static const QList<Route> table{
        // The wallet itself (§2.1–§2.6; decisions 3, 6, 8, 9).
        Route::get("/api/status").handledBy(&WalletRoutes::status),
        Route::get("/api/session-key").handledBy(&WalletRoutes::sessionKey),
        Route::post("/api/register")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .rateLimited("register", ApiError::TooManyRegister)
            .handledBy(&WalletRoutes::registerWallet),
        Route::post("/api/login")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .rateLimited("login", ApiError::TooManyLogin)
            .handledBy(&WalletRoutes::login),
        Route::post("/api/logout").handledBy(&WalletRoutes::logout),
        Route::post("/api/export")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .rateLimited("export", ApiError::TooManyExport)
            .handledBy(&WalletRoutes::exportSecrets),

        // Tokens (§2.7, decisions 5 and 7) and the browser consent page (decision 13).
        Route::post("/api/auth").withBody(BodyMode::AuthJson).handledBy(&AuthRoutes::postAuth),
        Route::remove("/api/auth").handledBy(&AuthRoutes::deleteAuth),
        Route::get("/auth").handledBy(&AuthPage::show),
        Route::get("/auth/wait").handledBy(&AuthPage::wait),

        // The per-host key, behind a token (§2.8–§2.13).
        Route::post("/api/sign").withBody(BodyMode::Json).handledBy(&CryptoRoutes::sign),
        Route::post("/api/sign-aip").withBody(BodyMode::Json).handledBy(&CryptoRoutes::signAip),
        Route::post("/api/encrypt").withBody(BodyMode::Json).handledBy(&CryptoRoutes::encrypt),
        Route::post("/api/decrypt").withBody(BodyMode::Json).handledBy(&CryptoRoutes::decrypt),
        Route::post("/api/friend-pubkey").withBody(BodyMode::Json).handledBy(&CryptoRoutes::friendPubkey),
        // Transactions from the host key, scope "transfer" (TX.md; issue 17). A 1 MiB transaction is
        // 2 MiB of hex.
        Route::post("/api/sign/transaction")
            .withBody(BodyMode::JsonOrSession)
            .maxBody(4 * 1024 * 1024)
            .handledBy(&TransactionRoutes::sign),

        // Profile and the security image (§2.14, §2.21).
        Route::get("/api/profile").handledBy(&ProfileRoutes::getProfile),
        Route::post("/api/profile").withBody(BodyMode::Json).handledBy(&ProfileRoutes::postProfile),
        Route::get("/api/auth/icon").handledBy(&ProfileRoutes::icon),

        // Identities and settings (§2.15, §2.16, §2.20). The GETs too are for native callers: the
        // identity list would let any page link the person across sites, and the backup path names
        // their home folder.
        Route::get("/api/identity").trustedOriginsOnly().handledBy(&IdentityRoutes::getIdentity),
        Route::post("/api/identity")
            .trustedOriginsOnly()
            .withBody(BodyMode::Json)
            .handledBy(&IdentityRoutes::postIdentity),
        Route::post("/api/identity/guest")
            .trustedOriginsOnly()
            .withBody(BodyMode::Json)
            .handledBy(&IdentityRoutes::postGuest),
        Route::get("/api/settings").trustedOriginsOnly().handledBy(&IdentityRoutes::getSettings),
        Route::post("/api/settings")
            .trustedOriginsOnly()
            .withBody(BodyMode::Json)
            .handledBy(&IdentityRoutes::postSettings),

        // Wallet files (§2.18).
        Route::get("/api/backups").trustedOriginsOnly().handledBy(&BackupRoutes::list),
        Route::post("/api/backups")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .handledBy(&BackupRoutes::add),
        Route::remove("/api/backups")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .handledBy(&BackupRoutes::remove),
        Route::post("/api/backups/switch")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .handledBy(&BackupRoutes::switchTo),
        Route::post("/api/backups/create")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .handledBy(&BackupRoutes::create),
        Route::post("/api/backups/import")
            .trustedOriginsOnly()
            .withBody(BodyMode::JsonOrSession)
            .handledBy(&BackupRoutes::import),

        // Internet-facing extras (decision 12). The public BAP profile is the same for every caller
        // (§2.17). Sync is wallet management; the pull body is read by its handler, since it may
        // be empty (§2.19).
        Route::get("/api/bap-profile").handledBy(&BapProfileRoutes::fetchProfile),
        Route::post("/api/sync/push").trustedOriginsOnly().handledBy(&SyncRoutes::push),
        Route::post("/api/sync/pull").trustedOriginsOnly().handledBy(&SyncRoutes::pull),
        Route::get("/api/sync/status").trustedOriginsOnly().handledBy(&SyncRoutes::status),

        // The OAuth 2.1 / OIDC provider (OAUTH.md §5), with the sigma-compatible aliases. Bodies
        // are read by the handlers: forms and RFC 7591 JSON have their own error format.
        Route::get("/.well-known/oauth-authorization-server").handledBy(&OAuthRoutes::metadata),
        Route::get("/.well-known/openid-configuration").handledBy(&OAuthRoutes::metadata),
        Route::get("/oauth/jwks").handledBy(&OAuthRoutes::jwks),
        Route::get("/.well-known/jwks.json").handledBy(&OAuthRoutes::jwks),
        Route::get("/api/auth/jwks").handledBy(&OAuthRoutes::jwks),
        Route::post("/oauth/register").maxBody(64 * 1024).handledBy(&OAuthRoutes::registerClient),
        Route::post("/api/oauth/register").maxBody(64 * 1024).handledBy(&OAuthRoutes::registerClient),
        Route::get("/oauth/authorize").handledBy(&OAuthRoutes::authorize),
        Route::get("/oauth2/authorize").handledBy(&OAuthRoutes::authorize),
        Route::get("/api/auth/oauth2/authorize").handledBy(&OAuthRoutes::authorize),
        Route::get("/api/oauth/authorize").handledBy(&OAuthRoutes::authorize),
        Route::get("/oauth/authorize/wait").handledBy(&OAuthRoutes::authorizeWait),
        Route::post("/oauth/token").maxBody(64 * 1024).handledBy(&OAuthRoutes::token),
        Route::post("/api/auth/oauth2/token").maxBody(64 * 1024).handledBy(&OAuthRoutes::token),
        Route::post("/api/oauth/token").maxBody(64 * 1024).handledBy(&OAuthRoutes::token),
        Route::post("/oauth/revoke").maxBody(64 * 1024).handledBy(&OAuthRoutes::revoke),
        Route::get("/oauth/userinfo").handledBy(&OAuthRoutes::userinfo),
        Route::post("/oauth/userinfo").handledBy(&OAuthRoutes::userinfo),
        Route::get("/api/auth/oauth2/userinfo").handledBy(&OAuthRoutes::userinfo),
        Route::get("/api/oauth/userinfo").handledBy(&OAuthRoutes::userinfo),
        // Issue 16, headless consent form and device flow (OAUTH.md §4, §6).
        Route::post("/oauth/authorize/decision")
            .maxBody(16 * 1024)
            .handledBy(&OAuthRoutes::authorizeDecision),
        Route::post("/oauth/device_authorization")
            .maxBody(64 * 1024)
            .handledBy(&OAuthRoutes::deviceAuthorization),
        Route::get("/oauth/device").handledBy(&OAuthRoutes::device),

        // The MCP endpoint (issue 18): Streamable HTTP behind our own OAuth, and its RFC 9728
        // documents. Browser origins are refused unless whitelisted (MCP transports: validate
        // Origin); GET /mcp answers 405 (no server-sent event stream).
        // sign_transaction carries a transaction as /api/sign/transaction does: the same 4 MiB.
        Route::post("/mcp").trustedOriginsOnly().maxBody(4 * 1024 * 1024).handledBy(&McpRoutes::post),
        Route::get("/.well-known/oauth-protected-resource").handledBy(&McpRoutes::resourceMetadata),
        Route::get("/.well-known/oauth-protected-resource/mcp").handledBy(&McpRoutes::resourceMetadata),

        // The health check (§1.1).
        Route::get("/").handledBy(&PageRoutes::health),
        Route::head("/").handledBy(&PageRoutes::healthHead),
    };
    return table;
}

} // namespace tokenpass::server
