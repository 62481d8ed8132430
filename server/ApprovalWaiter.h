#pragma once

#include "ApiTypes.h"
#include "access/ApprovalBroker.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace tokenpass::server {

struct ServerState;

// Holds HTTP requests open while the person decides (API.md decision 5, DESIGN.md "Threads").
// Lives on the server thread; the broker lives on the GUI thread, so requests go to it queued and
// outcomes come back queued. Nothing here ever blocks.
//
// After `holdMs` the reply gets onHold() (401 "Waiting for approval in TokenPass") while the
// dialog stays open. A decision that arrives later still runs onDecision() — with a Reply that is
// already answered, so sending is a no-op — which lets the caller remember it: a Connect approval
// leaves a grant, and an approved signature is banked so the client's identical retry succeeds.
class ApprovalWaiter : public QObject
{
    Q_OBJECT
public:
    using Decision = std::function<void(access::ApprovalOutcome outcome, const Reply& reply)>;
    using Hold = std::function<void(const Reply& reply)>;

    ApprovalWaiter(ServerState& state, QObject* parent = nullptr);

    void ask(access::ApprovalRequest request, const Reply& reply, Decision onDecision, Hold onHold);

    // Approved operations whose client had already been answered (kind, host, digest); one use
    // each, for kBankMs.
    static constexpr qint64 kBankMs = 120000;
    void bank(access::ApprovalKind kind, const QString& host, const QByteArray& digest);
    bool takeBanked(access::ApprovalKind kind, const QString& host, const QByteArray& digest);

private:
    void onFinished(quint64 id, access::ApprovalOutcome outcome);

    struct Waiting
    {
        Reply reply;
        Decision onDecision;
    };
    ServerState& m_state;
    QHash<quint64, Waiting> m_waiting;
    QHash<QByteArray, qint64> m_bank; // key -> expiry (ms)
};

} // namespace tokenpass::server
