// OAuthClient's device-flow polling against a scripted authorization server on port 0 (RFC 8628
// §3.5): the first poll waits the server's interval, slow_down adds 5 s to it for every later
// poll, and the tokens end the wait; the refresh token lands in the 0600 token file.

#include "OAuthClient.h"
#include "CliFixture.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <functional>
#include <memory>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

// Answers each request with the next scripted body for its path; remembers when polls came.
class ScriptedServer : public QObject
{
public:
    ScriptedServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        });
        m_clock.start();
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    QList<qint64> pollTimes;
    qint64 deviceStartedAt = -1;

private:
    void serve(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray head = buffer.left(headerEnd).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const int length = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toInt();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        const QByteArray path = buffer.left(buffer.indexOf('\r')).split(' ').value(1);
        buffer.remove(0, headerEnd + 4 + length);
        int status = 200;
        QByteArray body;
        if (path == "/oauth/register") {
            status = 201;
            body = R"({"client_id":"c1"})";
        } else if (path == "/oauth/device_authorization") {
            deviceStartedAt = m_clock.elapsed();
            body = R"({"device_code":"d","user_code":"BCDF-GHJK","verification_uri":"x",)"
                   R"("verification_uri_complete":"x?user_code=BCDF-GHJK","interval":1,"expires_in":60})";
        } else if (path == "/oauth/token") {
            pollTimes.append(m_clock.elapsed());
            if (pollTimes.size() == 1) {
                status = 400;
                body = R"({"error":"slow_down"})";
            } else if (pollTimes.size() == 2) {
                status = 400;
                body = R"({"error":"authorization_pending"})";
            } else {
                body =
                    R"({"access_token":"a1","token_type":"Bearer","expires_in":3600,"refresh_token":"r1"})";
            }
        } else {
            status = 404;
        }
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QElapsedTimer m_clock;
};

// The scripted server on a thread of its own, as TokenPass runs in a process of its own: the
// command line's HTTP client blocks its thread while it waits (cli/HttpClient_posix.cpp).
class ServerThread
{
public:
    ServerThread()
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        run([this] { m_server = std::make_unique<ScriptedServer>(); });
    }
    ~ServerThread()
    {
        run([this] { m_server.reset(); });
        m_thread.quit();
        m_thread.wait();
    }
    // Runs `f` on the server's thread and waits for it: every read of the server goes through here.
    void run(const std::function<void()>& f)
    {
        QMetaObject::invokeMethod(&m_context, f, Qt::BlockingQueuedConnection);
    }
    QString url()
    {
        QString u;
        run([&] { u = m_server->url(); });
        return u;
    }
    QList<qint64> pollTimes()
    {
        QList<qint64> times;
        run([&] { times = m_server->pollTimes; });
        return times;
    }
    qint64 deviceStartedAt()
    {
        qint64 at = 0;
        run([&] { at = m_server->deviceStartedAt; });
        return at;
    }

private:
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<ScriptedServer> m_server;
};

} // namespace

TEST(OAuthClientDeviceFlow, SlowDownAddsFiveSecondsToEveryLaterPoll)
{
    ServerThread server;
    TestDataDir data;
    cli::HttpClient http;
    QStringList said;
    cli::OAuthClient client(http,
                            {QUrl(server.url()), QStringLiteral("test client"), QStringLiteral("sign"),
                             data.filePath(QStringLiteral("client.json"))},
                            [&](const QString& line) { said.append(line); });
    const cli::AuthResult result = client.accessToken();
    ASSERT_EQ(result.outcome, cli::Outcome::Ok) << result.message.toStdString();
    EXPECT_EQ(result.accessToken, QStringLiteral("a1"));
    const QList<qint64> pollTimes = server.pollTimes();
    ASSERT_EQ(pollTimes.size(), 3);
    EXPECT_GE(pollTimes[0] - server.deviceStartedAt(), 950) << "the first poll waits the interval";
    EXPECT_GE(pollTimes[1] - pollTimes[0], 5950) << "slow_down: 1 s + 5 s";
    EXPECT_GE(pollTimes[2] - pollTimes[1], 5950) << "and for every later poll";
    EXPECT_TRUE(said.join(QLatin1Char('\n')).contains(QStringLiteral("BCDF-GHJK")));
    EXPECT_EQ(
        readJsonFile(data.filePath(QStringLiteral("client.json"))).value(QStringLiteral("refresh_token")),
        QJsonValue(QStringLiteral("r1")));
    EXPECT_EQ(fileMode(data.filePath(QStringLiteral("client.json"))), 0600);
    // In memory now: no second sign-in.
    EXPECT_EQ(client.accessToken().accessToken, QStringLiteral("a1"));
    EXPECT_EQ(server.pollTimes().size(), 3);
}
