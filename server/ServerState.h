#pragma once

#include "RateLimiter.h"
#include "ServerOptions.h"
#include "WriteBehind.h"
#include "access/AccessTokens.h"
#include "access/ApiActivity.h"
#include "access/Gatekeeper.h"
#include "access/OriginWhitelist.h"
#include "crypto/Keys.h"
#include "store/AuditLog.h"
#include "store/HostKeyRecords.h"
#include "store/OutpointMemory.h"
#include "store/ProfileRecords.h"
#include "store/UnlockBackoff.h"

#include <QHash>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace tokenpass::server {

using store::AuditOperation;
using store::AuditResult;

class ApprovalWaiter;
class UpstreamClient;
struct PageConsents;
struct OAuthServerState;
struct McpServerState;

// What the routes share. Created and used on the server thread only (ServerWorker owns it;
// setUpServer in ServerSetup.h fills it).
struct ServerState
{
    ServerOptions options;
    ServerServices services;
    quint16 port = 0; // the bound port, for the Host check

    std::unique_ptr<access::AccessTokens> tokens;
    // Allowed, denied or ask the person: the services' Gatekeeper, or ownGatekeeper (which can ask
    // nobody) when they have none.
    access::Gatekeeper* gatekeeper = nullptr;
    std::unique_ptr<access::Gatekeeper> ownGatekeeper;
    std::unique_ptr<store::ProfileRecords> profiles;
    std::unique_ptr<store::HostKeyRecords> hostKeys;
    std::unique_ptr<store::OutpointMemory> outpoints; // amounts of signed outpoints (TX.md §2.3)
    std::unique_ptr<store::AuditLog> audit;
    std::unique_ptr<store::UnlockBackoff> backoff;
    std::unique_ptr<RateLimiter> limiter;
    // The Settings window's origins (decision 4), read through this thread's connection.
    std::unique_ptr<access::OriginWhitelist> savedOrigins;
    // API.md §1.5: random per process, never persisted.
    std::optional<crypto::PrivateKey> sessionKey;
    ApprovalWaiter* waiter = nullptr;
    WriteBehind* writeBehind = nullptr;         // writes the queued audit entries and token times of use
    UpstreamClient* upstream = nullptr;         // /api/bap-profile and /api/sync/* (decision 12)
    std::shared_ptr<PageConsents> pageConsents; // the /auth page's open requests (AuthPage)
    std::shared_ptr<OAuthServerState> oauth;    // the OAuth provider, made on first use (OAuthRoutes)
    std::shared_ptr<McpServerState> mcp;        // the MCP endpoint's sessions (McpRoutes)
    QHash<QString, QString> recordedHostKeys;   // host -> address last written to host_keys
    // Slow wallet work (PBKDF2) runs here, not on the global pool, so that stopping the server
    // waits for it: a job must never outlive the Wallet it points at (found by AddressSanitizer).
    QThreadPool* pool = nullptr;

    const Clock& clock() const { return *services.clock; }
    // Decision 4: TOKENPASS_ORIGIN_WHITELIST (fixed at start) or the saved list (changes live).
    bool originTrusted(const QString& origin) const
    {
        if (origin.isEmpty())
            return false;
        return options.originWhitelist.contains(origin) || (savedOrigins && savedOrigins->contains(origin));
    }
    // Audit entries are descriptions, never payloads (store/AuditLog.h).
    void record(const QString& host, store::AuditOperation operation, store::AuditResult result,
                const QString& detail = QString()) const
    {
        if (!audit)
            return;
        audit->appendLater(host, operation, result, detail); // one commit per batch, not per call
        if (writeBehind)
            writeBehind->schedule();
    }
    // The tray's "host signed what" notice; `what` is the audit description, never the payload.
    void noteSignature(const QString& host, const QString& what) const
    {
        if (services.activity)
            services.activity->noteSignature(host, what);
    }
};

} // namespace tokenpass::server
