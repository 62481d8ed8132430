#include "CliCommands.h"

#include "McpBridge.h"
#include "McpConnection.h"
#include "PasswordInput.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <iostream>

namespace tokenpass::cli {

namespace {

// The bridge forwards what an agent sends, so it never asks for manage_sites; the command line
// does (`tokenpass sites`), and a sign-in saved before it had that scope steps up (McpConnection).
const QString kBridgeScopes = QStringLiteral("sign encrypt decrypt transfer read_profile");
const QString kCliScopes = kBridgeScopes + QStringLiteral(" manage_sites");

QString lockedMessage()
{
    return QStringLiteral("TokenPass is locked: run `tokenpass unlock` or unlock it from the tray");
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

OAuthClient::Config clientConfig(const CliContext& c, const QString& name, const QString& scopes,
                                 const QString& file)
{
    return {c.base, name, scopes, QDir(c.dataDir).filePath(file)};
}

// Refused tool calls say why in their text; the first words name the case (McpToolCalls.cpp).
Outcome outcomeOfToolError(const QString& text)
{
    if (text.startsWith(QLatin1String("TokenPass is locked")))
        return Outcome::Locked;
    if (text.startsWith(QLatin1String("Rejected in TokenPass")))
        return Outcome::Rejected;
    return Outcome::Failed;
}

} // namespace

int exitCodeOf(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return 0;
    case Outcome::Failed:
        return 1;
    case Outcome::Usage:
        return 2;
    case Outcome::Locked:
        return 3;
    case Outcome::Rejected:
        return 4;
    case Outcome::NotRunning:
        return 5;
    }
    return 1;
}

QUrl CliContext::url(const QString& path) const
{
    return QUrl(base.toString(QUrl::StripTrailingSlash) + path);
}

int status(CliContext& c)
{
    const HttpResponse r = c.http.get(c.url(QStringLiteral("/api/status")));
    const QJsonObject s = QJsonDocument::fromJson(r.body).object();
    const bool running = r.reached && r.status == 200;
    const bool hasWallet = s.value(QStringLiteral("seed")).toBool();
    const bool unlocked = s.value(QStringLiteral("unlocked")).toBool();
    const Outcome outcome = !running ? Outcome::NotRunning : unlocked ? Outcome::Ok : Outcome::Locked;
    if (c.json) {
        c.out(compact({{QStringLiteral("running"), running},
                       {QStringLiteral("url"), c.base.toString(QUrl::StripTrailingSlash)},
                       {QStringLiteral("has_wallet"), hasWallet},
                       {QStringLiteral("unlocked"), unlocked}}));
    } else if (!running) {
        c.err(notRunningMessage());
    } else {
        const QString state = unlocked    ? QStringLiteral("unlocked")
                              : hasWallet ? QStringLiteral("locked")
                                          : QStringLiteral("no wallet yet (create one in TokenPass)");
        c.out(QStringLiteral("TokenPass at %1: %2\n")
                  .arg(c.base.toString(QUrl::StripTrailingSlash), state)
                  .toUtf8());
    }
    return exitCodeOf(outcome);
}

int lock(CliContext& c)
{
    const HttpResponse r = c.http.post(c.url(QStringLiteral("/api/logout")), {}, {});
    if (!r.reached)
        return c.err(notRunningMessage()), exitCodeOf(Outcome::NotRunning);
    if (r.status != 200)
        return c.err(QStringLiteral("TokenPass did not lock (HTTP %1)").arg(r.status)), 1;
    if (c.json)
        c.out(compact({{QStringLiteral("unlocked"), false}}));
    else
        c.out("TokenPass is locked\n");
    return 0;
}

int unlock(CliContext& c, const QString& passwordFile)
{
    const HttpResponse probe = c.http.get(c.url(QStringLiteral("/api/status")));
    if (!probe.reached)
        return c.err(notRunningMessage()), exitCodeOf(Outcome::NotRunning);
    auto password = readPassword(passwordFile, QStringLiteral("TokenPass password: "));
    if (!password)
        return c.err(QStringLiteral("tokenpass unlock: %1; use --password-file FILE (or - for stdin)")
                         .arg(password.error())),
               exitCodeOf(Outcome::Usage);
    QByteArray secret = *password;
    wipe(*password);
    QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("password"), QString::fromUtf8(secret)}})
                          .toJson(QJsonDocument::Compact);
    wipe(secret);
    const HttpResponse r = c.http.post(c.url(QStringLiteral("/api/login")), body,
                                       {{"Content-Type", "application/json"}}, 120'000);
    wipe(body);
    if (!r.reached)
        return c.err(notRunningMessage()), exitCodeOf(Outcome::NotRunning);
    const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
    if (r.status != 200) {
        c.err(
            QStringLiteral("TokenPass did not unlock: %1")
                .arg(
                    answer.value(QStringLiteral("error")).toString(QStringLiteral("HTTP %1").arg(r.status))));
        return exitCodeOf(r.status == 500 ? Outcome::Failed : Outcome::Rejected);
    }
    if (const QString notice = answer.value(QStringLiteral("notice")).toString(); !notice.isEmpty())
        c.err(notice);
    if (c.json)
        c.out(compact({{QStringLiteral("unlocked"), true}}));
    else
        c.out("TokenPass is unlocked\n");
    return 0;
}

int tool(CliContext& c, const QString& name, const QJsonObject& arguments,
         const std::function<QByteArray(const QJsonObject&)>& print)
{
    QJsonObject structured;
    if (const int code = callTool(c, name, arguments, structured); code != 0)
        return code;
    c.out(c.json ? compact(structured) : print(structured));
    return 0;
}

int callTool(CliContext& c, const QString& name, const QJsonObject& arguments, QJsonObject& structured)
{
    // Say "locked" or "not running" before any sign-in: nothing can be approved or signed then.
    const HttpResponse r = c.http.get(c.url(QStringLiteral("/api/status")));
    if (!r.reached || r.status != 200)
        return c.err(notRunningMessage()), exitCodeOf(Outcome::NotRunning);
    const QJsonObject s = QJsonDocument::fromJson(r.body).object();
    if (!s.value(QStringLiteral("seed")).toBool())
        return c.err(QStringLiteral("TokenPass has no wallet yet: create one in TokenPass")),
               exitCodeOf(Outcome::Locked);
    if (!s.value(QStringLiteral("unlocked")).toBool())
        return c.err(lockedMessage()), exitCodeOf(Outcome::Locked);

    OAuthClient oauth(c.http,
                      clientConfig(c, QStringLiteral("TokenPass command line"), kCliScopes,
                                   QStringLiteral("cli-client.json")),
                      c.err);
    McpConnection connection(c.http, oauth, c.url(QStringLiteral("/mcp")));
    const McpConnection::ToolAnswer a = connection.callTool(name, arguments);
    if (a.outcome != Outcome::Ok)
        return c.err(a.outcome == Outcome::Locked ? lockedMessage() : a.message), exitCodeOf(a.outcome);
    if (a.result.value(QStringLiteral("isError")).toBool()) {
        const QString text = a.result.value(QStringLiteral("content"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString();
        const Outcome outcome = outcomeOfToolError(text);
        c.err(outcome == Outcome::Locked ? lockedMessage() : text);
        return exitCodeOf(outcome);
    }
    structured = a.result.value(QStringLiteral("structuredContent")).toObject();
    return 0;
}

int mcpBridge(CliContext& c)
{
    const McpBridge::Writer write = protocolWriter(); // from here on stdout carries only protocol lines
    OAuthClient oauth(c.http,
                      clientConfig(c, QStringLiteral("TokenPass MCP bridge (tokenpass mcp)"), kBridgeScopes,
                                   QStringLiteral("mcp-client.json")),
                      c.err);
    McpConnection connection(c.http, oauth, c.url(QStringLiteral("/mcp")));
    McpBridge bridge(connection, write, c.err);
    return bridge.run(std::cin);
}

} // namespace tokenpass::cli
