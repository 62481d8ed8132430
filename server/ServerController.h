#pragma once

#include "ServerOptions.h"

#include <QObject>
#include <QString>

class QThread;

namespace tokenpass::server {

class ServerWorker;

// The GUI-thread face of the server: starts it on its own thread, stops it, and says where it
// listens or why it could not. Also tells the Gatekeeper when the wallet locks, which rejects
// pending approvals (DESIGN.md "Lock model").
class ServerController : public QObject
{
    Q_OBJECT
public:
    explicit ServerController(ServerServices services, QObject* parent = nullptr);
    ~ServerController() override;

    // Returns once the server listens or has failed. A taken port is reported by lastError() and
    // failed(), never by a crash.
    bool start(const ServerOptions& options);
    void stop();

    bool running() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // The Connected sites window's Revoke for an OAuth client (issue 16 item 4): the server thread
    // runs oauth::Provider::revokeClient, so its in-memory device codes and consent forms go too;
    // while the server is stopped the stored part is revoked here. oauthClientRevoked follows.
    void revokeOAuthClient(const QString& clientId);

Q_SIGNALS:
    void oauthClientRevoked(const QString& clientId);
    void started(quint16 port);
    void failed(const QString& error);
    void stopped();

private:
    ServerServices m_services;
    QThread* m_thread = nullptr;
    QObject* m_anchor = nullptr;      // lives on m_thread; parent of the worker
    ServerWorker* m_worker = nullptr; // m_anchor's child; only posted to from here
    quint16 m_port = 0;
    QString m_lastError;
};

} // namespace tokenpass::server
