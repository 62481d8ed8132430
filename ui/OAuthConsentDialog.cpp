#include "OAuthConsentDialog.h"

#include "IdenticonWidget.h"
#include "access/OAuthConsents.h"
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
#include <QUrl>
#include <QVBoxLayout>

namespace tokenpass::ui {

namespace {

QString detail(const access::ApprovalRequest& request, const char* key)
{
    return request.details.value(QLatin1String(key)).toString();
}

QLabel* plainLabel(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

bool OAuthConsentDialog::isLoopbackResource(const QString& resource)
{
    const QUrl url(resource);
    const QString host = url.host().toLower();
    return url.isValid() && (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") ||
                             host == QLatin1String("::1"));
}

OAuthConsentDialog::OAuthConsentDialog(const access::ApprovalRequest& request,
                                       const QList<wallet::BapIdentity>& identities, qint64 timeoutMs,
                                       QWidget* parent)
    : ApprovalDialog(
          request.id, timeoutMs, [](int s) { return tr("Denies itself in %1 s if you do nothing.").arg(s); },
          parent),
      m_request(request), m_device(!detail(request, "oauthUserCode").isEmpty())
{
    setObjectName(QStringLiteral("oauthConsentDialog"));
    const QString clientId = detail(request, "oauthClientId");
    QString clientName = detail(request, "oauthClientName");
    if (clientName.isEmpty())
        clientName = clientId;
    setWindowTitle(m_device ? tr("TokenPass — sign in a device") : tr("TokenPass — sign in to an app"));
    auto* layout = new QVBoxLayout(this);

    // Who asks: the name is the client's own claim, so it is marked; the picture comes from the
    // client id, so two apps with one name look different.
    auto* header = new QHBoxLayout;
    auto* identicon = new IdenticonWidget(clientId, this);
    identicon->setObjectName(QStringLiteral("oauthClientIdenticon"));
    identicon->setFixedSize(64, 64);
    identicon->setToolTip(tr("This app's picture, made from its client id: another app using the same "
                             "name has a different picture."));
    identicon->setAccessibleName(tr("Picture of the app"));
    header->addWidget(identicon);
    auto* who = new QLabel(this);
    who->setObjectName(QStringLiteral("oauthClientName"));
    who->setTextFormat(Qt::RichText);
    who->setWordWrap(true);
    who->setText((m_device ? tr("<b>%1</b> <i>(unverified name)</i><br>on another device wants to sign in "
                                "with your TokenPass identity.")
                           : tr("<b>%1</b> <i>(unverified name)</i><br>wants to sign in with your "
                                "TokenPass identity."))
                     .arg(clientName.toHtmlEscaped()));
    who->setAccessibleName(tr("App name, unverified: %1").arg(clientName));
    header->addWidget(who, 1);
    layout->addLayout(header);

    auto* facts = new QFormLayout;
    if (m_device) {
        const QString code = detail(request, "oauthUserCode");
        QLabel* codeLabel =
            plainLabel(code.left(4) + QLatin1Char('-') + code.mid(4), QStringLiteral("oauthUserCode"), this);
        QFont big = codeLabel->font();
        big.setPointSizeF(big.pointSizeF() * 1.6);
        big.setBold(true);
        big.setFamily(QStringLiteral("monospace"));
        codeLabel->setFont(big);
        codeLabel->setAccessibleName(tr("Code to compare: %1").arg(codeLabel->text()));
        facts->addRow(tr("Code"), codeLabel);
        facts->addRow(QString(), plainLabel(tr("Allow only if the device shows exactly this code."),
                                            QStringLiteral("oauthUserCodeHint"), this));
    } else {
        QLabel* redirect =
            plainLabel(detail(request, "oauthRedirectHost"), QStringLiteral("oauthRedirectHost"), this);
        redirect->setAccessibleName(tr("Returns to %1").arg(redirect->text()));
        facts->addRow(tr("Returns to"), redirect);
    }
    const QString resource = detail(request, "oauthResource");
    QLabel* resourceLabel =
        plainLabel(resource.isEmpty() ? tr("TokenPass only (no resource named)") : resource,
                   QStringLiteral("oauthResource"), this);
    resourceLabel->setAccessibleName(tr("Token for %1").arg(resourceLabel->text()));
    facts->addRow(tr("Token for"), resourceLabel);
    if (!resource.isEmpty() && !isLoopbackResource(resource)) {
        auto* warning = new QLabel(this);
        warning->setObjectName(QStringLiteral("oauthResourceWarning"));
        warning->setWordWrap(true);
        warning->setTextFormat(Qt::PlainText);
        warning->setText(
            tr("Warning: this is not on this computer. A remote service will receive the token."));
        warning->setStyleSheet(QStringLiteral("color: #b45309; font-weight: bold;"));
        warning->setAccessibleName(warning->text());
        facts->addRow(QString(), warning);
    }
    layout->addLayout(facts);

    addScopes(layout, request.details.value(QStringLiteral("scopes")).toStringList());

    auto* choices = new QFormLayout;
    m_identity = new QComboBox(this);
    m_identity->setObjectName(QStringLiteral("oauthIdentity"));
    m_identity->setAccessibleName(tr("Identity to sign in as"));
    for (const auto& id : identities) // the primary first, preselected
        m_identity->addItem(id.name.isEmpty() ? id.identityKey : id.name, id.identityKey);
    m_identity->addItem(tr("A private identity for this app"), access::privateIdentityFor(clientId));
    const QVariantList earlier = request.details.value(QStringLiteral("oauthPrivateIdentities")).toList();
    for (const QVariant& v : earlier) {
        const QVariantMap id = v.toMap();
        m_identity->addItem(
            tr("The private identity used with %1").arg(id.value(QStringLiteral("clientName")).toString()),
            id.value(QStringLiteral("identity")).toString());
    }
    m_identity->setToolTip(tr("A private identity is a key for this app only: apps cannot tell that it "
                              "is you."));
    const int remembered = m_identity->findData(detail(request, "identity"));
    m_identity->setCurrentIndex(remembered >= 0 ? remembered : 0);
    choices->addRow(tr("Sign in &as"), m_identity);
    layout->addLayout(choices);

    m_remember = new QCheckBox(tr("&Remember this decision"), this);
    m_remember->setObjectName(QStringLiteral("oauthRemember"));
    m_remember->setAccessibleName(tr("Remember this decision"));
    m_remember->setToolTip(tr("Next time this app asks for the same or fewer permissions as the same "
                              "identity, TokenPass lets it in without asking."));
    m_remember->setVisible(!m_device); // a device is asked every time: its code must be compared
    layout->addWidget(m_remember);

    countdown()->setObjectName(QStringLiteral("oauthCountdown"));
    layout->addWidget(countdown());

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* allowButton = buttons->addButton(tr("Allow"), QDialogButtonBox::AcceptRole);
    allowButton->setObjectName(QStringLiteral("oauthAllow"));
    allowButton->setAccessibleName(tr("Allow the sign-in"));
    QPushButton* denyButton = buttons->addButton(tr("&Deny"), QDialogButtonBox::RejectRole);
    denyButton->setObjectName(QStringLiteral("oauthDeny"));
    denyButton->setAccessibleName(tr("Deny the sign-in"));
    // Enter must not sign in by accident: the default is Deny, Allow arms after a moment.
    setApproveButton(allowButton);
    setRejectButton(denyButton);
    layout->addWidget(buttons);
}

void OAuthConsentDialog::addScopes(QVBoxLayout* layout, const QStringList& scopes)
{
    auto* box = new QGroupBox(tr("It will be able to"), this);
    box->setObjectName(QStringLiteral("oauthScopes"));
    auto* list = new QVBoxLayout(box);
    if (scopes.isEmpty())
        list->addWidget(new QLabel(tr("Confirm who you are (no other access)"), box));
    for (const QString& scope : scopes) {
        const access::ScopeWords words = access::scopeWords(scope);
        QString text = QStringLiteral("• %1: %2").arg(words.label, words.explanation);
        if (words.movesMoney)
            text = tr("%1 (moves money)").arg(text);
        QLabel* line = plainLabel(text, QStringLiteral("oauthScope_") + scope, box);
        line->setProperty("scope", scope);
        line->setProperty("movesMoney", words.movesMoney);
        line->setToolTip(tr("Scope: %1").arg(scope));
        line->setAccessibleName(text);
        if (words.movesMoney) { // marked twice: the words and the colour, with a warning icon
            line->setStyleSheet(QStringLiteral("color: #b45309; font-weight: bold;"));
            auto* row = new QHBoxLayout;
            auto* icon = new QLabel(box);
            icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
            icon->setAccessibleName(tr("Moves money"));
            row->addWidget(icon);
            row->addWidget(line, 1);
            list->addLayout(row);
        } else {
            list->addWidget(line);
        }
    }
    layout->addWidget(box);
}

access::ConsentChoice OAuthConsentDialog::choice() const
{
    access::ConsentChoice c;
    c.identity = m_identity->currentData().toString();
    c.remember = !m_device && m_remember->isChecked();
    return c;
}

void OAuthConsentDialog::reportApproval()
{
    Q_EMIT allowed(m_request.id, choice());
}

void OAuthConsentDialog::reportRejection()
{
    Q_EMIT denied(m_request.id);
}

} // namespace tokenpass::ui
