#include "StandInServer.h"

#include <QHostAddress>

namespace tokenpass::test {

QByteArray StandInServer::Request::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

StandInServer::StandInServer()
{
    answerAlways(404, R"({"error":"not set up"})");
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

bool StandInServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void StandInServer::answerAlways(int status, const QByteArray& body)
{
    m_responder = [status, body](const Request&) { return Answer{status, body, false}; };
}

void StandInServer::answerHeld(int status, const QByteArray& body)
{
    for (const QPointer<QTcpSocket>& socket : std::as_const(m_held)) {
        if (socket)
            write(socket, status, body);
    }
    m_held.clear();
}

void StandInServer::onReadable(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
    }
    if (buffer.size() < end + 4 + length)
        return; // the body is still coming
    request.body = buffer.mid(end + 4, length);
    buffer.clear();
    requests.append(request);
    const Answer answer = m_responder(request);
    if (answer.hold)
        m_held.append(socket);
    else
        write(socket, answer.status, answer.body);
}

void StandInServer::write(QTcpSocket* socket, int status, const QByteArray& body)
{
    socket->write(
        "HTTP/1.1 " + QByteArray::number(status) + " Stand-in\r\nContent-Type: application/json\r\n" +
        "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace tokenpass::test
