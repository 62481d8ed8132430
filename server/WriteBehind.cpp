#include "WriteBehind.h"

#include "ServerState.h"
#include "wallet/Wallet.h"

namespace tokenpass::server {

WriteBehind::WriteBehind(const ServerState& state, QObject* parent) : QObject(parent), m_state(state)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(store::AuditLog::kFlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WriteBehind::flush);
    if (m_state.services.wallet) {
        // DESIGN.md "Lock model": a lock is a natural point to leave nothing in memory.
        connect(m_state.services.wallet, &wallet::Wallet::stateChanged, this,
                [this](wallet::WalletState walletState) {
                    if (walletState != wallet::WalletState::Unlocked)
                        flush();
                });
    }
}

void WriteBehind::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void WriteBehind::flush()
{
    m_timer.stop();
    if (m_state.audit)
        m_state.audit->flush();
    if (m_state.tokens)
        m_state.tokens->flush();
}

} // namespace tokenpass::server
