#include "ConsentDialog.h"

#include "IdenticonWidget.h"
#include "access/ScopeWords.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace tokenpass::ui {

using access::SigningPolicy;

QStringList ConsentDialog::durations()
{
    return {QStringLiteral("1h"), QStringLiteral("1d"), QStringLiteral("1w"), QStringLiteral("1m"),
            QStringLiteral("forever")};
}

ConsentDialog::ConsentDialog(const access::ApprovalRequest& request,
                             const QList<wallet::BapIdentity>& identities, const QString& identiconSeed,
                             qint64 timeoutMs, QWidget* parent)
    : ApprovalDialog(
          request.id, timeoutMs, [](int s) { return tr("Denies itself in %1 s if you do nothing.").arg(s); },
          parent),
      m_request(request)
{
    setObjectName(QStringLiteral("consentDialog"));
    setWindowTitle(tr("TokenPass — %1 wants to connect").arg(request.host));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    auto* identicon = new IdenticonWidget(identiconSeed, this);
    identicon->setFixedSize(64, 64);
    header->addWidget(identicon);
    auto* hostLabel = new QLabel(this);
    hostLabel->setObjectName(QStringLiteral("consentHost"));
    hostLabel->setTextFormat(Qt::RichText);
    hostLabel->setWordWrap(true);
    QString who = QStringLiteral("<b>%1</b>").arg(request.host.toHtmlEscaped());
    if (!request.origin.isEmpty() && request.origin != request.host)
        who += QStringLiteral("<br><small>%1</small>").arg(tr("from %1").arg(request.origin.toHtmlEscaped()));
    hostLabel->setText(tr("%1<br>wants to use your TokenPass wallet.").arg(who));
    header->addWidget(hostLabel, 1);
    layout->addLayout(header);

    auto* scopesBox = new QGroupBox(tr("Allow it to"), this);
    auto* scopesLayout = new QVBoxLayout(scopesBox);
    const QStringList scopes = request.details.value(QStringLiteral("scopes")).toStringList();
    // A site that already has a grant and asks for more: say which scopes are new.
    const QStringList newScopes = request.details.value(QStringLiteral("newScopes")).toStringList();
    if (scopes.isEmpty())
        scopesLayout->addWidget(new QLabel(tr("Confirm who you are (no other access)"), scopesBox));
    for (const QString& scope : scopes) {
        const bool isNew = newScopes.contains(scope);
        const access::ScopeWords words = access::scopeWords(scope);
        auto* box = new QCheckBox(isNew ? tr("%1 (new)").arg(words.label) : words.label, scopesBox);
        box->setObjectName(QStringLiteral("scope_") + scope);
        box->setProperty("scope", scope); // the text may gain an accelerator '&'
        box->setProperty("newScope", isNew);
        box->setProperty("movesMoney", words.movesMoney);
        box->setToolTip(tr("API scope: %1").arg(scope));
        QString explanation = words.explanation;
        if (words.movesMoney) {
            // Money is marked twice: a warning icon on the box and the words "moves money".
            box->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            explanation = tr("%1. Moves money: every payment still needs your approval.").arg(explanation);
        }
        if (isNew) {
            QFont bold = box->font();
            bold.setBold(true);
            box->setFont(bold);
            explanation += QLatin1Char(' ') + tr("(Not allowed to this site before.)");
        }
        box->setAccessibleDescription(explanation);
        box->setChecked(true);
        scopesLayout->addWidget(box);
        auto* line = new QLabel(explanation, scopesBox);
        line->setObjectName(QStringLiteral("scopeText_") + scope);
        line->setTextFormat(Qt::PlainText);
        line->setWordWrap(true);
        line->setContentsMargins(24, 0, 0, 4); // under the box's text, not its tick
        if (words.movesMoney)
            line->setStyleSheet(QStringLiteral("color: #b45309;"));
        scopesLayout->addWidget(line);
        m_scopeBoxes.append(box);
    }
    layout->addWidget(scopesBox);

    auto* form = new QFormLayout;
    m_duration = new QComboBox(this);
    m_duration->setObjectName(QStringLiteral("consentDuration"));
    m_duration->setAccessibleName(tr("How long the site may connect"));
    m_duration->setAccessibleDescription(tr("After this time the site has to ask again."));
    const QStringList labels = {tr("1 hour"), tr("1 day"), tr("1 week"), tr("1 month"), tr("Forever")};
    const QStringList values = durations();
    for (int i = 0; i < values.size(); ++i)
        m_duration->addItem(labels.at(i), values.at(i));
    const int asked = m_duration->findData(request.details.value(QStringLiteral("expiry")).toString());
    m_duration->setCurrentIndex(asked >= 0 ? asked : 0);
    form->addRow(tr("&For"), m_duration);

    m_identity = new QComboBox(this);
    m_identity->setObjectName(QStringLiteral("consentIdentity"));
    m_identity->setAccessibleName(tr("Identity to use"));
    m_identity->setAccessibleDescription(tr("Which of your identities the site sees."));
    for (const auto& id : identities)
        m_identity->addItem(id.name.isEmpty() ? id.identityKey : id.name, id.identityKey);
    const int wanted = m_identity->findData(request.details.value(QStringLiteral("identity")).toString());
    if (wanted >= 0)
        m_identity->setCurrentIndex(wanted);
    m_identity->setEnabled(m_identity->count() > 1);
    form->addRow(tr("A&s"), m_identity);

    m_policy = new QComboBox(this);
    m_policy->setObjectName(QStringLiteral("consentPolicy"));
    m_policy->addItem(tr("Ask me every time"), int(SigningPolicy::AskEveryTime));
    m_policy->addItem(tr("Allow without asking"), int(SigningPolicy::Allow));
    m_policy->setToolTip(tr("What happens when the site asks to sign, encrypt or decrypt."));
    // A site asking for more keeps the policy the person chose before, unless they change it.
    const QVariant current = request.details.value(QStringLiteral("policy"));
    if (current.isValid())
        m_policy->setCurrentIndex(qMax(0, m_policy->findData(current.toInt())));
    form->addRow(tr("Si&gning"), m_policy);
    layout->addLayout(form);

    countdown()->setObjectName(QStringLiteral("consentCountdown"));
    layout->addWidget(countdown());

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* allowButton = buttons->addButton(tr("Allow"), QDialogButtonBox::AcceptRole);
    allowButton->setObjectName(QStringLiteral("consentAllow"));
    allowButton->setAccessibleDescription(
        tr("Gives the site the access ticked above. It works a moment after the window opens."));
    QPushButton* denyButton = buttons->addButton(tr("&Deny"), QDialogButtonBox::RejectRole);
    denyButton->setObjectName(QStringLiteral("consentDeny"));
    denyButton->setAccessibleDescription(tr("Refuses: the site gets no access. Enter and Escape deny too."));
    // Enter must not grant access by accident: the default is Deny, Allow arms after a moment.
    setApproveButton(allowButton);
    setRejectButton(denyButton);
    layout->addWidget(buttons);
}

access::Grant ConsentDialog::grant() const
{
    access::Grant g;
    g.host = m_request.host;
    for (const QCheckBox* box : m_scopeBoxes) {
        if (box->isChecked())
            g.scopes.append(box->property("scope").toString());
    }
    g.duration = m_duration->currentData().toString();
    g.identity = m_identity->currentData().toString();
    g.policy = SigningPolicy(m_policy->currentData().toInt());
    return g;
}

void ConsentDialog::reportApproval()
{
    Q_EMIT allowed(m_request.id, grant());
}

void ConsentDialog::reportRejection()
{
    Q_EMIT denied(m_request.id);
}

} // namespace tokenpass::ui
