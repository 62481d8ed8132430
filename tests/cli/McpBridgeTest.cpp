// `tokenpass mcp`, the MCP stdio transport, against a real tokenpassd: JSON-RPC lines forwarded to
// POST /mcp and answered on stdout (notifications get no line, stdout has nothing else), the
// bridge's own OAuth client (device flow once, then refresh with rotation from mcp-client.json,
// mode 0600), and a -32000 error per request when TokenPass is not running.

#include "CliFixture.h"
#include "crypto/Bsm.h"

#include <QDir>
#include <QJsonArray>

#include <memory>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

QByteArray initializeLine(int id)
{
    return QByteArray(R"({"jsonrpc":"2.0","id":)") + QByteArray::number(id) +
           R"(,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},)"
           R"("clientInfo":{"name":"bridge-test","version":"1"}}})" +
           "\n";
}

// The next line on the bridge's stdout, as JSON.
QJsonObject nextLine(CliRun& bridge, int timeoutMs = 30000)
{
    bridge.m_process.setReadChannel(QProcess::StandardOutput);
    QElapsedTimer t;
    t.start();
    while (!bridge.m_process.canReadLine() && t.elapsed() < timeoutMs) {
        if (!bridge.m_process.waitForReadyRead(200) && bridge.m_process.state() == QProcess::NotRunning)
            break;
    }
    const QByteArray line = bridge.m_process.readLine();
    bridge.m_stdout += line;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << "not a JSON line on stdout: " << line.constData();
    return doc.object();
}

} // namespace

TEST(McpBridgeWithoutServer, EachRequestGetsAServerErrorAndNotificationsNothing)
{
    TestDataDir parent;
    const QString dataDir = parent.filePath(QStringLiteral("not/yet/there"));
    CliRun bridge(
        {QStringLiteral("mcp"), QStringLiteral("--url"), closedUrl(), QStringLiteral("--data-dir"), dataDir},
        initializeLine(1) +
            R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
            "\n" +
            R"({"jsonrpc":"2.0","id":"x","method":"tools/list"})"
            "\n" +
            "{not json\n");
    ASSERT_EQ(bridge.finish(), 0) << bridge.m_stderr.constData();
    const QList<QByteArray> lines = bridge.m_stdout.trimmed().split('\n');
    ASSERT_EQ(lines.size(), 3) << bridge.m_stdout.constData();
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
    const QJsonObject third = QJsonDocument::fromJson(lines[2]).object();
    EXPECT_EQ(first.value(QStringLiteral("id")).toInt(), 1);
    EXPECT_EQ(second.value(QStringLiteral("id")).toString(), QStringLiteral("x"));
    for (const QJsonObject& o : {first, second}) {
        const QJsonObject error = o.value(QStringLiteral("error")).toObject();
        EXPECT_EQ(error.value(QStringLiteral("code")).toInt(), -32000);
        EXPECT_EQ(error.value(QStringLiteral("message")).toString(),
                  QStringLiteral("TokenPass is not running: start it, or check --url"));
    }
    EXPECT_EQ(third.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32700);
    EXPECT_TRUE(third.value(QStringLiteral("id")).isNull());
    EXPECT_TRUE(QDir(dataDir).exists()) << "the bridge creates its data folder";
    EXPECT_EQ(fileMode(dataDir), 0700);
}

TEST(McpBridge, ForwardsMessagesSignsInOnceAndRefreshesAfterARestart)
{
    RunningServer server;
    ASSERT_TRUE(server.start());
    TestDataDir data;
    const QString tokenFile = data.filePath(QStringLiteral("mcp-client.json"));
    const QStringList args{QStringLiteral("mcp"), QStringLiteral("--url"), server.url(),
                           QStringLiteral("--data-dir"), data.path()};
    QString refresh1;
    {
        CliRun bridge(args, QByteArray());
        bridge.m_process.write(initializeLine(1));
        const QString code = bridge.waitForUserCode();
        ASSERT_FALSE(code.isEmpty()) << bridge.m_stderr.constData();
        EXPECT_TRUE(bridge.m_stderr.contains("/oauth/device?user_code=" + code.toLatin1()));
        ASSERT_EQ(decideOnDevicePage(server.url(), code, "approve"), 200);
        const QJsonObject init = nextLine(bridge);
        EXPECT_EQ(init.value(QStringLiteral("id")).toInt(), 1);
        EXPECT_EQ(init.value(QStringLiteral("result"))
                      .toObject()
                      .value(QStringLiteral("serverInfo"))
                      .toObject()
                      .value(QStringLiteral("name"))
                      .toString(),
                  QStringLiteral("tokenpass"))
            << bridge.m_stdout.constData();

        bridge.m_process.write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                               "\n"
                               R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"
                               "\n");
        const QJsonObject list = nextLine(bridge); // the notification had no line: this is id 2
        EXPECT_EQ(list.value(QStringLiteral("id")).toInt(), 2);
        EXPECT_EQ(
            list.value(QStringLiteral("result")).toObject().value(QStringLiteral("tools")).toArray().size(),
            9); // with list_sites and revoke_site

        bridge.m_process.write(
            R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"sign_message","arguments":{"message":"via stdio"}}})"
            "\n");
        const QJsonObject signature = nextLine(bridge)
                                          .value(QStringLiteral("result"))
                                          .toObject()
                                          .value(QStringLiteral("structuredContent"))
                                          .toObject();
        EXPECT_TRUE(crypto::Bsm::verify("via stdio", signature.value(QStringLiteral("signature")).toString(),
                                        signature.value(QStringLiteral("address")).toString()))
            << bridge.m_stdout.constData();

        bridge.m_process.write(R"({"jsonrpc":"2.0","id":4,"method":"no/such"})"
                               "\n");
        EXPECT_EQ(
            nextLine(bridge).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
            -32601);
        bridge.m_process.closeWriteChannel();
        ASSERT_EQ(bridge.finish(), 0);
        EXPECT_EQ(bridge.m_stdout.count('\n'), 4) << "stdout carries the four answers and nothing else:\n"
                                                  << bridge.m_stdout.constData();
        EXPECT_EQ(fileMode(tokenFile), 0600);
        refresh1 = readJsonFile(tokenFile).value(QStringLiteral("refresh_token")).toString();
        ASSERT_FALSE(refresh1.isEmpty());
    }
    // A new bridge process signs in from the saved refresh token without asking, and saves the
    // rotated one.
    CliRun again(args, QByteArray());
    again.m_process.write(initializeLine(7) + R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                                              "\n");
    EXPECT_EQ(nextLine(again).value(QStringLiteral("id")).toInt(), 7) << again.m_stderr.constData();
    again.m_stderr += again.m_process.readAllStandardError();
    EXPECT_FALSE(again.m_stderr.contains("the code")) << again.m_stderr.constData();
    const QString refresh2 = readJsonFile(tokenFile).value(QStringLiteral("refresh_token")).toString();
    EXPECT_FALSE(refresh2.isEmpty());
    EXPECT_NE(refresh2, refresh1);

    // Someone replays the spent first refresh token: the server revokes the family, the bridge's
    // access token with it. The next call gets a 401; the bridge's refresh fails too, so it asks
    // again (device flow) and then answers the call.
    cli::HttpClient http;
    const auto replay = http.post(
        QUrl(server.url() + QStringLiteral("/oauth/token")),
        "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(refresh1) +
            "&client_id=" + readJsonFile(tokenFile).value(QStringLiteral("client_id")).toString().toLatin1(),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(replay.status, 400) << replay.body.constData();
    again.m_process.write(
        R"({"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"wallet_status"}})"
        "\n");
    const QString code = again.waitForUserCode();
    ASSERT_FALSE(code.isEmpty()) << again.m_stderr.constData();
    ASSERT_EQ(decideOnDevicePage(server.url(), code, "approve"), 200);
    const QJsonObject status = nextLine(again);
    EXPECT_EQ(status.value(QStringLiteral("id")).toInt(), 8);
    EXPECT_EQ(status.value(QStringLiteral("result"))
                  .toObject()
                  .value(QStringLiteral("structuredContent"))
                  .toObject()
                  .value(QStringLiteral("unlocked")),
              QJsonValue(true))
        << again.m_stdout.constData();
    again.m_process.closeWriteChannel();
    EXPECT_EQ(again.finish(), 0);
}

// TokenPass restarts under a running bridge: while it is down each request gets the -32000
// error; once it is back (same folder and port, unlocked) the server has forgotten the MCP
// session, answers 404, and the bridge opens a new one with the client's initialize and sends
// the request again, so the client sees an ordinary answer.
TEST(McpBridge, SurvivesARestartOfTokenPass)
{
    auto server = std::make_unique<RunningServer>();
    ASSERT_TRUE(server->start());
    const QString url = server->url();
    const QString serverData = server->dataDir() + QStringLiteral("-kept");
    TestDataDir data;
    CliRun bridge(
        {QStringLiteral("mcp"), QStringLiteral("--url"), url, QStringLiteral("--data-dir"), data.path()},
        QByteArray());
    bridge.m_process.write(initializeLine(1));
    const QString code = bridge.waitForUserCode();
    ASSERT_FALSE(code.isEmpty()) << bridge.m_stderr.constData();
    ASSERT_EQ(decideOnDevicePage(url, code, "approve"), 200);
    EXPECT_EQ(nextLine(bridge).value(QStringLiteral("id")).toInt(), 1);
    bridge.m_process.write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                           "\n");

    // Down: keep the folder (the temporary one goes with the object) and stop the server.
    server->stop();
    ASSERT_TRUE(QDir().rename(server->dataDir(), serverData));
    bridge.m_process.write(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"
                           "\n");
    const QJsonObject down = nextLine(bridge);
    EXPECT_EQ(down.value(QStringLiteral("id")).toInt(), 2);
    EXPECT_EQ(down.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32000);

    // Back, on the same port and folder.
    server = std::make_unique<RunningServer>(serverData, url.section(QLatin1Char(':'), -1));
    ASSERT_TRUE(server->start(/*create=*/false));
    bridge.m_process.write(R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})"
                           "\n");
    const QJsonObject back = nextLine(bridge);
    EXPECT_EQ(back.value(QStringLiteral("id")).toInt(), 3);
    EXPECT_EQ(back.value(QStringLiteral("result")).toObject().value(QStringLiteral("tools")).toArray().size(),
              9)
        << bridge.m_stdout.constData() << bridge.m_stderr.constData();
    bridge.m_process.closeWriteChannel();
    EXPECT_EQ(bridge.finish(), 0);
    server.reset();
    QDir(serverData).removeRecursively();
}
