// `tokenpass sites [list | revoke HOST]` (issue 18 part 4) against a real tokenpassd on port 0:
// the list in JSON and as a table, revoking a site (a second list no longer has it), an unknown
// host (exit 1), the help and usage, and a sign-in saved before manage_sites existed stepping up
// through the device flow instead of failing for ever.

#include "CliFixture.h"

#include <QJsonArray>
#include <QThread>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

QStringList with(QStringList args, const QString& url, const QString& dataDir = {})
{
    args << QStringLiteral("--url") << url;
    if (!dataDir.isEmpty())
        args << QStringLiteral("--data-dir") << dataDir;
    return args;
}

TEST(CliSitesWithoutServer, HelpExits0AndBadWordsAreUsageErrors)
{
    CliRun help({QStringLiteral("sites"), QStringLiteral("--help")});
    EXPECT_EQ(help.finish(), 0);
    EXPECT_TRUE(help.m_stdout.startsWith("Usage: tokenpass sites [options] [list | revoke HOST]"))
        << help.m_stdout.constData();
    EXPECT_TRUE(help.m_stdout.contains("exit 1 when HOST is not connected")) << help.m_stdout.constData();
    const QString url = closedUrl();
    for (const QStringList& words :
         {QStringList{QStringLiteral("frob")}, QStringList{QStringLiteral("revoke")},
          QStringList{QStringLiteral("list"), QStringLiteral("x")},
          QStringList{QStringLiteral("revoke"), QStringLiteral("a"), QStringLiteral("b")}}) {
        CliRun run(with(QStringList{QStringLiteral("sites")} + words, url));
        EXPECT_EQ(run.finish(), 2) << words.join(QLatin1Char(' ')).toStdString() << run.m_stderr.constData();
    }
    TestDataDir data;
    CliRun notRunning(with({QStringLiteral("sites")}, url, data.path()));
    EXPECT_EQ(notRunning.finish(), 5) << notRunning.m_stderr.constData();
}

class CliSites : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_server = new RunningServer;
        ASSERT_TRUE(s_server->start());
    }
    static void TearDownTestSuite()
    {
        delete s_server;
        s_server = nullptr;
    }
    QString url() const { return s_server->url(); }
    QStringList args(QStringList a) const { return with(std::move(a), url(), m_data.path()); }
    int runApproved(CliRun& run)
    {
        const QString code = run.waitForUserCode();
        EXPECT_FALSE(code.isEmpty()) << run.m_stderr.constData();
        EXPECT_EQ(decideOnDevicePage(url(), code, "approve"), 200);
        return run.finish();
    }
    // A site connected through POST /api/auth with the wallet password.
    void connectSite(const QString& host)
    {
        cli::HttpClient http;
        const auto r =
            http.post(QUrl(url() + QStringLiteral("/api/auth")),
                      QJsonDocument(QJsonObject{{QStringLiteral("host"), host},
                                                {QStringLiteral("scopes"), QStringLiteral("sign")},
                                                {QStringLiteral("password"), QLatin1String(kPassword)}})
                          .toJson(QJsonDocument::Compact),
                      {{"Content-Type", "application/json"}}, 60000);
        ASSERT_EQ(r.status, 200) << r.body.constData();
    }
    static QJsonObject find(const QByteArray& json, const QString& host)
    {
        for (const QJsonValue& v : QJsonDocument::fromJson(json).array())
            if (v.toObject().value(QStringLiteral("host")).toString() == host)
                return v.toObject();
        return {};
    }

    static RunningServer* s_server;
    TestDataDir m_data;
};

RunningServer* CliSites::s_server = nullptr;

TEST_F(CliSites, ListsASiteRevokesItAndRefusesAnUnknownHost)
{
    connectSite(QStringLiteral("shop.example"));
    CliRun list(args({QStringLiteral("sites"), QStringLiteral("list"), QStringLiteral("--json")}));
    ASSERT_EQ(runApproved(list), 0) << list.m_stderr.constData();
    ASSERT_TRUE(QJsonDocument::fromJson(list.m_stdout).isArray()) << list.m_stdout.constData();
    const QJsonObject site = find(list.m_stdout, QStringLiteral("shop.example"));
    EXPECT_EQ(site.value(QStringLiteral("kind")), QStringLiteral("site")) << list.m_stdout.constData();
    EXPECT_EQ(site.value(QStringLiteral("scopes")), QJsonValue(QJsonArray{QStringLiteral("sign")}));
    const QString self =
        QStringLiteral("oauth:") + readJsonFile(m_data.filePath(QStringLiteral("cli-client.json")))
                                       .value(QStringLiteral("client_id"))
                                       .toString();
    const QJsonObject cli = find(list.m_stdout, self);
    EXPECT_EQ(cli.value(QStringLiteral("name")), QStringLiteral("TokenPass command line"));
    EXPECT_EQ(cli.value(QStringLiteral("name_verified")), QJsonValue(false));
    EXPECT_TRUE(cli.value(QStringLiteral("scopes")).toArray().contains(QStringLiteral("manage_sites")));

    CliRun table(args({QStringLiteral("sites")}));
    ASSERT_EQ(table.finish(), 0) << table.m_stderr.constData();
    EXPECT_TRUE(table.m_stdout.startsWith("HOST")) << table.m_stdout.constData();
    EXPECT_TRUE(table.m_stdout.contains("shop.example"));
    EXPECT_TRUE(table.m_stdout.contains("\"TokenPass command line\" (app, name not verified)"));

    CliRun revoke(args({QStringLiteral("sites"), QStringLiteral("revoke"), QStringLiteral("shop.example")}));
    ASSERT_EQ(revoke.finish(), 0) << revoke.m_stderr.constData();
    EXPECT_TRUE(revoke.m_stdout.startsWith("Revoked shop.example")) << revoke.m_stdout.constData();
    CliRun again(args({QStringLiteral("sites"), QStringLiteral("--json")}));
    ASSERT_EQ(again.finish(), 0) << again.m_stderr.constData();
    EXPECT_TRUE(find(again.m_stdout, QStringLiteral("shop.example")).isEmpty()) << again.m_stdout.constData();
    EXPECT_FALSE(find(again.m_stdout, self).isEmpty());

    CliRun unknown(args({QStringLiteral("sites"), QStringLiteral("revoke"), QStringLiteral("shop.example")}));
    EXPECT_EQ(unknown.finish(), 1) << unknown.m_stderr.constData();
    EXPECT_TRUE(unknown.m_stderr.contains("Not connected: shop.example")) << unknown.m_stderr.constData();
    EXPECT_TRUE(unknown.m_stdout.isEmpty());
}

// A cli-client.json from before `tokenpass sites`: its grant lacks manage_sites. The server
// answers 403 insufficient_scope; the command line asks the person once more (device flow) for
// the wider scope set, and then lists.
TEST_F(CliSites, ASignInWithoutManageSitesStepsUp)
{
    cli::HttpClient http;
    const auto form = [&](const QString& path, const QByteArray& body) {
        return http.post(QUrl(url() + path), body, {{"Content-Type", "application/x-www-form-urlencoded"}});
    };
    const auto reg = http.post(
        QUrl(url() + QStringLiteral("/oauth/register")),
        R"({"client_name":"TokenPass command line","grant_types":["urn:ietf:params:oauth:grant-type:device_code","refresh_token"],"token_endpoint_auth_method":"none","application_type":"native"})",
        {{"Content-Type", "application/json"}});
    ASSERT_EQ(reg.status, 201) << reg.body.constData();
    const QByteArray clientId =
        QJsonDocument::fromJson(reg.body).object().value(QStringLiteral("client_id")).toString().toLatin1();
    const auto started = form(QStringLiteral("/oauth/device_authorization"),
                              "client_id=" + clientId + "&scope=sign+read_profile&resource=" +
                                  QUrl::toPercentEncoding(url() + QStringLiteral("/mcp")));
    ASSERT_EQ(started.status, 200) << started.body.constData();
    const QJsonObject s = QJsonDocument::fromJson(started.body).object();
    ASSERT_EQ(decideOnDevicePage(url(), s.value(QStringLiteral("user_code")).toString(), "approve"), 200);
    const auto tokens =
        form(QStringLiteral("/oauth/token"),
             "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=" +
                 s.value(QStringLiteral("device_code")).toString().toLatin1() + "&client_id=" + clientId);
    ASSERT_EQ(tokens.status, 200) << tokens.body.constData();
    const QString refresh =
        QJsonDocument::fromJson(tokens.body).object().value(QStringLiteral("refresh_token")).toString();
    QFile file(m_data.filePath(QStringLiteral("cli-client.json")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("issuer"), url()},
                                         {QStringLiteral("client_id"), QString::fromLatin1(clientId)},
                                         {QStringLiteral("refresh_token"), refresh}})
                   .toJson());
    file.close();

    CliRun list(args({QStringLiteral("sites"), QStringLiteral("--json")}));
    ASSERT_EQ(runApproved(list), 0) << list.m_stderr.constData();
    EXPECT_TRUE(list.m_stderr.contains("manage_sites")) << list.m_stderr.constData();
    const QJsonObject self = find(list.m_stdout, QStringLiteral("oauth:") + QString::fromLatin1(clientId));
    EXPECT_TRUE(self.value(QStringLiteral("scopes")).toArray().contains(QStringLiteral("manage_sites")))
        << list.m_stdout.constData();
    // The widened sign-in is kept: the next run asks nothing.
    CliRun next(args({QStringLiteral("sites"), QStringLiteral("--json")}));
    ASSERT_EQ(next.finish(), 0) << next.m_stderr.constData();
    EXPECT_FALSE(next.m_stderr.contains("approve")) << next.m_stderr.constData();
}

} // namespace
