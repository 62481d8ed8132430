#pragma once

#include "access/Grants.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <atomic>
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
    Decrypt,
    Transaction // POST /api/sign/transaction (TX.md): always shown, never allowed for a while
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
    QString summary; // what the dialog shows: message text, path and body hash, ...
    // Connect: "scopes" and "newScopes" (QStringList; new = not in the host's grant yet),
    // "expiry", "identity", "icon", and "policy" (the current grant's, as int) when there is one.
    QVariantMap details;
    QByteArray digest; // the exact content; an equal (host, kind, digest) joins the pending one
    qint64 createdMs = 0;
};

// OAuth consent (a Connect for an "oauth:" host): what the native consent dialog chose.
struct ConsentChoice
{
    QString identity;      // a BAP idKey, a private identity (OAuthConsents.h); empty: the primary
    bool remember = false; // "remember this decision"
};

// What the person chose besides "yes".
struct ApprovalAnswer
{
    // A constructor rather than an aggregate, so that {grant, allowForAWhile} stays complete.
    ApprovalAnswer(std::optional<Grant> grant_ = std::nullopt, bool allowForAWhile_ = false,
                   std::optional<ConsentChoice> consent_ = std::nullopt)
        : grant(std::move(grant_)), allowForAWhile(allowForAWhile_), consent(std::move(consent_))
    {}

    std::optional<Grant> grant;           // Connect: the grant the consent dialog describes; none: as asked
    bool allowForAWhile = false;          // Sign/Encrypt/Decrypt: "allow this site for 15 minutes"
    std::optional<ConsentChoice> consent; // OAuth consent: identity and "remember"
};

// The queue of questions between the server (which asks, through access::Gatekeeper) and the UI
// (which shows them and answers). It holds no rules about access: whether a question is already
// covered, and what an answer leaves behind, are the Gatekeeper's, through the two hooks below.
//
// Queue rules (DESIGN.md, after MetaMask's ApprovalController): at most one request per
// (host, kind) is shown at a time; a later one with the same digest joins it, any other waits for
// the first decision. Every request times out to a denial. rejectAll() cancels everything (lock).
// A question nobody can see (headless, or no listener) is denied.
//
// The broker lives on one thread (the GUI thread in the app). submit() and canAsk() may be called
// from any thread; everything else on the broker's thread. Outcomes arrive through
// approvalFinished(), which other threads receive queued.
class ApprovalBroker : public QObject
{
    Q_OBJECT
public:
    // True if the request no longer needs the person (a standing answer covers it). Asked on the
    // broker thread each time a request is about to be shown, so a queued one is checked again.
    using StandingCheck = std::function<bool(const ApprovalRequest& request)>;
    // Records what an approval leaves behind; false means it could not, and the approval becomes
    // a denial (DESIGN.md security rule 5).
    using AnswerHandler = std::function<bool(const ApprovalRequest& request, const ApprovalAnswer& answer)>;

    static constexpr qint64 kConnectTimeoutMs = 120000;     // DESIGN.md: consent dialog, 2 minutes
    static constexpr qint64 kSigningTimeoutMs = 60000;      // DESIGN.md: signing approval, 60 s
    static constexpr qint64 kTransactionTimeoutMs = 120000; // issue 17: the transaction dialog, 120 s

    explicit ApprovalBroker(QObject* parent = nullptr);
    ~ApprovalBroker() override;

    void setHeadless(bool headless);
    bool headless() const { return m_headless; }
    // Thread-safe: false when a question would be denied at once (headless, nobody listening).
    bool canAsk() const;
    void setStandingCheck(StandingCheck check);
    void setAnswerHandler(AnswerHandler handler);
    void setTimeout(ApprovalKind kind, qint64 ms); // tests shorten it
    qint64 timeout(ApprovalKind kind) const;

    // Thread-safe. Returns the id the outcome will carry. A request that joins a pending one keeps
    // its own id; both ids are finished together.
    quint64 submit(ApprovalRequest request);

    // Broker thread. The person's answer; unknown or finished ids are ignored.
    void approve(quint64 id, ApprovalAnswer answer = {});
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

    StandingCheck m_standing;
    AnswerHandler m_answerHandler;
    std::atomic<bool> m_headless{false};
    qint64 m_connectTimeoutMs = kConnectTimeoutMs;
    qint64 m_signingTimeoutMs = kSigningTimeoutMs;
    qint64 m_transactionTimeoutMs = kTransactionTimeoutMs;
    QList<std::shared_ptr<Entry>> m_entries; // active and queued, in submission order
};

} // namespace tokenpass::access

Q_DECLARE_METATYPE(tokenpass::access::ApprovalRequest)
Q_DECLARE_METATYPE(tokenpass::access::ApprovalOutcome)
