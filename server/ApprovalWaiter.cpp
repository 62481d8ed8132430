#include "ApprovalWaiter.h"

#include "ServerState.h"

#include <QTimer>

namespace tokenpass::server {

namespace {
QByteArray bankKey(access::ApprovalKind kind, const QString& host, const QByteArray& digest)
{
    return access::ApprovalBroker::kindName(kind).toUtf8() + '\n' + host.toUtf8() + '\n' + digest;
}
} // namespace

ApprovalWaiter::ApprovalWaiter(ServerState& state, QObject* parent) : QObject(parent), m_state(state)
{
    if (m_state.services.broker) {
        // Auto connection: queued when the broker is on another thread, as in the app.
        connect(m_state.services.broker, &access::ApprovalBroker::approvalFinished, this,
                &ApprovalWaiter::onFinished);
    }
}

void ApprovalWaiter::ask(access::ApprovalRequest request, const Reply& reply, Decision onDecision,
                         Hold onHold)
{
    request.createdMs = m_state.clock().nowMs();
    if (!m_state.services.broker) {
        onDecision(access::ApprovalOutcome::Denied, reply); // nobody to ask: deny (DESIGN.md rule 5)
        return;
    }
    const quint64 id = m_state.services.broker->submit(std::move(request));
    m_waiting.insert(id, Waiting{reply, std::move(onDecision)});
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
    waiting.onDecision(outcome, waiting.reply);
}

void ApprovalWaiter::bank(access::ApprovalKind kind, const QString& host, const QByteArray& digest)
{
    const qint64 now = m_state.clock().nowMs();
    for (auto it = m_bank.begin(); it != m_bank.end();)
        it = it.value() < now ? m_bank.erase(it) : std::next(it);
    m_bank.insert(bankKey(kind, host, digest), now + kBankMs);
}

bool ApprovalWaiter::takeBanked(access::ApprovalKind kind, const QString& host, const QByteArray& digest)
{
    const auto it = m_bank.find(bankKey(kind, host, digest));
    if (it == m_bank.end())
        return false;
    const bool fresh = it.value() >= m_state.clock().nowMs();
    m_bank.erase(it);
    return fresh;
}

} // namespace tokenpass::server
