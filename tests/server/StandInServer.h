#pragma once

// A local stand-in for the internet services behind /api/bap-profile and /api/sync/* (API.md
// decision 12): a plain QTcpServer on 127.0.0.1:0 in the test thread, which records every request
// and answers what the test says. It runs while the test waits for the TokenPass server (whose
// HTTP client lives on the server thread), because the harness's requests spin this thread's loop.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace tokenpass::test {

class StandInServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };
    struct Answer
    {
        int status = 200;
        QByteArray body;
        bool hold = false; // keep the connection open and answer nothing (until answerHeld)
    };
    using Responder = std::function<Answer(const Request&)>;

    StandInServer();
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    void close() { m_server.close(); }

    void setResponder(Responder responder) { m_responder = std::move(responder); }
    void answerAlways(int status, const QByteArray& body);
    // Answers every held connection now.
    void answerHeld(int status, const QByteArray& body);

    QList<Request> requests;

private:
    void onReadable(QTcpSocket* socket);
    static void write(QTcpSocket* socket, int status, const QByteArray& body);

    QTcpServer m_server;
    Responder m_responder;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<QPointer<QTcpSocket>> m_held;
};

} // namespace tokenpass::test
