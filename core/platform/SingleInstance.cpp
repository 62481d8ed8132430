#include "platform/SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

namespace tokenpass::platform {

namespace {

// The whole protocol: one line. Anything else is ignored, so a stray client cannot do more
// than raise the window.
constexpr QByteArrayView kShowMessage = "show\n";
constexpr qsizetype kMaxMessage = 64;

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

    // We hold the lock, so any socket file under our name is a leftover from a crash.
    QLocalServer::removeServer(m_serverName);
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        // Still the primary: only the "show yourself" channel is missing.
        m_error = QStringLiteral("cannot listen on %1: %2").arg(m_serverName, m_server->errorString());
        m_server.reset();
        return Role::Primary;
    }
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    return Role::Primary;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine() && socket->bytesAvailable() < kMaxMessage)
                return; // wait for the rest of the line
            const QByteArray line = socket->readLine(kMaxMessage);
            socket->disconnectFromServer();
            if (line == kShowMessage)
                Q_EMIT showRequested();
        });
    }
}

bool SingleInstance::askPrimaryToShow(int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs)) {
        m_error = QStringLiteral("another instance holds the lock but does not answer on %1: %2")
                      .arg(m_serverName, socket.errorString());
        return false;
    }
    socket.write(kShowMessage.data(), kShowMessage.size());
    if (!socket.waitForBytesWritten(timeoutMs)) {
        m_error = QStringLiteral("cannot reach the running instance: %1").arg(socket.errorString());
        return false;
    }
    // The bytes are in the kernel's buffer; the primary reads them after we close. Not waiting
    // for its disconnect keeps a second launch from stalling on a busy primary.
    socket.disconnectFromServer();
    return true;
}

} // namespace tokenpass::platform

// Its own moc object, not AUTOMOC's one shared object for the library: tokenpassd links this
// class, and the shared object would pull in the keychain and D-Bus classes (and their libraries).
#include "moc_SingleInstance.cpp"
