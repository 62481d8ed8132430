#include "RouteTable.h"

#include "AuthPage.h"
#include "AuthRoutes.h"
#include "BackupRoutes.h"
#include "BapProfileRoutes.h"
#include "CryptoRoutes.h"
#include "IdentityRoutes.h"
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

        // The health check (§1.1).
        Route::get("/").handledBy(&PageRoutes::health),
        Route::head("/").handledBy(&PageRoutes::healthHead),
    };
    return table;
}

} // namespace tokenpass::server
