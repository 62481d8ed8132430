#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// The MCP endpoint (issue 18): Streamable HTTP, protocol revision 2025-11-25, plain JSON answers,
// as an OAuth resource server of our own provider (MCP authorization, RFC 9728, RFC 6750).
// core/mcp reads JSON-RPC and describes the tools; this translates HTTP, checks the token, the
// session and the protocol version, and runs the tools through the Gatekeeper (McpToolCalls.cpp).
class McpRoutes
{
public:
    // POST /mcp.
    static void post(ServerState& state, const ApiRequest& request, const Reply& reply);
    // GET /.well-known/oauth-protected-resource[/mcp] (RFC 9728).
    static void resourceMetadata(ServerState& state, const ApiRequest& request, const Reply& reply);

    // The resource our tokens must name in aud: http://127.0.0.1:<port>/mcp.
    static QString resource(ServerState& state);
};

// Who calls a tool: from the verified access token.
struct McpCaller
{
    QString clientId;
    QString clientName; // as registered: unverified
    QString pubkey;     // the identity chosen at consent (the token's pubkey claim)
    QString bapId;      // its BAP id, empty for none
    QString address;
    QStringList scopes; // the access token's
};

// Runs one tools/call whose name and arguments core/mcp has checked; `done` gets the tools/call
// result (structured, or isError with a plain message), on the server thread, possibly later
// (after the person answered). `reply` is the held HTTP reply, for the ApprovalWaiter.
namespace McpToolCalls {
using Done = std::function<void(const QJsonObject& result)>;
void call(ServerState& state, const McpCaller& caller, const QString& tool, const QJsonObject& arguments,
          const Reply& reply, Done done);
// list_sites and revoke_site (McpSiteTools.cpp): true when `tool` is one of them (then `done` ran).
bool siteTool(ServerState& state, const McpCaller& caller, const QString& tool, const QJsonObject& arguments,
              const Done& done);
} // namespace McpToolCalls

// The endpoint's sessions (MCP-Session-Id), on the server thread (ServerState::mcp). A session
// belongs to the client that opened it.
struct McpServerState
{
    static constexpr int kMaxSessions = 256;
    static constexpr qint64 kIdleMs = 24LL * 60 * 60 * 1000;
    struct Session
    {
        QString clientId;
        QString protocolVersion;
        qint64 lastUsedMs = 0;
    };
    QHash<QString, Session> sessions;
};

} // namespace tokenpass::server
