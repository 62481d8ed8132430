#include "WriteBehind.h"

#include "ServerState.h"
#include "wallet/Wallet.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tokenpass::server {

WriteBehind::WriteBehind(const ServerState& state, QObject* parent) : QObject(parent), m_state(state)
{
    m_writer.setMaxThreadCount(1);
    m_writer.setExpiryTimeout(-1);
    m_timer.setSingleShot(true);
    m_timer.setInterval(store::AuditLog::kFlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WriteBehind::flushOnWriter);
    if (m_state.services.wallet) {
        // DESIGN.md "Lock model": a lock is a natural point to leave nothing in memory.
        connect(m_state.services.wallet, &wallet::Wallet::stateChanged, this,
                [this](wallet::WalletState walletState) {
                    if (walletState != wallet::WalletState::Unlocked)
                        flush();
                });
    }
}

WriteBehind::~WriteBehind()
{
    m_writer.waitForDone(); // before m_writing goes
}

void WriteBehind::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void WriteBehind::flushOnWriter()
{
    if (m_writing.exchange(true))
        return schedule(); // the previous batch is still being written
    // The job holds the Database, not the server's objects: it may outlive this flush's caller.
    // AuditLog and AccessTokens on the same Database share their queues, so these write them.
    auto database = m_state.services.database;
    (void)QtConcurrent::run(&m_writer, [this, database] {
        const auto audit = store::AuditLog(database).flush();
        access::AccessTokens(database).flush();
        m_writing = false;
        // The entries wait in memory, bounded (store/AuditLog.h); a full disk may have room later.
        if (!audit)
            QMetaObject::invokeMethod(this, &WriteBehind::retryLater, Qt::QueuedConnection);
    });
}

void WriteBehind::retryLater()
{
    QTimer::singleShot(store::AuditLog::kRetryIntervalMs, this, &WriteBehind::schedule);
}

void WriteBehind::flush()
{
    m_timer.stop();
    if (m_state.audit)
        (void)m_state.audit->flush();
    if (m_state.tokens)
        m_state.tokens->flush();
}

} // namespace tokenpass::server
