#include "platform/SingleInstance.h"
#include "platform/LocalChannel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace tokenpass::platform {

namespace {

// The whole protocol: one line. Anything else is ignored, so a stray client cannot do more
// than raise the window.
constexpr QByteArrayView kShowMessage = "show\n";

QString userName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name;
}

} // namespace

SingleInstance::SingleInstance(const QString& dataDir, QObject* parent)
    : QObject(parent), m_serverName(serverNameFor(dataDir)), m_lock(QDir(dataDir).filePath(lockFileName()))
{
    // 0 turns off age-based staleness: a primary that has run for days is not stale. A lock
    // whose PID no longer runs is still recognised as stale and taken over (QLockFile checks).
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::lockFileName()
{
    return QStringLiteral("tokenpass.lock");
}

QString SingleInstance::serverNameFor(const QString& dataDir)
{
    const QString canonical = QFileInfo(dataDir).absoluteFilePath();
    const QByteArray key = (userName() + u'\n' + canonical).toUtf8();
    const QString name =
        QStringLiteral("tokenpass-") +
        QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24));
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    // A Unix socket path is limited to about 104 bytes; fall back to the plain name beyond that.
    // Only a Unix path ("/...") qualifies: on Windows the name is a pipe name, never a path.
    if (runtimeDir.startsWith(u'/') && runtimeDir.size() < 64)
        return QDir(runtimeDir).filePath(name);
    return name;
}

SingleInstance::Role SingleInstance::claim(int timeoutMs)
{
    m_error.clear();
    if (!m_lock.tryLock(0)) {
        if (m_lock.error() != QLockFile::LockFailedError) {
            m_error = QStringLiteral("cannot create the lock file in the data folder");
            return Role::Failed;
        }
        // Another live process holds it.
        askPrimaryToShow(timeoutMs);
        return Role::Secondary;
    }

    // We hold the lock, so any socket file under our name is a leftover from a crash: listen()
    // replaces it.
    m_listener = std::make_unique<LocalChannelListener>([this](const QByteArray& line) {
        if (line == kShowMessage)
            Q_EMIT showRequested();
    });
    if (!m_listener->listen(m_serverName)) {
        // Still the primary: only the "show yourself" channel is missing.
        m_error = QStringLiteral("cannot listen on %1: %2").arg(m_serverName, m_listener->errorString());
        m_listener.reset();
    }
    return Role::Primary;
}

bool SingleInstance::askPrimaryToShow(int timeoutMs)
{
    const LocalChannelSend sent = sendLocalLine(m_serverName, kShowMessage, timeoutMs);
    switch (sent.status) {
    case LocalChannelSend::Status::Sent:
        return true;
    case LocalChannelSend::Status::NotConnected:
        m_error = QStringLiteral("another instance holds the lock but does not answer on %1: %2")
                      .arg(m_serverName, sent.error);
        return false;
    case LocalChannelSend::Status::NotWritten:
        m_error = QStringLiteral("cannot reach the running instance: %1").arg(sent.error);
        return false;
    }
    return false;
}

} // namespace tokenpass::platform

// Its own moc object, not AUTOMOC's one shared object for the library: tokenpassd links this
// class, and the shared object would pull in the keychain and D-Bus classes (and their libraries).
#include "moc_SingleInstance.cpp"
