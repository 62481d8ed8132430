#include "McpBridge.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <string>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace tokenpass::cli {

McpBridge::McpBridge(McpConnection& connection, Writer write, std::function<void(const QString&)> log)
    : m_connection(connection), m_write(std::move(write)), m_log(std::move(log))
{}

QByteArray McpBridge::errorLine(const QJsonValue& id, int code, const QString& message)
{
    const QJsonObject o{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                        {QStringLiteral("id"), id},
                        {QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray McpBridge::handle(const QByteArray& raw)
{
    const QByteArray line = raw.trimmed();
    if (line.isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return errorLine(QJsonValue::Null, -32700,
                         QStringLiteral("Parse error: ") + parseError.errorString());
    const QJsonObject message = doc.object();
    // A request has a method and an id; only requests are answered (JSON-RPC 2.0 §4.1).
    const bool request = doc.isObject() && message.contains(QStringLiteral("method")) &&
                         message.contains(QStringLiteral("id"));
    const QJsonValue id = message.value(QStringLiteral("id"));

    const McpConnection::Answer answer = m_connection.send(QJsonDocument(doc).toJson(QJsonDocument::Compact));
    if (answer.outcome != Outcome::Ok) {
        m_log(QStringLiteral("tokenpass mcp: %1").arg(answer.message));
        return request ? errorLine(id, kServerError, answer.message) : QByteArray();
    }
    if (!request) {
        if (answer.status >= 300)
            m_log(QStringLiteral("tokenpass mcp: TokenPass answered HTTP %1 to a notification: %2")
                      .arg(answer.status)
                      .arg(QString::fromUtf8(answer.body.left(200))));
        return {};
    }
    QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    if (body.value(QStringLiteral("jsonrpc")) == QLatin1String("2.0") &&
        (body.contains(QStringLiteral("result")) || body.contains(QStringLiteral("error")))) {
        if (body.value(QStringLiteral("id")).isNull()) // a transport-level refusal: give it the id
            body.insert(QStringLiteral("id"), id);
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    // Not JSON-RPC: an OAuth refusal (403 insufficient_scope, 401) or something unexpected.
    QString why = body.value(QStringLiteral("error_description")).toString();
    if (why.isEmpty())
        why = QString::fromUtf8(answer.body.left(200));
    return errorLine(id, kServerError,
                     QStringLiteral("TokenPass refused (HTTP %1): %2").arg(answer.status).arg(why));
}

int McpBridge::run(std::istream& in)
{
    std::string line;
    while (std::getline(in, line)) {
        const QByteArray out = handle(QByteArray::fromStdString(line));
        if (!out.isEmpty())
            m_write(out + '\n');
    }
    return 0;
}

McpBridge::Writer protocolWriter()
{
    std::fflush(stdout);
#if defined(Q_OS_UNIX)
    const int fd = ::dup(STDOUT_FILENO);
    if (fd >= 0 && ::dup2(STDERR_FILENO, STDOUT_FILENO) >= 0) {
        return [fd](const QByteArray& line) {
            qsizetype done = 0;
            while (done < line.size()) {
                const ssize_t n = ::write(fd, line.constData() + done, size_t(line.size() - done));
                if (n < 0)
                    return; // the client went away; stdin will end too
                done += n;
            }
        };
    }
#endif
    return [](const QByteArray& line) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    };
}

} // namespace tokenpass::cli
