#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace tokenpass::platform {

// The local channel between two launches of TokenPass (SingleInstance): the first listens, a later
// one connects, writes one short line and closes. One file per OS: LocalChannel_posix.cpp (a
// Unix-domain socket with plain socket calls and QSocketNotifier, so neither binary loads Qt
// Network at start) and LocalChannel_win.cpp (QLocalServer's named pipe).
//
// `name` follows QLocalServer's rule, so both sides agree on every OS: a path ("/...") is used
// as is; any other name is a socket in QDir::tempPath() on Unix, a pipe name on Windows.

// A line is at most this long (newline included); longer input is cut there and then closed.
constexpr qsizetype kLocalChannelMaxLine = 64;

class LocalChannelListener
{
public:
    // Called with each line received (up to and including '\n', or kLocalChannelMaxLine - 1
    // bytes without one). A connection that closes before either delivers nothing.
    using OnLine = std::function<void(const QByteArray& line)>;

    explicit LocalChannelListener(OnLine onLine);
    ~LocalChannelListener();
    LocalChannelListener(const LocalChannelListener&) = delete;
    LocalChannelListener& operator=(const LocalChannelListener&) = delete;

    // Replaces whatever is at `name` (the caller holds the instance lock, so a socket file there
    // is a crashed instance's leftover) and listens; only the current user may connect. Accepted
    // connections are served from the calling thread's event loop.
    bool listen(const QString& name);
    QString errorString() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

struct LocalChannelSend
{
    enum class Status
    {
        Sent,         // all bytes are in the kernel's buffer (the listener reads them later)
        NotConnected, // nobody listens at the name, or it did not accept within the timeout
        NotWritten,   // connected, but the bytes did not go out within the timeout
    };
    Status status = Status::NotConnected;
    QString error; // the system's words, for NotConnected and NotWritten
};

// Connects to `name`, writes `message` and closes, within `timeoutMs` for each step. Blocking.
LocalChannelSend sendLocalLine(const QString& name, QByteArrayView message, int timeoutMs);

} // namespace tokenpass::platform
