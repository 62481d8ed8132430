#include "ChangePasswordDialog.h"

#include "AppIcon.h"
#include "CountdownLabel.h"
#include "OffThread.h"
#include "PasswordStrength.h"
#include "SecretFields.h"
#include "store/UnlockBackoff.h"
#include "wallet/Wallet.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

using crypto::SecureBytes;

ChangePasswordDialog::ChangePasswordDialog(wallet::Wallet* wallet, store::UnlockBackoff* backoff,
                                           Changed changed, QWidget* parent)
    : QDialog(parent), m_wallet(wallet), m_backoff(backoff), m_changed(std::move(changed))
{
    setObjectName(QStringLiteral("changePasswordDialog"));
    setWindowTitle(tr("Change password — TokenPass"));
    setWindowIcon(appIcon(IconState::Unlocked));
    auto* layout = new QVBoxLayout(this);

    // CRYPTO.md §10.2 / API.md §4.1: the password at creation was the words' BIP39 passphrase, and
    // Wallet::changePassword only re-encrypts the file (keys come from the stored rootPk).
    auto* explanation = new QLabel(
        tr("Only the wallet file is encrypted again, under the new password. Your identity, your "
           "sites' keys and your 12 recovery words stay the same.<br><br><b>Keep the password the "
           "wallet was created with.</b> The 12 words were turned into your keys together with that "
           "password, so restoring this wallet from the words still needs it, not the new one. The "
           "wallet file itself (backup.bep) opens with the new password."),
        this);
    explanation->setObjectName(QStringLiteral("changeExplanation"));
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    auto* form = new QFormLayout;
    auto field = [this](const char* name) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setEchoMode(QLineEdit::Password);
        connect(edit, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateState);
        connect(edit, &QLineEdit::returnPressed, this, &ChangePasswordDialog::submit);
        return edit;
    };
    m_old = field("changeOldPassword");
    m_new = field("changeNewPassword");
    m_confirm = field("changeConfirmPassword");
    form->addRow(tr("Current password:"), m_old);
    form->addRow(tr("New password:"), m_new);
    form->addRow(tr("Repeat new password:"), m_confirm);
    layout->addLayout(form);

    m_strength = new QLabel(this);
    m_strength->setObjectName(QStringLiteral("changeStrength"));
    layout->addWidget(m_strength);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("changeMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    layout->addWidget(m_message);

    m_done = new QLabel(this);
    m_done->setObjectName(QStringLiteral("changeDone"));
    m_done->setWordWrap(true);
    m_done->hide();
    layout->addWidget(m_done);

    m_wait = new CountdownLabel(
        [](int s) { return tr("Too many wrong passwords. You can try again in %1 s.").arg(s); }, this);
    m_wait->setObjectName(QStringLiteral("changeWait"));
    connect(m_wait, &CountdownLabel::expired, this, &ChangePasswordDialog::updateState);
    layout->addWidget(m_wait);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("changeProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);

    auto* buttons = new QDialogButtonBox(this);
    m_changeButton = buttons->addButton(tr("Change password"), QDialogButtonBox::AcceptRole);
    m_changeButton->setObjectName(QStringLiteral("changeButton"));
    m_changeButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Close);
    m_cancelButton->setObjectName(QStringLiteral("changeCancel"));
    connect(m_changeButton, &QPushButton::clicked, this, &ChangePasswordDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &ChangePasswordDialog::reject);
    layout->addWidget(buttons);

    setMinimumWidth(440);
    refreshBackoff();
    updateState();
}

void ChangePasswordDialog::refreshBackoff()
{
    const qint64 waitMs = m_backoff ? m_backoff->msUntilAllowed() : 0;
    if (waitMs > 0)
        m_wait->start(waitMs);
    else
        m_wait->stop();
}

void ChangePasswordDialog::updateState()
{
    const QString typed = m_new->text();
    const auto level = PasswordStrength::estimate(typed);
    m_strength->setText(typed.isEmpty() ? QString() : PasswordStrength::describe(level));
    m_strength->setStyleSheet(QStringLiteral("color: %1;").arg(PasswordStrength::colour(level)));

    QString problem;
    if (!m_wallet->isUnlocked())
        problem = tr("Unlock the wallet first.");
    else if (!typed.isEmpty() && typed.size() < wallet::Wallet::kMinPasswordLength)
        problem =
            tr("The new password needs at least %1 characters.").arg(wallet::Wallet::kMinPasswordLength);
    else if (!m_confirm->text().isEmpty() && m_confirm->text() != typed)
        problem = tr("The two new passwords differ.");
    else if (!typed.isEmpty() && typed == m_old->text())
        problem = tr("The new password is the same as the current one.");
    m_message->setText(problem.isEmpty() ? m_jobError : problem);

    const bool ready =
        problem.isEmpty() && !m_old->text().isEmpty() && !typed.isEmpty() && m_confirm->text() == typed;
    m_changeButton->setEnabled(!m_busy && !m_wait->isRunning() && ready);
    for (QLineEdit* edit : {m_old, m_new, m_confirm})
        edit->setEnabled(!m_busy);
}

void ChangePasswordDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_cancelButton->setEnabled(!busy);
    updateState();
}

void ChangePasswordDialog::submit()
{
    if (m_busy || !m_changeButton->isEnabled())
        return;
    if (m_backoff && m_backoff->msUntilAllowed() > 0) {
        refreshBackoff();
        updateState();
        return;
    }
    auto oldPassword = std::make_shared<SecureBytes>(takePassword(m_old));
    auto newPassword = std::make_shared<SecureBytes>(takePassword(m_new));
    wipeField(m_confirm);
    m_jobError.clear();
    m_done->hide();
    setBusy(true);
    wallet::Wallet* wallet = m_wallet;
    runOffGuiThread<Result<bool>>(
        this,
        [wallet, oldPassword, newPassword] {
            auto changed = wallet->changePassword(*oldPassword, *newPassword);
            oldPassword->clear();
            return changed;
        },
        [this, newPassword](Result<bool>& changed) {
            finished(changed, *newPassword);
            newPassword->clear();
        });
}

void ChangePasswordDialog::finished(const Result<bool>& changed, const SecureBytes& newPassword)
{
    setBusy(false);
    if (changed) {
        if (m_backoff)
            (void)m_backoff->recordSuccess();
        if (m_changed)
            m_changed(newPassword);
        m_done->setText(tr("The password has been changed. Use the new one to unlock from now on."));
        m_done->show();
        Q_EMIT passwordChanged();
        return;
    }
    if (changed.failure() == Failure::InvalidPassword) {
        if (m_backoff)
            (void)m_backoff->recordFailure();
        m_jobError = tr("The current password is not correct.");
    } else {
        m_jobError = tr("The password was not changed: %1").arg(changed.error());
    }
    refreshBackoff();
    updateState();
    m_old->setFocus();
}

void ChangePasswordDialog::reject()
{
    if (m_busy)
        return; // the file is being rewritten; wait for the answer
    for (QLineEdit* edit : {m_old, m_new, m_confirm})
        wipeField(edit);
    QDialog::reject();
}

} // namespace tokenpass::ui
