#include "HttpWire.h"

namespace tokenpass::cli {

namespace {

// Far above anything the server sends, far below what could hurt us.
constexpr qsizetype kMaxHead = 64 * 1024;

bool isHeaderSafe(const QByteArray& text)
{
    return !text.contains('\r') && !text.contains('\n');
}

} // namespace

QByteArray httpRequestBytes(const QByteArray& method, const QUrl& url, const QByteArray& body,
                            const HttpHeaders& headers)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 literal
    if (url.port() >= 0)
        host += ':' + QByteArray::number(url.port());

    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto& [name, value] : headers) {
        if (isHeaderSafe(name) && isHeaderSafe(value))
            out += name + ": " + value + "\r\n";
    }
    if (method != "GET" || !body.isEmpty())
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

HttpResponseReader::State HttpResponseReader::fail(const QString& why)
{
    m_error = why;
    m_phase = Phase::Done;
    return m_state = State::Malformed;
}

HttpResponseReader::State HttpResponseReader::feed(QByteArrayView bytes)
{
    if (m_state != State::NeedMore)
        return bytes.isEmpty() ? m_state : fail(QStringLiteral("bytes after the end of the answer"));
    m_receivedAnything = m_receivedAnything || !bytes.isEmpty();
    m_buffer.append(bytes);
    if (m_phase == Phase::Head) {
        if (parseHead() != State::NeedMore || m_phase == Phase::Head)
            return m_state;
    }
    switch (m_phase) {
    case Phase::FixedBody: {
        const qsizetype take = qsizetype(std::min<qint64>(m_remaining, m_buffer.size()));
        m_body.append(m_buffer.left(take));
        m_buffer.remove(0, take);
        m_remaining -= take;
        if (m_remaining > 0)
            return m_state;
        m_phase = Phase::Done;
        if (!m_buffer.isEmpty())
            return fail(QStringLiteral("bytes after the end of the answer"));
        return m_state = State::Complete;
    }
    case Phase::Chunked:
        return parseChunks();
    case Phase::UntilClose:
        m_body.append(m_buffer);
        m_buffer.clear();
        return m_state;
    case Phase::Head:
    case Phase::Done:
        break;
    }
    return m_state;
}

HttpResponseReader::State HttpResponseReader::closed()
{
    if (m_state != State::NeedMore)
        return m_state;
    if (m_phase == Phase::UntilClose) {
        m_phase = Phase::Done;
        m_keepAlive = false;
        return m_state = State::Complete;
    }
    return fail(m_receivedAnything ? QStringLiteral("the connection closed in the middle of the answer")
                                   : QStringLiteral("the connection closed without an answer"));
}

HttpResponseReader::State HttpResponseReader::parseHead()
{
    bool http11 = false;
    for (;;) { // a loop, for interim 1xx answers before the real one
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return m_buffer.size() > kMaxHead ? fail(QStringLiteral("answer head too long")) : m_state;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);

        const QByteArray statusLine = lines.value(0).trimmed();
        const QList<QByteArray> parts = statusLine.split(' ');
        bool ok = false;
        const int status = parts.value(1).toInt(&ok);
        if (!statusLine.startsWith("HTTP/1.") || !ok || status < 100 || status > 999)
            return fail(QStringLiteral("not an HTTP/1.1 answer"));
        HttpHeaders headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return fail(QStringLiteral("malformed header line"));
            headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        if (status >= 100 && status < 200)
            continue; // 100 Continue and friends: the answer follows
        m_status = status;
        m_headers = headers;
        http11 = statusLine.startsWith("HTTP/1.1");
        break;
    }
    const HttpResponse view{true, m_status, {}, m_headers, {}};
    // HTTP/1.1 keeps the connection unless told otherwise; we do not rely on 1.0's keep-alive.
    m_keepAlive = http11 && !view.header("connection").toLower().contains("close");
    const QByteArray coding = view.header("transfer-encoding").toLower();
    const QByteArray length = view.header("content-length");
    if (m_status == 204 || m_status == 304) {
        m_phase = Phase::Done;
        return m_state =
                   m_buffer.isEmpty() ? State::Complete : fail(QStringLiteral("body on a bodiless answer"));
    }
    if (!coding.isEmpty()) {
        if (coding != "chunked")
            return fail(QStringLiteral("unsupported Transfer-Encoding"));
        m_phase = Phase::Chunked;
    } else if (!length.isEmpty()) {
        bool ok = false;
        m_remaining = length.toLongLong(&ok);
        if (!ok || m_remaining < 0)
            return fail(QStringLiteral("malformed Content-Length"));
        m_phase = Phase::FixedBody;
    } else {
        m_phase = Phase::UntilClose;
        m_keepAlive = false;
    }
    return m_state;
}

HttpResponseReader::State HttpResponseReader::parseChunks()
{
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n");
        if (lineEnd < 0)
            return m_buffer.size() > kMaxHead ? fail(QStringLiteral("chunk size line too long")) : m_state;
        QByteArray sizeText = m_buffer.left(lineEnd);
        if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
            sizeText.truncate(semicolon); // chunk extensions
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return fail(QStringLiteral("malformed chunk size"));
        if (size == 0) {
            // The last chunk; trailers (ignored) end with an empty line.
            const qsizetype trailerEnd = m_buffer.indexOf("\r\n\r\n", lineEnd);
            const bool noTrailers = m_buffer.mid(lineEnd, 4) == "\r\n\r\n";
            if (!noTrailers && trailerEnd < 0)
                return m_state;
            const qsizetype consumed = (noTrailers ? lineEnd : trailerEnd) + 4;
            if (m_buffer.size() > consumed)
                return fail(QStringLiteral("bytes after the end of the answer"));
            m_buffer.clear();
            m_phase = Phase::Done;
            return m_state = State::Complete;
        }
        const qsizetype need = lineEnd + 2 + qsizetype(size) + 2;
        if (m_buffer.size() < need)
            return m_state;
        if (m_buffer.mid(need - 2, 2) != "\r\n")
            return fail(QStringLiteral("malformed chunk"));
        m_body.append(m_buffer.mid(lineEnd + 2, qsizetype(size)));
        m_buffer.remove(0, need);
    }
}

} // namespace tokenpass::cli
