#pragma once

#include "ApprovalDialog.h"
#include "access/ApprovalBroker.h"
#include "access/Grants.h"
#include "wallet/Bap.h"

#include <QList>

class QCheckBox;
class QComboBox;

namespace tokenpass::ui {

// A new site asks to connect (password-less /api/auth, DESIGN.md "Consent and approval model").
// After KeePassXC's browser access dialog: who asks, what for, each scope can be unticked, and
// deny is what happens unless the person says otherwise (Deny, Esc, closing, or the timeout).
// A view only: it reports the decision and never touches the broker or the grants.
class ConsentDialog : public ApprovalDialog
{
    Q_OBJECT
public:
    ConsentDialog(const access::ApprovalRequest& request, const QList<wallet::BapIdentity>& identities,
                  const QString& identiconSeed, qint64 timeoutMs, QWidget* parent = nullptr);

    // The grant the current choices describe.
    access::Grant grant() const;

    // The durations offered, as Grant::duration values (DESIGN.md: 1h, 1d, 1w, 1m, forever).
    static QStringList durations();

Q_SIGNALS:
    void allowed(quint64 id, const tokenpass::access::Grant& grant);
    void denied(quint64 id);

protected:
    void reportApproval() override;
    void reportRejection() override;

private:
    access::ApprovalRequest m_request;
    QList<QCheckBox*> m_scopeBoxes;
    QComboBox* m_duration = nullptr;
    QComboBox* m_identity = nullptr;
    QComboBox* m_policy = nullptr;
};

} // namespace tokenpass::ui
