#pragma once

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <memory>

namespace tokenpass::store {

class Database;

// One shared T per open Database, for in-memory state that every user of the same database must
// see: the server's AccessTokens and the sites window's must agree on a revoked token at once,
// and an audit entry queued by the server must be visible to the window's reader. Callers keep the
// returned pointer (and their shared_ptr<Database>) for as long as they use it, so the Database
// cannot go away and its address cannot be reused while a T for it is alive.
template <typename T> std::shared_ptr<T> sharedPerDatabase(const Database* database)
{
    static QMutex mutex;
    static QHash<const Database*, std::weak_ptr<T>> registry;
    QMutexLocker lock(&mutex);
    std::shared_ptr<T> shared = registry.value(database).lock();
    if (!shared) {
        for (auto it = registry.begin(); it != registry.end();)
            it = it->expired() ? registry.erase(it) : std::next(it);
        shared = std::make_shared<T>();
        registry.insert(database, shared);
    }
    return shared;
}

} // namespace tokenpass::store
