#include "ApprovalDialog.h"

#include <QKeySequence>
#include <QPushButton>

namespace tokenpass::ui {

ApprovalDialog::ApprovalDialog(quint64 requestId, qint64 timeoutMs, CountdownLabel::Format countdownText,
                               QWidget* parent)
    : QDialog(parent), m_requestId(requestId), m_countdown(new CountdownLabel(std::move(countdownText), this))
{
    // Top-level and above other windows: the request comes from a browser the person is looking at.
    setWindowFlag(Qt::WindowStaysOnTopHint);
    setAttribute(Qt::WA_DeleteOnClose);

    m_arming.setSingleShot(true);
    m_arming.setInterval(kArmingDelayMs);
    connect(&m_arming, &QTimer::timeout, this, &ApprovalDialog::arm);

    connect(m_countdown, &CountdownLabel::expired, this, &ApprovalDialog::reject);
    if (timeoutMs > 0)
        m_countdown->start(timeoutMs);
    else // expiring now would reject before the derived dialog exists to report it
        QMetaObject::invokeMethod(this, &ApprovalDialog::reject, Qt::QueuedConnection);
}

void ApprovalDialog::setApproveButton(QPushButton* button)
{
    m_approveButton = button;
    // Enter must never approve by accident.
    button->setAutoDefault(false);
    button->setDefault(false);
    // Nor a stray letter: no mnemonic (an unescaped '&' in the text) and no shortcut. "&&" stays,
    // it is a literal ampersand.
    QString text = button->text();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('&'))
                ++i;
            else
                text.remove(i--, 1);
        }
    }
    button->setText(text);
    button->setShortcut(QKeySequence());
    connect(button, &QPushButton::clicked, this, &ApprovalDialog::approve);
    updateApproveButton();
}

void ApprovalDialog::setRejectButton(QPushButton* button)
{
    button->setDefault(true);
    connect(button, &QPushButton::clicked, this, &ApprovalDialog::reject);
}

void ApprovalDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    // Armed once, counted from the first time the person could see the dialog.
    if (!m_armed && !m_arming.isActive())
        m_arming.start();
}

void ApprovalDialog::arm()
{
    m_armed = true;
    updateApproveButton();
}

void ApprovalDialog::updateApproveButton()
{
    if (m_approveButton)
        m_approveButton->setEnabled(m_armed && !m_decided);
}

bool ApprovalDialog::decide()
{
    if (m_decided)
        return false;
    m_decided = true;
    m_countdown->stop();
    m_arming.stop();
    updateApproveButton(); // nothing is left to approve
    return true;
}

void ApprovalDialog::approve()
{
    if (!m_armed || !decide())
        return;
    reportApproval();
    Q_EMIT decided(m_requestId, true);
    QDialog::accept();
}

void ApprovalDialog::dismiss()
{
    decide();
    QDialog::reject();
}

void ApprovalDialog::reject()
{
    if (decide()) {
        reportRejection();
        Q_EMIT decided(m_requestId, false);
    }
    QDialog::reject();
}

} // namespace tokenpass::ui
