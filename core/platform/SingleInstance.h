#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>

#include <memory>

namespace tokenpass::platform {

class LocalChannelListener;

// One running TokenPass per user and data folder (DESIGN.md "Command line": a second launch
// focuses the first). A QLockFile in the data folder decides who is first; the first also
// listens on a per-user local socket (LocalChannel.h), and a later launch connects to it, asks it
// to show itself, and exits. A lock left by a crashed instance (its PID is gone) is taken over, and so
// is its leftover socket file.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role
    {
        Primary,   // we hold the lock; showRequested() fires when another launch asks
        Secondary, // another instance runs; it has been asked to show itself (unless
                   // errorString() says the message could not be delivered)
        Failed,    // the lock could not be created at all (errorString() says why)
    };

    // `dataDir` scopes the instance: the lock file lives there, and the server name is derived
    // from it and the user name, so two people, or two data folders, never collide.
    explicit SingleInstance(const QString& dataDir, QObject* parent = nullptr);
    ~SingleInstance() override;

    static QString lockFileName();
    // The local channel's name for a data folder: a socket in $XDG_RUNTIME_DIR (private to the
    // user) when there is one, else a plain name (a /tmp socket on Unix, a pipe on Windows).
    static QString serverNameFor(const QString& dataDir);

    Role claim(int timeoutMs = 2000);
    QString errorString() const { return m_error; }
    QString serverName() const { return m_serverName; }

Q_SIGNALS:
    void showRequested();

private:
    bool askPrimaryToShow(int timeoutMs);

    QString m_serverName;
    QLockFile m_lock;
    std::unique_ptr<LocalChannelListener> m_listener;
    QString m_error;
};

} // namespace tokenpass::platform
