#include "ServerController.h"

#include "RequestLogFilter.h"
#include "ServerWorker.h"
#include "access/Gatekeeper.h"
#include "wallet/Wallet.h"

#include <QThread>

namespace tokenpass::server {

ServerController::ServerController(ServerServices services, QObject* parent)
    : QObject(parent), m_services(std::move(services))
{
    keepRequestHeadersOutOfLogs(); // no token in a debug log
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
    QMetaObject::invokeMethod(
        m_anchor,
        [anchor, options, services, &result] {
            auto* worker = new ServerWorker(options, services, anchor);
            result = worker->start();
            if (!result)
                delete worker;
        },
        Qt::BlockingQueuedConnection);

    if (!result) {
        m_lastError = result.error();
        stop();
        Q_EMIT failed(m_lastError);
        return false;
    }
    m_lastError.clear();
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

} // namespace tokenpass::server
