// `tokenpass status|lock|unlock|sign|auth-token|encrypt|decrypt|sign-tx` against a real tokenpassd:
// exit codes (0 ok, 2 usage, 3 locked, 4 rejected, 5 not running), --json, the command line's
// own OAuth client (registration, device flow approved on the headless page, the 0600 token file,
// refresh rotation, a revoked family starting the device flow again, a denied approval).

#include "CliFixture.h"
#include "crypto/Bsm.h"

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

} // namespace

TEST(CliWithoutServer, EveryCommandSaysNotRunningWithExitCode5)
{
    const QString url = closedUrl();
    TestDataDir data;
    {
        CliRun status(with({QStringLiteral("status"), QStringLiteral("--json")}, url));
        EXPECT_EQ(status.finish(), 5) << status.m_stderr.constData();
        EXPECT_EQ(status.json().value(QStringLiteral("running")), QJsonValue(false))
            << status.m_stdout.constData();
    }
    for (const QStringList& command :
         {QStringList{QStringLiteral("status")}, QStringList{QStringLiteral("lock")},
          QStringList{QStringLiteral("sign"), QStringLiteral("hello")},
          QStringList{QStringLiteral("unlock"), QStringLiteral("--password-file"),
                      QStringLiteral("/dev/null")}}) {
        CliRun run(with(command, url, data.path()));
        EXPECT_EQ(run.finish(), 5) << command.join(QLatin1Char(' ')).toStdString()
                                   << run.m_stderr.constData();
        EXPECT_TRUE(run.m_stderr.contains("TokenPass is not running: start it, or check --url"))
            << run.m_stderr.constData();
        EXPECT_TRUE(run.m_stdout.isEmpty()) << run.m_stdout.constData();
    }
}

TEST(CliWithoutServer, UsageErrorsExit2AndHelpExits0)
{
    const QString url = closedUrl();
    CliRun missing(with({QStringLiteral("sign")}, url));
    EXPECT_EQ(missing.finish(), 2);
    EXPECT_TRUE(missing.m_stderr.contains("MESSAGE is required")) << missing.m_stderr.constData();
    CliRun argumentPassword(
        with({QStringLiteral("unlock"), QStringLiteral("--password"), QStringLiteral("x")}, url));
    EXPECT_EQ(argumentPassword.finish(), 2) << "a password is never an argument";
    CliRun badUrl({QStringLiteral("status"), QStringLiteral("--url"), QStringLiteral("ftp://x")});
    EXPECT_EQ(badUrl.finish(), 2);
    for (const char* command :
         {"status", "unlock", "sign", "auth-token", "encrypt", "decrypt", "sign-tx", "mcp"}) {
        CliRun help({QLatin1String(command), QStringLiteral("--help")});
        EXPECT_EQ(help.finish(), 0) << command;
        EXPECT_TRUE(help.m_stdout.startsWith("Usage: tokenpass " + QByteArray(command)))
            << help.m_stdout.constData();
        EXPECT_TRUE(help.m_stdout.contains("--url")) << command;
        EXPECT_TRUE(help.m_stdout.contains("5 not running")) << command;
    }
}

// The commands run in a QCoreApplication: with the xcb platform asked for and no display, a
// QApplication would abort, while `tokenpass status` answers (exit 5 here: nothing listens).
TEST(CliWithoutServer, CommandsNeedNoDisplay)
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const QByteArray display = qgetenv("DISPLAY");
    const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
    qputenv("QT_QPA_PLATFORM", "xcb");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    CliRun status(with({QStringLiteral("status")}, closedUrl()));
    const int code = status.finish();
    qputenv("QT_QPA_PLATFORM", platform);
    if (!display.isNull())
        qputenv("DISPLAY", display);
    if (!wayland.isNull())
        qputenv("WAYLAND_DISPLAY", wayland);
    EXPECT_EQ(code, 5) << status.m_stderr.constData();
    EXPECT_FALSE(status.m_stderr.contains("display")) << status.m_stderr.constData();
}

class CliAgainstServer : public ::testing::Test
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
    QString tokenFile() const { return m_data.filePath(QStringLiteral("cli-client.json")); }

    // A command whose sign-in the person approves (or denies) on the device page.
    int runApproved(CliRun& run, const QByteArray& decision = "approve")
    {
        const QString code = run.waitForUserCode();
        EXPECT_FALSE(code.isEmpty()) << run.m_stderr.constData();
        EXPECT_EQ(decideOnDevicePage(url(), code, decision), 200); // both answer a page
        return run.finish();
    }

    static RunningServer* s_server;
    TestDataDir m_data;
};

RunningServer* CliAgainstServer::s_server = nullptr;

TEST_F(CliAgainstServer, StatusLockUnlockAndTheLockedExitCode)
{
    CliRun status(args({QStringLiteral("status"), QStringLiteral("--json")}));
    ASSERT_EQ(status.finish(), 0) << status.m_stderr.constData();
    EXPECT_EQ(status.json().value(QStringLiteral("unlocked")), QJsonValue(true));
    EXPECT_EQ(status.json().value(QStringLiteral("has_wallet")), QJsonValue(true));

    CliRun lock(args({QStringLiteral("lock")}));
    ASSERT_EQ(lock.finish(), 0);
    CliRun locked(args({QStringLiteral("status")}));
    EXPECT_EQ(locked.finish(), 3);
    EXPECT_TRUE(locked.m_stdout.contains("locked")) << locked.m_stdout.constData();
    CliRun sign(args({QStringLiteral("sign"), QStringLiteral("hello")}));
    EXPECT_EQ(sign.finish(), 3);
    EXPECT_TRUE(sign.m_stderr.contains("TokenPass is locked")) << sign.m_stderr.constData();

    TestDataDir secrets;
    QFile wrong(secrets.filePath(QStringLiteral("wrong")));
    ASSERT_TRUE(wrong.open(QIODevice::WriteOnly));
    wrong.write("not the password\n");
    wrong.close();
    CliRun refused(args({QStringLiteral("unlock"), QStringLiteral("--password-file"), wrong.fileName()}));
    EXPECT_EQ(refused.finish(), 4) << refused.m_stderr.constData();
    CliRun fromStdin(args({QStringLiteral("unlock"), QStringLiteral("--password-file"), QStringLiteral("-"),
                           QStringLiteral("--json")}),
                     QByteArray(kPassword) + "\n");
    ASSERT_EQ(fromStdin.finish(), 0) << fromStdin.m_stderr.constData();
    EXPECT_EQ(fromStdin.json().value(QStringLiteral("unlocked")), QJsonValue(true));
    CliRun unlocked(args({QStringLiteral("status")}));
    EXPECT_EQ(unlocked.finish(), 0);
}

TEST_F(CliAgainstServer, SignsAfterOneApprovalThenRefreshesWithRotation)
{
    CliRun first(
        args({QStringLiteral("sign"), QStringLiteral("hello from the CLI"), QStringLiteral("--json")}));
    ASSERT_EQ(runApproved(first), 0) << first.m_stderr.constData();
    const QJsonObject signed1 = first.json();
    EXPECT_TRUE(crypto::Bsm::verify("hello from the CLI",
                                    signed1.value(QStringLiteral("signature")).toString(),
                                    signed1.value(QStringLiteral("address")).toString()))
        << first.m_stdout.constData();

    // The token file: private, with the client id and a refresh token.
    ASSERT_TRUE(QFile::exists(tokenFile()));
    EXPECT_EQ(fileMode(tokenFile()), 0600);
    const QJsonObject saved1 = readJsonFile(tokenFile());
    const QString refresh1 = saved1.value(QStringLiteral("refresh_token")).toString();
    ASSERT_FALSE(refresh1.isEmpty());
    EXPECT_FALSE(saved1.value(QStringLiteral("client_id")).toString().isEmpty());

    // Next run: no question, a new refresh token (the old one is spent).
    CliRun second(args({QStringLiteral("sign"), QStringLiteral("again")}));
    ASSERT_EQ(second.finish(), 0) << second.m_stderr.constData();
    EXPECT_FALSE(second.m_stderr.contains("approve")) << second.m_stderr.constData();
    EXPECT_FALSE(second.m_stdout.trimmed().isEmpty());
    const QString refresh2 = readJsonFile(tokenFile()).value(QStringLiteral("refresh_token")).toString();
    EXPECT_NE(refresh2, refresh1);
    EXPECT_FALSE(refresh2.isEmpty());

    // encrypt | decrypt round trip, and a bitcoin-auth token, still without asking.
    const QByteArray plaintext = "a note \xc3\xa9\n";
    CliRun encrypt(args({QStringLiteral("encrypt")}), plaintext);
    ASSERT_EQ(encrypt.finish(), 0) << encrypt.m_stderr.constData();
    CliRun decrypt(args({QStringLiteral("decrypt")}), encrypt.m_stdout);
    ASSERT_EQ(decrypt.finish(), 0) << decrypt.m_stderr.constData();
    EXPECT_EQ(decrypt.m_stdout, plaintext);
    CliRun token(args({QStringLiteral("auth-token"), QStringLiteral("/api/items")}));
    ASSERT_EQ(token.finish(), 0) << token.m_stderr.constData();
    EXPECT_TRUE(token.m_stdout.contains("|/api/items|")) << token.m_stdout.constData();

    // A transaction needs the person's approval in its dialog; headless TokenPass has nobody to
    // ask, so the tool refuses it: "Rejected in TokenPass", exit 4.
    CliRun tx(args({QStringLiteral("sign-tx"), QStringLiteral("-")}), "0100\n");
    EXPECT_EQ(tx.finish(), 4) << tx.m_stderr.constData();
    EXPECT_TRUE(tx.m_stderr.startsWith("Rejected in TokenPass")) << tx.m_stderr.constData();

    // Someone replays the first refresh token: the server revokes the family (reuse detection).
    // The CLI's refresh then fails, so it asks again; this time the person says no: exit 4.
    cli::HttpClient http;
    const auto replay =
        http.post(QUrl(url() + QStringLiteral("/oauth/token")),
                  "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(refresh1) +
                      "&client_id=" + saved1.value(QStringLiteral("client_id")).toString().toLatin1(),
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(replay.status, 400) << replay.body.constData();
    CliRun denied(args({QStringLiteral("sign"), QStringLiteral("x")}));
    EXPECT_EQ(runApproved(denied, "deny"), 4) << denied.m_stderr.constData();
    EXPECT_TRUE(denied.m_stderr.contains("Rejected in TokenPass")) << denied.m_stderr.constData();
    EXPECT_TRUE(denied.m_stdout.isEmpty());
}
