#pragma once

#include "Clock.h"
#include "access/Grants.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace tokenpass::access {

// What a person is asked to decide (DESIGN.md "Consent and approval model").
enum class ApprovalKind
{
    Connect,
    Sign,
    Encrypt,
    Decrypt
};
enum class ApprovalOutcome
{
    Approved,
    Denied,
    TimedOut,
    Cancelled
};

struct ApprovalRequest
{
    quint64 id = 0; // set by submit()
    QString host;
    QString origin; // the browser Origin, empty for native clients
    ApprovalKind kind = ApprovalKind::Connect;
    QString summary;     // what the dialog shows: message text, path and body hash, ...
    QVariantMap details; // Connect: "scopes" (QStringList), "expiry", "identity", "icon"
    QByteArray digest;   // the exact content; an equal (host, kind, digest) joins the pending one
    qint64 createdMs = 0;
};

// Pending approvals between the server (which asks) and the UI (which answers). Core only: it
// shows nothing; the UI listens to approvalRequested() and calls approve()/deny().
//
// Rules (DESIGN.md, after MetaMask's ApprovalController): at most one request per (host, kind) is
// shown at a time; a later one with the same digest joins it, any other waits for the first
// decision. Every request times out to a denial. lock -> rejectAll(). In headless mode, or when
// nothing is listening, a request that no standing grant covers is denied at once.
//
// The broker lives on one thread (the GUI thread in the app). submit() may be called from any
// thread; the outcome arrives through approvalFinished(), which other threads receive queued.
class ApprovalBroker : public QObject
{
    Q_OBJECT
public:
    // True if a standing decision already covers (host, kind), e.g. a grant saved by an earlier
    // approval. Queued requests are checked again when they reach the front.
    using StandingCheck = std::function<bool(const QString& host, ApprovalKind kind)>;

    static constexpr qint64 kConnectTimeoutMs = 120000; // DESIGN.md: consent dialog, 2 minutes
    static constexpr qint64 kSigningTimeoutMs = 60000;  // DESIGN.md: signing approval, 60 s

    explicit ApprovalBroker(std::shared_ptr<Grants> grants = {}, QObject* parent = nullptr);
    ~ApprovalBroker() override;

    void setHeadless(bool headless);
    bool headless() const { return m_headless; }
    void setStandingCheck(StandingCheck check);
    void setTimeout(ApprovalKind kind, qint64 ms); // tests shorten it
    qint64 timeout(ApprovalKind kind) const;

    // Thread-safe. Returns the id the outcome will carry. A request that joins a pending one keeps
    // its own id; both ids are finished together.
    quint64 submit(ApprovalRequest request);

    // Broker thread. A Connect approval records a grant (the one given, or one built from the
    // request's details with policy "ask every time") so the client's next call succeeds.
    void approve(quint64 id, std::optional<Grant> grant = std::nullopt);
    void deny(quint64 id);
    void rejectAll(); // on lock: every pending and queued request is cancelled

    QList<ApprovalRequest> pending() const; // the ones shown now, oldest first
    int queuedCount() const;                // waiting behind a shown one

    static QString kindName(ApprovalKind kind);

Q_SIGNALS:
    void approvalRequested(const tokenpass::access::ApprovalRequest& request); // show a dialog
    void approvalRefocused(quint64 id); // a repeated request: raise the existing dialog
    void approvalFinished(quint64 id, tokenpass::access::ApprovalOutcome outcome);

private:
    struct Entry;

    void submitHere(ApprovalRequest request);
    void activate(const std::shared_ptr<Entry>& entry);
    void finish(quint64 id, ApprovalOutcome outcome);
    void promoteNext(const QString& host, ApprovalKind kind);
    std::shared_ptr<Entry> findEntry(quint64 id) const;

    std::shared_ptr<Grants> m_grants;
    StandingCheck m_standing;
    bool m_headless = false;
    qint64 m_connectTimeoutMs = kConnectTimeoutMs;
    qint64 m_signingTimeoutMs = kSigningTimeoutMs;
    QList<std::shared_ptr<Entry>> m_entries; // active and queued, in submission order
};

} // namespace tokenpass::access

Q_DECLARE_METATYPE(tokenpass::access::ApprovalRequest)
Q_DECLARE_METATYPE(tokenpass::access::ApprovalOutcome)
