#pragma once

#include "McpConnection.h"

#include <QByteArray>
#include <QJsonValue>

#include <functional>
#include <istream>

namespace tokenpass::cli {

// `tokenpass mcp`: the MCP stdio transport for clients that launch a command. Reads one JSON-RPC
// message per line on `in`, forwards it to TokenPass's POST /mcp through `connection`, and
// writes the answer to a request as one line through `write`; notifications and responses get no
// line. When TokenPass cannot be reached (or refuses to sign the bridge in), each request gets a
// JSON-RPC error with code -32000 and a plain sentence. Messages are handled one at a time.
class McpBridge
{
public:
    using Writer = std::function<void(const QByteArray& line)>;
    McpBridge(McpConnection& connection, Writer write, std::function<void(const QString&)> log);

    // Until `in` ends. The exit code of `tokenpass mcp` (0).
    int run(std::istream& in);
    // One line: what was written (empty when nothing was), for run() and the tests.
    QByteArray handle(const QByteArray& line);

    static constexpr int kServerError = -32000; // JSON-RPC "server error": TokenPass not reached

private:
    static QByteArray errorLine(const QJsonValue& id, int code, const QString& message);

    McpConnection& m_connection;
    Writer m_write;
    std::function<void(const QString&)> m_log;
};

// Makes stdout carry only what `write` sends: the real stdout is kept on a private descriptor
// and descriptor 1 becomes stderr, so a stray printf or Qt message cannot corrupt the protocol.
McpBridge::Writer protocolWriter();

} // namespace tokenpass::cli
