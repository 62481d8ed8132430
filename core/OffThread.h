#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace tokenpass {

// The one way slow work (PBKDF2 at 600,000 rounds, a file rewrite) leaves the calling thread
// (DESIGN.md "Threads": neither the GUI nor the server thread ever waits for it).
//
// runOffThread(pool, context, job, done) runs `job()` on `pool` and then `done(result&)` on
// `context`'s thread. Call it on `context`'s thread. If `context` is destroyed first, `done` never
// runs and the result is dropped (a SecureBytes inside it is wiped by its destructor); if the pool
// drops the job unrun, `done` never runs either. The result travels in a shared_ptr, so move-only
// results (secrets) are fine. Whatever `job` uses must outlive it: the owner of `pool` waits for
// it (ServerWorker stops its pool, Wallet waits for its own) or the job holds what it needs.
template <typename Job, typename Done>
void runOffThread(QThreadPool* pool, QObject* context, Job&& job, Done&& done)
{
    using T = std::decay_t<std::invoke_result_t<std::decay_t<Job>&>>;
    using Shared = std::shared_ptr<T>;

    auto promise = std::make_shared<QPromise<Shared>>();
    auto* watcher = new QFutureWatcher<Shared>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         if (watcher->future().resultCount() == 0)
                             return; // never ran: the pool was cleared or destroyed
                         const Shared result = watcher->result();
                         done(*result);
                     });
    watcher->setFuture(promise->future());
    promise->start();

    // QThreadPool::start takes a copyable std::function, so a move-only job waits in a shared_ptr.
    auto work = std::make_shared<std::decay_t<Job>>(std::forward<Job>(job));
    pool->start([promise, work] {
        promise->addResult(std::make_shared<T>((*work)()));
        promise->finish();
    });
}

// The same on the application's global pool, for work that holds all it needs.
template <typename Job, typename Done> void runOffThread(QObject* context, Job&& job, Done&& done)
{
    runOffThread(QThreadPool::globalInstance(), context, std::forward<Job>(job), std::forward<Done>(done));
}

} // namespace tokenpass
