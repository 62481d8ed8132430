// The HTTP server's request reader (server/RequestFraming) on arbitrary bytes, split into
// arbitrary pieces as a socket would deliver them. Byte 0 picks the piece size, byte 1 the body
// cap (small caps reach the 413 paths), the rest is the connection's bytes.
// Invariants: the verdict and the requests framed (method, target, fields, body) do not depend on
// the split; the reader never holds more than a head and a chunk-size line besides the body, never
// holds or counts more body than the cap; a refusal is a complete HTTP answer with
// Connection: close, and a refused reader stays refused.

#include "FuzzSupport.h"
#include "HttpWire.h"
#include "RequestFraming.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    using server::FramingLimits;
    fuzz::InputReader in(data, size);
    const qsizetype piece = 1 + in.byte() % 64;
    const std::uint8_t capByte = in.byte();
    const qsizetype cap = capByte == 0 ? 1024 * 1024 : qsizetype(capByte) * 16;
    const QByteArrayView bytes = in.rest();

    FramingLimits limits;
    limits.bodyCap = [cap](QByteArrayView, QByteArrayView) { return cap; };
    server::RequestFraming whole(limits);
    server::RequestFraming pieces(limits);
    whole.feed(bytes);

    const qsizetype maxHeld = 2 * FramingLimits::kMaxHeadBytes + FramingLimits::kMaxChunkLine;
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        const bool accepted = pieces.feed(bytes.sliced(at, qMin(piece, bytes.size() - at)));
        if (pieces.bufferedBytes() > maxHeld)
            fuzz::fail("the reader holds more than a head");
        if (pieces.bodyBytes() > cap || pieces.heldBodyBytes() > cap)
            fuzz::fail("more body counted or held than the cap allows");
        if (accepted == pieces.refused())
            fuzz::fail("feed() disagrees with refused()");
    }
    if (whole.stage() != pieces.stage() || whole.requestsFramed() != pieces.requestsFramed())
        fuzz::fail("the verdict depends on how the bytes were split");
    if (whole.refused() && whole.refusal() != pieces.refusal())
        fuzz::fail("the refusal depends on how the bytes were split");
    if (whole.completeRequests() != pieces.completeRequests())
        fuzz::fail("the requests framed depend on how the bytes were split");
    while (whole.completeRequests() > 0) {
        const server::FramedRequest a = whole.takeRequest();
        const server::FramedRequest b = pieces.takeRequest();
        if (a.method != b.method || a.target != b.target || a.headers != b.headers || a.body != b.body ||
            a.keepAlive != b.keepAlive)
            fuzz::fail("a request framed differently depending on the split");
        if (a.body.size() > cap)
            fuzz::fail("a request with a body over the cap");
    }

    if (pieces.refused()) {
        // Answer and close: a complete response for the refusal, then nothing more is read.
        const QByteArray answer = server::wire::refusal(pieces.refusal());
        const int status = server::errors::status(pieces.refusal());
        if (status != 400 && status != 413 && status != 431 && status != 501)
            fuzz::fail("a framing refusal with an unexpected status");
        if (!answer.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' ') ||
            !answer.contains("\r\nConnection: close\r\n") || !answer.endsWith("}"))
            fuzz::fail("a refusal that is not a complete JSON answer with Connection: close");
        if (pieces.feed("GET / HTTP/1.1\r\n\r\n") || pieces.requestsFramed() != whole.requestsFramed())
            fuzz::fail("a refused reader read on");
    }
    return 0;
}
