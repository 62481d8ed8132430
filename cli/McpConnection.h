#pragma once

#include "HttpClient.h"
#include "OAuthClient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace tokenpass::cli {

// One MCP client session with TokenPass's POST /mcp (Streamable HTTP, plain JSON answers), shared
// by the stdio bridge and the command line: the access token from OAuthClient (on a 401 it
// renews once and retries), the MCP-Session-Id from initialize and the negotiated
// MCP-Protocol-Version on every later message, and a new session when the server forgot ours
// (404: the initialize is sent again, then the message).
class McpConnection
{
public:
    McpConnection(HttpClient& http, OAuthClient& oauth, QUrl mcpUrl);

    struct Answer
    {
        Outcome outcome = Outcome::Failed; // Ok: the server answered (any status)
        int status = 0;
        QByteArray body;
        QByteArray challenge; // WWW-Authenticate, if any
        QString message;      // when not Ok
    };
    // Sends one JSON-RPC message as it is.
    Answer send(const QByteArray& message);

    // For the command line: initialize (and notifications/initialized), then one tools/call.
    // Ok with the call's result, or the reason it did not run.
    struct ToolAnswer
    {
        Outcome outcome = Outcome::Failed;
        QJsonObject result; // tools/call result: structuredContent, content, isError
        QString message;
    };
    ToolAnswer callTool(const QString& name, const QJsonObject& arguments);

    const QString& sessionId() const { return m_sessionId; }

private:
    Answer post(const QByteArray& message, bool initialize);
    bool reopenSession();

    HttpClient& m_http;
    OAuthClient& m_oauth;
    QUrl m_url;
    QString m_sessionId;
    QByteArray m_protocolVersion;
    QByteArray m_initialize; // the client's initialize, sent again for a new session
};

} // namespace tokenpass::cli
