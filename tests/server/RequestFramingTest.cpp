// The byte-level request reader of the connection guard (server/RequestFraming), without sockets.

#include "RequestFraming.h"

#include <gtest/gtest.h>

using namespace tokenpass::server;
using Stage = RequestFraming::Stage;

namespace {

constexpr qsizetype kMiB = 1024 * 1024;

QByteArray post(const QByteArray& fields, const QByteArray& path = "/api/sign")
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:1\r\n" + fields + "\r\n";
}

// Feeds the bytes whole, and again one byte at a time: the verdict must not depend on the split.
RequestFraming fed(const QByteArray& bytes, FramingLimits limits = {})
{
    RequestFraming whole(limits);
    whole.feed(bytes);
    RequestFraming bytewise(limits);
    for (char c : bytes)
        bytewise.feed(QByteArrayView(&c, 1));
    EXPECT_EQ(whole.stage(), bytewise.stage()) << bytes.left(80).constData();
    EXPECT_EQ(whole.requestsFramed(), bytewise.requestsFramed());
    if (whole.refused() && bytewise.refused()) {
        EXPECT_EQ(whole.refusal(), bytewise.refusal());
    }
    return whole;
}

} // namespace

TEST(RequestFraming, PlainRequestsPassAndArePipelined)
{
    const QByteArray get = "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
    const QByteArray body = post("Content-Length: 2\r\n") + "{}";
    const RequestFraming r = fed("\r\n" + get + body + get);
    EXPECT_FALSE(r.refused());
    EXPECT_EQ(r.requestsFramed(), 3u);
    EXPECT_EQ(r.stage(), Stage::Head);
    EXPECT_EQ(r.bufferedBytes(), 0);
}

TEST(RequestFraming, HandsOutEachRequestWithItsFieldsAndBody)
{
    RequestFraming r =
        fed("POST /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Two:  spaced value \r\nContent-Length: 3\r\n\r\nabc"
            "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            "2\r\nde\r\n1;x=y\r\nf\r\n0\r\n\r\n"
            "GET /c HTTP/1.0\r\n\r\nGET /d HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
    ASSERT_EQ(r.completeRequests(), 4);
    const FramedRequest a = r.takeRequest();
    EXPECT_EQ(a.method, "POST");
    EXPECT_EQ(a.target, "/a?x=1");
    ASSERT_EQ(a.headers.size(), 3);
    EXPECT_EQ(a.headers[1].first, "X-Two");
    EXPECT_EQ(a.headers[1].second, "spaced value");
    EXPECT_EQ(a.body, "abc");
    EXPECT_TRUE(a.keepAlive);
    const FramedRequest b = r.takeRequest();
    EXPECT_EQ(b.body, "def"); // de-chunked, extensions dropped
    EXPECT_FALSE(b.keepAlive);
    EXPECT_FALSE(r.takeRequest().keepAlive); // HTTP/1.0 closes unless asked otherwise
    EXPECT_TRUE(r.takeRequest().keepAlive);
    EXPECT_EQ(r.completeRequests(), 0);
}

TEST(RequestFraming, ARefusalDropsTheRequestsFramedBeforeIt)
{
    const RequestFraming r = fed("GET /ok HTTP/1.1\r\nHost: h\r\n\r\nGET /bad HTTP/1.1\r\nHost : h\r\n\r\n");
    EXPECT_TRUE(r.refused());
    EXPECT_EQ(r.completeRequests(), 0);
}

TEST(RequestFraming, ExpectContinueIsReportedUntilTheBodyBegins)
{
    RequestFraming r;
    r.feed("POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n");
    EXPECT_TRUE(r.expectsContinue());
    r.feed("{");
    EXPECT_FALSE(r.expectsContinue());
    r.feed("}");
    EXPECT_EQ(r.completeRequests(), 1);
    EXPECT_FALSE(r.expectsContinue());
}

TEST(RequestFraming, DeclaredBodyOverTheCapIsRefusedWithTheHead)
{
    RequestFraming r;
    EXPECT_FALSE(r.feed(post("Content-Length: 10000000000\r\n")));
    EXPECT_EQ(r.refusal(), ApiError::PayloadTooLarge);
    EXPECT_EQ(r.bodyBytes(), 0);
    EXPECT_EQ(fed(post("Content-Length: 99999999999999999999999999\r\n")).refusal(),
              ApiError::PayloadTooLarge);
    EXPECT_EQ(fed(post("Content-Length: 1048577\r\n")).refusal(), ApiError::PayloadTooLarge);

    RequestFraming atCap;
    EXPECT_TRUE(atCap.feed(post("Content-Length: 1048576\r\n") + QByteArray(kMiB, 'x')));
    EXPECT_EQ(atCap.requestsFramed(), 1u);
}

TEST(RequestFraming, PerRouteCapsComeFromTheCallback)
{
    FramingLimits limits;
    limits.bodyCap = [](QByteArrayView method, QByteArrayView target) {
        return method == "POST" && target == "/big" ? 4 * kMiB : kMiB;
    };
    EXPECT_FALSE(fed(post("Content-Length: 3000000\r\n", "/big"), limits).refused());
    EXPECT_EQ(fed(post("Content-Length: 3000000\r\n", "/api/sign"), limits).refusal(),
              ApiError::PayloadTooLarge);
}

TEST(RequestFraming, ChunkedBodiesAreCountedAsTheyArrive)
{
    const QByteArray small =
        post("Transfer-Encoding: chunked\r\n") + "2\r\n{}\r\n3;ext=1\r\nabc\r\n0\r\n\r\n";
    const RequestFraming ok = fed(small);
    EXPECT_FALSE(ok.refused());
    EXPECT_EQ(ok.requestsFramed(), 1u);

    RequestFraming big;
    ASSERT_TRUE(big.feed(post("Transfer-Encoding: chunked\r\n")));
    const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'a') + "\r\n";
    int accepted = 0;
    while (big.feed(chunk) && accepted < 100)
        ++accepted;
    EXPECT_EQ(accepted, 16); // the 17th 64 KiB chunk is announced past 1 MiB: refused at its size line
    EXPECT_EQ(big.refusal(), ApiError::PayloadTooLarge);
    EXPECT_LE(big.bodyBytes(), kMiB);

    // Tiny chunks cannot smuggle unbounded framing overhead.
    RequestFraming tiny;
    ASSERT_TRUE(tiny.feed(post("Transfer-Encoding: chunked\r\n")));
    int chunks = 0;
    while (tiny.feed("1\r\na\r\n") && chunks < 100000)
        ++chunks;
    EXPECT_EQ(tiny.refusal(), ApiError::PayloadTooLarge);
    EXPECT_LT(chunks, 20000);
}

TEST(RequestFraming, AmbiguousFramingIsRefused)
{
    const struct
    {
        QByteArray bytes;
        ApiError error;
    } cases[] = {
        {post("Content-Length: 2\r\nContent-Length: 3\r\n"), ApiError::ConflictingContentLength},
        {post("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n"),
         ApiError::ContentLengthWithTransferEncoding},
        {post("Transfer-Encoding: chunked\r\nContent-Length: 2\r\n"),
         ApiError::ContentLengthWithTransferEncoding},
        {post("Transfer-Encoding: gzip\r\n"), ApiError::UnsupportedTransferCoding},
        {post("Transfer-Encoding: chunked;q=1\r\n"), ApiError::UnsupportedTransferCoding},
        {post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"),
         ApiError::InvalidTransferEncoding},
        {post("Transfer-Encoding: \r\n"), ApiError::InvalidTransferEncoding},
        {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", ApiError::InvalidTransferEncoding},
        {post("Content-Length: -1\r\n"), ApiError::InvalidContentLength},
        {post("Content-Length: +1\r\n"), ApiError::InvalidContentLength},
        {post("Content-Length: 1 2\r\n"), ApiError::InvalidContentLength},
        {post("Content-Length:\r\n"), ApiError::InvalidContentLength},
        {post("Content-Length: 0x10\r\n"), ApiError::InvalidContentLength},
        {"GET / HTTP/1.1\nHost: a\n\n", ApiError::MalformedRequest},
        {"GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", ApiError::MalformedRequest},
        {"GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", ApiError::MalformedRequest},
        {"GET / HTTP/1.1\r\nX : a\r\n\r\n", ApiError::MalformedRequest},
        {QByteArray("GET / HTTP/1.1\r\nX: a") + '\0' + "b\r\n\r\n", ApiError::MalformedRequest},
        {"GET  / HTTP/1.1\r\n\r\n", ApiError::MalformedRequest},
        {"GET / HTTP/2.0\r\n\r\n", ApiError::MalformedRequest},
        {" GET / HTTP/1.1\r\n\r\n", ApiError::MalformedRequest},
        {post("Transfer-Encoding: chunked\r\n") + "2\r\n{}XX", ApiError::MalformedChunkedBody},
        {post("Transfer-Encoding: chunked\r\n") + "2\n{}\r\n", ApiError::MalformedChunkedBody},
        {post("Transfer-Encoding: chunked\r\n") + " 2\r\n", ApiError::MalformedChunkedBody},
        {post("Transfer-Encoding: chunked\r\n") + "0\r\nX: 1\r\n\r\n", ApiError::MalformedChunkedBody},
        {post("Transfer-Encoding: chunked\r\n") + QByteArray(2000, '1'), ApiError::MalformedChunkedBody},
    };
    for (const auto& c : cases) {
        const RequestFraming r = fed(c.bytes);
        EXPECT_TRUE(r.refused()) << c.bytes.constData();
        EXPECT_EQ(r.refusal(), c.error) << c.bytes.constData();
    }
    // The same value twice, or with leading zeros, is one length (RFC 9112 §6.3).
    EXPECT_FALSE(fed(post("Content-Length: 2\r\nContent-Length: 002\r\n") + "{}").refused());
}

TEST(RequestFraming, HeadIsCappedInBytesAndFields)
{
    RequestFraming longHead;
    EXPECT_FALSE(longHead.feed("GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a')));
    EXPECT_EQ(longHead.refusal(), ApiError::RequestHeadTooLarge);
    EXPECT_LT(longHead.bufferedBytes(), FramingLimits::kMaxHeadBytes);

    RequestFraming emptyLines; // leading CRLFs count as head bytes too
    EXPECT_FALSE(emptyLines.feed(QByteArray("\r\n").repeated(9000)));
    EXPECT_EQ(emptyLines.refusal(), ApiError::RequestHeadTooLarge);

    QByteArray fields = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
        fields += "X-" + QByteArray::number(i) + ": 1\r\n";
    EXPECT_EQ(fed(fields).refusal(), ApiError::TooManyHeaderFields);
}

TEST(RequestFraming, RefusalsNameTheHostForTheGuard)
{
    RequestFraming r;
    r.feed("POST / HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 5000000\r\n\r\n");
    EXPECT_EQ(r.refusal(), ApiError::PayloadTooLarge);
    EXPECT_EQ(r.host(), QByteArray("a, b"));
    EXPECT_FALSE(r.feed("more"));
}
