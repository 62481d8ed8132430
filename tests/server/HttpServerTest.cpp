// The HTTP/1.1 server itself (server/HttpServer, HttpConnection, HttpWire), with a plain handler
// instead of the Router: ordering of pipelined answers, keep-alive and close, HEAD, 100-continue,
// bodyless statuses, a held answer whose client left, the connection limit, refusals and the idle
// limit. Real sockets on port 0; the routes' behaviour is tested through ServerHarness elsewhere.

#include "HttpServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>

using namespace tokenpass;
using namespace tokenpass::server;

namespace {

bool pumpUntil(const std::function<bool()>& done, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

// A client connection driven from the test's event loop (the server runs on the same thread).
class Client
{
public:
    explicit Client(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        pumpUntil([this] {
            return m_socket.state() == QAbstractSocket::ConnectedState ||
                   m_socket.state() == QAbstractSocket::UnconnectedState; // accepted and closed at once
        });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_received += m_socket.readAll(); });
    }
    void send(const QByteArray& bytes) { m_socket.write(bytes); }
    // Waits until `count` occurrences of `text` have arrived.
    bool waitFor(const QByteArray& text, int count = 1, int timeoutMs = 5000)
    {
        return pumpUntil([&] { return m_received.count(text) >= count; }, timeoutMs);
    }
    bool waitForClose(int timeoutMs = 5000)
    {
        return pumpUntil([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    void leave() { m_socket.abort(); }
    const QByteArray& received() const { return m_received; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

class HttpServerTest : public ::testing::Test
{
protected:
    void start(RequestHandler handler, HttpServer::Policy policy = {})
    {
        policy.connection.framing.bodyCap = [this](QByteArrayView, QByteArrayView) { return m_bodyCap; };
        m_server = std::make_unique<HttpServer>(policy, std::move(handler));
        const Result<quint16> port = m_server->listen(0, false);
        ASSERT_TRUE(port.isOk()) << port.error().toStdString();
        m_port = *port;
    }
    // Answers the target's path as the body ("/x" -> "x"), at once.
    static void echoPath(FramedRequest request, Responder responder)
    {
        responder.write(200, {{"Content-Type", "text/plain"}}, request.target.mid(1) + request.body);
    }

    qsizetype m_bodyCap = 1024;
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
};

} // namespace

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder)
{
    start([](FramedRequest request, Responder responder) {
        if (request.target == "/slow") {
            // Answered later, as a route that waits for the person does.
            auto held = std::make_shared<Responder>(std::move(responder));
            QTimer::singleShot(100, [held] { held->write(200, {}, "slow"); });
            return;
        }
        echoPath(std::move(request), std::move(responder));
    });
    Client client(m_port);
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(client.waitFor("HTTP/1.1 200 OK", 2));
    ASSERT_TRUE(client.waitFor("fast"));
    const QByteArray& all = client.received();
    EXPECT_LT(all.indexOf("slow"), all.indexOf("fast")) << all.constData();
    EXPECT_TRUE(all.startsWith("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nslow")) << all.constData();
}

TEST_F(HttpServerTest, ConnectionCloseAndHttp10AreHonoured)
{
    start(&HttpServerTest::echoPath);
    Client closing(m_port);
    closing.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(closing.waitForClose());
    EXPECT_TRUE(closing.received().contains("\r\nConnection: close\r\n"));
    EXPECT_TRUE(closing.received().endsWith("\r\n\r\na"));

    Client old(m_port);
    old.send("GET /b HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(old.waitForClose());
    EXPECT_TRUE(old.received().endsWith("\r\n\r\nb"));

    Client kept(m_port); // HTTP/1.0 that asks to keep the connection, then a second request
    kept.send("GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_TRUE(kept.waitFor("\r\n\r\nc"));
    kept.send("GET /d HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(kept.waitFor("\r\n\r\nd"));
    EXPECT_FALSE(kept.received().contains("Connection: close"));
}

TEST_F(HttpServerTest, HeadAnswersTheLengthWithoutTheBody)
{
    start(&HttpServerTest::echoPath);
    Client client(m_port);
    client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(client.waitFor("\r\n\r\n"));
    client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(client.waitFor("next"));
    // The second answer follows the first head directly: no body bytes in between.
    EXPECT_TRUE(client.received().startsWith(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
        "HTTP/1.1 200 OK\r\n"))
        << client.received().constData();
}

TEST_F(HttpServerTest, ExpectContinueIsAnsweredBeforeTheBody)
{
    start(&HttpServerTest::echoPath);
    Client client(m_port);
    client.send("POST /echo: HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    ASSERT_TRUE(client.waitFor("HTTP/1.1 100 Continue\r\n\r\n"));
    EXPECT_FALSE(client.received().contains("200"));
    client.send("hello");
    ASSERT_TRUE(client.waitFor("echo:hello"));
    EXPECT_EQ(client.received().count("100 Continue"), 1);
}

TEST_F(HttpServerTest, NoContentCarriesNoLength)
{
    start([](FramedRequest request, Responder responder) {
        responder.write(request.target == "/none" ? 204 : 200, {}, request.target == "/none" ? "" : "after");
    });
    Client client(m_port);
    client.send("OPTIONS /none HTTP/1.1\r\nHost: x\r\n\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(client.waitFor("after"));
    EXPECT_TRUE(
        client.received().startsWith("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5"))
        << client.received().constData();
}

TEST_F(HttpServerTest, AHeldAnswerKnowsTheClientLeft)
{
    std::optional<Responder> held;
    start([&held](FramedRequest, Responder responder) { held.emplace(std::move(responder)); });
    {
        Client client(m_port);
        client.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
        ASSERT_TRUE(pumpUntil([&] { return held.has_value(); }));
        EXPECT_TRUE(held->connected());
        client.leave();
    }
    EXPECT_TRUE(pumpUntil([&] { return !held->connected(); }));
    held->write(200, {}, "too late"); // harmless
    EXPECT_TRUE(pumpUntil([this] { return m_server->openConnections() == 0; }));
}

TEST_F(HttpServerTest, ConnectionsOverTheLimitAreClosedAndTheOthersServed)
{
    HttpServer::Policy policy;
    policy.maxConnections = 2;
    start(&HttpServerTest::echoPath, policy);
    Client first(m_port);
    Client second(m_port);
    ASSERT_TRUE(pumpUntil([this] { return m_server->openConnections() == 2; }));
    Client third(m_port);
    EXPECT_TRUE(third.waitForClose());
    EXPECT_TRUE(third.received().isEmpty());
    first.send("GET /still HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(first.waitFor("still"));
}

TEST_F(HttpServerTest, AnOversizedBodyIsRefusedBeforeItIsSent)
{
    m_bodyCap = 10;
    int handled = 0;
    start([&handled](FramedRequest, Responder responder) {
        ++handled;
        responder.write(200, {}, "no");
    });
    Client client(m_port);
    client.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n");
    ASSERT_TRUE(client.waitForClose());
    EXPECT_TRUE(client.received().startsWith("HTTP/1.1 413 Payload Too Large\r\n"))
        << client.received().constData();
    EXPECT_TRUE(client.received().contains("\r\nConnection: close\r\n"));
    EXPECT_TRUE(client.received().endsWith("}"));
    EXPECT_EQ(handled, 0);

    Client chunked(m_port); // announced chunk by chunk: refused at the chunk that passes the cap
    chunked.send("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n");
    ASSERT_TRUE(chunked.waitForClose());
    EXPECT_TRUE(chunked.received().startsWith("HTTP/1.1 413 "));
    EXPECT_EQ(handled, 0);
}

TEST_F(HttpServerTest, ChunkedBodiesArriveWhole)
{
    start(&HttpServerTest::echoPath);
    Client client(m_port);
    client.send("POST /got: HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    client.send("2;ext=1\r\nde\r\n0\r\n\r\n");
    EXPECT_TRUE(client.waitFor("got:abcde"));
}

TEST_F(HttpServerTest, AnIdleConnectionIsClosed)
{
    HttpServer::Policy policy;
    policy.connection.idleMs = 200;
    start(&HttpServerTest::echoPath, policy);
    Client client(m_port);
    client.send("GET /half"); // a head that never ends does not keep the connection open
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(client.waitForClose(5000));
    EXPECT_GE(timer.elapsed(), 150);
    EXPECT_TRUE(pumpUntil([this] { return m_server->openConnections() == 0; }));
}
