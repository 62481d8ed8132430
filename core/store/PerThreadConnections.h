#pragma once

#include "store/SqlConnection.h"

#include <functional>
#include <memory>

namespace tokenpass::store {

// One SqlConnection per calling thread (a SQLite connection opened without a mutex is used by one
// thread at a time). A thread's connection closes when the thread ends (an expired pool thread,
// the server thread of a restart) or when this object goes, whichever is first.
class PerThreadConnections
{
public:
    PerThreadConnections();
    ~PerThreadConnections(); // nothing may use a connection of it any more
    PerThreadConnections(const PerThreadConnections&) = delete;
    PerThreadConnections& operator=(const PerThreadConnections&) = delete;

    // This thread's connection; `open` makes it on first use. A connection that did not open is
    // returned but not kept, so the next call tries again.
    SqlConnection forThisThread(const std::function<SqlConnection()>& open) const;

    struct Registry;

private:
    std::shared_ptr<Registry> m_registry;
};

} // namespace tokenpass::store
