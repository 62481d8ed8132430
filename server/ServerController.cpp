#include "ServerController.h"

#include "ServerWorker.h"
#include "access/Gatekeeper.h"
#include "oauth/Provider.h"
#include "wallet/Wallet.h"

#include <QThread>

namespace tokenpass::server {

ServerController::ServerController(ServerServices services, QObject* parent)
    : QObject(parent), m_services(std::move(services))
{
    if (m_services.wallet && m_services.gatekeeper) {
        // DESIGN.md "Lock model": the one clean-up of consent state. Direct, so allowances and
        // banked approvals are gone before the locking call returns, whichever thread locked.
        access::Gatekeeper* gatekeeper = m_services.gatekeeper;
        connect(
            m_services.wallet, &wallet::Wallet::stateChanged, gatekeeper,
            [gatekeeper](wallet::WalletState state) {
                if (state != wallet::WalletState::Unlocked)
                    gatekeeper->onLock();
            },
            Qt::DirectConnection);
    }
}

ServerController::~ServerController()
{
    stop();
}

bool ServerController::start(const ServerOptions& options)
{
    stop();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("TokenPass server"));
    m_anchor = new QObject;
    m_anchor->moveToThread(m_thread);
    m_thread->start();

    // The worker and everything under it are created inside the server thread (STYLE.md habit 4).
    Result<quint16> result = Result<quint16>::fail(QStringLiteral("The server thread did not start"));
    QObject* anchor = m_anchor;
    const ServerServices services = m_services;
    ServerWorker* made = nullptr;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, anchor, options, services, &result, &made] {
            auto* worker = new ServerWorker(options, services, anchor);
            result = worker->start();
            if (!result) {
                delete worker;
                return;
            }
            made = worker;
            // Queued back to this (GUI) thread.
            connect(worker, &ServerWorker::oauthClientRevoked, this, &ServerController::oauthClientRevoked);
        },
        Qt::BlockingQueuedConnection);

    if (!result) {
        m_lastError = result.error();
        stop();
        Q_EMIT failed(m_lastError);
        return false;
    }
    m_lastError.clear();
    m_worker = made;
    m_port = *result;
    Q_EMIT started(m_port);
    return true;
}

void ServerController::stop()
{
    if (!m_thread)
        return;
    if (m_anchor) {
        QObject* anchor = m_anchor;
        QMetaObject::invokeMethod(
            anchor, [anchor] { delete anchor; }, Qt::BlockingQueuedConnection);
        m_anchor = nullptr;
        m_worker = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    const bool wasRunning = m_port != 0;
    m_port = 0;
    if (wasRunning)
        Q_EMIT stopped();
}

void ServerController::revokeOAuthClient(const QString& clientId)
{
    if (m_worker) {
        ServerWorker* worker = m_worker;
        // Dropped if the server stops first (the worker is the context); stop() then revokes nothing,
        // so the window's next look still lists the client and the person can press Revoke again.
        QMetaObject::invokeMethod(
            worker, [worker, clientId] { worker->revokeOAuthClient(clientId); }, Qt::QueuedConnection);
        return;
    }
    // Stopped: no device code or consent form is open, the stored part is all there is.
    if (m_services.database && m_services.wallet)
        (void)oauth::Provider(QString(), m_services.database, m_services.wallet, *m_services.clock)
            .revokeClient(clientId);
    Q_EMIT oauthClientRevoked(clientId);
}

} // namespace tokenpass::server
