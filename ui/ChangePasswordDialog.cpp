#include "ChangePasswordDialog.h"

#include "AppIcon.h"
#include "OffThread.h"
#include "PasswordPrompt.h"
#include "PasswordStrength.h"
#include "SecretFields.h"
#include "wallet/Wallet.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

using crypto::SecureBytes;

ChangePasswordDialog::ChangePasswordDialog(wallet::Wallet* wallet, store::UnlockBackoff* backoff,
                                           Changed changed, QWidget* parent)
    : QDialog(parent), m_wallet(wallet), m_changed(std::move(changed))
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
    m_prompt =
        new PasswordPrompt(QStringLiteral("change"), backoff, this, PasswordPrompt::FieldPlace::Outside);
    m_prompt->field()->setObjectName(QStringLiteral("changeOldPassword"));
    connect(m_prompt, &PasswordPrompt::changed, this, &ChangePasswordDialog::updateState);
    connect(m_prompt, &PasswordPrompt::submitted, this, &ChangePasswordDialog::submit);
    m_new = field("changeNewPassword");
    m_confirm = field("changeConfirmPassword");
    m_prompt->field()->setAccessibleDescription(tr("The password you unlock TokenPass with now."));
    m_new->setAccessibleDescription(tr("At least %1 characters. Only the wallet file is encrypted with it.")
                                        .arg(wallet::Wallet::kMinPasswordLength));
    m_confirm->setAccessibleDescription(tr("Type the new password again, the same as above."));
    form->addRow(tr("C&urrent password:"), m_prompt->field());
    form->addRow(tr("&New password:"), m_new);
    form->addRow(tr("&Repeat new password:"), m_confirm);
    layout->addLayout(form);

    m_strength = new QLabel(this);
    m_strength->setObjectName(QStringLiteral("changeStrength"));
    layout->addWidget(m_strength);

    layout->addWidget(m_prompt);

    m_done = new QLabel(this);
    m_done->setObjectName(QStringLiteral("changeDone"));
    m_done->setWordWrap(true);
    m_done->hide();
    layout->addWidget(m_done);

    auto* buttons = new QDialogButtonBox(this);
    m_changeButton = buttons->addButton(tr("&Change password"), QDialogButtonBox::AcceptRole);
    m_changeButton->setObjectName(QStringLiteral("changeButton"));
    m_changeButton->setDefault(true);
    m_changeButton->setAccessibleDescription(tr("Encrypts the wallet file again under the new password."));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Close);
    m_cancelButton->setText(tr("Close"));
    m_cancelButton->setObjectName(QStringLiteral("changeCancel"));
    m_cancelButton->setAccessibleDescription(tr("Closes this window."));
    connect(m_changeButton, &QPushButton::clicked, this, &ChangePasswordDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &ChangePasswordDialog::reject);
    layout->addWidget(buttons);

    setMinimumWidth(440);
    updateState();
}

bool ChangePasswordDialog::isBusy() const
{
    return m_prompt->isBusy();
}

void ChangePasswordDialog::updateState()
{
    const QString typed = m_new->text();
    const auto level = PasswordStrength::estimate(typed);
    m_strength->setText(typed.isEmpty() ? QString() : PasswordStrength::describe(level));
    m_strength->setStyleSheet(QStringLiteral("color: %1;").arg(PasswordStrength::colour(level)));

    QString problem;
    if (!m_wallet->isUnlocked())
        problem = tr("The wallet is locked. Unlock it from the tray icon, then change the password.");
    else if (!typed.isEmpty() && typed.size() < wallet::Wallet::kMinPasswordLength)
        problem = tr("The new password is too short: it needs at least %1 characters. Type a longer one.")
                      .arg(wallet::Wallet::kMinPasswordLength);
    else if (!m_confirm->text().isEmpty() && m_confirm->text() != typed)
        problem = tr("The two new passwords are not the same. Type the new password again.");
    else if (!typed.isEmpty() && typed == m_prompt->field()->text())
        problem = tr("The new password is the same as the current one. Choose a different one.");
    m_prompt->setError(problem.isEmpty() ? m_jobError : problem);

    const bool ready =
        problem.isEmpty() && m_prompt->canSubmit() && !typed.isEmpty() && m_confirm->text() == typed;
    m_changeButton->setEnabled(ready);
    for (QLineEdit* edit : {m_new, m_confirm})
        edit->setEnabled(!isBusy());
}

void ChangePasswordDialog::setBusy(bool busy)
{
    m_cancelButton->setEnabled(!busy);
    m_prompt->setBusy(busy); // and updateState(), through changed()
}

void ChangePasswordDialog::submit()
{
    if (isBusy() || !m_changeButton->isEnabled())
        return;
    if (!m_prompt->mayTry())
        return;
    auto oldPassword = std::make_shared<SecureBytes>(m_prompt->take());
    auto newPassword = std::make_shared<SecureBytes>(takePassword(m_new));
    wipeField(m_confirm);
    m_jobError.clear();
    m_done->hide();
    setBusy(true);
    wallet::Wallet* wallet = m_wallet;
    runOffThread(
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
        m_prompt->succeeded();
        if (m_changed)
            m_changed(newPassword);
        m_done->setText(tr("The password has been changed. Use the new one to unlock from now on."));
        m_done->show();
        Q_EMIT passwordChanged();
        return;
    }
    const bool wrongPassword = changed.failure() == Failure::InvalidPassword;
    m_jobError =
        wrongPassword
            ? tr("The current password is not correct. Type the password you unlock TokenPass with.")
            : tr("The password was not changed: %1. The old password still works; check that the disk has "
                 "free space, then try again.")
                  .arg(changed.error());
    m_prompt->failed(m_jobError, wrongPassword); // and updateState(), through changed()
}

void ChangePasswordDialog::reject()
{
    if (isBusy())
        return; // the file is being rewritten; wait for the answer
    m_prompt->wipe();
    for (QLineEdit* edit : {m_new, m_confirm})
        wipeField(edit);
    QDialog::reject();
}

} // namespace tokenpass::ui
