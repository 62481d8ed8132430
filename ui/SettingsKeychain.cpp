#include "SettingsWindow.h"

#include "KeychainUnlock.h"
#include "OffThread.h"
#include "SecretFields.h"
#include "store/UnlockBackoff.h"
#include "wallet/Wallet.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

// The Settings window's "Unlock with the system keychain" section: turning it on asks for the
// password once (checked off the GUI thread, counted toward the unlock back-off) and stores it in
// the keychain; turning it off removes it.
namespace tokenpass::ui {

using crypto::SecureBytes;

// --- Keychain ------------------------------------------------------------------------------------

QWidget* SettingsWindow::buildKeychain()
{
    auto* section = new QWidget(this);
    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);

    m_keychain = new QCheckBox(tr("Unlock with the system keychain"), section);
    m_keychain->setObjectName(QStringLiteral("settingsUnlockWithKeychain"));
    m_keychain->setAccessibleDescription(tr("Stores the wallet password in the system keychain, so TokenPass "
                                            "unlocks by itself when you log in."));
    layout->addWidget(m_keychain);
    // DESIGN.md "Lock model": off by default, and the window explains the trade-off.
    layout->addWidget(note(tr("TokenPass then unlocks by itself when you log in, without asking for the "
                              "password. Convenient, but the wallet is then only as safe as your computer "
                              "account: anyone who can use your session, and programs running as you, may "
                              "be able to open the keychain and so the wallet. Off is safer."),
                           section, "settingsKeychainExplanation"));

    m_keychainPrompt = new QWidget(section);
    m_keychainPrompt->setObjectName(QStringLiteral("settingsKeychainPrompt"));
    auto* prompt = new QHBoxLayout(m_keychainPrompt);
    prompt->setContentsMargins(0, 0, 0, 0);
    m_keychainPassword = new QLineEdit(m_keychainPrompt);
    m_keychainPassword->setObjectName(QStringLiteral("settingsKeychainPassword"));
    m_keychainPassword->setEchoMode(QLineEdit::Password);
    m_keychainPassword->setPlaceholderText(tr("Wallet password, to store it"));
    m_keychainPassword->setAccessibleName(tr("Wallet password, to store it"));
    m_keychainPassword->setAccessibleDescription(
        tr("Type the wallet password once to store it in the keychain, then press Enter."));
    prompt->addWidget(m_keychainPassword, 1);
    m_keychainConfirm = new QPushButton(tr("Store"), m_keychainPrompt);
    m_keychainConfirm->setObjectName(QStringLiteral("settingsKeychainConfirm"));
    m_keychainConfirm->setAccessibleDescription(
        tr("Checks the password and stores it in the system keychain."));
    prompt->addWidget(m_keychainConfirm);
    auto* cancel = new QPushButton(tr("Cancel"), m_keychainPrompt);
    cancel->setObjectName(QStringLiteral("settingsKeychainCancel"));
    cancel->setAccessibleDescription(tr("Leaves the keychain off and forgets what was typed."));
    prompt->addWidget(cancel);
    m_keychainPrompt->hide();
    layout->addWidget(m_keychainPrompt);
    m_keychainMessage = errorLabel(section, "settingsKeychainMessage");
    layout->addWidget(m_keychainMessage);

    if (!m_services.keychain) {
        m_keychain->setEnabled(false);
        m_keychain->setToolTip(tr("No system keychain is available."));
        return section;
    }
    m_keychain->setChecked(m_services.keychain->enabled());
    connect(m_keychain, &QCheckBox::clicked, this, &SettingsWindow::keychainClicked);
    connect(m_keychainConfirm, &QPushButton::clicked, this, &SettingsWindow::confirmKeychainPassword);
    connect(m_keychainPassword, &QLineEdit::returnPressed, this, &SettingsWindow::confirmKeychainPassword);
    connect(cancel, &QPushButton::clicked, this, [this] { showKeychainPrompt(false); });
    return section;
}

void SettingsWindow::showKeychainPrompt(bool show)
{
    wipeField(m_keychainPassword);
    m_keychainPrompt->setVisible(show);
    // Keyboard use: the focus goes into the prompt, and back to the check box when it closes
    // (hiding or disabling the focused field would otherwise send it down the window).
    if (show)
        m_keychainPassword->setFocus();
    else
        m_keychain->setFocus();
}

void SettingsWindow::keyPressEvent(QKeyEvent* event)
{
    const bool inPrompt = m_keychainPrompt->isVisible() && m_keychainPrompt->isAncestorOf(focusWidget());
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier && inPrompt && !m_busy) {
        showKeychainPrompt(false);
        return;
    }
    QDialog::keyPressEvent(event);
}

void SettingsWindow::keychainClicked(bool on)
{
    m_keychainMessage->clear();
    if (on) {
        // Not on until the password is stored: it needs the password once.
        m_keychain->setChecked(false);
        showKeychainPrompt(true);
        return;
    }
    showKeychainPrompt(false);
    m_busy = true;
    m_keychain->setEnabled(false);
    m_services.keychain->disable([self = QPointer<SettingsWindow>(this)](Result<bool> removed) {
        if (self)
            self->keychainDone(false, removed ? QString()
                                              : tr("Turned off, but the stored password could not be "
                                                   "deleted from the keychain: %1. Delete the TokenPass "
                                                   "entry with your keychain app.")
                                                    .arg(removed.error()));
    });
}

void SettingsWindow::confirmKeychainPassword()
{
    if (m_busy || m_keychainPassword->text().isEmpty())
        return;
    store::UnlockBackoff* backoff = m_services.backoff;
    if (backoff && backoff->msUntilAllowed() > 0) {
        m_keychainMessage->setText(
            tr("Too many wrong passwords. Try again in %1 s.").arg((backoff->msUntilAllowed() + 999) / 1000));
        return;
    }
    auto password = std::make_shared<SecureBytes>(takePassword(m_keychainPassword));
    m_busy = true;
    m_keychain->setEnabled(false);
    m_keychainPrompt->setEnabled(false);
    m_keychainMessage->setText(tr("Checking the password…"));
    wallet::Wallet* wallet = m_services.wallet;
    runOffThread(
        this, [wallet, password] { return wallet->verifyPassword(*password); },
        [this, password, backoff](Result<bool>& verified) {
            if (!verified) {
                const bool wrongPassword = verified.failure() == Failure::InvalidPassword;
                if (backoff && wrongPassword)
                    (void)backoff->recordFailure();
                password->clear();
                m_keychainPrompt->setEnabled(true);
                return keychainDone(
                    false,
                    wrongPassword
                        ? tr("That password is not correct. Type the password you unlock "
                             "TokenPass with.")
                        : tr("The password could not be checked: %1. Try again.").arg(verified.error()));
            }
            if (backoff)
                (void)backoff->recordSuccess();
            m_services.keychain->enable(*password, [self =
                                                        QPointer<SettingsWindow>(this)](Result<bool> stored) {
                if (self)
                    self->keychainDone(
                        stored.isOk(),
                        stored
                            ? QString()
                            : tr("The keychain did not store the password: %1. Check that your keychain is "
                                 "unlocked, then try again.")
                                  .arg(stored.error()));
            });
            password->clear();
        });
}

void SettingsWindow::keychainDone(bool on, const QString& error)
{
    m_busy = false;
    m_keychain->setEnabled(true);
    m_keychainPrompt->setEnabled(true);
    m_keychain->setChecked(m_services.keychain->enabled());
    m_keychainMessage->setText(error);
    if (on)
        showKeychainPrompt(false);
    else if (m_keychainPrompt->isVisible())
        m_keychainPassword->setFocus(); // the password was taken: it is typed again

    Q_EMIT unlockWithKeychainChanged(m_services.keychain->enabled());
}

} // namespace tokenpass::ui
