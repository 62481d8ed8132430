#pragma once

#include "access/ApprovalBroker.h"

#include <QDialog>

class QCheckBox;
class QPlainTextEdit;
class QPushButton;

namespace tokenpass::ui {

class CountdownLabel;

// A site whose policy is "ask every time" wants a signature, an encryption or a decryption
// (DESIGN.md "Consent and approval model"). After ssh-agent's confirm and Secretive: who asks,
// exactly what, and Reject unless the person approves within the timeout.
class SignApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    // Longer content is cut to this many characters until the person asks to see all of it.
    static constexpr int kPreviewChars = 600;

    SignApprovalDialog(const access::ApprovalRequest& request, qint64 timeoutMs, QWidget* parent = nullptr);

    quint64 requestId() const { return m_request.id; }
    void dismiss(); // the broker already finished the request (timeout, lock)

Q_SIGNALS:
    // allowForAWhile: "Allow this site without asking for 15 minutes" was ticked.
    void approved(quint64 id, bool allowForAWhile);
    void rejectedRequest(quint64 id);

public Q_SLOTS:
    void reject() override;

private:
    void approve();
    void showAll();

    access::ApprovalRequest m_request;
    QPlainTextEdit* m_content = nullptr;
    QPushButton* m_showAll = nullptr;
    QCheckBox* m_allowForAWhile = nullptr;
    CountdownLabel* m_countdown = nullptr;
    bool m_decided = false;
};

} // namespace tokenpass::ui
