#pragma once

#include "HttpClient.h"
#include "OAuthClient.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace tokenpass::cli {

// The exit codes of `tokenpass <command>` (README "Command line").
int exitCodeOf(Outcome outcome);

// What every command gets: where TokenPass is, the data folder (for the token files), whether
// to answer in JSON, and where text goes (stdout for answers, stderr for everything else).
struct CliContext
{
    QUrl base;
    QString dataDir;
    bool json = false;
    HttpClient http;
    std::function<void(const QByteArray&)> out; // stdout
    std::function<void(const QString&)> err;    // stderr, one line

    QUrl url(const QString& path) const;
};

// Each returns the process's exit code. The REST API serves status, lock and unlock (API.md
// §2.1, §2.4, §2.5: the v0.0.8 routes, no token needed); the key is used through the MCP tools
// with the command line's own OAuth client (cli-client.json).
int status(CliContext& c);
int lock(CliContext& c);
int unlock(CliContext& c, const QString& passwordFile);
// A tools/call; `print` turns its structuredContent into the text answer (--json prints it whole).
int tool(CliContext& c, const QString& name, const QJsonObject& arguments,
         const std::function<QByteArray(const QJsonObject&)>& print);
// The same call without printing: 0 with the tool's structuredContent, else the exit code (the
// reason is on stderr).
int callTool(CliContext& c, const QString& name, const QJsonObject& arguments, QJsonObject& structured);
// `tokenpass sites [list | revoke HOST]` (CliSites.cpp): the MCP tools list_sites and revoke_site.
int sites(CliContext& c, const QStringList& words);
// `tokenpass mcp`: the stdio bridge, with its own client (mcp-client.json).
int mcpBridge(CliContext& c);

} // namespace tokenpass::cli
