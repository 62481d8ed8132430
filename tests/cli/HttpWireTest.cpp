// The command line's HTTP/1.1 framing (cli/HttpWire.h), byte by byte: the request it writes and
// how it reads Content-Length, chunked and close-delimited answers, fed whole and in pieces.
#include "HttpWire.h"

#include <gtest/gtest.h>

using tokenpass::cli::httpRequestBytes;
using tokenpass::cli::HttpResponseReader;
using State = HttpResponseReader::State;

namespace {

// Feeds `bytes` one at a time, as a slow socket would; returns the last state.
State feedBytewise(HttpResponseReader& reader, const QByteArray& bytes)
{
    State state = State::NeedMore;
    for (char c : bytes)
        state = reader.feed(QByteArrayView(&c, 1));
    return state;
}

} // namespace

TEST(HttpWire, RequestHasTargetHostLengthAndBody)
{
    const QByteArray get =
        httpRequestBytes("GET", QUrl(QStringLiteral("http://127.0.0.1:21000/api/status?x=1%202")), {},
                         {{"Authorization", "Bearer t"}});
    EXPECT_EQ(get, QByteArray("GET /api/status?x=1%202 HTTP/1.1\r\nHost: 127.0.0.1:21000\r\n"
                              "Authorization: Bearer t\r\n\r\n"));
    const QByteArray post = httpRequestBytes("POST", QUrl(QStringLiteral("http://[::1]:8080/mcp")), "{}",
                                             {{"Content-Type", "application/json"}});
    EXPECT_EQ(post, QByteArray("POST /mcp HTTP/1.1\r\nHost: [::1]:8080\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\n\r\n{}"));
    const QByteArray empty = httpRequestBytes("POST", QUrl(QStringLiteral("http://localhost:1")), {}, {});
    EXPECT_TRUE(empty.startsWith("POST / HTTP/1.1\r\n"));
    EXPECT_TRUE(empty.contains("Content-Length: 0\r\n"));
}

TEST(HttpWire, HeaderValuesWithLineBreaksAreDropped)
{
    const QByteArray bytes = httpRequestBytes("GET", QUrl(QStringLiteral("http://127.0.0.1:1/")), {},
                                              {{"X-Evil", "a\r\nX-Injected: 1"}});
    EXPECT_FALSE(bytes.contains("X-Injected"));
}

TEST(HttpWire, ContentLengthAnswerWholeAndInPieces)
{
    const QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nMCP-Session-Id: abc\r\n"
                              "Content-Length: 11\r\n\r\n{\"ok\":true}";
    for (bool pieces : {false, true}) {
        HttpResponseReader reader;
        const State state = pieces ? feedBytewise(reader, answer) : reader.feed(answer);
        ASSERT_EQ(state, State::Complete) << qPrintable(reader.error());
        EXPECT_EQ(reader.status(), 200);
        EXPECT_EQ(reader.body(), QByteArray("{\"ok\":true}"));
        EXPECT_TRUE(reader.keepAlive());
        tokenpass::cli::HttpResponse response{true, 200, {}, reader.headers(), {}};
        EXPECT_EQ(response.header("mcp-session-id"), QByteArray("abc")); // names in lower case
    }
}

TEST(HttpWire, ChunkedAnswerWithExtensionsAndTrailers)
{
    const QByteArray answer = "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n";
    for (bool pieces : {false, true}) {
        HttpResponseReader reader;
        const State state = pieces ? feedBytewise(reader, answer) : reader.feed(answer);
        ASSERT_EQ(state, State::Complete) << qPrintable(reader.error());
        EXPECT_EQ(reader.status(), 401);
        EXPECT_EQ(reader.body(), QByteArray("Wikipedia"));
    }
    HttpResponseReader plain;
    EXPECT_EQ(plain.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
              State::Complete);
    EXPECT_EQ(plain.body(), QByteArray("abc"));
}

TEST(HttpWire, BodyUntilCloseAndConnectionClose)
{
    HttpResponseReader reader;
    EXPECT_EQ(reader.feed("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nsome"), State::NeedMore);
    EXPECT_EQ(reader.feed(" text"), State::NeedMore);
    EXPECT_EQ(reader.closed(), State::Complete);
    EXPECT_EQ(reader.body(), QByteArray("some text"));
    EXPECT_FALSE(reader.keepAlive());

    HttpResponseReader fixed;
    EXPECT_EQ(fixed.feed("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"), State::Complete);
    EXPECT_FALSE(fixed.keepAlive());
}

TEST(HttpWire, InterimAnswersAreSkipped)
{
    HttpResponseReader reader;
    EXPECT_EQ(reader.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
              State::Complete);
    EXPECT_EQ(reader.status(), 201);
}

TEST(HttpWire, TruncatedAndMalformedAnswersFail)
{
    HttpResponseReader truncated;
    EXPECT_EQ(truncated.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), State::NeedMore);
    EXPECT_EQ(truncated.closed(), State::Malformed);
    EXPECT_TRUE(truncated.receivedAnything());

    HttpResponseReader nothing;
    EXPECT_EQ(nothing.closed(), State::Malformed);
    EXPECT_FALSE(nothing.receivedAnything());

    HttpResponseReader notHttp;
    EXPECT_EQ(notHttp.feed("SSH-2.0-OpenSSH\r\n\r\n"), State::Malformed);

    HttpResponseReader badLength;
    EXPECT_EQ(badLength.feed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"), State::Malformed);

    HttpResponseReader badChunk;
    EXPECT_EQ(badChunk.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), State::Malformed);

    HttpResponseReader extra;
    EXPECT_EQ(extra.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab"), State::Malformed);

    HttpResponseReader gzip;
    EXPECT_EQ(gzip.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"), State::Malformed);
}
