// The connection guard's request reader (server/RequestFraming) on arbitrary bytes, split into
// arbitrary pieces as a socket would deliver them. Byte 0 picks the piece size, byte 1 the body
// cap (small caps reach the 413 paths), the rest is the connection's bytes.
// Invariants: the verdict does not depend on the split; the reader never holds more than a head
// and a chunk-size line, never counts more body than the cap; a refusal is a complete HTTP answer
// with Connection: close, and a refused reader stays refused.

#include "ConnectionGuard.h"
#include "FuzzSupport.h"
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
        if (pieces.bodyBytes() > cap)
            fuzz::fail("more body counted than the cap allows");
        if (accepted == pieces.refused())
            fuzz::fail("feed() disagrees with refused()");
    }
    if (whole.stage() != pieces.stage() || whole.requestsFramed() != pieces.requestsFramed())
        fuzz::fail("the verdict depends on how the bytes were split");
    if (whole.refused() && whole.refusal() != pieces.refusal())
        fuzz::fail("the refusal depends on how the bytes were split");

    if (pieces.refused()) {
        // Answer and close: a complete response for the refusal, then nothing more is read.
        const QByteArray answer = server::ConnectionGuard::refusalResponse(pieces.refusal());
        const int status = server::errors::status(pieces.refusal());
        if (status != 400 && status != 413 && status != 431 && status != 501)
            fuzz::fail("a framing refusal with an unexpected status");
        if (!answer.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' ') ||
            !answer.contains("\r\nConnection: close\r\n") || !answer.endsWith("}"))
            fuzz::fail("a refusal that is not a complete JSON answer with Connection: close");
        if (pieces.feed("GET / HTTP/1.1\r\n\r\n") || pieces.requestsFramed() != whole.requestsFramed())
            fuzz::fail("a refused reader read on");
    } else if (pieces.inBody() && server::ConnectionGuard::bodyReadAhead(pieces.bodyCap()) <= 0) {
        fuzz::fail("no read-ahead bound for a body");
    }
    return 0;
}
