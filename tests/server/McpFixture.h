#pragma once

// The MCP endpoint tests' fixture (issue 18): a server with a wallet, access tokens for
// http://127.0.0.1:<port>/mcp minted through the real code flow, and JSON-RPC over real HTTP.

#include "OAuthFixture.h"

#include <QJsonArray>

namespace tokenpass::test {

class McpEndpoint : public OAuthEndpoints
{
protected:
    QString resource() const { return issuer() + QStringLiteral("/mcp"); }

    // An access token for the MCP resource with `scopes`, for a new client (its grant: `policy`).
    // privateIdentity: consented as "a private identity for this app" (the key of "oauth:<client_id>").
    QString mcpToken(const QStringList& scopes, access::SigningPolicy policy = access::SigningPolicy::Allow,
                     QString* clientIdOut = nullptr, bool privateIdentity = false)
    {
        const QString clientId = registerClient();
        if (clientIdOut)
            *clientIdOut = clientId;
        grant(QStringLiteral("oauth:") + clientId, scopes, policy); // the tools' signing policy
        // No dialog for the code.
        rememberConsent(clientId, scopes, privateIdentity ? access::privateIdentityFor(clientId) : QString());
        const QString path =
            QStringLiteral("/oauth/authorize?response_type=code&client_id=") + clientId +
            QStringLiteral("&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb&state=s&code_challenge=") +
            QLatin1String(kChallenge) + QStringLiteral("&code_challenge_method=S256&scope=") +
            QString::fromLatin1(QUrl::toPercentEncoding(scopes.join(QLatin1Char(' ')))) +
            QStringLiteral("&resource=") + QString::fromLatin1(QUrl::toPercentEncoding(resource()));
        const HttpResult r = get(path);
        EXPECT_EQ(r.status, 302) << r.body.constData();
        const QString code = locationQuery(r).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        const HttpResult t = exchange(clientId, code);
        EXPECT_EQ(t.status, 200) << t.body.constData();
        return t.json().value(QStringLiteral("access_token")).toString();
    }
    static QStringList allScopes()
    {
        return {QStringLiteral("sign"), QStringLiteral("encrypt"), QStringLiteral("decrypt"),
                QStringLiteral("read_profile")};
    }

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    Headers mcpHeaders(const QString& token, const QString& session = {}) const
    {
        Headers h{{"Authorization", "Bearer " + token.toLatin1()},
                  {"Content-Type", "application/json"},
                  {"Accept", "application/json, text/event-stream"}};
        if (!session.isEmpty()) {
            h.append(qMakePair(QByteArray("MCP-Session-Id"), session.toLatin1()));
            h.append(qMakePair(QByteArray("MCP-Protocol-Version"), QByteArray("2025-11-25")));
        }
        return h;
    }
    HttpResult rpc(const QString& token, const QString& session, const QByteArray& body,
                   const Headers& extra = {})
    {
        return post(QStringLiteral("/mcp"), body, mcpHeaders(token, session) + extra);
    }
    static QByteArray request(const QString& method, const QJsonObject& params = {}, int id = 1)
    {
        QJsonObject o{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                      {QStringLiteral("id"), id},
                      {QStringLiteral("method"), method}};
        if (!params.isEmpty())
            o.insert(QStringLiteral("params"), params);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    // initialize, then notifications/initialized: the session id.
    QString openSession(const QString& token)
    {
        const QJsonObject params{
            {QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("capabilities"), QJsonObject{}},
            {QStringLiteral("clientInfo"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                       {QStringLiteral("version"), QStringLiteral("1")}}}};
        const HttpResult r = rpc(token, {}, request(QStringLiteral("initialize"), params));
        EXPECT_EQ(r.status, 200) << r.body.constData();
        const QString session = QString::fromLatin1(r.header("MCP-Session-Id"));
        const HttpResult n = rpc(token, session, R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
        EXPECT_EQ(n.status, 202) << n.body.constData();
        return session;
    }
    // tools/call: the JSON-RPC result.
    QJsonObject callTool(const QString& token, const QString& session, const QString& name,
                         const QJsonObject& arguments = {})
    {
        const HttpResult r =
            rpc(token, session,
                request(QStringLiteral("tools/call"),
                        {{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}}));
        EXPECT_EQ(r.status, 200) << r.body.constData();
        return r.json().value(QStringLiteral("result")).toObject();
    }
};

} // namespace tokenpass::test
