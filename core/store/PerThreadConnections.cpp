#include "store/PerThreadConnections.h"

#include <QMutex>

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <vector>

namespace tokenpass::store {

namespace {

// Connections are filed under a per-thread serial number that is never reused.
// QThread::currentThreadId() is reused by the OS: a new pool or server thread would pick up a
// finished thread's connection.
quint64 threadSerial()
{
    static std::atomic<quint64> next{1};
    thread_local const quint64 serial = next.fetch_add(1);
    return serial;
}

} // namespace

struct PerThreadConnections::Registry
{
    QMutex mutex;
    std::unordered_map<quint64, SqlConnection> byThread;
};

namespace {

// The registries this thread has a connection in; its destructor (at thread exit) closes them.
struct ThisThreadsConnections
{
    quint64 serial = threadSerial();
    std::vector<std::weak_ptr<PerThreadConnections::Registry>> in;

    void add(const std::shared_ptr<PerThreadConnections::Registry>& registry)
    {
        std::erase_if(in, [](const auto& weak) { return weak.expired(); });
        in.push_back(registry);
    }
    ~ThisThreadsConnections()
    {
        for (const auto& weak : in) {
            const auto registry = weak.lock();
            if (!registry)
                continue;
            SqlConnection closing; // declared first: closed after the lock is released
            QMutexLocker lock(&registry->mutex);
            const auto it = registry->byThread.find(serial);
            if (it == registry->byThread.end())
                continue;
            closing = std::move(it->second);
            registry->byThread.erase(it);
        }
    }
};

thread_local ThisThreadsConnections t_connections;

} // namespace

PerThreadConnections::PerThreadConnections() : m_registry(std::make_shared<Registry>()) {}

PerThreadConnections::~PerThreadConnections()
{
    std::unordered_map<quint64, SqlConnection> closing; // closed after the lock is released
    QMutexLocker lock(&m_registry->mutex);
    closing.swap(m_registry->byThread);
}

SqlConnection PerThreadConnections::forThisThread(const std::function<SqlConnection()>& open) const
{
    const quint64 serial = threadSerial();
    {
        QMutexLocker lock(&m_registry->mutex);
        const auto it = m_registry->byThread.find(serial);
        if (it != m_registry->byThread.end())
            return it->second;
    }
    SqlConnection connection = open();
    if (!connection.isOpen())
        return connection;
    {
        QMutexLocker lock(&m_registry->mutex);
        m_registry->byThread.emplace(serial, connection);
    }
    t_connections.add(m_registry);
    return connection;
}

} // namespace tokenpass::store
