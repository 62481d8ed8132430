#pragma once

#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "wallet/Bap.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QDialog;

namespace tokenpass::ui {

class ConsentDialog;
class SignApprovalDialog;

// The UI side of the ApprovalBroker (DESIGN.md "Consent and approval model"): one dialog per
// request the broker shows, and the person's answer reported back to the broker. A view only:
// what an answer leaves behind (a grant, "allow this site for 15 minutes") is recorded by
// access::Gatekeeper, and timeouts and lock are the broker's: when it finishes a request on its
// own, the dialog just closes.
class ApprovalController : public QObject
{
    Q_OBJECT
public:
    // How long "Allow this site for 15 minutes" lasts (the Gatekeeper keeps the allowance).
    static constexpr qint64 kAllowForAWhileMs = access::Gatekeeper::kAllowForAWhileMs;

    using IdentitySource = std::function<QList<wallet::BapIdentity>()>;
    using SeedSource = std::function<QString()>;
    // OAUTH.md "Locked wallet": before an OAuth consent, the wallet must be open (the token needs
    // its keys, and the chooser its identities). The gate calls `done(true)` at once when it is,
    // else shows the unlock dialog and calls `done` with whether it unlocked.
    using UnlockGate = std::function<void(std::function<void(bool unlocked)> done)>;

    explicit ApprovalController(access::ApprovalBroker* broker, QObject* parent = nullptr);
    ~ApprovalController() override;

    // Where the consent dialog gets the identities and the security image from.
    void setIdentitySource(IdentitySource source) { m_identities = std::move(source); }
    void setIdenticonSeedSource(SeedSource source) { m_seed = std::move(source); }
    void setUnlockGate(UnlockGate gate) { m_unlockGate = std::move(gate); }

    int pendingCount() const { return int(m_dialogs.size()); }
    QDialog* dialogFor(quint64 id) const;

public Q_SLOTS:
    void showPending(); // raises every open approval dialog

Q_SIGNALS:
    void pendingCountChanged(int count);

private:
    void onRequested(const access::ApprovalRequest& request);
    void onRefocused(quint64 id);
    void onFinished(quint64 id, access::ApprovalOutcome outcome);
    void track(quint64 id, QDialog* dialog);
    void showOAuthConsent(const access::ApprovalRequest& request);

    QPointer<access::ApprovalBroker> m_broker;
    IdentitySource m_identities;
    SeedSource m_seed;
    UnlockGate m_unlockGate;
    QSet<quint64> m_unlocking; // OAuth consents waiting for the unlock dialog
    QHash<quint64, QPointer<QDialog>> m_dialogs;
};

} // namespace tokenpass::ui
