#include "UnlockDialog.h"

#include "AppIcon.h"
#include "PasswordPrompt.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

UnlockDialog::UnlockDialog(Unlock unlock, store::UnlockBackoff* backoff, QWidget* parent)
    : QDialog(parent), m_unlock(std::move(unlock))
{
    setObjectName(QStringLiteral("unlockDialog"));
    setWindowTitle(tr("Unlock TokenPass"));
    setWindowIcon(appIcon(IconState::Locked));

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Enter your wallet password to unlock TokenPass."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_prompt = new PasswordPrompt(QStringLiteral("unlock"), backoff, this);
    QLineEdit* password = m_prompt->field();
    password->setPlaceholderText(tr("Password"));
    password->setAccessibleName(tr("Wallet password"));
    password->setAccessibleDescription(
        tr("Type the password you chose when the wallet was created, then press Enter."));
    password->installEventFilter(this);
    connect(m_prompt, &PasswordPrompt::changed, this, &UnlockDialog::updateButtons);
    connect(m_prompt, &PasswordPrompt::submitted, this, &UnlockDialog::submit);

    m_show = new QCheckBox(tr("&Show password"), this);
    m_show->setObjectName(QStringLiteral("unlockShowPassword"));
    m_show->setAccessibleDescription(tr("Shows the password as plain text while you type it."));
    connect(m_show, &QCheckBox::toggled, this,
            [password](bool on) { password->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    m_prompt->addBelowField(m_show);

    m_capsLock = new QLabel(tr("Caps Lock is on."), this);
    m_capsLock->setObjectName(QStringLiteral("unlockCapsLock"));
    m_capsLock->setStyleSheet(QStringLiteral("color: #b45309;"));
    m_capsLock->hide();
    m_prompt->addBelowField(m_capsLock);
    layout->addWidget(m_prompt);

    auto* buttons = new QDialogButtonBox(this);
    m_unlockButton = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setDefault(true);
    m_unlockButton->setAccessibleDescription(tr("Unlocks the wallet with the password typed above."));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("unlockCancel"));
    m_cancelButton->setAccessibleDescription(tr("Closes this window; the wallet stays locked."));
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &UnlockDialog::reject);
    layout->addWidget(buttons);

    setMinimumWidth(360);
    updateButtons();
}

bool UnlockDialog::isBusy() const
{
    return m_prompt->isBusy();
}

void UnlockDialog::updateButtons()
{
    m_unlockButton->setEnabled(m_prompt->canSubmit());
}

void UnlockDialog::setBusy(bool busy)
{
    m_cancelButton->setEnabled(!busy);
    m_prompt->setBusy(busy);
}

void UnlockDialog::submit()
{
    if (isBusy() || !m_unlockButton->isEnabled())
        return;
    // Checked again: the countdown only shows the wait, the store is what enforces it.
    if (!m_prompt->mayTry())
        return;
    // DESIGN.md security rule 2: into a wiped buffer at once, then empty the field.
    crypto::SecureBytes password = m_prompt->take();
    m_prompt->setError(QString());
    setBusy(true);
    m_unlock(std::move(password));
}

void UnlockDialog::unlockFinished(bool ok, const QString& error, Failure why)
{
    if (!isBusy())
        return; // another caller's unlock (the API) finished
    setBusy(false);
    if (ok) {
        m_prompt->succeeded();
        if (!m_repairNotice.isEmpty()) {
            // Not modal: the wallet is open, this only says what was repaired on the way.
            auto* notice = new QMessageBox(QMessageBox::Warning, tr("Wallet file repaired"), m_repairNotice,
                                           QMessageBox::Ok);
            notice->setObjectName(QStringLiteral("unlockRepairNotice"));
            notice->button(QMessageBox::Ok)->setText(tr("OK"));
            notice->setAttribute(Qt::WA_DeleteOnClose);
            notice->show();
            m_repairNotice.clear();
        }
        accept();
        return;
    }
    m_prompt->failed(
        why == Failure::InvalidPassword || error.isEmpty()
            ? tr("That password is not correct. Check Caps Lock and the keyboard layout, then try again.")
            : tr("The wallet could not be unlocked: %1. Try again; if it keeps failing, restore the wallet "
                 "from "
                 "your backup or recovery words.")
                  .arg(error),
        true);
}

void UnlockDialog::unlockRepaired(const QString& notice)
{
    m_repairNotice = notice;
}

void UnlockDialog::reject()
{
    if (isBusy())
        return; // the key derivation cannot be stopped halfway; wait for its answer
    m_prompt->wipe();
    QDialog::reject();
}

bool UnlockDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Qt cannot ask for the Caps Lock state portably; like Bitcoin Core, infer it from a letter
    // whose case disagrees with Shift.
    if (watched == m_prompt->field() && event->type() == QEvent::KeyPress) {
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
