#pragma once

#include "Result.h"

#include <memory>

class QObject;

namespace tokenpass::server {

class Router;
struct ServerState;

// The one set-up of a server without its sockets, for ServerWorker (before it listens) and the
// router fuzzer: fills `state` with what the routes share (tokens, grants, records, limiter,
// session key, approval waiter, write-behind, upstream client, consent pages) and returns the
// Router over the whole route table. The caller has set state.options, state.services and
// state.pool; the Qt helpers become children of `owner`, on the calling thread, which is the
// server thread from then on. Fails when the services have no wallet or database.
Result<std::unique_ptr<Router>> setUpServer(ServerState& state, QObject* owner);

} // namespace tokenpass::server
