#include "SignApprovalDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

using access::ApprovalKind;

namespace {

QString question(ApprovalKind kind, const QString& host)
{
    const QString h = QStringLiteral("<b>%1</b>").arg(host.toHtmlEscaped());
    switch (kind) {
    case ApprovalKind::Sign:
        return SignApprovalDialog::tr("%1 asks TokenPass to sign:").arg(h);
    case ApprovalKind::Encrypt:
        return SignApprovalDialog::tr("%1 asks TokenPass to encrypt:").arg(h);
    case ApprovalKind::Decrypt:
        return SignApprovalDialog::tr("%1 asks TokenPass to decrypt:").arg(h);
    case ApprovalKind::Transaction:
        return SignApprovalDialog::tr("%1 asks TokenPass to sign a transaction:").arg(h);
    case ApprovalKind::Connect:
        break;
    }
    return SignApprovalDialog::tr("%1 asks TokenPass:").arg(h);
}

} // namespace

SignApprovalDialog::SignApprovalDialog(const access::ApprovalRequest& request, qint64 timeoutMs,
                                       QWidget* parent)
    : ApprovalDialog(
          request.id, timeoutMs, [](int s) { return tr("Rejects itself in %1 s if you do nothing.").arg(s); },
          parent),
      m_request(request)
{
    setObjectName(QStringLiteral("signApprovalDialog"));
    setWindowTitle(tr("TokenPass — approve a request from %1").arg(request.host));
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(question(request.kind, request.host), this);
    heading->setObjectName(QStringLiteral("signHost"));
    heading->setTextFormat(Qt::RichText);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    // The server already turns non-printable bytes into "hex: …" and auth tokens into the path
    // and body hash; the dialog shows that text as it is, in plain text, never as rich text.
    m_content = new QPlainTextEdit(this);
    m_content->setObjectName(QStringLiteral("signContent"));
    m_content->setAccessibleName(tr("What the site asks for"));
    m_content->setAccessibleDescription(tr("The text or data the site sent, exactly as received."));
    m_content->setReadOnly(true);
    m_content->setMinimumSize(420, 120);
    const bool longContent = request.summary.size() > kPreviewChars;
    m_content->setPlainText(longContent ? request.summary.left(kPreviewChars) + QStringLiteral("…")
                                        : request.summary);
    layout->addWidget(m_content);

    m_showAll = new QPushButton(tr("Show all %n character(s)", nullptr, int(request.summary.size())), this);
    m_showAll->setObjectName(QStringLiteral("signShowAll"));
    m_showAll->setAccessibleDescription(tr("Shows the whole content instead of its beginning."));
    m_showAll->setVisible(longContent);
    connect(m_showAll, &QPushButton::clicked, this, &SignApprovalDialog::showAll);
    layout->addWidget(m_showAll, 0, Qt::AlignLeft);

    m_allowForAWhile = new QCheckBox(tr("Allow this site without asking for 15 minutes"), this);
    m_allowForAWhile->setObjectName(QStringLiteral("signAllowForAWhile"));
    m_allowForAWhile->setAccessibleDescription(
        tr("This site's next requests of the same kind are done without asking, for 15 minutes."));
    layout->addWidget(m_allowForAWhile);

    countdown()->setObjectName(QStringLiteral("signCountdown"));
    layout->addWidget(countdown());

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* approveButton = buttons->addButton(tr("Approve"), QDialogButtonBox::AcceptRole);
    approveButton->setObjectName(QStringLiteral("signApprove"));
    approveButton->setAccessibleDescription(
        tr("Does what the site asks. It works a moment after the window opens."));
    QPushButton* rejectButton = buttons->addButton(tr("&Reject"), QDialogButtonBox::RejectRole);
    rejectButton->setObjectName(QStringLiteral("signReject"));
    rejectButton->setAccessibleDescription(tr("Refuses the request. Enter and Escape reject too."));
    // Enter rejects: approving takes a deliberate click, once the dialog has armed.
    setApproveButton(approveButton);
    setRejectButton(rejectButton);
    layout->addWidget(buttons);
}

void SignApprovalDialog::showAll()
{
    m_content->setPlainText(m_request.summary);
    m_showAll->hide();
}

void SignApprovalDialog::reportApproval()
{
    Q_EMIT approved(m_request.id, m_allowForAWhile->isChecked());
}

void SignApprovalDialog::reportRejection()
{
    Q_EMIT rejectedRequest(m_request.id);
}

} // namespace tokenpass::ui
