#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <functional>
#include <utility>

namespace tokenpass::server {

// Response (or request) header fields as (name, value) pairs, in order.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Where the answer to one request goes: the connection it came in on (HttpConnection), or a
// function (tests and fuzzers feed the Router directly, and MCP tools call routes in-process).
// A handler that waits for the person keeps it and answers later, on the server thread.
class Responder
{
public:
    using Sink = std::function<void(int status, const HeaderList& headers, const QByteArray& body)>;
    using Liveness = std::function<bool()>;

    // `alive`, when given, says whether the answer would still reach the client.
    explicit Responder(Sink sink, Liveness alive = {}) : m_sink(std::move(sink)), m_alive(std::move(alive)) {}

    // False once the client has gone away, or the answer has been written.
    bool connected() const { return m_sink && (!m_alive || m_alive()); }

    // Writes a complete response once; later calls and calls after a disconnect do nothing.
    void write(int status, const HeaderList& headers, const QByteArray& body)
    {
        const Sink sink = std::exchange(m_sink, nullptr);
        if (sink && (!m_alive || m_alive()))
            sink(status, headers, body);
    }

private:
    Sink m_sink;
    Liveness m_alive;
};

} // namespace tokenpass::server
