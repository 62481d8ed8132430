#include "ApprovalController.h"

#include "ApprovalDialog.h"
#include "ConsentDialog.h"
#include "OAuthConsentDialog.h"
#include "ShowAndRaise.h"
#include "SignApprovalDialog.h"
#include "TxApprovalDialog.h"

namespace tokenpass::ui {

using access::ApprovalKind;

ApprovalController::ApprovalController(access::ApprovalBroker* broker, QObject* parent)
    : QObject(parent), m_broker(broker)
{
    connect(broker, &access::ApprovalBroker::approvalRequested, this, &ApprovalController::onRequested);
    connect(broker, &access::ApprovalBroker::approvalRefocused, this, &ApprovalController::onRefocused);
    connect(broker, &access::ApprovalBroker::approvalFinished, this, &ApprovalController::onFinished);
}

ApprovalController::~ApprovalController()
{
    // Quitting with a dialog open: the broker (if it still exists) sees a denial, never a hang.
    const auto dialogs = std::exchange(m_dialogs, {});
    for (auto it = dialogs.begin(); it != dialogs.end(); ++it) {
        if (m_broker)
            m_broker->deny(it.key());
        delete it.value().data();
    }
}

QDialog* ApprovalController::dialogFor(quint64 id) const
{
    return m_dialogs.value(id).data();
}

void ApprovalController::track(quint64 id, QDialog* dialog)
{
    m_dialogs.insert(id, dialog);
    // However the dialog goes away, it stops counting as pending.
    connect(dialog, &QObject::destroyed, this, [this, id] {
        if (m_dialogs.remove(id))
            Q_EMIT pendingCountChanged(pendingCount());
    });
    Q_EMIT pendingCountChanged(pendingCount());
    showAndRaise(dialog);
}

void ApprovalController::onRequested(const access::ApprovalRequest& request)
{
    if (!m_broker)
        return;
    if (m_dialogs.contains(request.id)) {
        onRefocused(request.id);
        return;
    }
    const qint64 timeoutMs = m_broker->timeout(request.kind);
    if (request.kind == ApprovalKind::Connect && access::isOAuthClientHost(request.host)) {
        if (!m_unlockGate)
            return showOAuthConsent(request);
        if (m_unlocking.contains(request.id))
            return;
        // A locked wallet: the unlock dialog first, then the consent (OAUTH.md "Locked wallet").
        m_unlocking.insert(request.id);
        const QPointer<ApprovalController> self(this);
        m_unlockGate([self, request](bool unlocked) {
            if (!self || !self->m_unlocking.remove(request.id) || !self->m_broker)
                return; // decided meanwhile (timeout, lock)
            if (unlocked)
                self->showOAuthConsent(request);
            else
                self->m_broker->deny(request.id); // the unlock was cancelled: no sign-in
        });
        return;
    }
    if (request.kind == ApprovalKind::Connect) {
        const QList<wallet::BapIdentity> identities =
            m_identities ? m_identities() : QList<wallet::BapIdentity>{};
        auto* dialog = new ConsentDialog(request, identities, m_seed ? m_seed() : QString(), timeoutMs);
        connect(dialog, &ConsentDialog::allowed, this, [this](quint64 id, const access::Grant& grant) {
            if (m_broker)
                m_broker->approve(id, {grant, false});
        });
        connect(dialog, &ConsentDialog::denied, this, [this](quint64 id) {
            if (m_broker)
                m_broker->deny(id);
        });
        track(request.id, dialog);
        return;
    }
    if (request.kind == ApprovalKind::Transaction) {
        const auto view =
            request.details.value(QLatin1String(tx::kTransactionDetail)).value<tx::TransactionViewPtr>();
        if (!view) { // nothing to show: never approve what cannot be seen
            m_broker->deny(request.id);
            return;
        }
        auto* dialog = new TxApprovalDialog(request, view, timeoutMs);
        connect(dialog, &ApprovalDialog::decided, this, [this](quint64 id, bool approved) {
            if (!m_broker)
                return;
            if (approved)
                m_broker->approve(id);
            else
                m_broker->deny(id);
        });
        track(request.id, dialog);
        return;
    }
    auto* dialog = new SignApprovalDialog(request, timeoutMs);
    connect(dialog, &SignApprovalDialog::approved, this, [this](quint64 id, bool allowForAWhile) {
        if (m_broker)
            m_broker->approve(id, {std::nullopt, allowForAWhile});
    });
    connect(dialog, &SignApprovalDialog::rejectedRequest, this, [this](quint64 id) {
        if (m_broker)
            m_broker->deny(id);
    });
    track(request.id, dialog);
}

void ApprovalController::showOAuthConsent(const access::ApprovalRequest& request)
{
    const QList<wallet::BapIdentity> identities =
        m_identities ? m_identities() : QList<wallet::BapIdentity>{};
    auto* dialog = new OAuthConsentDialog(request, identities, m_broker->timeout(request.kind));
    connect(dialog, &OAuthConsentDialog::allowed, this,
            [this](quint64 id, const access::ConsentChoice& choice) {
                if (m_broker)
                    m_broker->approve(id, {std::nullopt, false, choice});
            });
    connect(dialog, &OAuthConsentDialog::denied, this, [this](quint64 id) {
        if (m_broker)
            m_broker->deny(id);
    });
    track(request.id, dialog);
}

void ApprovalController::onRefocused(quint64 id)
{
    if (QDialog* dialog = dialogFor(id))
        showAndRaise(dialog);
}

void ApprovalController::onFinished(quint64 id, access::ApprovalOutcome)
{
    m_unlocking.remove(id); // an unlock dialog still open stays: the person may still want it
    QDialog* dialog = dialogFor(id);
    if (!dialog)
        return;
    // Decided elsewhere (timeout, lock, or this dialog's own answer): close without answering again.
    if (auto* approval = qobject_cast<ApprovalDialog*>(dialog))
        approval->dismiss();
}

void ApprovalController::showPending()
{
    for (const auto& dialog : std::as_const(m_dialogs)) {
        if (dialog)
            showAndRaise(dialog);
    }
}

} // namespace tokenpass::ui
