// LocalChannel on Windows: QLocalServer's named pipe (Qt Network). Only tokenpass_platform's
// Windows build links Qt Network for it; Linux and macOS use LocalChannel_posix.cpp.
#include "platform/LocalChannel.h"

#include <QLocalServer>
#include <QLocalSocket>

namespace tokenpass::platform {

struct LocalChannelListener::Private
{
    OnLine onLine;
    std::unique_ptr<QLocalServer> server;
    QString error;
};

LocalChannelListener::LocalChannelListener(OnLine onLine) : d(std::make_unique<Private>())
{
    d->onLine = std::move(onLine);
}

LocalChannelListener::~LocalChannelListener() = default;

QString LocalChannelListener::errorString() const
{
    return d->error;
}

bool LocalChannelListener::listen(const QString& name)
{
    d->error.clear();
    QLocalServer::removeServer(name);
    d->server = std::make_unique<QLocalServer>();
    d->server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!d->server->listen(name)) {
        d->error = d->server->errorString();
        d->server.reset();
        return false;
    }
    QLocalServer* server = d->server.get();
    QObject::connect(server, &QLocalServer::newConnection, server, [server, p = d.get()] {
        while (QLocalSocket* socket = server->nextPendingConnection()) {
            QObject::connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QLocalSocket::readyRead, socket, [socket, p] {
                if (!socket->canReadLine() && socket->bytesAvailable() < kLocalChannelMaxLine)
                    return; // wait for the rest of the line
                const QByteArray line = socket->readLine(kLocalChannelMaxLine);
                socket->disconnectFromServer();
                p->onLine(line);
            });
        }
    });
    return true;
}

LocalChannelSend sendLocalLine(const QString& name, QByteArrayView message, int timeoutMs)
{
    LocalChannelSend result;
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(timeoutMs)) {
        result.error = socket.errorString();
        return result;
    }
    result.status = LocalChannelSend::Status::NotWritten;
    socket.write(message.data(), message.size());
    if (!socket.waitForBytesWritten(timeoutMs)) {
        result.error = socket.errorString();
        return result;
    }
    socket.disconnectFromServer();
    result.status = LocalChannelSend::Status::Sent;
    return result;
}

} // namespace tokenpass::platform
