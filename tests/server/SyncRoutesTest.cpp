// POST /api/sync/push, POST /api/sync/pull, GET /api/sync/status (API.md §2.19, decisions 4 and
// 12) against a local stand-in for the Sigma sync server that checks the Bitcoin-Auth header with
// our strict verifier and records what was uploaded.

#include "ServerHarness.h"
#include "StandInServer.h"
#include "common/FastBackupKdf.h"
#include "crypto/Keys.h"
#include "store/Settings.h"
#include "wallet/BackupFile.h"
#include "wallet/BitcoinAuth.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QByteArray kPassword = "correct horse battery";
const QByteArray kCloudPassword = "cloud password 123";
const QByteArray kMnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const QByteArray kLastUpdated = "2026-01-02T03:04:05.000Z";

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class Sync : public ServerHarness
{
protected:
    test::FastBackupKdf m_fastKdf; // PBKDF2 is not what is tested here
    void SetUp() override
    {
        ServerHarness::SetUp();
        ASSERT_TRUE(m_cloud.listen());
    }

    void useCloud(int timeoutMs = 10000)
    {
        server::ServerOptions options = defaultOptions();
        options.syncServerUrl = m_cloud.baseUrl();
        options.syncTimeoutMs = timeoutMs;
        restart(options);
    }

    QString bapId() const { return m_wallet->identities()->first().identityKey; }
    QString walletFile() const { return m_wallet->backupPath(); }
    // The dated copies an import keeps (backup.bep.bak, the previous version every save keeps, is
    // not one of them).
    QStringList keptCopies() const
    {
        return QDir(m_dir.path()).entryList({QStringLiteral("backup.bep.*.bak")}, QDir::Files);
    }

    // The header must be "Bitcoin-Auth <brc77 token>" over /api/backup/sync and exactly `body`,
    // fresh by the server's clock, signed by the primary identity's member key (whose address is
    // the identity's rootAddress, API.md §6).
    void expectSignedByMemberKey(const StandInServer::Request& r, const QByteArray& body)
    {
        const QByteArray header = r.header("authorization");
        ASSERT_TRUE(header.startsWith("Bitcoin-Auth ")) << header.constData();
        const QString token = QString::fromUtf8(header.mid(13));
        const auto verified = wallet::BitcoinAuth::verifyStrict(
            token, {QStringLiteral("/api/backup/sync"), body, wallet::BitcoinAuth::BodyEncoding::Utf8},
            m_clock.nowMs());
        ASSERT_TRUE(verified) << qPrintable(verified.error());
        EXPECT_EQ(verified->scheme, wallet::BitcoinAuth::Scheme::Brc77);
        const auto pub = crypto::PublicKey::fromHex(verified->pubkey);
        ASSERT_TRUE(pub);
        EXPECT_EQ(pub->address(), m_wallet->identities()->first().rootAddress);
        // A body other than the one signed must not verify.
        EXPECT_FALSE(wallet::BitcoinAuth::verifyStrict(
            token, {QStringLiteral("/api/backup/sync"), body + "x", wallet::BitcoinAuth::BodyEncoding::Utf8},
            m_clock.nowMs()));
    }

    // A wallet from the §12 mnemonic under `password`, as the .bep text the cloud holds (the
    // password is the BIP39 passphrase, so it decides the bapId too).
    static QByteArray cloudBackup(const QByteArray& password, QString* bapIdOut = nullptr)
    {
        QTemporaryDir dir;
        wallet::Wallet other(dir.path());
        const crypto::SecureBytes words(kMnemonic);
        const auto created = other.create(crypto::SecureBytes(password), &words);
        EXPECT_TRUE(created) << qPrintable(created.error());
        if (bapIdOut)
            *bapIdOut = other.identities()->first().identityKey;
        return readFile(other.backupPath());
    }

    void answerWithCloudBackup(const QByteArray& bep)
    {
        m_cloud.answerAlways(200,
                             R"({"encryptedBackup":")" + bep + R"(","lastUpdated":")" + kLastUpdated + "\"}");
    }

    StandInServer m_cloud;
};

TEST_F(Sync, PushUploadsTheWalletFileSignedWithTheMemberKey)
{
    registerWallet(kPassword);
    useCloud();
    m_cloud.answerAlways(200, R"({"success":true})");

    const HttpResult r = post(QStringLiteral("/api/sync/push"), QByteArray());
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.body,
              R"({"success":true,"message":"Backup synced to cloud","bapId":")" + bapId().toUtf8() + "\"}");

    ASSERT_EQ(m_cloud.requests.size(), 1);
    const StandInServer::Request& up = m_cloud.requests.first();
    EXPECT_EQ(up.method, "POST");
    EXPECT_EQ(up.target, "/api/backup/sync");
    EXPECT_EQ(up.header("content-type"), "application/json");
    const QByteArray expectedBody = R"({"bapId":")" + bapId().toUtf8() + R"(","encryptedBackup":")" +
                                    readFile(walletFile()).trimmed() + "\"}";
    EXPECT_EQ(up.body, expectedBody);
    expectSignedByMemberKey(up, up.body);
}

TEST_F(Sync, PullWithoutReplaceReportsTheCloudCopyAndChangesNothing)
{
    registerWallet(kPassword);
    useCloud();
    const QByteArray before = readFile(walletFile());
    answerWithCloudBackup(cloudBackup(kCloudPassword));

    const HttpResult r = post(QStringLiteral("/api/sync/pull"), QByteArray());
    ASSERT_EQ(r.status, 200) << r.body.constData();
    const QByteArray expected = R"x({"success":true,"message":"Cloud backup retrieved (not imported)",)x"
                                R"("lastUpdated":")" +
                                kLastUpdated + R"(","hasCloudBackup":true})";
    EXPECT_EQ(r.body, expected);
    ASSERT_EQ(m_cloud.requests.size(), 1);
    EXPECT_EQ(m_cloud.requests.first().method, "GET");
    EXPECT_EQ(m_cloud.requests.first().target, "/api/backup/sync?bapId=" + bapId().toUtf8());
    expectSignedByMemberKey(m_cloud.requests.first(), QByteArray()); // the query is not signed
    EXPECT_EQ(readFile(walletFile()), before);
    EXPECT_TRUE(keptCopies().isEmpty());
}

TEST_F(Sync, PullWithReplaceImportsTheCloudWalletAndKeepsTheOldFile)
{
    registerWallet(kPassword);
    useCloud();
    const QString oldBapId = bapId();
    const QByteArray before = readFile(walletFile());
    QString cloudBapId;
    answerWithCloudBackup(cloudBackup(kCloudPassword, &cloudBapId));

    const HttpResult r =
        post(QStringLiteral("/api/sync/pull"), R"({"password":")" + kCloudPassword + R"(","replace":true})");
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.body, R"({"success":true,"message":"Cloud backup imported and replaced local","bapId":")" +
                          cloudBapId.toUtf8() + R"(","lastUpdated":")" + kLastUpdated + "\"}");
    EXPECT_NE(oldBapId, cloudBapId);

    // The file on disk is the cloud wallet under the given password; the old one is kept.
    m_wallet->lock();
    ASSERT_TRUE(m_wallet->unlock(crypto::SecureBytes(kCloudPassword)));
    EXPECT_EQ(bapId(), cloudBapId);
    const QStringList kept = keptCopies();
    ASSERT_EQ(kept.size(), 1);
    EXPECT_EQ(readFile(QDir(m_dir.path()).filePath(kept.first())), before);
}

TEST_F(Sync, PullWithReplaceRefusesACloudWalletThePasswordDoesNotOpen)
{
    registerWallet(kPassword);
    useCloud();
    const QByteArray before = readFile(walletFile());
    answerWithCloudBackup(cloudBackup(kCloudPassword));

    const HttpResult r =
        post(QStringLiteral("/api/sync/pull"), R"({"password":")" + kPassword + R"(","replace":true})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"error":"Invalid password","success":false})");
    EXPECT_EQ(readFile(walletFile()), before);
    EXPECT_TRUE(keptCopies().isEmpty());
    EXPECT_TRUE(m_wallet->isUnlocked());
}

TEST_F(Sync, PullWithReplaceRefusesAPlaintextCloudBackup)
{
    registerWallet(kPassword);
    useCloud();
    const QByteArray before = readFile(walletFile());
    m_cloud.answerAlways(200, R"({"encryptedBackup":"{\"rootPk\":\"x\"}"})");
    const HttpResult r =
        post(QStringLiteral("/api/sync/pull"), R"({"password":")" + kPassword + R"(","replace":true})");
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.body, R"({"error":"Cloud sync server sent an unusable answer","success":false})");
    EXPECT_EQ(readFile(walletFile()), before);
}

TEST_F(Sync, PullWithReplaceNeedsThePasswordBeforeGoingOnline)
{
    registerWallet(kPassword);
    useCloud();
    HttpResult r = post(QStringLiteral("/api/sync/pull"), R"({"replace":true})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"error":"Password is required to import the cloud backup","success":false})");
    r = post(QStringLiteral("/api/sync/pull"), R"({"replace":true,"password":"short"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"error":"Password must be at least 8 characters","success":false})");
    r = post(QStringLiteral("/api/sync/pull"), R"({"replace":"yes"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"error":"Invalid input: expected boolean, received string","success":false})");
    r = post(QStringLiteral("/api/sync/pull"), "{not json");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"error":"Invalid JSON body","success":false})");
    EXPECT_TRUE(m_cloud.requests.isEmpty());
}

TEST_F(Sync, PullWithNoCloudBackupIs404)
{
    registerWallet(kPassword);
    useCloud();
    m_cloud.answerAlways(404, R"({"error":"Backup not found"})");
    const HttpResult r = post(QStringLiteral("/api/sync/pull"), QByteArray());
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"error":"No cloud backup found","success":false})");
}

TEST_F(Sync, StatusReportsLocalAndCloud)
{
    registerWallet(kPassword);
    useCloud();
    answerWithCloudBackup(cloudBackup(kCloudPassword));
    HttpResult r = get(QStringLiteral("/api/sync/status"));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    const QByteArray head = R"({"bapId":")" + bapId().toUtf8() + R"(","local":{"exists":true},"cloud":)";
    const QByteArray tail = R"(,"serverUrl":")" + m_cloud.baseUrl().toUtf8() + "\"}";
    EXPECT_EQ(r.body,
              head + R"({"exists":true,"lastUpdated":")" + kLastUpdated + R"(","error":null})" + tail);
    expectSignedByMemberKey(m_cloud.requests.last(), QByteArray());

    m_cloud.answerAlways(404, R"({"error":"Backup not found"})");
    r = get(QStringLiteral("/api/sync/status"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, head + R"({"exists":false,"lastUpdated":null,"error":null})" + tail);

    m_cloud.answerAlways(401, R"({"error":"Invalid signature"})");
    r = get(QStringLiteral("/api/sync/status"));
    EXPECT_EQ(r.status, 200);
    const QByteArray refused =
        R"x({"exists":false,"lastUpdated":null,"error":"Cloud sync server refused the request (HTTP 401: Invalid signature)"})x";
    EXPECT_EQ(r.body, head + refused + tail);
}

TEST_F(Sync, UpstreamRefusalIs502WithItsWords)
{
    registerWallet(kPassword);
    useCloud();
    m_cloud.answerAlways(401, R"({"error":"Invalid signature"})");
    const HttpResult r = post(QStringLiteral("/api/sync/push"), QByteArray());
    EXPECT_EQ(r.status, 502);
    const QByteArray expected =
        R"x({"error":"Cloud sync server refused the request (HTTP 401: Invalid signature)","success":false})x";
    EXPECT_EQ(r.body, expected);
}

TEST_F(Sync, UpstreamDownIs502)
{
    registerWallet(kPassword);
    useCloud();
    m_cloud.close(); // nothing listens on that port any more
    HttpResult r = post(QStringLiteral("/api/sync/push"), QByteArray());
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.body, R"({"error":"Cloud sync server unreachable","success":false})");
    r = post(QStringLiteral("/api/sync/pull"), QByteArray());
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.body, R"({"error":"Cloud sync server unreachable","success":false})");
    r = get(QStringLiteral("/api/sync/status"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json().value(QStringLiteral("cloud")).toObject().value(QStringLiteral("error")).toString(),
              QStringLiteral("Cloud sync server unreachable"));
}

TEST_F(Sync, UpstreamTimeoutIs502AndTheServerKeepsServing)
{
    registerWallet(kPassword);
    useCloud(300);
    m_cloud.setResponder([](const StandInServer::Request&) { return StandInServer::Answer{200, {}, true}; });
    QElapsedTimer timer;
    timer.start();
    const HttpResult r = post(QStringLiteral("/api/sync/push"), QByteArray());
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.body, R"({"error":"Cloud sync server did not answer in time","success":false})");
    EXPECT_GE(timer.elapsed(), 250);
    EXPECT_LT(timer.elapsed(), 5000);
    // The server thread was never blocked: other requests answer while one waits upstream.
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(Sync, OtherRequestsAnswerWhileOneWaitsUpstream)
{
    registerWallet(kPassword);
    useCloud();
    m_cloud.setResponder([](const StandInServer::Request&) { return StandInServer::Answer{200, {}, true}; });
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/sync/push").arg(m_port)));
    QNetworkReply* pending = nam.post(req, QByteArray());
    while (m_cloud.requests.isEmpty())
        spin(10);
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
    EXPECT_FALSE(pending->isFinished());
    m_cloud.answerHeld(200, R"({"success":true})");
    while (!pending->isFinished())
        spin(10);
    EXPECT_EQ(pending->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete pending;
}

TEST_F(Sync, ClientThatLeavesDuringPullGetsNoImport)
{
    registerWallet(kPassword);
    useCloud();
    const QByteArray before = readFile(walletFile());
    const QByteArray bep = cloudBackup(kCloudPassword);
    m_cloud.setResponder([](const StandInServer::Request&) { return StandInServer::Answer{200, {}, true}; });

    const QByteArray body = R"({"password":")" + kCloudPassword + R"(","replace":true})";
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write("POST /api/sync/pull HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                 "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\n\r\n" + body);
    ASSERT_TRUE(socket.waitForBytesWritten(5000));
    while (m_cloud.requests.isEmpty())
        spin(10);
    socket.abort();
    spin(200);
    m_cloud.answerHeld(200, R"({"encryptedBackup":")" + bep + "\"}");
    spin(1000);
    EXPECT_EQ(readFile(walletFile()), before);
    EXPECT_TRUE(keptCopies().isEmpty());
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(Sync, LockedIs401WithoutCode)
{
    useCloud();
    for (const auto& [method, path] : {std::pair{QByteArray("POST"), QStringLiteral("/api/sync/push")},
                                       std::pair{QByteArray("POST"), QStringLiteral("/api/sync/pull")},
                                       std::pair{QByteArray("GET"), QStringLiteral("/api/sync/status")}}) {
        const HttpResult r = request(method, path);
        EXPECT_EQ(r.status, 401) << qPrintable(path);
        EXPECT_EQ(r.body, R"({"error":"Wallet is locked. Please login first."})") << qPrintable(path);
    }
    EXPECT_TRUE(m_cloud.requests.isEmpty());
}

TEST_F(Sync, BrowserOriginsAreRefusedUnlessWhitelisted)
{
    registerWallet(kPassword);
    useCloud();
    m_cloud.answerAlways(200, R"({"success":true})");
    const QList<QPair<QByteArray, QByteArray>> evil{{"Origin", "https://evil.example"}};
    for (const auto& [method, path] : {std::pair{QByteArray("POST"), QStringLiteral("/api/sync/push")},
                                       std::pair{QByteArray("POST"), QStringLiteral("/api/sync/pull")},
                                       std::pair{QByteArray("GET"), QStringLiteral("/api/sync/status")}}) {
        const HttpResult r = request(method, path, QByteArray(), evil);
        EXPECT_EQ(r.status, 403) << qPrintable(path);
        EXPECT_EQ(r.body, R"({"error":"Origin not allowed","success":false})");
        EXPECT_TRUE(r.header("Access-Control-Allow-Origin").isEmpty());
    }
    EXPECT_TRUE(m_cloud.requests.isEmpty());

    server::ServerOptions options = defaultOptions();
    options.syncServerUrl = m_cloud.baseUrl();
    options.originWhitelist = {QStringLiteral("https://wallet.example")};
    restart(options);
    const HttpResult r =
        post(QStringLiteral("/api/sync/push"), QByteArray(), {{"Origin", "https://wallet.example"}});
    EXPECT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(m_cloud.requests.size(), 1);
}

TEST_F(Sync, ServerUrlComesFromTheEnvironmentThenTheSetting)
{
    registerWallet(kPassword);
    m_cloud.answerAlways(404, "{}");
    // No option: the SyncServerUrl setting (API.md default until changed).
    ASSERT_TRUE(store::Settings(m_db).setString(store::Settings::Key::SyncServerUrl, m_cloud.baseUrl()));
    HttpResult r = get(QStringLiteral("/api/sync/status"));
    EXPECT_EQ(r.json().value(QStringLiteral("serverUrl")).toString(), m_cloud.baseUrl());
    EXPECT_EQ(m_cloud.requests.size(), 1);

    // SIGMA_AUTH_URL (API.md §1.7) wins over the setting.
    StandInServer other;
    ASSERT_TRUE(other.listen());
    other.answerAlways(404, "{}");
    qputenv("SIGMA_AUTH_URL", other.baseUrl().toUtf8());
    r = get(QStringLiteral("/api/sync/status"));
    qunsetenv("SIGMA_AUTH_URL");
    EXPECT_EQ(r.json().value(QStringLiteral("serverUrl")).toString(), other.baseUrl());
    EXPECT_EQ(other.requests.size(), 1);
    EXPECT_EQ(m_cloud.requests.size(), 1);
}
