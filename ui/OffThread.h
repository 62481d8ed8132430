#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

namespace tokenpass::ui {

// Runs slow wallet work (PBKDF2, 600,000 rounds) on the thread pool and hands the result to
// `done` on `context`'s thread (DESIGN.md "Threads": the GUI never freezes). The result travels
// in a shared_ptr because secrets are move-only; if `context` goes away first, the result is
// dropped, and a SecureBytes inside it is wiped.
template <typename T>
void runOffGuiThread(QObject* context, std::function<T()> job, std::function<void(T& result)> done)
{
    auto* watcher = new QFutureWatcher<std::shared_ptr<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
        const std::shared_ptr<T> result = watcher->result();
        watcher->deleteLater();
        done(*result);
    });
    watcher->setFuture(QtConcurrent::run([job = std::move(job)] { return std::make_shared<T>(job()); }));
}

} // namespace tokenpass::ui
