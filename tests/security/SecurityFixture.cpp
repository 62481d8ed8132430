#include "SecurityFixture.h"

#include <QJsonParseError>

namespace tokenpass::test {

HttpResult SecurityFixture::rawRequest(const QByteArray& method, const QByteArray& path,
                                       const QByteArray& host, const QByteArray& body, const Headers& headers)
{
    QByteArray bytes = method + ' ' + path + " HTTP/1.1\r\n";
    if (!host.isEmpty())
        bytes += "Host: " + host + "\r\n";
    for (const auto& [name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "Connection: close\r\n\r\n" + body;
    return raw(bytes);
}

void SecurityFixture::restartProcessState()
{
    stopProcessState();
    startProcessState(startOptions());
}

bool SecurityFixture::walletExists()
{
    return get(QStringLiteral("/api/status")).json().value(QStringLiteral("seed")).toBool();
}

bool SecurityFixture::walletUnlocked()
{
    return get(QStringLiteral("/api/status")).json().value(QStringLiteral("unlocked")).toBool();
}

QString SecurityFixture::tokenFor(const QString& host, const QStringList& scopes, const QByteArray& origin)
{
    if (!walletExists())
        registerWallet();
    grant(host, scopes);
    Headers headers;
    if (!origin.isEmpty())
        headers.append({"Origin", origin});
    return authorize(host, scopes, headers);
}

void expectHardenedJson(const HttpResult& r, const char* what)
{
    EXPECT_NE(r.status, 0) << what << ": no answer";
    QJsonParseError error;
    QJsonDocument::fromJson(r.body, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError)
        << what << ": not JSON: " << r.body.left(200).constData();
    EXPECT_TRUE(r.header("Content-Type").startsWith("application/json"))
        << what << ": Content-Type " << r.header("Content-Type").constData();
    EXPECT_EQ(r.header("Cache-Control"), QByteArray("no-store")) << what;
    EXPECT_EQ(r.header("X-Content-Type-Options"), QByteArray("nosniff")) << what;
}

void expectUnreadableCrossOrigin(const HttpResult& r, const char* what)
{
    EXPECT_TRUE(r.header("Access-Control-Allow-Origin").isEmpty())
        << what << ": readable by " << r.header("Access-Control-Allow-Origin").constData();
}

} // namespace tokenpass::test
