#pragma once

#include "HttpClient.h"
#include "TokenFile.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace tokenpass::cli {

// How a call to TokenPass ended, as the command line's exit codes tell it.
enum class Outcome
{
    Ok,
    Failed,     // anything else (exit 1)
    Usage,      // exit 2
    Locked,     // exit 3
    Rejected,   // the person said no, or the code expired (exit 4)
    NotRunning, // nothing answers at the URL (exit 5)
};

struct AuthResult
{
    Outcome outcome = Outcome::Failed;
    QString accessToken; // when Ok
    QString message;     // otherwise: a sentence for the person
};

// A public OAuth client of TokenPass's own provider, with no back door (OAUTH.md §1.4, §4):
// it registers itself (RFC 7591), gets its first tokens through the device flow (RFC 8628: the
// person approves in TokenPass's dialog or on /oauth/device) and then only refreshes (rotation:
// every new refresh token is saved at once). `say` prints the code to compare, on stderr.
class OAuthClient
{
public:
    struct Config
    {
        QUrl base;          // http://127.0.0.1:21000
        QString clientName; // as the person will see it
        QString scope;      // space separated
        QString tokenPath;  // the TokenFile
    };
    OAuthClient(HttpClient& http, Config config, std::function<void(const QString&)> say);

    // A live access token: the one in memory, else by refresh, else by the device flow.
    AuthResult accessToken();
    // After a 401: forget the access token, refresh once, else start the device flow again.
    AuthResult renew();

    // After a 403 insufficient_scope (MCP step-up): asks the person again through the device flow,
    // for the configured scopes plus those in `challenged` (the WWW-Authenticate scope). A refresh
    // cannot widen a grant, so the saved sign-in is replaced by the new one.
    AuthResult stepUp(const QString& challenged);

    QString resource() const; // <base>/mcp, the audience of our tokens

    // Poll intervals are the server's; tests may shorten the wait before the first poll only.
    static constexpr int kSlowDownSeconds = 5;

private:
    AuthResult refresh();
    AuthResult deviceFlow();
    AuthResult registerClient();
    AuthResult takeTokens(const QJsonObject& body);
    QUrl endpoint(const QString& path) const;
    HttpResponse postForm(const QString& path, const QList<QPair<QString, QString>>& fields);

    HttpClient& m_http;
    Config m_config;
    TokenFile m_file;
    TokenFileData m_data;
    std::function<void(const QString&)> m_say;
    QString m_accessToken;
    QElapsedTimer m_accessAge;
    qint64 m_accessLifetimeMs = 0;
};

QString notRunningMessage();

} // namespace tokenpass::cli
