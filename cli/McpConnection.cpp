#include "McpConnection.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace tokenpass::cli {

namespace {

constexpr char kInitialized[] = R"({"jsonrpc":"2.0","method":"notifications/initialized"})";

QString methodOf(const QByteArray& message)
{
    return QJsonDocument::fromJson(message).object().value(QStringLiteral("method")).toString();
}

} // namespace

McpConnection::McpConnection(HttpClient& http, OAuthClient& oauth, QUrl mcpUrl)
    : m_http(http), m_oauth(oauth), m_url(std::move(mcpUrl))
{}

McpConnection::Answer McpConnection::post(const QByteArray& message, bool initialize)
{
    Answer answer;
    HttpResponse r;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const AuthResult auth = attempt == 0 ? m_oauth.accessToken() : m_oauth.renew();
        if (auth.outcome != Outcome::Ok) {
            answer.outcome = auth.outcome;
            answer.message = auth.message;
            return answer;
        }
        HttpHeaders headers{{"Authorization", "Bearer " + auth.accessToken.toLatin1()},
                            {"Content-Type", "application/json"},
                            {"Accept", "application/json, text/event-stream"}};
        if (!initialize && !m_sessionId.isEmpty())
            headers.append({"MCP-Session-Id", m_sessionId.toLatin1()});
        if (!initialize && !m_protocolVersion.isEmpty())
            headers.append({"MCP-Protocol-Version", m_protocolVersion});
        r = m_http.post(m_url, message, headers, HttpClient::kApprovalTimeoutMs);
        if (!r.reached) {
            answer.outcome = Outcome::NotRunning;
            answer.message = notRunningMessage();
            return answer;
        }
        if (r.status != 401)
            break; // a 401 even with a renewed token is the answer
    }
    answer.outcome = Outcome::Ok;
    answer.status = r.status;
    answer.body = r.body;
    answer.challenge = r.header("www-authenticate");
    if (initialize && r.status == 200) {
        m_initialize = message;
        m_sessionId = QString::fromLatin1(r.header("mcp-session-id"));
        const QJsonObject result =
            QJsonDocument::fromJson(r.body).object().value(QStringLiteral("result")).toObject();
        m_protocolVersion = result.value(QStringLiteral("protocolVersion")).toString().toLatin1();
    }
    return answer;
}

McpConnection::Answer McpConnection::send(const QByteArray& message)
{
    const bool initialize = methodOf(message) == QLatin1String("initialize");
    Answer answer = post(message, initialize);
    if (answer.outcome == Outcome::Ok && answer.status == 404 && !initialize && !m_initialize.isEmpty() &&
        reopenSession())
        answer = post(message, false);
    return answer;
}

bool McpConnection::reopenSession()
{
    const QByteArray initialize = m_initialize;
    const Answer opened = post(initialize, true);
    if (opened.outcome != Outcome::Ok || opened.status != 200 || m_sessionId.isEmpty())
        return false;
    const Answer done = post(kInitialized, false);
    return done.outcome == Outcome::Ok && done.status == 202;
}

McpConnection::ToolAnswer McpConnection::callTool(const QString& name, const QJsonObject& arguments)
{
    ToolAnswer out;
    if (m_sessionId.isEmpty()) {
        const QJsonObject init{
            {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), 0},
            {QStringLiteral("method"), QStringLiteral("initialize")},
            {QStringLiteral("params"),
             QJsonObject{{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                         {QStringLiteral("capabilities"), QJsonObject{}},
                         {QStringLiteral("clientInfo"),
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("tokenpass-cli")},
                                      {QStringLiteral("version"), QStringLiteral(TOKENPASS_VERSION)}}}}}};
        const Answer opened = send(QJsonDocument(init).toJson(QJsonDocument::Compact));
        if (opened.outcome != Outcome::Ok || opened.status != 200) {
            out.outcome = opened.outcome == Outcome::Ok ? Outcome::Failed : opened.outcome;
            out.message =
                opened.outcome == Outcome::Ok
                    ? QStringLiteral("TokenPass refused the MCP session (HTTP %1)").arg(opened.status)
                    : opened.message;
            return out;
        }
        (void)send(kInitialized);
    }
    const QJsonObject call{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                           {QStringLiteral("id"), 1},
                           {QStringLiteral("method"), QStringLiteral("tools/call")},
                           {QStringLiteral("params"), QJsonObject{{QStringLiteral("name"), name},
                                                                  {QStringLiteral("arguments"), arguments}}}};
    Answer a = send(QJsonDocument(call).toJson(QJsonDocument::Compact));
    // MCP step-up: a token without the tool's scope gets 403 insufficient_scope with the scopes to
    // ask for; ask the person once for them, then call again.
    if (a.outcome == Outcome::Ok && a.status == 403 && a.challenge.contains("insufficient_scope")) {
        static const QRegularExpression scope(QStringLiteral("scope=\"([^\"]*)\""));
        const AuthResult widened = m_oauth.stepUp(scope.match(QString::fromLatin1(a.challenge)).captured(1));
        if (widened.outcome != Outcome::Ok) {
            out.outcome = widened.outcome;
            out.message = widened.message;
            return out;
        }
        a = send(QJsonDocument(call).toJson(QJsonDocument::Compact));
    }
    if (a.outcome != Outcome::Ok) {
        out.outcome = a.outcome;
        out.message = a.message;
        return out;
    }
    const QJsonObject body = QJsonDocument::fromJson(a.body).object();
    if (a.status == 200 && body.contains(QStringLiteral("result"))) {
        out.outcome = Outcome::Ok;
        out.result = body.value(QStringLiteral("result")).toObject();
        return out;
    }
    QString why = body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (why.isEmpty())
        why = body.value(QStringLiteral("error_description")).toString();
    out.message = QStringLiteral("TokenPass refused the call (HTTP %1): %2").arg(a.status).arg(why);
    return out;
}

} // namespace tokenpass::cli
