#pragma once

#include "Result.h"

#include <QtGlobal>

namespace tokenpass::server::net {

// The few socket calls the HTTP server makes, on plain descriptors (SocketOps_posix.cpp). We use
// them instead of Qt Network so that tokenpassd loads neither libQt6Network nor what it pulls in
// (TLS, Kerberos, proxy libraries): issue 19, "Lean headless". Every descriptor is non-blocking
// and close-on-exec. SocketOps_posix.cpp (Linux, macOS) and SocketOps_win.cpp (Winsock; built
// only by the release workflow, not in CI).

using Socket = qintptr;
constexpr Socket kNoSocket = -1;

struct Listening
{
    Socket socket = kNoSocket;
    quint16 port = 0;
};

// Listens on the loopback address (127.0.0.1, or ::1 with `ipv6`, v6-only) on `port` (0: any
// free port). On failure: whether the port was taken (the usual reason), and a sentence.
struct ListenFailure
{
    bool addressInUse = false;
    QString reason;
};
Result<Listening> listenLoopback(bool ipv6, quint16 port, ListenFailure* failure);

// The next pending connection, non-blocking, with a fixed kernel receive buffer; kNoSocket when
// none is waiting (or the accept failed: the listener keeps going).
Socket acceptClient(Socket listening, int receiveBufferBytes);

// > 0: bytes read; 0: the peer closed its side; kWouldBlock: nothing now; kFailed: reset/error.
constexpr qint64 kWouldBlock = -1;
constexpr qint64 kFailed = -2;
qint64 readSome(Socket socket, char* into, qint64 capacity);
// >= 0: bytes written; kWouldBlock: the send buffer is full; kFailed: the peer is gone. Never
// raises SIGPIPE.
qint64 writeSome(Socket socket, const char* from, qint64 size);

void shutdownWrite(Socket socket); // sends FIN once everything written has gone
void closeSocket(Socket socket);

} // namespace tokenpass::server::net
