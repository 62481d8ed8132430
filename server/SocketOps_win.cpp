#include "SocketOps.h"

#ifdef _WIN32 // SocketOps_posix.cpp elsewhere

#include <QString>

#include <mutex>

#include <winsock2.h>
#include <ws2tcpip.h>

namespace tokenpass::server::net {

namespace {

void startWinsock()
{
    // Qt Network used to do this; the process needs it once before any socket call.
    static std::once_flag once;
    std::call_once(once, [] {
        WSADATA data;
        WSAStartup(MAKEWORD(2, 2), &data);
    });
}

void makeNonBlocking(SOCKET s)
{
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
    SetHandleInformation(reinterpret_cast<HANDLE>(s), HANDLE_FLAG_INHERIT, 0); // close-on-exec
}

QString lastError()
{
    return QStringLiteral("Winsock error %1").arg(WSAGetLastError());
}

} // namespace

Result<Listening> listenLoopback(bool ipv6, quint16 port, ListenFailure* failure)
{
    startWinsock();
    const SOCKET s = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const auto fail = [&](QString reason) {
        const bool inUse = WSAGetLastError() == WSAEADDRINUSE;
        if (s != INVALID_SOCKET)
            ::closesocket(s);
        if (failure)
            *failure = {inUse, reason};
        return Result<Listening>::fail(reason);
    };
    if (s == INVALID_SOCKET)
        return fail(lastError());
    makeNonBlocking(s);
    // Windows' SO_REUSEADDR would let another process take the port; exclusive use instead.
    const BOOL on = TRUE;
    ::setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&on), sizeof on);
    int bound = SOCKET_ERROR;
    if (ipv6) {
        ::setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, reinterpret_cast<const char*>(&on), sizeof on);
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(port);
        address.sin6_addr = in6addr_loopback;
        bound = ::bind(s, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bound = ::bind(s, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    }
    if (bound != 0 || ::listen(s, SOMAXCONN) != 0)
        return fail(lastError());
    sockaddr_storage local{};
    int length = sizeof local;
    if (::getsockname(s, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return fail(lastError());
    const quint16 actual = local.ss_family == AF_INET6
                               ? ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port)
                               : ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port);
    return Result<Listening>::ok(Listening{Socket(s), actual});
}

Socket acceptClient(Socket listening, int receiveBufferBytes)
{
    const SOCKET s = ::accept(SOCKET(listening), nullptr, nullptr);
    if (s == INVALID_SOCKET)
        return kNoSocket;
    makeNonBlocking(s);
    ::setsockopt(s, SOL_SOCKET, SO_RCVBUF, reinterpret_cast<const char*>(&receiveBufferBytes),
                 sizeof receiveBufferBytes);
    return Socket(s);
}

qint64 readSome(Socket socket, char* into, qint64 capacity)
{
    const int n = ::recv(SOCKET(socket), into, int(qMin<qint64>(capacity, INT_MAX)), 0);
    if (n >= 0)
        return n;
    return WSAGetLastError() == WSAEWOULDBLOCK ? kWouldBlock : kFailed;
}

qint64 writeSome(Socket socket, const char* from, qint64 size)
{
    const int n = ::send(SOCKET(socket), from, int(qMin<qint64>(size, INT_MAX)), 0);
    if (n >= 0)
        return n;
    return WSAGetLastError() == WSAEWOULDBLOCK ? kWouldBlock : kFailed;
}

void shutdownWrite(Socket socket)
{
    ::shutdown(SOCKET(socket), SD_SEND);
}

void closeSocket(Socket socket)
{
    if (socket != kNoSocket)
        ::closesocket(SOCKET(socket));
}

} // namespace tokenpass::server::net

#endif // _WIN32
