// RFC 9112 framing over a raw socket (issue 15): requests whose length is ambiguous get a clear
// JSON error and a closed connection, never a guess (a guess is how requests get smuggled).

#include "RawClient.h"
#include "SecurityFixture.h"

using namespace tokenpass::test;

namespace {

struct FramingCase
{
    const char* what;
    QByteArray fields; // header fields after Host, each with CRLF
    QByteArray body;
    int status;
    QByteArray error;
};

QByteArray errorBody(const QByteArray& message)
{
    return R"({"error":")" + message + R"(","success":false})";
}

} // namespace

class StrictFraming : public SecurityFixture
{
protected:
    // Sends the bytes on a fresh connection and reads until the server closes it.
    std::unique_ptr<RawClient> exchange(const QByteArray& bytes)
    {
        auto client = std::make_unique<RawClient>(m_port);
        EXPECT_TRUE(client->connected());
        client->sendAll(bytes, 2000);
        client->readUntilClosed(3000);
        return client;
    }

    void expectRefusal(const RawClient& c, int status, const QByteArray& error, const char* what)
    {
        EXPECT_EQ(c.status(), status) << what << ": " << c.received().left(120).constData();
        EXPECT_EQ(c.body(), errorBody(error)) << what;
        EXPECT_EQ(c.header("Connection"), QByteArray("close")) << what;
        EXPECT_EQ(c.header("Content-Type"), QByteArray("application/json")) << what;
        EXPECT_EQ(c.header("Cache-Control"), QByteArray("no-store")) << what;
        EXPECT_EQ(c.header("X-Content-Type-Options"), QByteArray("nosniff")) << what;
        EXPECT_TRUE(c.closed()) << what << ": the connection stayed open";
    }
};

TEST_F(StrictFraming, AmbiguousLengthsAreRefusedAndTheConnectionClosed)
{
    registerWallet();
    const QList<FramingCase> cases{
        {"two different Content-Length", "Content-Length: 2\r\nContent-Length: 3\r\n", "{}x", 400,
         "Conflicting Content-Length values"},
        {"Content-Length and Transfer-Encoding", "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
         "2\r\n{}\r\n0\r\n\r\n", 400, "Content-Length together with Transfer-Encoding"},
        {"unknown transfer coding", "Transfer-Encoding: gzip\r\n", "", 501, "Unsupported transfer coding"},
        {"chunked after another coding", "Transfer-Encoding: gzip, chunked\r\n", "", 501,
         "Unsupported transfer coding"},
        {"chunked twice", "Transfer-Encoding: chunked, chunked\r\n", "", 400, "Invalid Transfer-Encoding"},
        {"negative length", "Content-Length: -1\r\n", "", 400, "Invalid Content-Length"},
        {"non-numeric length", "Content-Length: ten\r\n", "", 400, "Invalid Content-Length"},
        {"length list", "Content-Length: 2, 2\r\n", "{}", 400, "Invalid Content-Length"},
        {"trailer fields", "Transfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n", 400,
         "Malformed chunked body"},
        {"bad chunk size", "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n", 400,
         "Malformed chunked body"},
        {"obs-fold", "X-Folded: a\r\n b\r\n", "", 400, "Malformed request"},
        {"space before colon", "Content-Length : 2\r\n", "{}", 400, "Malformed request"},
    };
    for (const FramingCase& c : cases) {
        const QByteArray request = "POST /api/sign HTTP/1.1\r\nHost: " + ourHost() +
                                   "\r\nAuthorization: Bearer x\r\n" + c.fields + "\r\n" + c.body;
        const auto client = exchange(request);
        expectRefusal(*client, c.status, c.error, c.what);
    }
    // The issue's example: two lengths on a token endpoint were judged as a request (401).
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(StrictFraming, OversizedHeadIs431)
{
    const QByteArray start = "GET /api/status HTTP/1.1\r\nHost: " + ourHost() + "\r\n";
    const auto longField = exchange(start + "X-Long: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n");
    expectRefusal(*longField, 431, "Request header fields too large", "17 KiB field");

    QByteArray many = start;
    for (int i = 0; i < 101; ++i)
        many += "X-F" + QByteArray::number(i) + ": 1\r\n";
    const auto manyFields = exchange(many + "\r\n");
    expectRefusal(*manyFields, 431, "Too many request header fields", "101 fields");

    // A head that never ends is refused at the cap too, not buffered.
    auto endless = std::make_unique<RawClient>(m_port);
    endless->sendAll(start, 2000);
    for (int i = 0; i < 64 && !endless->closed(); ++i) {
        endless->sendAll("X-More: " + QByteArray(1000, 'b') + "\r\n", 2000);
        endless->receiveSome();
    }
    endless->readUntilClosed(3000);
    expectRefusal(*endless, 431, "Request header fields too large", "endless head");

    // At the limits is still served: 100 fields (Host, 97, X-Long, Connection), a 9 KiB head.
    QByteArray fine = start;
    for (int i = 0; i < 97; ++i)
        fine += "X-F" + QByteArray::number(i) + ": 1\r\n";
    fine += "X-Long: " + QByteArray(8 * 1024, 'a') + "\r\nConnection: close\r\n\r\n";
    const auto served = exchange(fine);
    EXPECT_EQ(served->status(), 200) << served->received().left(120).constData();
}

TEST_F(StrictFraming, ForeignHostWithAHugeBodyStillGets421)
{
    // Decision 2 comes first, even when the body is refused before it is read.
    const auto c =
        exchange("POST /api/sign HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 99999999999\r\n\r\n");
    EXPECT_EQ(c->status(), 421);
    EXPECT_EQ(c->body(), QByteArray(R"({"error":"Misdirected request"})"));
    EXPECT_TRUE(c->closed());
}

TEST_F(StrictFraming, KeepAliveAndPipelinedRequestsStillWork)
{
    // The guard must follow the stream across requests: sequential, pipelined, chunked, bodies.
    RawClient c(m_port);
    const QByteArray status = "GET /api/status HTTP/1.1\r\nHost: " + ourHost() + "\r\n\r\n";
    const QByteArray chunked =
        "POST /api/auth HTTP/1.1\r\nHost: " + ourHost() +
        "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"h\r\n5\r\nost\":\r\n3\r\n\"\"}\r\n0\r\n\r\n";
    for (int round = 0; round < 3; ++round) {
        ASSERT_TRUE(c.sendAll(status + chunked + status, 2000));
        for (int i = 0; i < 3; ++i) {
            ASSERT_TRUE(c.readOneResponse(3000)) << round << " " << i;
            const int expected = i == 1 ? 400 : 200; // an empty host is a validation error
            EXPECT_EQ(c.status(), expected) << round << " " << i << " " << c.body().constData();
            const qsizetype end =
                c.received().indexOf("\r\n\r\n") + 4 + c.header("Content-Length").toLongLong();
            const QByteArray rest = c.received().mid(end);
            c.clearReceived();
            c.appendReceived(rest);
        }
    }
    EXPECT_FALSE(c.closed());
}
