#pragma once

#include "HttpClient.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUrl>

namespace tokenpass::cli {

// HTTP/1.1 on the wire for the command line's loopback client (HttpClient_posix.cpp): the request
// bytes, and a reader that frames the answer. Pure functions of bytes, so the framing is tested on
// its own (tests/cli/HttpWireTest.cpp).

// "METHOD /path?query HTTP/1.1", Host, the caller's headers, Content-Length (unless a GET with
// no body), then the body.
QByteArray httpRequestBytes(const QByteArray& method, const QUrl& url, const QByteArray& body,
                            const HttpHeaders& headers);

class HttpResponseReader
{
public:
    enum class State
    {
        NeedMore, // feed more bytes
        Complete, // status, headers and body are all here
        Malformed,
    };

    // Appends bytes and frames as far as they go. Bytes after a complete answer are an error
    // (we never pipeline).
    State feed(QByteArrayView bytes);
    // The peer closed: completes an answer whose body runs to the close, else Malformed.
    State closed();

    State state() const { return m_state; }
    bool receivedAnything() const { return m_receivedAnything; }
    int status() const { return m_status; }
    const HttpHeaders& headers() const { return m_headers; } // names in lower case
    const QByteArray& body() const { return m_body; }
    bool keepAlive() const { return m_keepAlive; } // the connection may carry the next request
    QString error() const { return m_error; }

private:
    enum class Phase
    {
        Head,
        FixedBody,  // Content-Length
        Chunked,    // Transfer-Encoding: chunked
        UntilClose, // neither: the body ends when the server closes
        Done,
    };
    State fail(const QString& why);
    State parseHead();
    State parseChunks();

    State m_state = State::NeedMore;
    Phase m_phase = Phase::Head;
    QByteArray m_buffer;
    bool m_receivedAnything = false;
    int m_status = 0;
    HttpHeaders m_headers;
    QByteArray m_body;
    qint64 m_remaining = 0; // FixedBody: bytes still to come
    bool m_keepAlive = false;
    QString m_error;
};

} // namespace tokenpass::cli
