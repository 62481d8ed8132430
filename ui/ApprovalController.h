#pragma once

#include "Clock.h"
#include "access/ApprovalBroker.h"
#include "wallet/Bap.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QDialog;

namespace tokenpass::ui {

class ConsentDialog;
class SignApprovalDialog;

// The UI side of the ApprovalBroker (DESIGN.md "Consent and approval model"): one dialog per
// request the broker shows, answered back to the broker. The broker stays the single source of
// truth for timeouts and lock: when it finishes a request on its own, the dialog just closes.
//
// "Allow this site for 15 minutes" lives here, as a short in-memory allowance: later sign,
// encrypt and decrypt requests from that host are approved without a dialog until it expires.
// It is never written down, so a restart or a lock ends it.
class ApprovalController : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kAllowForAWhileMs = 15 * 60 * 1000;

    using IdentitySource = std::function<QList<wallet::BapIdentity>()>;
    using SeedSource = std::function<QString()>;

    explicit ApprovalController(access::ApprovalBroker* broker, const Clock& clock = Clock::system(),
                                QObject* parent = nullptr);
    ~ApprovalController() override;

    // Where the consent dialog gets the identities and the security image from.
    void setIdentitySource(IdentitySource source) { m_identities = std::move(source); }
    void setIdenticonSeedSource(SeedSource source) { m_seed = std::move(source); }

    int pendingCount() const { return int(m_dialogs.size()); }
    QDialog* dialogFor(quint64 id) const;
    bool allowedForAWhile(const QString& host) const;

public Q_SLOTS:
    void showPending();      // raises every open approval dialog
    void forgetAllowances(); // on lock

Q_SIGNALS:
    void pendingCountChanged(int count);

private:
    void onRequested(const access::ApprovalRequest& request);
    void onRefocused(quint64 id);
    void onFinished(quint64 id, access::ApprovalOutcome outcome);
    void track(quint64 id, QDialog* dialog);
    static void present(QDialog* dialog);

    QPointer<access::ApprovalBroker> m_broker;
    const Clock& m_clock;
    IdentitySource m_identities;
    SeedSource m_seed;
    QHash<quint64, QPointer<QDialog>> m_dialogs;
    QHash<QString, qint64> m_allowedUntil; // host -> ms since the epoch
};

} // namespace tokenpass::ui
