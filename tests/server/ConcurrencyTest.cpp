// Issue 5, "Concurrency": eight clients sign in parallel over real HTTP while another client locks
// and unlocks the wallet in a loop. Every answer must be a signature that verifies against the
// host's key or the exact locked answer (API.md §2.8, code 1), and the server must survive it
// (this test also runs under AddressSanitizer).

#include "ServerHarness.h"
#include "common/FastBackupKdf.h"
#include "crypto/Bsm.h"
#include "crypto/Keys.h"
#include "wallet/BackupFile.h"

#include <QElapsedTimer>
#include <QTcpSocket>

#include <atomic>
#include <thread>
#include <vector>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

constexpr int kSigners = 8;
constexpr qint64 kLockLoopMs = 3000;
constexpr int kMaxLockCycles = 40; // the login limiter's window is moved on every 5 logins
const QByteArray kLockedBody =
    R"({"error":"Wallet is locked. Please login first.","code":1,"success":false})";

struct Answer
{
    int status = 0; // 0: no complete response
    QByteArray body;
};

// One request on its own connection, with blocking socket calls: no event loop in this thread.
Answer postOnce(quint16 port, const QByteArray& token, const QByteArray& body)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("POST /api/sign HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                 "\r\nAuthorization: Bearer " + token +
                 "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\n\r\n" + body);
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end >= 0) {
            qsizetype length = -1;
            for (const QByteArray& line : data.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (length >= 0 && data.size() >= end + 4 + length) {
                Answer answer;
                answer.status = data.split(' ').value(1).toInt();
                answer.body = data.mid(end + 4, length);
                return answer;
            }
        }
        if (!socket.waitForReadyRead(1000) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        data += socket.readAll();
    }
    return {};
}

struct Tally
{
    int signatures = 0;
    int locked = 0;
    QStringList problems; // anything else, described
};

} // namespace

class Concurrency : public ServerHarness
{
protected:
    test::FastBackupKdf m_fastKdf; // PBKDF2 is not what is tested here
};

TEST_F(Concurrency, ParallelSignsGetSignaturesOrCodeOneWhileAnotherClientLocksAndUnlocks)
{
    const QString host = QStringLiteral("race.example");
    registerWallet("concurrency password");
    grant(host, {QStringLiteral("sign")});
    const QByteArray token = authorize(host, {QStringLiteral("sign")}).toUtf8();
    ASSERT_FALSE(token.isEmpty());
    const auto hostKey = m_wallet->hostKey(host);
    ASSERT_TRUE(hostKey) << qPrintable(hostKey.error());
    const auto publicKey = crypto::PublicKey::fromHex(hostKey->publicKey);
    ASSERT_TRUE(publicKey);
    const quint16 port = m_port;

    std::atomic<bool> stop{false};
    std::vector<Tally> tallies(kSigners);
    std::vector<std::thread> signers;
    for (int i = 0; i < kSigners; ++i) {
        signers.emplace_back(
            [&, i] {
                Tally& tally = tallies[std::size_t(i)];
                for (int n = 0; !stop.load(); ++n) {
                    const QByteArray message =
                        "signer " + QByteArray::number(i) + " message " + QByteArray::number(n);
                    const Answer answer = postOnce(port, token, R"({"message":")" + message + R"("})");
                    const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
                    if (answer.status == 401 && answer.body == kLockedBody) {
                        ++tally.locked;
                    } else if (answer.status == 200 &&
                               json.value(QStringLiteral("message")).toString().toUtf8() == message &&
                               json.value(QStringLiteral("address")).toString() == hostKey->address &&
                               crypto::Bsm::verifyWithPublicKey(
                                   message, json.value(QStringLiteral("sig")).toString(), *publicKey)) {
                        ++tally.signatures;
                    } else {
                        tally.problems
                            << QStringLiteral("%1 %2").arg(answer.status).arg(QString::fromUtf8(answer.body));
                    }
                }
            });
    }

    // The locking client, on this thread: logout, login, again, for a few seconds.
    QElapsedTimer timer;
    timer.start();
    int cycles = 0;
    while (timer.elapsed() < kLockLoopMs && cycles < kMaxLockCycles) {
        EXPECT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
        spin(20); // let some signers meet the lock
        const HttpResult login = post(QStringLiteral("/api/login"), R"({"password":"concurrency password"})");
        EXPECT_EQ(login.status, 200) << login.body.constData();
        spin(20);
        if (++cycles % 5 == 0)
            m_clock.advance(61'000); // the next login starts a new limiter window (decision 8)
    }
    stop = true;
    for (auto& signer : signers)
        signer.join();

    Tally total;
    for (const Tally& t : tallies) {
        total.signatures += t.signatures;
        total.locked += t.locked;
        total.problems << t.problems;
    }
    std::printf("[ concurrency ] %d lock cycles: %d signatures, %d locked answers, %d other\n", cycles,
                total.signatures, total.locked, int(total.problems.size()));
    EXPECT_TRUE(total.problems.isEmpty()) << qPrintable(total.problems.mid(0, 5).join(QLatin1Char('\n')));
    EXPECT_GT(total.signatures, 0);
    EXPECT_GT(total.locked, 0);
    // The server is still whole: it answers and signs once unlocked.
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
    EXPECT_EQ(postOnce(port, token, R"({"message":"after"})").status, 200);
}
