#pragma once

#include "ApiErrors.h"
#include "ApiTypes.h"
#include "ApprovalWaiter.h"
#include "OffThread.h"
#include "ServerState.h"
#include "access/AccessTokens.h"
#include "crypto/SecureBytes.h"

#include <memory>
#include <optional>
#include <utility>

namespace tokenpass::server::support {

// A secret string member of the request body (Router::secretFields), read straight from the JSON
// text into SecureBytes by crypto::JsonSecret (DESIGN.md security rule 2). Null when the member is
// absent, not a string, or the text cannot be read strictly; run Validation first, it reports
// absent and mistyped members with zod's words.
std::shared_ptr<crypto::SecureBytes> secretField(const ApiRequest& request, QByteArrayView key);

// The length JavaScript's string.length gives for UTF-8 text (UTF-16 code units), for the
// minimum-length rule of decision 6.
qsizetype utf16Length(const crypto::SecureBytes& utf8);

// The token-validation answer of API.md §2.8 for a failed check; nullopt when valid.
std::optional<ApiResponse> tokenFailure(const access::TokenCheck& check);

// The key host of a validated token (§2.8 step 6: fallback "localhost").
QString tokenHost(const access::TokenCheck& check);

// Keeps host_keys (what /api/status lists) current after a host key was used. The row is written
// only when it changes (the first use after a start, or another wallet), not on every signature;
// knownAddress (the signature's address) spares even deriving the key when nothing changed.
void recordHostKey(ServerState& state, const QString& host, const QString& knownAddress = QString());

// The unlock back-off (decision 8) as a 429 in the shape of §1.4; nullopt when allowed now.
std::optional<ApiResponse> backoffResponse(const ServerState& state, ApiError limitError);

// Runs slow wallet work (PBKDF2) on the server's thread pool and `done` back on the server thread
// (DESIGN.md "Threads": unlock runs off both the GUI and the server thread). ServerWorker waits
// for the pool when it stops, so the work never outlives the wallet; `done` is dropped if the
// server is gone by then.
// A thin adaptor over tokenpass::runOffThread (core/OffThread.h), with the waiter as the context.
template <typename Work, typename Done> void offThread(const ServerState& state, Work&& work, Done&& done)
{
    runOffThread(state.pool, state.waiter, std::forward<Work>(work),
                 [done = std::forward<Done>(done)](auto& result) mutable { done(std::move(result)); });
}

} // namespace tokenpass::server::support
