// The MCP endpoint's JSON-RPC reader and tool-argument checks (core/mcp), which read every body
// POST /mcp gets once the token is valid. Invariants: one message or one error response, never
// both; error codes from JSON-RPC's list; a request's id is a string or an integer; an argument
// check never accepts a non-string for the tools that take only strings.

#include "FuzzSupport.h"
#include "mcp/JsonRpc.h"
#include "mcp/McpTools.h"

#include <QJsonArray>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    const mcp::RpcParsed parsed = mcp::parseMessage(input);
    if (parsed.message.has_value() == !parsed.error.isEmpty())
        fuzz::fail("parseMessage gave both or neither of a message and an error");
    if (!parsed.message) {
        const int code =
            parsed.error.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
        if (code != mcp::rpc::kParseError && code != mcp::rpc::kInvalidRequest &&
            code != mcp::rpc::kInvalidParams)
            fuzz::fail("unexpected error code");
        return 0;
    }
    const mcp::RpcMessage& m = *parsed.message;
    if (m.kind == mcp::RpcMessage::Kind::Request && !m.id.isString() && !m.id.isDouble())
        fuzz::fail("a request without a string or number id");
    if (m.kind != mcp::RpcMessage::Kind::Response && m.method.isEmpty())
        fuzz::fail("a request without a method");
    (void)mcp::initializeResult(m.params);
    const QString name = m.params.value(QStringLiteral("name")).toString();
    const QJsonObject arguments = m.params.value(QStringLiteral("arguments")).toObject();
    const QString error = mcp::argumentsError(name, arguments);
    if (!mcp::toolScope(name) && error.isEmpty())
        fuzz::fail("arguments accepted for an unknown tool");
    if (error.isEmpty() && name != QLatin1String("sign_transaction")) // its list and map members
        for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it)
            if (!it.value().isString())
                fuzz::fail("a non-string argument was accepted (every tool argument is a string)");
    return 0;
}
