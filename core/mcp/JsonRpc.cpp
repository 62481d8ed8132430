#include "mcp/JsonRpc.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace tokenpass::mcp {

namespace {

RpcParsed fail(int code, const QString& message, const QJsonValue& id = QJsonValue::Null)
{
    RpcParsed out;
    out.error = errorResponse(id, code, message);
    return out;
}

// JSON-RPC allows a number id; MCP narrows it to strings and integers, and forbids null.
bool validId(const QJsonValue& id)
{
    if (id.isString())
        return true;
    if (!id.isDouble())
        return false;
    const double v = id.toDouble();
    return std::isfinite(v) && v == std::floor(v) && std::fabs(v) <= 9007199254740991.0;
}

} // namespace

QJsonObject errorResponse(const QJsonValue& id, int code, const QString& message)
{
    return QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                       {QStringLiteral("id"), id.isUndefined() ? QJsonValue(QJsonValue::Null) : id},
                       {QStringLiteral("error"),
                        QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}

QJsonObject resultResponse(const QJsonValue& id, const QJsonObject& result)
{
    return QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("result"), result}};
}

RpcParsed parseMessage(QByteArrayView body)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(rpc::kParseError, QStringLiteral("Parse error: the body is not JSON"));
    if (doc.isArray())
        return fail(rpc::kInvalidRequest,
                    QStringLiteral("Batches are not supported: MCP 2025-11-25 removed JSON-RPC batching, "
                                   "send one message per request"));
    if (!doc.isObject())
        return fail(rpc::kInvalidRequest, QStringLiteral("Invalid request: expected a JSON-RPC object"));
    const QJsonObject o = doc.object();
    const QJsonValue idValue = o.value(QStringLiteral("id"));
    // An error answer echoes the id when it can be read.
    const QJsonValue echo = validId(idValue) ? idValue : QJsonValue(QJsonValue::Null);
    if (o.value(QStringLiteral("jsonrpc")).toString() != QLatin1String("2.0"))
        return fail(rpc::kInvalidRequest, QStringLiteral("Invalid request: jsonrpc must be \"2.0\""), echo);
    if (!idValue.isUndefined() && !validId(idValue))
        return fail(rpc::kInvalidRequest,
                    QStringLiteral("Invalid request: id must be a string or an integer"));

    const QJsonValue method = o.value(QStringLiteral("method"));
    RpcMessage m;
    m.id = idValue;
    if (method.isUndefined()) {
        const bool answer = o.contains(QStringLiteral("result")) != o.contains(QStringLiteral("error"));
        if (!answer || idValue.isUndefined())
            return fail(rpc::kInvalidRequest, QStringLiteral("Invalid request: method is required"), echo);
        m.kind = RpcMessage::Kind::Response;
        return RpcParsed{m, {}};
    }
    if (!method.isString() || method.toString().isEmpty())
        return fail(rpc::kInvalidRequest, QStringLiteral("Invalid request: method must be a string"), echo);
    m.method = method.toString();
    const QJsonValue params = o.value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isObject())
        return fail(rpc::kInvalidParams, QStringLiteral("Invalid params: params must be an object"), echo);
    m.params = params.toObject();
    m.kind = idValue.isUndefined() ? RpcMessage::Kind::Notification : RpcMessage::Kind::Request;
    return RpcParsed{m, {}};
}

} // namespace tokenpass::mcp
