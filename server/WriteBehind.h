#pragma once

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace tokenpass::server {

struct ServerState;

// Writes what the routes queued in memory (audit entries, token times of use) in one transaction
// shortly after, instead of one commit per request. The timed writes run on a writer thread of
// their own, so a batch never stalls the requests behind it; a lock writes at once, on the
// calling thread. When the server stops, the AuditLog and AccessTokens destructors write the
// rest. Readers (the sites window) flush before reading, so they never miss an entry.
class WriteBehind : public QObject
{
    Q_OBJECT
public:
    WriteBehind(const ServerState& state, QObject* parent = nullptr);
    ~WriteBehind() override;

    // Flushes within AuditLog::kFlushIntervalMs unless a flush is already due.
    void schedule();
    void flush();

private:
    void flushOnWriter();
    void retryLater();

    const ServerState& m_state;
    QTimer m_timer;
    QThreadPool m_writer; // one thread, so one SQLite connection; waited for when destroyed
    std::atomic<bool> m_writing{false};
};

} // namespace tokenpass::server
