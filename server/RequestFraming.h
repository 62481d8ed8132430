#pragma once

#include "ApiErrors.h"
#include "Responder.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <functional>

namespace tokenpass::server {

// What one connection may make the server hold, whatever the client sends.
struct FramingLimits
{
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024; // request line, fields, blank line
    static constexpr int kMaxHeaderFields = 100;
    // Chunk-size lines and CRLFs allowed on top of the body cap (1-byte chunks are abuse).
    static constexpr qsizetype kMaxChunkOverhead = 64 * 1024;
    static constexpr qsizetype kMaxChunkLine = 1024;

    // The body cap of the route a request line names (Router::bodyCap); unset: Router's default.
    std::function<qsizetype(QByteArrayView method, QByteArrayView target)> bodyCap;
};

// One request as a client framed it: what HttpConnection turns into an ApiRequest.
struct FramedRequest
{
    QByteArray method;
    QByteArray target; // as sent: origin-form "/path?query" (or whatever visible text came)
    HeaderList headers;
    QByteArray body;       // de-chunked
    bool keepAlive = true; // HTTP/1.1 without "Connection: close", or 1.0 with "keep-alive"
};

// The byte-level HTTP/1.1 request reader of the HTTP server (HttpConnection): it sees every byte
// a client sends, in order, says whether the connection may go on, and hands out each complete
// request. No sockets: feed bytes, read the verdict, take requests. It holds at most one request
// head (kMaxHeadBytes) or one chunk-size line, and the body of the request being read, which never
// grows past the route's cap: a declared or announced size over the cap is refused before its
// bytes arrive. Body buffers are wiped when they grow or are dropped (a body may hold a password).
//
// Strict (RFC 9112 §2–§7): CRLF line ends in the head, no bare CR, no obs-fold, tokens for
// method and field names, HTTP/1.0 or 1.1, one Content-Length value (1*DIGIT), or
// Transfer-Encoding: chunked alone, chunks with CRLF and without trailer fields.
class RequestFraming
{
public:
    enum class Stage
    {
        Head,          // reading a request line and header fields
        FixedBody,     // Content-Length bytes to go
        ChunkSizeLine, // chunked: a chunk-size line
        ChunkData,     // chunked: data of the current chunk
        ChunkDataEnd,  // chunked: the CRLF after chunk data
        LastChunkEnd,  // chunked: the CRLF after the last chunk (no trailers)
        Refused,       // the connection must be answered with refusal() and closed
    };

    explicit RequestFraming(FramingLimits limits = {});
    ~RequestFraming();
    RequestFraming(const RequestFraming&) = delete; // a copy of a body would not be wiped
    RequestFraming& operator=(const RequestFraming&) = delete;
    RequestFraming(RequestFraming&&) = default;
    RequestFraming& operator=(RequestFraming&&) = default;

    // The next bytes of the connection. False once refused; later bytes are ignored.
    bool feed(QByteArrayView bytes);

    Stage stage() const { return m_stage; }
    bool refused() const { return m_stage == Stage::Refused; }
    ApiError refusal() const { return m_refusal; }
    bool inBody() const { return m_stage != Stage::Head && m_stage != Stage::Refused; }
    // The Host field(s) of the request being read, joined as Qt joins them ("a, b").
    const QByteArray& host() const { return m_host; }
    // The body cap of the request being read (valid once its head is complete).
    qsizetype bodyCap() const { return m_bodyCap; }
    // Bytes held: the current line and the parts of the head kept for the verdict.
    qsizetype bufferedBytes() const
    {
        return m_line.size() + m_method.size() + m_target.size() + m_host.size() + m_transferCodings.size() +
               m_contentLength.size();
    }
    // Body bytes counted for the current request (chunk data, or Content-Length bytes read).
    qsizetype bodyBytes() const { return m_bodyRead; }
    quint64 requestsFramed() const { return m_requests; }

    // Complete requests not yet taken, oldest first.
    qsizetype completeRequests() const { return m_complete.size(); }
    FramedRequest takeRequest() { return m_complete.takeFirst(); }
    // The request being read asked for "Expect: 100-continue" and its body has not begun.
    bool expectsContinue() const
    {
        return m_expectContinue && inBody() && m_bodyRead == 0 && m_body.isEmpty();
    }
    // Body bytes held for the request being read.
    qsizetype heldBodyBytes() const { return m_body.size(); }

private:
    void refuse(ApiError error);
    qsizetype feedHead(QByteArrayView bytes);
    qsizetype feedBody(QByteArrayView bytes);
    bool headLine(QByteArrayView line);
    bool requestLine(QByteArrayView line);
    bool headerField(QByteArrayView line);
    bool headComplete();
    bool chunkSizeLine(QByteArrayView line);
    void requestDone();
    void resetHead();
    void keepBody(QByteArrayView bytes);

    FramingLimits m_limits;
    Stage m_stage = Stage::Head;
    ApiError m_refusal = ApiError::MalformedRequest;

    // Head state.
    QByteArray m_line;    // the current line, without its LF
    qsizetype m_head = 0; // head bytes so far, the lines already parsed included
    bool m_sawRequestLine = false;
    bool m_hasContentLength = false;
    int m_fields = 0;
    QByteArray m_method;
    QByteArray m_target;
    bool m_http10 = false;
    QByteArray m_host;
    QByteArray m_contentLength;   // digits without leading zeros; empty: none
    QByteArray m_transferCodings; // the raw Transfer-Encoding values, comma-joined
    bool m_hasTransferEncoding = false;
    bool m_expectContinue = false;
    bool m_closeRequested = false;     // "Connection: close"
    bool m_keepAliveRequested = false; // "Connection: keep-alive" (HTTP/1.0)
    HeaderList m_headers;

    // Body state.
    qsizetype m_bodyCap = 0;
    qsizetype m_bodyRead = 0;
    qint64 m_remaining = 0; // bytes left of the fixed body or the current chunk
    qsizetype m_chunkOverhead = 0;
    quint64 m_requests = 0;
    QByteArray m_body;
    QList<FramedRequest> m_complete;
};

} // namespace tokenpass::server
