#pragma once

#include <QObject>
#include <QTimer>

namespace tokenpass::server {

struct ServerState;

// Writes what the routes queued in memory (audit entries, token times of use) in one transaction
// shortly after, instead of one commit per request on the server thread. It also writes at once
// when the wallet locks; when the server stops, the AuditLog and AccessTokens destructors write
// the rest. Readers (the sites window) flush before reading, so they never miss an entry.
class WriteBehind : public QObject
{
    Q_OBJECT
public:
    WriteBehind(const ServerState& state, QObject* parent = nullptr);

    // Flushes within AuditLog::kFlushIntervalMs unless a flush is already due.
    void schedule();
    void flush();

private:
    const ServerState& m_state;
    QTimer m_timer;
};

} // namespace tokenpass::server
