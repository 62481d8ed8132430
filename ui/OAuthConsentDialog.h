#pragma once

#include "ApprovalDialog.h"
#include "access/ApprovalBroker.h"
#include "wallet/Bap.h"

#include <QList>

class QCheckBox;
class QComboBox;
class QVBoxLayout;

namespace tokenpass::ui {

// An OAuth client asks to sign in (OAUTH.md §5.2 rule 7, issue 16 item 3): the native consent
// dialog of GUI mode, for /oauth/authorize and, with the user code to compare, the device flow.
// It shows the client name (marked unverified) with the client's identicon, the redirect host,
// the resource (a warning when it is not loopback), the scopes in plain words (money marked),
// the identity chooser (the BAP identities, "a private identity for this app", and private
// identities used with earlier clients) and "remember this decision". Deny is what happens unless
// the person says otherwise (Deny, Esc, closing, the timeout); Allow is never the default and
// arms after a moment (ApprovalDialog). A view only: the Gatekeeper records the answer.
class OAuthConsentDialog : public ApprovalDialog
{
    Q_OBJECT
public:
    OAuthConsentDialog(const access::ApprovalRequest& request, const QList<wallet::BapIdentity>& identities,
                       qint64 timeoutMs, QWidget* parent = nullptr);

    // The choices as they stand: the identity and "remember".
    access::ConsentChoice choice() const;
    bool isDeviceRequest() const { return m_device; }

    // A resource the token may be sent to without a warning (RFC 8252 loopback hosts).
    static bool isLoopbackResource(const QString& resource);

Q_SIGNALS:
    void allowed(quint64 id, const tokenpass::access::ConsentChoice& choice);
    void denied(quint64 id);

protected:
    void reportApproval() override;
    void reportRejection() override;

private:
    void addScopes(QVBoxLayout* layout, const QStringList& scopes);

    access::ApprovalRequest m_request;
    bool m_device = false;
    QComboBox* m_identity = nullptr;
    QCheckBox* m_remember = nullptr;
};

} // namespace tokenpass::ui
