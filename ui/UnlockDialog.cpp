#include "UnlockDialog.h"

#include "AppIcon.h"
#include "CountdownLabel.h"
#include "SecretFields.h"
#include "store/UnlockBackoff.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

UnlockDialog::UnlockDialog(Unlock unlock, store::UnlockBackoff* backoff, QWidget* parent)
    : QDialog(parent), m_unlock(std::move(unlock)), m_backoff(backoff)
{
    setObjectName(QStringLiteral("unlockDialog"));
    setWindowTitle(tr("Unlock TokenPass"));
    setWindowIcon(appIcon(IconState::Locked));

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Enter your wallet password to unlock TokenPass."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("unlockPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_password->installEventFilter(this);
    connect(m_password, &QLineEdit::textChanged, this, &UnlockDialog::updateButtons);
    connect(m_password, &QLineEdit::returnPressed, this, &UnlockDialog::submit);
    layout->addWidget(m_password);

    m_show = new QCheckBox(tr("Show password"), this);
    m_show->setObjectName(QStringLiteral("unlockShowPassword"));
    connect(m_show, &QCheckBox::toggled, this,
            [this](bool on) { m_password->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    layout->addWidget(m_show);

    m_capsLock = new QLabel(tr("Caps Lock is on."), this);
    m_capsLock->setObjectName(QStringLiteral("unlockCapsLock"));
    m_capsLock->setStyleSheet(QStringLiteral("color: #b45309;"));
    m_capsLock->hide();
    layout->addWidget(m_capsLock);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("unlockMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    layout->addWidget(m_message);

    m_wait = new CountdownLabel(
        [](int s) { return tr("Too many wrong passwords. You can try again in %1 s.").arg(s); }, this);
    m_wait->setObjectName(QStringLiteral("unlockWait"));
    connect(m_wait, &CountdownLabel::expired, this, &UnlockDialog::updateButtons);
    layout->addWidget(m_wait);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("unlockProgress"));
    m_progress->setRange(0, 0); // busy: PBKDF2 gives no progress to report
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);

    auto* buttons = new QDialogButtonBox(this);
    m_unlockButton = buttons->addButton(tr("Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("unlockCancel"));
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &UnlockDialog::reject);
    layout->addWidget(buttons);

    setMinimumWidth(360);
    refreshBackoff();
    updateButtons();
}

void UnlockDialog::refreshBackoff()
{
    const qint64 waitMs = m_backoff ? m_backoff->msUntilAllowed() : 0;
    if (waitMs > 0)
        m_wait->start(waitMs);
    else
        m_wait->stop();
}

void UnlockDialog::updateButtons()
{
    m_unlockButton->setEnabled(!m_busy && !m_wait->isRunning() && !m_password->text().isEmpty());
    m_password->setEnabled(!m_busy);
}

void UnlockDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_cancelButton->setEnabled(!busy);
    updateButtons();
}

void UnlockDialog::submit()
{
    if (m_busy || !m_unlockButton->isEnabled())
        return;
    // Checked again: the countdown only shows the wait, the store is what enforces it.
    if (m_backoff && m_backoff->msUntilAllowed() > 0) {
        refreshBackoff();
        updateButtons();
        return;
    }
    // DESIGN.md security rule 2: into a wiped buffer at once, then empty the field.
    crypto::SecureBytes password = takePassword(m_password);
    m_message->clear();
    setBusy(true);
    m_unlock(std::move(password));
}

void UnlockDialog::unlockFinished(bool ok, const QString& error, Failure why)
{
    if (!m_busy)
        return; // another caller's unlock (the API) finished
    setBusy(false);
    if (ok) {
        if (m_backoff)
            (void)m_backoff->recordSuccess();
        if (!m_repairNotice.isEmpty()) {
            // Not modal: the wallet is open, this only says what was repaired on the way.
            auto* notice = new QMessageBox(QMessageBox::Warning, tr("Wallet file repaired"), m_repairNotice,
                                           QMessageBox::Ok);
            notice->setObjectName(QStringLiteral("unlockRepairNotice"));
            notice->setAttribute(Qt::WA_DeleteOnClose);
            notice->show();
            m_repairNotice.clear();
        }
        accept();
        return;
    }
    if (m_backoff)
        (void)m_backoff->recordFailure();
    m_message->setText(why == Failure::InvalidPassword || error.isEmpty()
                           ? tr("That password is not correct.")
                           : tr("The wallet could not be unlocked: %1").arg(error));
    refreshBackoff();
    updateButtons();
    m_password->setFocus();
}

void UnlockDialog::unlockRepaired(const QString& notice)
{
    m_repairNotice = notice;
}

void UnlockDialog::reject()
{
    if (m_busy)
        return; // the key derivation cannot be stopped halfway; wait for its answer
    wipeField(m_password);
    QDialog::reject();
}

bool UnlockDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Qt cannot ask for the Caps Lock state portably; like Bitcoin Core, infer it from a letter
    // whose case disagrees with Shift.
    if (watched == m_password && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const QString text = key->text();
        if (text.size() == 1 && text.at(0).isLetter()) {
            const bool shift = key->modifiers().testFlag(Qt::ShiftModifier);
            const QChar c = text.at(0);
            if (c.isUpper() != c.isLower())
                m_capsLock->setVisible(c.isUpper() != shift);
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace tokenpass::ui
