#pragma once

// A blocking-free POSIX client for the attack tests that must see what the kernel accepted: how
// many body bytes send() took before the server answered and closed, and whether it closed.
// Loopback only; every loop is bounded by a deadline.

#include <QByteArray>
#include <QElapsedTimer>

#include <memory>
#include <vector>

namespace tokenpass::test {

class RawClient
{
public:
    explicit RawClient(quint16 port); // connected to 127.0.0.1:port, non-blocking
    ~RawClient();
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connected() const { return m_fd >= 0; }

    // Sends what fits now; returns bytes taken (0 when the socket is full), -1 once refused.
    qint64 sendSome(const char* data, qint64 size);
    // Reads what is there; false once the server has closed (EOF or reset).
    bool receiveSome();

    // Sends all of `bytes` (the request head), then reads until closed or `timeoutMs`.
    bool sendAll(const QByteArray& bytes, int timeoutMs);
    void readUntilClosed(int timeoutMs);
    // Reads until one complete response (head and Content-Length body) is in, or timeoutMs.
    bool readOneResponse(int timeoutMs);

    const QByteArray& received() const { return m_received; }
    void clearReceived() { m_received.clear(); }
    void appendReceived(const QByteArray& bytes) { m_received.append(bytes); }
    bool closed() const { return m_closed; }
    int status() const; // of the first response received, 0 if none
    QByteArray body() const;
    QByteArray header(const QByteArray& name) const;
    int fd() const { return m_fd; }

private:
    int m_fd = -1;
    bool m_closed = false;     // reading has ended: EOF or reset
    bool m_sendFailed = false; // the server no longer takes bytes
    QByteArray m_received;
};

// Streams a body of `bodyBytes` after `head` (raw, or as 64 KiB chunks when `chunked`) until the
// server answers and closes, the body is all sent, or timeoutMs. Counts what send() accepted.
struct StreamOutcome
{
    int status = 0;
    QByteArray body;
    QByteArray connectionHeader;
    qint64 acceptedBodyBytes = 0;
    bool closed = false;
    qint64 msToAnswer = -1;
};

class BodyStreamer
{
public:
    BodyStreamer(quint16 port, const QByteArray& head, qint64 bodyBytes, bool chunked);
    // One step: sends what the socket takes, reads what arrived. False when finished.
    bool step();
    bool finished() const; // the server closed (or the connection never opened)
    StreamOutcome outcome() const;
    const RawClient& client() const { return m_client; }
    int fd() const { return m_client.fd(); }

private:
    RawClient m_client;
    QByteArray m_pending; // the head or the current chunk's framing, not yet taken
    qint64 m_headBytes;
    qint64 m_bodyLeft;
    bool m_chunked;
    qint64 m_sent = 0;
    qint64 m_answerMs = -1;
    QElapsedTimer m_timer;
};

// Runs streamers until all are finished or timeoutMs.
void runStreamers(std::vector<std::unique_ptr<BodyStreamer>>& streamers, int timeoutMs);

// VmRSS of this process in KiB (/proc/self/status).
qint64 residentKib();

} // namespace tokenpass::test
