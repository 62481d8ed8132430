// Issue 15: a client must not be able to make the server hold what it sends. Oversized declared
// or chunked bodies are refused once the head is in, before Qt reads them; the connection closes;
// the process does not grow; other clients are served meanwhile (server/HttpConnection, RequestFraming).

#include "RawClient.h"
#include "SecurityFixture.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace tokenpass::test;

namespace {

const QByteArray kTooLarge = R"({"error":"Request body too large","success":false})";
constexpr qint64 kStreamBytes = 200LL * 1024 * 1024;
constexpr qint64 kMaxAcceptedBytes = 2 * 1024 * 1024;
constexpr qint64 kMaxGrowthKib = 8 * 1024;
constexpr int kStreamTimeoutMs = 15000;

void expectRefusedEarly(const StreamOutcome& o, const char* what)
{
    EXPECT_EQ(o.status, 413) << what;
    EXPECT_EQ(o.body, kTooLarge) << what;
    EXPECT_EQ(o.connectionHeader, QByteArray("close")) << what;
    EXPECT_TRUE(o.closed) << what << ": the connection stayed open";
    EXPECT_LT(o.acceptedBodyBytes, kMaxAcceptedBytes) << what << ": the server kept reading";
}

} // namespace

class OversizedRequest : public SecurityFixture
{
protected:
    QByteArray head(const QByteArray& framing, const QByteArray& path = "/api/sign") const
    {
        return "POST " + path + " HTTP/1.1\r\nHost: " + ourHost() +
               "\r\nContent-Type: application/json\r\nAuthorization: Bearer x\r\n" + framing + "\r\n";
    }

    // RSS once the server has answered something (threads, pools and caches exist).
    qint64 warmResidentKib()
    {
        for (int i = 0; i < 3; ++i)
            EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
        return residentKib();
    }

    StreamOutcome streamOne(const QByteArray& framing, bool chunked)
    {
        std::vector<std::unique_ptr<BodyStreamer>> one;
        one.push_back(std::make_unique<BodyStreamer>(m_port, head(framing), kStreamBytes, chunked));
        runStreamers(one, kStreamTimeoutMs);
        return one.front()->outcome();
    }
};

TEST_F(OversizedRequest, DeclaredHugeBodyIs413AndClosedBeforeItIsRead)
{
    const qint64 before = warmResidentKib();
    const StreamOutcome o = streamOne("Content-Length: 10000000000\r\n", false);
    const qint64 growth = residentKib() - before;
    expectRefusedEarly(o, "Content-Length 10 GB");
    EXPECT_LT(growth, kMaxGrowthKib);
    std::printf("[ measured ] declared 10 GB: accepted %lld bytes, answer after %lld ms, RSS +%lld KiB\n",
                static_cast<long long>(o.acceptedBodyBytes), static_cast<long long>(o.msToAnswer),
                static_cast<long long>(growth));
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(OversizedRequest, ChunkedBodyIsCountedAndRefusedAtTheCap)
{
    const qint64 before = warmResidentKib();
    const StreamOutcome o = streamOne("Transfer-Encoding: chunked\r\n", true);
    const qint64 growth = residentKib() - before;
    expectRefusedEarly(o, "chunked 200 MB");
    EXPECT_GE(o.acceptedBodyBytes, 1024 * 1024) << "refused before the cap was reached";
    EXPECT_LT(growth, kMaxGrowthKib);
    std::printf("[ measured ] chunked 200 MB: accepted %lld bytes, RSS +%lld KiB\n",
                static_cast<long long>(o.acceptedBodyBytes), static_cast<long long>(growth));
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(OversizedRequest, FiftyParallelHugeBodiesDoNotStallOtherClients)
{
    const qint64 before = warmResidentKib();
    std::vector<std::unique_ptr<BodyStreamer>> attackers;
    for (int i = 0; i < 50; ++i)
        attackers.push_back(std::make_unique<BodyStreamer>(m_port, head("Content-Length: 1073741824\r\n"),
                                                           kStreamBytes, false));

    // A keep-alive client asks for the status between attack rounds until every attacker is done.
    RawClient status(m_port);
    ASSERT_TRUE(status.connected());
    const QByteArray statusRequest = "GET /api/status HTTP/1.1\r\nHost: " + ourHost() + "\r\n\r\n";
    std::vector<qint64> latencies; // microseconds
    QElapsedTimer total;
    total.start();
    while (total.elapsed() < kStreamTimeoutMs && latencies.size() < 40) {
        runStreamers(attackers, 20); // a bounded slice of attack traffic
        QElapsedTimer t;
        t.start();
        status.clearReceived();
        ASSERT_TRUE(status.sendAll(statusRequest, 2000));
        ASSERT_TRUE(status.readOneResponse(2000)) << status.received().left(80).constData();
        latencies.push_back(t.nsecsElapsed() / 1000);
        EXPECT_EQ(status.status(), 200);
        if (std::all_of(attackers.begin(), attackers.end(), [](const auto& a) { return a->finished(); }) &&
            latencies.size() >= 5)
            break;
    }
    const qint64 growth = residentKib() - before;
    for (const auto& a : attackers)
        expectRefusedEarly(a->outcome(), "parallel 1 GB");
    const qint64 worst = *std::max_element(latencies.begin(), latencies.end());
    EXPECT_LT(worst, 100 * 1000) << "the status answer waited behind the attackers";
    EXPECT_LT(growth, kMaxGrowthKib);
    std::printf("[ measured ] 50 x 1 GB: %zu status requests, worst %lld us, RSS +%lld KiB\n",
                latencies.size(), static_cast<long long>(worst), static_cast<long long>(growth));
}

TEST_F(OversizedRequest, BodyAtTheCapStillGoesThroughChunkedOrNot)
{
    // Chunked bodies reach the routes like any other (here: parsed, then judged on content).
    const QByteArray json = R"({"host":"a.example","scopes":["sign"]})";
    for (const bool chunked : {false, true}) {
        RawClient c(m_port);
        const QByteArray framing = chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                                           : "Content-Length: " + QByteArray::number(json.size()) + "\r\n";
        const QByteArray body =
            chunked ? QByteArray::number(json.size(), 16) + "\r\n" + json + "\r\n0\r\n\r\n" : json;
        ASSERT_TRUE(c.sendAll(head(framing, "/api/auth") + body, 2000));
        ASSERT_TRUE(c.readOneResponse(5000)) << chunked;
        EXPECT_NE(c.status(), 413) << chunked;
        EXPECT_NE(c.status(), 400) << chunked << " " << c.body().constData();
    }
    // Exactly 1 MiB declared is read; one byte more is refused without reading it.
    RawClient atCap(m_port);
    ASSERT_TRUE(
        atCap.sendAll(head("Content-Length: 1048576\r\n", "/api/auth") + QByteArray(1048576, ' '), 5000));
    ASSERT_TRUE(atCap.readOneResponse(5000));
    EXPECT_EQ(atCap.status(), 400); // whitespace only: Invalid JSON body, not 413
    RawClient overCap(m_port);
    ASSERT_TRUE(overCap.sendAll(head("Content-Length: 1048577\r\n", "/api/auth"), 2000));
    overCap.readUntilClosed(3000);
    EXPECT_EQ(overCap.status(), 413);
    EXPECT_TRUE(overCap.closed());
}

TEST_F(OversizedRequest, ConnectionsPastTheCapAreClosedAndOpenOnesServed)
{
    auto options = defaultOptions();
    options.maxConnections = 8;
    restart(options);
    std::vector<std::unique_ptr<RawClient>> open;
    for (int i = 0; i < 8; ++i) {
        open.push_back(std::make_unique<RawClient>(m_port));
        ASSERT_TRUE(open.back()->connected());
    }
    ServerHarness::spin(100); // the server has accepted them
    RawClient extra(m_port);
    extra.readUntilClosed(2000);
    EXPECT_TRUE(extra.closed()) << "a connection past the cap stayed open";
    EXPECT_TRUE(extra.received().isEmpty());

    const QByteArray statusRequest = "GET /api/status HTTP/1.1\r\nHost: " + ourHost() + "\r\n\r\n";
    for (const auto& c : open) {
        ASSERT_TRUE(c->sendAll(statusRequest, 2000));
        ASSERT_TRUE(c->readOneResponse(3000));
        EXPECT_EQ(c->status(), 200);
    }
    // A slot freed is a slot usable again.
    open.pop_back();
    ServerHarness::spin(200);
    RawClient again(m_port);
    ASSERT_TRUE(again.sendAll(statusRequest, 2000));
    ASSERT_TRUE(again.readOneResponse(3000));
    EXPECT_EQ(again.status(), 200);
}
