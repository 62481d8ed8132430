#pragma once

#include "ApiTypes.h"
#include "access/Gatekeeper.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace tokenpass::server {

struct ServerState;

// Holds HTTP requests open while the person decides (API.md decision 5, DESIGN.md "Threads").
// Lives on the server thread; the Gatekeeper puts the question to the broker on the GUI thread,
// and outcomes come back queued. Nothing here ever blocks, and nothing here decides anything.
//
// After `holdMs` the reply gets onHold() (401 "Waiting for approval in TokenPass") while the
// dialog stays open. A decision that arrives later still runs onDecision() — with a Reply that is
// already answered, so sending is a no-op — and an approval nobody received any more is banked
// with the Gatekeeper, so the client's identical retry gets it.
class ApprovalWaiter : public QObject
{
    Q_OBJECT
public:
    using Decision = std::function<void(access::ApprovalOutcome outcome, const Reply& reply)>;
    using Hold = std::function<void(const Reply& reply)>;

    ApprovalWaiter(ServerState& state, QObject* parent = nullptr);

    // Asks the person about `op` (after Gatekeeper::check() said Ask) and holds `reply`.
    void ask(const access::Operation& op, const Reply& reply, Decision onDecision, Hold onHold);

private:
    void onFinished(quint64 id, access::ApprovalOutcome outcome);

    struct Waiting
    {
        Reply reply;
        Decision onDecision;
        access::Operation op;
        quint64 epoch = 0; // the Gatekeeper's lock generation when asked
    };
    ServerState& m_state;
    QHash<quint64, Waiting> m_waiting;
};

} // namespace tokenpass::server
