#pragma once

#include "Clock.h"
#include "oauth/AuthorizationRequest.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

namespace tokenpass::oauth {

// One consent the headless form (OAUTH.md §6) is waiting for: an authorization request or a
// device code's user_code, and what binds the browser to it.
struct PendingConsent
{
    QString txn;       // opaque id, a hidden input of the form
    QByteArray cookie; // tp_consent: 128-bit random, hex
    QByteArray csrf;   // 128-bit random, hex; single use (empty once spent)
    qint64 createdMs = 0;
    int failures = 0; // wrong passwords so far

    AuthorizationRequest request; // the code flow (request.client.clientId set)
    QString userCode;             // the device flow (normalized), empty for the code flow
    QString clientId;
    QString clientName;
    QStringList scopes;
    QString resource;
    QString prompt;
};

// The pending consents of the headless form, in memory: bounded (the oldest is dropped beyond
// kMaxOpen), 5 minutes each, dropped after kMaxFailures wrong passwords. Cookie and csrf are
// compared in constant time. Thread-safe; hands out copies.
class ConsentRequests
{
public:
    static constexpr qint64 kLifetimeMs = 5 * 60 * 1000;
    static constexpr int kMaxOpen = 32;
    static constexpr int kMaxFailures = 5;

    explicit ConsentRequests(const Clock& clock) : m_clock(clock) {}

    // Stores `pending` with a fresh txn, cookie and csrf; returns what was stored.
    PendingConsent open(PendingConsent pending);

    enum class Check
    {
        Ok,
        Unknown,   // no such txn, or it expired
        BadCookie, // the cookie is missing or belongs to another request
        BadCsrf,   // missing, wrong, or already spent
    };
    // The form's POST: on Ok the csrf is spent and the pending consent returned in `out`.
    Check take(const QString& txn, const QByteArray& cookie, const QByteArray& csrf, PendingConsent* out);
    // A new csrf for the form shown again (a wrong password); nullopt if the request is gone.
    std::optional<PendingConsent> renew(const QString& txn);
    // One more wrong password; true when that was the last try and the request is dropped.
    bool recordFailure(const QString& txn);
    void drop(const QString& txn);
    // Part of Provider::revokeClient: the client's open forms go. How many.
    int forgetClient(const QString& clientId);
    int size() const;

private:
    void prune(); // m_mutex held

    const Clock& m_clock;
    mutable QMutex m_mutex;
    QList<PendingConsent> m_open; // oldest first
};

// Constant-time equality of two secrets (different sizes compare unequal).
bool sameSecret(const QByteArray& a, const QByteArray& b);

} // namespace tokenpass::oauth
