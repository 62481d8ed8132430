#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tokenpass::mcp {

// JSON-RPC 2.0 as MCP 2025-11-25 uses it (basic/index, basic/transports): one message per HTTP
// body. Batches were removed in 2025-06-18, so an array is an invalid request here.
namespace rpc {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
} // namespace rpc

// One message read from a body, or the error response to send instead.
struct RpcMessage
{
    enum class Kind
    {
        Request,      // method and id: answer with a result or an error
        Notification, // method, no id: nothing to answer (HTTP 202)
        Response,     // result or error with an id: a client's answer (we never ask; HTTP 202)
    };
    Kind kind = Kind::Request;
    QJsonValue id; // a string or an integer; undefined for notifications
    QString method;
    QJsonObject params; // {} when absent
};

struct RpcParsed
{
    std::optional<RpcMessage> message;
    QJsonObject error; // the error response when message is empty (id null: it could not be read)
};

// Strict: jsonrpc "2.0", a string method, an id that is a string or an integer (never null),
// params an object when present. Never throws, for any bytes (fuzzed: FuzzMcpJsonRpc).
RpcParsed parseMessage(QByteArrayView body);

QJsonObject errorResponse(const QJsonValue& id, int code, const QString& message);
QJsonObject resultResponse(const QJsonValue& id, const QJsonObject& result);

} // namespace tokenpass::mcp
