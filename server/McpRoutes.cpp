#include "McpRoutes.h"

#include "ApiTypes.h"
#include "OAuthRoutes.h"
#include "ServerState.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "mcp/JsonRpc.h"
#include "mcp/McpTools.h"
#include "oauth/Provider.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tokenpass::server {

namespace {

// What an MCP client asks for by default (the SDK joins scopes_supported). Not manage_sites: an
// agent gets it only by asking for it (the scope challenge of list_sites / revoke_site, or the
// command line), so the person sees it named in the consent dialog (README "Command line").
const QStringList& mcpScopes()
{
    static const QStringList scopes{QStringLiteral("sign"), QStringLiteral("encrypt"),
                                    QStringLiteral("decrypt"), QStringLiteral("transfer"),
                                    QStringLiteral("read_profile")};
    return scopes;
}

QByteArray metadataUrl(ServerState& state)
{
    return (OAuthRoutes::provider(state).issuer() +
            QStringLiteral("/.well-known/oauth-protected-resource/mcp"))
        .toUtf8();
}

ApiResponse rpcResponse(int status, const QJsonObject& body)
{
    return ApiResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// RFC 6750 §3 with RFC 9728 §5.1: where the client learns how to get a token.
ApiResponse unauthorized(ServerState& state, const QString& description, bool tokenPresented)
{
    QByteArray challenge = "Bearer resource_metadata=\"" + metadataUrl(state) + '"';
    if (tokenPresented)
        challenge += ", error=\"invalid_token\", error_description=\"" + description.toLatin1() + '"';
    ApiResponse r =
        OAuthRoutes::jsonResponse(401, QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_token")},
                                                   {QStringLiteral("error_description"), description}});
    r.headers.append({QByteArrayLiteral("WWW-Authenticate"), challenge});
    return r;
}

// MCP authorization "scope challenge": the scopes to ask for again, the ones held included, so
// a client that steps up keeps what it had.
ApiResponse insufficientScope(ServerState& state, const QStringList& held, const QString& needed)
{
    QStringList wanted = held;
    if (!wanted.contains(needed))
        wanted.append(needed);
    ApiResponse r = OAuthRoutes::jsonResponse(
        403, QJsonObject{{QStringLiteral("error"), QStringLiteral("insufficient_scope")},
                         {QStringLiteral("error_description"),
                          QStringLiteral("This tool needs the scope %1").arg(needed)}});
    r.headers.append({QByteArrayLiteral("WWW-Authenticate"), "Bearer error=\"insufficient_scope\", scope=\"" +
                                                                 wanted.join(QLatin1Char(' ')).toLatin1() +
                                                                 "\", resource_metadata=\"" +
                                                                 metadataUrl(state) + '"'});
    return r;
}

McpServerState& sessionsOf(ServerState& state)
{
    if (!state.mcp)
        state.mcp = std::make_shared<McpServerState>();
    return *state.mcp;
}

QString openSession(ServerState& state, const QString& clientId, const QString& version)
{
    McpServerState& mcp = sessionsOf(state);
    const qint64 now = state.clock().nowMs();
    for (auto it = mcp.sessions.begin(); it != mcp.sessions.end();)
        it = now - it->lastUsedMs > McpServerState::kIdleMs ? mcp.sessions.erase(it) : std::next(it);
    if (mcp.sessions.size() >= McpServerState::kMaxSessions) { // the least recently used goes
        auto oldest = mcp.sessions.begin();
        for (auto it = mcp.sessions.begin(); it != mcp.sessions.end(); ++it)
            if (it->lastUsedMs < oldest->lastUsedMs)
                oldest = it;
        mcp.sessions.erase(oldest);
    }
    const QString id = crypto::toHex(crypto::randomBytes(16)); // visible ASCII, unguessable
    mcp.sessions.insert(id, {clientId, version, now});
    return id;
}

} // namespace

QString McpRoutes::resource(ServerState& state)
{
    return OAuthRoutes::provider(state).issuer() + QStringLiteral("/mcp");
}

void McpRoutes::resourceMetadata(ServerState& state, const ApiRequest&, const Reply& reply)
{
    const QString issuer = OAuthRoutes::provider(state).issuer();
    ApiResponse r = OAuthRoutes::jsonResponse(
        200, QJsonObject{{QStringLiteral("resource"), resource(state)},
                         {QStringLiteral("authorization_servers"), QJsonArray{issuer}},
                         {QStringLiteral("scopes_supported"), QJsonArray::fromStringList(mcpScopes())},
                         {QStringLiteral("bearer_methods_supported"), QJsonArray{QStringLiteral("header")}},
                         {QStringLiteral("resource_name"), QStringLiteral("TokenPass")}});
    r.headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), QByteArrayLiteral("*")});
    reply.send(r);
}

void McpRoutes::post(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    // 1. The token: ours, live, for this resource.
    const QByteArray authorization = request.header("authorization");
    const bool bearer = authorization.size() > 7 && authorization.left(7).toLower() == "bearer ";
    if (!bearer)
        return reply.send(unauthorized(state, QStringLiteral("A Bearer access token is required"), false));
    auto claims = OAuthRoutes::provider(state).accessTokenFor(
        QString::fromLatin1(authorization.mid(7).trimmed()), resource(state));
    if (!claims)
        return reply.send(unauthorized(state, claims.error().description, true));
    McpCaller caller;
    caller.clientId = claims->value(QStringLiteral("client_id")).toString();
    caller.pubkey = claims->value(QStringLiteral("pubkey")).toString();
    caller.bapId = claims->value(QStringLiteral("bap_id")).toString();
    caller.address = claims->value(QStringLiteral("bitcoin_address")).toString();
    const auto client = OAuthRoutes::provider(state).clients().find(caller.clientId);
    caller.clientName = client ? client->name() : caller.clientId;
    caller.scopes =
        claims->value(QStringLiteral("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QStringList& scopes = caller.scopes;

    // 2. The protocol version header (transports: 400 for one we do not speak; absent = 2025-03-26).
    const QString version = QString::fromLatin1(request.header("mcp-protocol-version"));
    if (!version.isEmpty() && !mcp::protocolVersionSupported(version))
        return reply.send(rpcResponse(
            400, mcp::errorResponse(
                     QJsonValue::Null, mcp::rpc::kInvalidRequest,
                     QStringLiteral("Unsupported MCP-Protocol-Version: %1").arg(version.left(32)))));

    // 3. The message.
    const mcp::RpcParsed parsed = mcp::parseMessage(request.body);
    if (!parsed.message)
        return reply.send(rpcResponse(400, parsed.error));
    const mcp::RpcMessage& m = *parsed.message;
    using Kind = mcp::RpcMessage::Kind;

    // 4. The session: opened by initialize, required after, and only for the client that opened it.
    if (m.method == QLatin1String("initialize")) {
        if (m.kind != Kind::Request)
            return reply.send(rpcResponse(
                400, mcp::errorResponse(QJsonValue::Null, mcp::rpc::kInvalidRequest,
                                        QStringLiteral("Invalid request: initialize needs an id"))));
        const QJsonObject result = mcp::initializeResult(m.params);
        const QString session =
            openSession(state, caller.clientId, result.value(QStringLiteral("protocolVersion")).toString());
        ApiResponse r = rpcResponse(200, mcp::resultResponse(m.id, result));
        r.headers.append({QByteArrayLiteral("MCP-Session-Id"), session.toLatin1()});
        return reply.send(r);
    }
    const QString sessionId = QString::fromLatin1(request.header("mcp-session-id"));
    if (sessionId.isEmpty())
        return reply.send(rpcResponse(
            400, mcp::errorResponse(QJsonValue::Null, mcp::rpc::kInvalidRequest,
                                    QStringLiteral("Bad request: the MCP-Session-Id header is required"))));
    McpServerState& mcp = sessionsOf(state);
    const auto session = mcp.sessions.find(sessionId);
    if (session == mcp.sessions.end() || session->clientId != caller.clientId)
        return reply.send(
            rpcResponse(404, mcp::errorResponse(QJsonValue::Null, mcp::rpc::kInvalidRequest,
                                                QStringLiteral("Session not found: initialize again"))));
    session->lastUsedMs = state.clock().nowMs();

    // 5. Notifications and responses are accepted without an answer.
    if (m.kind != Kind::Request)
        return reply.send(ApiResponse::empty(202));

    const QJsonValue id = m.id;
    if (m.method == QLatin1String("ping"))
        return reply.send(rpcResponse(200, mcp::resultResponse(id, {})));
    if (m.method == QLatin1String("tools/list"))
        return reply.send(rpcResponse(
            200, mcp::resultResponse(id, QJsonObject{{QStringLiteral("tools"), mcp::toolDefinitions()}})));
    if (m.method != QLatin1String("tools/call"))
        return reply.send(rpcResponse(
            200, mcp::errorResponse(id, mcp::rpc::kMethodNotFound,
                                    QStringLiteral("Method not found: %1").arg(m.method.left(64)))));

    const QJsonValue name = m.params.value(QStringLiteral("name"));
    const QJsonValue arguments = m.params.value(QStringLiteral("arguments"));
    const auto needed = name.isString() ? mcp::toolScope(name.toString()) : std::nullopt;
    QString bad;
    if (!name.isString())
        bad = QStringLiteral("name must be a string");
    else if (!needed)
        bad = QStringLiteral("Unknown tool: %1").arg(name.toString().left(64));
    else if (!arguments.isUndefined() && !arguments.isObject())
        bad = QStringLiteral("arguments must be an object");
    else
        bad = mcp::argumentsError(name.toString(), arguments.toObject());
    if (!bad.isEmpty())
        return reply.send(rpcResponse(
            200, mcp::errorResponse(id, mcp::rpc::kInvalidParams, QStringLiteral("Invalid params: ") + bad)));
    if (!access::Gatekeeper::toolAllowed(scopes, *needed))
        return reply.send(insufficientScope(state, scopes, *needed));

    McpToolCalls::call(state, caller, name.toString(), arguments.toObject(), reply,
                       [reply, id](const QJsonObject& result) {
                           reply.send(rpcResponse(200, mcp::resultResponse(id, result)));
                       });
}

} // namespace tokenpass::server
