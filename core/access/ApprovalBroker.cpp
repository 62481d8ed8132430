#include "access/ApprovalBroker.h"

#include <QMetaMethod>
#include <QMetaObject>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <utility>

namespace tokenpass::access {

namespace {
std::atomic<quint64> g_nextId{1};
}

struct ApprovalBroker::Entry
{
    ApprovalRequest request;
    QList<quint64> joinedIds; // later requests with the same (host, kind, digest)
    bool active = false;      // shown to the person (else queued behind an active one)
    QTimer* timer = nullptr;
};

ApprovalBroker::ApprovalBroker(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ApprovalRequest>();
    qRegisterMetaType<ApprovalOutcome>();
}

ApprovalBroker::~ApprovalBroker() = default;

void ApprovalBroker::setHeadless(bool headless)
{
    m_headless = headless;
}

bool ApprovalBroker::canAsk() const
{
    // isSignalConnected() takes the signal-slot lock, so this holds from any thread.
    static const QMetaMethod requested = QMetaMethod::fromSignal(&ApprovalBroker::approvalRequested);
    return !m_headless && isSignalConnected(requested);
}

void ApprovalBroker::setStandingCheck(StandingCheck check)
{
    m_standing = std::move(check);
}

void ApprovalBroker::setAnswerHandler(AnswerHandler handler)
{
    m_answerHandler = std::move(handler);
}

void ApprovalBroker::setTimeout(ApprovalKind kind, qint64 ms)
{
    if (kind == ApprovalKind::Connect)
        m_connectTimeoutMs = ms;
    else if (kind == ApprovalKind::Transaction)
        m_transactionTimeoutMs = ms;
    else
        m_signingTimeoutMs = ms;
}

qint64 ApprovalBroker::timeout(ApprovalKind kind) const
{
    if (kind == ApprovalKind::Transaction)
        return m_transactionTimeoutMs;
    return kind == ApprovalKind::Connect ? m_connectTimeoutMs : m_signingTimeoutMs;
}

QString ApprovalBroker::kindName(ApprovalKind kind)
{
    switch (kind) {
    case ApprovalKind::Connect:
        return QStringLiteral("connect");
    case ApprovalKind::Sign:
        return QStringLiteral("sign");
    case ApprovalKind::Encrypt:
        return QStringLiteral("encrypt");
    case ApprovalKind::Decrypt:
        return QStringLiteral("decrypt");
    case ApprovalKind::Transaction:
        return QStringLiteral("transaction");
    }
    return QString();
}

quint64 ApprovalBroker::submit(ApprovalRequest request)
{
    request.id = g_nextId++;
    const quint64 id = request.id;
    if (QThread::currentThread() == thread())
        submitHere(std::move(request));
    else
        QMetaObject::invokeMethod(
            this, [this, request]() mutable { submitHere(std::move(request)); }, Qt::QueuedConnection);
    return id;
}

void ApprovalBroker::submitHere(ApprovalRequest request)
{
    bool kindBusy = false;
    for (const auto& entry : std::as_const(m_entries)) {
        if (entry->request.host != request.host || entry->request.kind != request.kind)
            continue;
        if (!request.digest.isEmpty() && entry->request.digest == request.digest) {
            // The same question again (a client retrying): answer both together.
            entry->joinedIds.append(request.id);
            if (entry->active)
                Q_EMIT approvalRefocused(entry->request.id);
            return;
        }
        kindBusy = true;
    }
    auto entry = std::make_shared<Entry>();
    entry->request = std::move(request);
    m_entries.append(entry);
    if (!kindBusy)
        activate(entry);
}

void ApprovalBroker::activate(const std::shared_ptr<Entry>& entry)
{
    const ApprovalRequest& request = entry->request;
    if (m_standing && m_standing(request)) {
        finish(request.id, ApprovalOutcome::Approved);
        return;
    }
    // Default deny (DESIGN.md security rule 5): nobody can be asked.
    if (!canAsk()) {
        finish(request.id, ApprovalOutcome::Denied);
        return;
    }
    entry->active = true;
    entry->timer = new QTimer(this);
    entry->timer->setSingleShot(true);
    const quint64 id = request.id;
    connect(entry->timer, &QTimer::timeout, this, [this, id] { finish(id, ApprovalOutcome::TimedOut); });
    entry->timer->start(int(qBound(qint64(0), timeout(request.kind), qint64(24 * 3600 * 1000))));
    Q_EMIT approvalRequested(request);
}

std::shared_ptr<ApprovalBroker::Entry> ApprovalBroker::findEntry(quint64 id) const
{
    for (const auto& entry : m_entries) {
        if (entry->request.id == id)
            return entry;
    }
    return nullptr;
}

void ApprovalBroker::approve(quint64 id, ApprovalAnswer answer)
{
    const auto entry = findEntry(id);
    if (!entry)
        return;
    if (m_answerHandler && !m_answerHandler(entry->request, answer)) {
        finish(id, ApprovalOutcome::Denied); // fail closed
        return;
    }
    finish(id, ApprovalOutcome::Approved);
}

void ApprovalBroker::deny(quint64 id)
{
    finish(id, ApprovalOutcome::Denied);
}

void ApprovalBroker::rejectAll()
{
    // Nothing is promoted: a queued request must not be shown (or auto-approved) after a lock.
    const auto entries = std::exchange(m_entries, {});
    for (const auto& entry : entries) {
        if (entry->timer) {
            entry->timer->stop();
            entry->timer->deleteLater();
        }
        Q_EMIT approvalFinished(entry->request.id, ApprovalOutcome::Cancelled);
        for (const quint64 joined : std::as_const(entry->joinedIds))
            Q_EMIT approvalFinished(joined, ApprovalOutcome::Cancelled);
    }
}

void ApprovalBroker::finish(quint64 id, ApprovalOutcome outcome)
{
    const auto entry = findEntry(id);
    if (!entry)
        return;
    m_entries.removeOne(entry);
    if (entry->timer) {
        entry->timer->stop();
        entry->timer->deleteLater();
        entry->timer = nullptr;
    }
    Q_EMIT approvalFinished(id, outcome);
    for (const quint64 joined : std::as_const(entry->joinedIds))
        Q_EMIT approvalFinished(joined, outcome);
    promoteNext(entry->request.host, entry->request.kind);
}

void ApprovalBroker::promoteNext(const QString& host, ApprovalKind kind)
{
    for (const auto& entry : std::as_const(m_entries)) {
        if (entry->request.host == host && entry->request.kind == kind) {
            if (!entry->active)
                activate(entry);
            return;
        }
    }
}

QList<ApprovalRequest> ApprovalBroker::pending() const
{
    QList<ApprovalRequest> out;
    for (const auto& entry : m_entries) {
        if (entry->active)
            out.append(entry->request);
    }
    return out;
}

int ApprovalBroker::queuedCount() const
{
    int n = 0;
    for (const auto& entry : m_entries)
        n += entry->active ? 0 : 1;
    return n;
}

} // namespace tokenpass::access
