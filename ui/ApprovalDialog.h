#pragma once

#include "CountdownLabel.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QPushButton;

namespace tokenpass::ui {

// The part every "may this site do this?" dialog shares (DESIGN.md "Consent and approval model"):
// ConsentDialog, SignApprovalDialog, and any later one derive from it.
//
// API, for a derived dialog:
//   - Construct with the request id, the timeout and the countdown's text. The timeout starts at
//     once; countdown() is the label that shows it (put it in your layout).
//   - setApproveButton(b): b is never the default button (autoDefault off), has no mnemonic or
//     shortcut (an '&' in its text is dropped), and stays disabled for kArmingDelayMs after the
//     dialog is first shown, so a stray Enter, letter or click meant for another window cannot
//     approve. Clicking it (or Space once it has focus) calls approve().
//   - setRejectButton(b): b is the default button (Enter rejects, and so does Esc); clicking it
//     calls reject().
//   - Override reportApproval() / reportRejection() to emit the dialog's own, richer signals; they
//     run once, just before decided().
//   - The dialog is top-level, stays on top, and deletes itself on close (WA_DeleteOnClose).
// For its owner:
//   - decided(id, approved) is emitted exactly once, unless dismiss() came first. Rejecting covers
//     the Reject button, Esc, the window's close button and the timeout: doing nothing means no.
//   - dismiss() closes without a decision (the broker already finished the request: timeout, lock).
class ApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kArmingDelayMs = 500;

    ApprovalDialog(quint64 requestId, qint64 timeoutMs, CountdownLabel::Format countdownText,
                   QWidget* parent = nullptr);

    quint64 requestId() const { return m_requestId; }
    bool isDecided() const { return m_decided; }
    // Whether the arming delay has passed since the dialog was first shown.
    bool isArmed() const { return m_armed; }

    void dismiss();

public Q_SLOTS:
    // The approve button; ignored before the dialog is armed and after any decision.
    void approve();
    // The reject button, Esc, closing and the timeout all land here.
    void reject() override;

Q_SIGNALS:
    void decided(quint64 id, bool approved);

protected:
    CountdownLabel* countdown() const { return m_countdown; }
    void setApproveButton(QPushButton* button);
    void setRejectButton(QPushButton* button);

    virtual void reportApproval() {}
    virtual void reportRejection() {}

    void showEvent(QShowEvent* event) override;

private:
    void arm();
    void updateApproveButton();
    // True when this call made the decision (the first one).
    bool decide();

    quint64 m_requestId;
    CountdownLabel* m_countdown;
    QPointer<QPushButton> m_approveButton;
    QTimer m_arming;
    bool m_armed = false;
    bool m_decided = false;
};

} // namespace tokenpass::ui
