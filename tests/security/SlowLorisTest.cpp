// Slow-loris: clients that open connections and never finish a request must neither block other
// clients nor hold their connections for ever (server/HttpServer, HttpConnection).

#include "SecurityFixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <memory>
#include <vector>

using namespace tokenpass::test;

namespace {

using Sockets = std::vector<std::unique_ptr<QTcpSocket>>;

// Opens `count` connections that each send the start of a request and then stall.
Sockets stalledClients(quint16 port, int count, const QByteArray& partial)
{
    Sockets sockets;
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        EXPECT_TRUE(socket->waitForConnected(2000)) << i;
        socket->write(partial);
        socket->flush();
        sockets.push_back(std::move(socket));
    }
    return sockets;
}

int stillConnected(const Sockets& sockets)
{
    int n = 0;
    for (const auto& s : sockets)
        n += s->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    return n;
}

void pump(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

class SlowLoris : public SecurityFixture
{
};

TEST_F(SlowLoris, StalledClientsDoNotBlockOthers)
{
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
    Sockets stalled = stalledClients(m_port, 24, "GET /api/status HTTP/1.1\r\n" + host + "X-Slow: ");
    Sockets stalledBodies = stalledClients(
        m_port, 8, "POST /api/login HTTP/1.1\r\n" + host + "Content-Length: 1000\r\n\r\n{\"pass");
    pump(200);

    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const HttpResult r = request("GET", QStringLiteral("/api/status"), QByteArray(), {}, 3000);
        EXPECT_EQ(r.status, 200) << i;
        EXPECT_LT(timer.elapsed(), 1000) << i;
    }
    EXPECT_EQ(stillConnected(stalled), 24); // the default idle limit (30 s) has not struck
}

TEST_F(SlowLoris, IdleConnectionsAreDroppedAfterTheIdleTimeout)
{
    auto options = defaultOptions();
    options.idleTimeoutMs = 800;
    restart(options);
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
    Sockets stalled = stalledClients(m_port, 6, "GET /api/status HTTP/1.1\r\n" + host);
    Sockets silent = stalledClients(m_port, 2, QByteArray());

    // Dribbling more header bytes does not keep a connection alive.
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 3000 && (stillConnected(stalled) > 0 || stillConnected(silent) > 0)) {
        for (const auto& s : stalled)
            if (s->state() == QAbstractSocket::ConnectedState)
                s->write("X-A: b\r\n");
        pump(100);
    }
    EXPECT_EQ(stillConnected(stalled), 0);
    EXPECT_EQ(stillConnected(silent), 0);
    EXPECT_GE(timer.elapsed(), 500); // not cut at once
    // And the server still serves.
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(SlowLoris, KeepAliveConnectionSurvivesWhileItGetsAnswers)
{
    auto options = defaultOptions();
    options.idleTimeoutMs = 800;
    restart(options);
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    ASSERT_TRUE(socket.waitForConnected(2000));
    const QByteArray req =
        "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n\r\n";
    // Requests every 400 ms for 2.4 s: each answer restarts the idle clock.
    for (int i = 0; i < 6; ++i) {
        socket.write(req);
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (!got.contains("\r\n\r\n{") && t.elapsed() < 2000) {
            pump(20);
            got += socket.readAll();
        }
        EXPECT_TRUE(got.startsWith("HTTP/1.1 200")) << i << got.left(40).constData();
        pump(400);
    }
    EXPECT_EQ(socket.state(), QAbstractSocket::ConnectedState);
}
