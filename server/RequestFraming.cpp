#include "RequestFraming.h"

#include "Router.h"
#include "crypto/SecureBytes.h"

#include <cstring>
#include <utility>

namespace tokenpass::server {

namespace {

// RFC 9110 §5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && isWhitespace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isWhitespace(text.back()))
        text.chop(1);
    return text;
}

// field-vchar / SP / HTAB / obs-text: no control characters (CR, LF, NUL, DEL).
bool isFieldValue(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

constexpr qsizetype kMaxLengthDigits = 18; // below 2^63: never overflows

} // namespace

RequestFraming::RequestFraming(FramingLimits limits) : m_limits(std::move(limits)) {}

RequestFraming::~RequestFraming()
{
    crypto::SecureBytes::wipeShared(m_body);
    for (const FramedRequest& request : std::as_const(m_complete))
        crypto::SecureBytes::wipeShared(request.body);
}

bool RequestFraming::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && m_stage != Stage::Refused) {
        const qsizetype used = m_stage == Stage::Head ? feedHead(bytes) : feedBody(bytes);
        bytes = bytes.sliced(used);
    }
    return m_stage != Stage::Refused;
}

void RequestFraming::refuse(ApiError error)
{
    m_stage = Stage::Refused;
    m_refusal = error;
    m_line.clear();
    m_line.squeeze();
    // Nothing of a refused connection is answered: what it framed before goes too.
    crypto::SecureBytes::wipeShared(m_body);
    m_body = QByteArray();
    for (const FramedRequest& request : std::as_const(m_complete))
        crypto::SecureBytes::wipeShared(request.body);
    m_complete.clear();
}

qsizetype RequestFraming::feedHead(QByteArrayView bytes)
{
    const qsizetype lf = bytes.indexOf('\n');
    const qsizetype take = lf < 0 ? bytes.size() : lf + 1;
    // Counted before it is kept, so the head never grows past the cap.
    if (m_head + take > FramingLimits::kMaxHeadBytes) {
        refuse(ApiError::RequestHeadTooLarge);
        return take;
    }
    m_head += take;
    if (lf < 0) {
        m_line.append(bytes);
        return take;
    }
    m_line.append(bytes.first(lf));
    // CRLF only: Qt's header parser would read a bare LF differently (RFC 9112 §2.2 allows refusing).
    if (!m_line.endsWith('\r') || m_line.first(m_line.size() - 1).contains('\r')) {
        refuse(ApiError::MalformedRequest);
        return take;
    }
    m_line.chop(1);
    const QByteArray line = std::exchange(m_line, QByteArray());
    headLine(line);
    return take;
}

bool RequestFraming::headLine(QByteArrayView line)
{
    if (!m_sawRequestLine) {
        if (line.isEmpty())
            return true; // RFC 9112 §2.2: empty lines before a request line are ignored
        m_sawRequestLine = true;
        return requestLine(line);
    }
    if (line.isEmpty())
        return headComplete();
    return headerField(line);
}

bool RequestFraming::requestLine(QByteArrayView line)
{
    // method SP request-target SP HTTP-version, single spaces (RFC 9112 §3).
    const qsizetype first = line.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second <= first + 1) {
        refuse(ApiError::MalformedRequest);
        return false;
    }
    const QByteArrayView method = line.first(first);
    const QByteArrayView target = line.sliced(first + 1, second - first - 1);
    const QByteArrayView version = line.sliced(second + 1);
    bool targetOk = true;
    for (char c : target)
        targetOk = targetOk && c > ' ' && c < 0x7f;
    if (!isToken(method) || !targetOk || (version != "HTTP/1.1" && version != "HTTP/1.0")) {
        refuse(ApiError::MalformedRequest);
        return false;
    }
    m_method = method.toByteArray();
    m_target = target.toByteArray();
    m_http10 = version == "HTTP/1.0";
    return true;
}

bool RequestFraming::headerField(QByteArrayView line)
{
    if (++m_fields > FramingLimits::kMaxHeaderFields) {
        refuse(ApiError::TooManyHeaderFields);
        return false;
    }
    // No obs-fold, no whitespace before the colon (RFC 9112 §5.1, §5.2).
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        refuse(ApiError::MalformedRequest);
        return false;
    }
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    if (!isFieldValue(value)) {
        refuse(ApiError::MalformedRequest);
        return false;
    }
    const QByteArray name = line.first(colon).toByteArray().toLower();
    m_headers.append({line.first(colon).toByteArray(), value.toByteArray()});
    if (name == "connection") {
        for (const QByteArray& option : value.toByteArray().split(',')) {
            const QByteArray token = trimmedOws(option).toByteArray().toLower();
            m_closeRequested = m_closeRequested || token == "close";
            m_keepAliveRequested = m_keepAliveRequested || token == "keep-alive";
        }
    } else if (name == "expect") {
        m_expectContinue = QByteArrayView(value).compare("100-continue", Qt::CaseInsensitive) == 0;
    }
    if (name == "content-length") {
        bool digits = !value.isEmpty();
        for (char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (!digits) {
            refuse(ApiError::InvalidContentLength);
            return false;
        }
        QByteArrayView significant = value;
        while (significant.size() > 1 && significant.front() == '0')
            significant = significant.sliced(1);
        if (m_hasContentLength && significant != m_contentLength) {
            refuse(ApiError::ConflictingContentLength);
            return false;
        }
        m_hasContentLength = true;
        m_contentLength = significant.toByteArray();
    } else if (name == "transfer-encoding") {
        m_hasTransferEncoding = true;
        if (!m_transferCodings.isEmpty())
            m_transferCodings += ',';
        m_transferCodings += value.toByteArray().toLower();
    } else if (name == "host") {
        if (!m_host.isEmpty())
            m_host += ", ";
        m_host += value.toByteArray();
    }
    return true;
}

bool RequestFraming::headComplete()
{
    if (m_hasContentLength && m_hasTransferEncoding) {
        refuse(ApiError::ContentLengthWithTransferEncoding); // RFC 9112 §6.3: a smuggling sign
        return false;
    }
    if (m_hasTransferEncoding) {
        int chunked = 0;
        for (const QByteArray& coding : m_transferCodings.split(',')) {
            const QByteArrayView name = trimmedOws(coding);
            if (name.isEmpty())
                continue;
            if (name != "chunked") {
                refuse(ApiError::UnsupportedTransferCoding);
                return false;
            }
            ++chunked;
        }
        // Exactly one chunked; HTTP/1.0 has no transfer codings (RFC 9112 §6.1).
        if (chunked != 1 || m_http10) {
            refuse(ApiError::InvalidTransferEncoding);
            return false;
        }
    }
    m_bodyCap = m_limits.bodyCap ? m_limits.bodyCap(m_method, m_target) : Router::kMaxBodyBytes;
    m_bodyRead = 0;
    m_chunkOverhead = 0;
    if (m_hasTransferEncoding) {
        m_stage = Stage::ChunkSizeLine;
        return true;
    }
    if (m_hasContentLength) {
        if (m_contentLength.size() > kMaxLengthDigits || m_contentLength.toLongLong() > m_bodyCap) {
            refuse(ApiError::PayloadTooLarge); // declared too big: refused before any body byte
            return false;
        }
        m_remaining = m_contentLength.toLongLong();
        if (m_remaining > 0) {
            m_body.reserve(qsizetype(m_remaining)); // at most the cap; no regrowth, no stray copies
            m_stage = Stage::FixedBody;
            return true;
        }
    }
    requestDone();
    return true;
}

qsizetype RequestFraming::feedBody(QByteArrayView bytes)
{
    switch (m_stage) {
    case Stage::FixedBody:
    case Stage::ChunkData: {
        const qsizetype take = qsizetype(qMin<qint64>(m_remaining, bytes.size()));
        keepBody(bytes.first(take));
        m_remaining -= take;
        if (m_stage == Stage::FixedBody)
            m_bodyRead += take; // chunk data was counted when its size line announced it
        if (m_remaining == 0) {
            if (m_stage == Stage::FixedBody)
                requestDone();
            else
                m_stage = Stage::ChunkDataEnd;
        }
        return take;
    }
    case Stage::ChunkDataEnd:
    case Stage::LastChunkEnd: {
        // Exactly CRLF: Qt reads two bytes here without looking; after the last chunk anything
        // else would be a trailer field, which Qt cannot read.
        const char expected = m_line.isEmpty() ? '\r' : '\n';
        if (bytes.front() != expected) {
            refuse(ApiError::MalformedChunkedBody);
            return 1;
        }
        if (++m_chunkOverhead > FramingLimits::kMaxChunkOverhead) {
            refuse(ApiError::PayloadTooLarge);
            return 1;
        }
        if (expected == '\r') {
            m_line.append('\r');
            return 1;
        }
        m_line.clear();
        if (m_stage == Stage::LastChunkEnd)
            requestDone();
        else
            m_stage = Stage::ChunkSizeLine;
        return 1;
    }
    case Stage::ChunkSizeLine: {
        const qsizetype lf = bytes.indexOf('\n');
        const qsizetype take = lf < 0 ? bytes.size() : lf + 1;
        if (m_line.size() + take > FramingLimits::kMaxChunkLine) {
            refuse(ApiError::MalformedChunkedBody);
            return take;
        }
        m_chunkOverhead += take;
        if (m_chunkOverhead > FramingLimits::kMaxChunkOverhead) {
            refuse(ApiError::PayloadTooLarge);
            return take;
        }
        m_line.append(bytes.first(lf < 0 ? take : lf));
        if (lf >= 0) {
            const QByteArray line = std::exchange(m_line, QByteArray());
            chunkSizeLine(line);
        }
        return take;
    }
    case Stage::Head:
    case Stage::Refused:
        break;
    }
    return bytes.size(); // not reached: feed() sends only body stages here
}

bool RequestFraming::chunkSizeLine(QByteArrayView line)
{
    // chunk-size [BWS ";" chunk-ext] CRLF, hex digits first (Qt trims and stops at ';').
    if (!line.endsWith('\r')) {
        refuse(ApiError::MalformedChunkedBody);
        return false;
    }
    line.chop(1);
    qsizetype digits = 0;
    while (digits < line.size() && isHexDigit(line[digits]))
        ++digits;
    QByteArrayView rest = line.sliced(digits);
    while (!rest.isEmpty() && isWhitespace(rest.front()))
        rest = rest.sliced(1);
    if (digits == 0 || (!rest.isEmpty() && rest.front() != ';') || !isFieldValue(rest)) {
        refuse(ApiError::MalformedChunkedBody);
        return false;
    }
    QByteArrayView significant = line.first(digits);
    while (significant.size() > 1 && significant.front() == '0')
        significant = significant.sliced(1);
    qint64 size = 0;
    if (significant.size() > 15) { // over 2^60: over any cap
        refuse(ApiError::PayloadTooLarge);
        return false;
    }
    for (char c : significant)
        size = size * 16 + hexValue(c);
    if (size > m_bodyCap - m_bodyRead) {
        refuse(ApiError::PayloadTooLarge); // counted as announced, before the data arrives
        return false;
    }
    m_bodyRead += qsizetype(size);
    m_remaining = size;
    m_stage = size == 0 ? Stage::LastChunkEnd : Stage::ChunkData;
    return true;
}

void RequestFraming::keepBody(QByteArrayView bytes)
{
    const qsizetype needed = m_body.size() + bytes.size();
    if (needed > m_body.capacity()) {
        // Grow by hand, so the old allocation is wiped rather than freed with the bytes in it.
        QByteArray bigger;
        bigger.reserve(qMax(needed, qMin<qsizetype>(2 * m_body.capacity() + 256, m_bodyCap)));
        bigger.append(m_body);
        crypto::SecureBytes::wipeShared(m_body);
        m_body = std::move(bigger);
    }
    m_body.append(bytes);
}

void RequestFraming::requestDone()
{
    ++m_requests;
    FramedRequest done;
    done.method = m_method;
    done.target = m_target;
    done.headers = std::move(m_headers);
    done.body = std::exchange(m_body, QByteArray());
    done.keepAlive = m_http10 ? m_keepAliveRequested && !m_closeRequested : !m_closeRequested;
    m_complete.append(std::move(done));
    resetHead();
}

void RequestFraming::resetHead()
{
    m_stage = Stage::Head;
    m_line.clear();
    m_head = 0;
    m_sawRequestLine = false;
    m_hasContentLength = false;
    m_hasTransferEncoding = false;
    m_fields = 0;
    m_method.clear();
    m_target.clear();
    m_http10 = false;
    m_host.clear();
    m_contentLength.clear();
    m_transferCodings.clear();
    m_remaining = 0;
    m_headers.clear();
    m_expectContinue = false;
    m_closeRequested = false;
    m_keepAliveRequested = false;
}

} // namespace tokenpass::server
