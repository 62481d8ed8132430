#include "ApprovalWaiter.h"

#include "ServerState.h"

#include <QTimer>

namespace tokenpass::server {

ApprovalWaiter::ApprovalWaiter(ServerState& state, QObject* parent) : QObject(parent), m_state(state)
{
    // Queued even on one thread, so an outcome never arrives before ask() has stored the reply.
    connect(m_state.gatekeeper, &access::Gatekeeper::approvalFinished, this, &ApprovalWaiter::onFinished,
            Qt::QueuedConnection);
}

void ApprovalWaiter::ask(const access::Operation& op, const Reply& reply, Decision onDecision, Hold onHold)
{
    const quint64 epoch = m_state.gatekeeper->epoch();
    const quint64 id = m_state.gatekeeper->ask(op);
    if (id == 0) {
        onDecision(access::ApprovalOutcome::Denied, reply); // nobody to ask: deny (DESIGN.md rule 5)
        return;
    }
    m_waiting.insert(id, Waiting{reply, std::move(onDecision), op, epoch});
    QTimer::singleShot(m_state.options.approvalHoldMs, this, [reply, onHold = std::move(onHold)] {
        if (!reply.sent())
            onHold(reply);
    });
}

void ApprovalWaiter::onFinished(quint64 id, access::ApprovalOutcome outcome)
{
    const auto it = m_waiting.find(id);
    if (it == m_waiting.end())
        return; // another server's request, or one we never asked
    const Waiting waiting = it.value();
    m_waiting.erase(it);
    if (outcome == access::ApprovalOutcome::Approved && !waiting.reply.connected())
        m_state.gatekeeper->bank(waiting.op, waiting.epoch);
    waiting.onDecision(outcome, waiting.reply);
}

} // namespace tokenpass::server
