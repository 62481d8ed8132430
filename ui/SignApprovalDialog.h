#pragma once

#include "ApprovalDialog.h"
#include "access/ApprovalBroker.h"

class QCheckBox;
class QPlainTextEdit;
class QPushButton;

namespace tokenpass::ui {

// A site whose policy is "ask every time" wants a signature, an encryption or a decryption
// (DESIGN.md "Consent and approval model"). After ssh-agent's confirm and Secretive: who asks,
// exactly what, and Reject unless the person approves within the timeout.
class SignApprovalDialog : public ApprovalDialog
{
    Q_OBJECT
public:
    // Longer content is cut to this many characters until the person asks to see all of it.
    static constexpr int kPreviewChars = 600;

    SignApprovalDialog(const access::ApprovalRequest& request, qint64 timeoutMs, QWidget* parent = nullptr);

Q_SIGNALS:
    // allowForAWhile: "Allow this site without asking for 15 minutes" was ticked.
    void approved(quint64 id, bool allowForAWhile);
    void rejectedRequest(quint64 id);

protected:
    void reportApproval() override;
    void reportRejection() override;

private:
    void showAll();

    access::ApprovalRequest m_request;
    QPlainTextEdit* m_content = nullptr;
    QPushButton* m_showAll = nullptr;
    QCheckBox* m_allowForAWhile = nullptr;
};

} // namespace tokenpass::ui
