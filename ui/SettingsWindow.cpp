#include "SettingsWindow.h"

#include "AppIcon.h"
#include "KeychainUnlock.h"
#include "OffThread.h"
#include "SecretFields.h"
#include "access/OriginWhitelist.h"
#include "platform/Autostart.h"
#include "store/Settings.h"
#include "store/UnlockBackoff.h"
#include "wallet/Wallet.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tokenpass::ui {

using crypto::SecureBytes;
using store::Settings;

namespace {

QLabel* note(const QString& text, QWidget* parent, const char* name = nullptr)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    // A wrapped label's size hint assumes one width; reserve the height it needs at the narrowest
    // the window allows, or the dialog's first layout clips it.
    label->setMinimumHeight(label->heightForWidth(400));
    if (name)
        label->setObjectName(QString::fromLatin1(name));
    return label;
}

QLabel* errorLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    return label;
}

} // namespace

SettingsWindow::SettingsWindow(Services services, QWidget* parent)
    : QDialog(parent), m_services(std::move(services))
{
    setObjectName(QStringLiteral("settingsWindow"));
    setWindowTitle(tr("Settings — TokenPass"));
    setWindowIcon(appIcon(IconState::Unlocked));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildGeneral());
    layout->addWidget(buildLocking());
    layout->addWidget(buildSecrets());
    layout->addWidget(buildOrigins());
    layout->addWidget(buildPort());

    m_error = errorLabel(this, "settingsError");
    layout->addWidget(m_error);
    layout->addWidget(note(tr("Changes are saved as soon as you make them."), this, "settingsSavedNote"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("settingsClose"));
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsWindow::reject);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

void SettingsWindow::showError(const QString& text)
{
    m_error->setText(text);
}

// --- General -------------------------------------------------------------------------------------

QWidget* SettingsWindow::buildGeneral()
{
    auto* box = new QGroupBox(tr("General"), this);
    auto* layout = new QVBoxLayout(box);

    m_launchAtLogin = new QCheckBox(tr("Start TokenPass when I log in"), box);
    m_launchAtLogin->setObjectName(QStringLiteral("settingsLaunchAtLogin"));
    if (m_services.autostart) {
        m_launchAtLogin->setChecked(m_services.autostart->isEnabled());
        m_launchAtLogin->setToolTip(m_services.autostart->location());
        connect(m_launchAtLogin, &QCheckBox::clicked, this, &SettingsWindow::setLaunchAtLogin);
    } else {
        m_launchAtLogin->setEnabled(false);
        m_launchAtLogin->setToolTip(tr("Not available in this build."));
    }
    layout->addWidget(m_launchAtLogin);

    Settings settings(m_services.database);
    m_notify = new QCheckBox(tr("Show a notification after each signature"), box);
    m_notify->setObjectName(QStringLiteral("settingsNotifySignatures"));
    m_notify->setChecked(settings.boolean(Settings::Key::NotifySignatures));
    connect(m_notify, &QCheckBox::toggled, this, [this](bool on) {
        const auto saved = Settings(m_services.database).setBoolean(Settings::Key::NotifySignatures, on);
        if (!saved)
            return showError(saved.error());
        Q_EMIT notifySignaturesChanged(on);
    });
    layout->addWidget(m_notify);
    return box;
}

void SettingsWindow::setLaunchAtLogin(bool on)
{
    const auto done = m_services.autostart->setEnabled(on);
    if (!done) {
        m_launchAtLogin->setChecked(!on);
        return showError(tr("Start at login could not be changed: %1").arg(done.error()));
    }
    m_launchAtLogin->setChecked(m_services.autostart->isEnabled());
}

// --- Locking -------------------------------------------------------------------------------------

QWidget* SettingsWindow::buildLocking()
{
    auto* box = new QGroupBox(tr("Locking"), this);
    auto* layout = new QVBoxLayout(box);
    Settings settings(m_services.database);

    auto* idleRow = new QHBoxLayout;
    idleRow->addWidget(new QLabel(tr("Lock after"), box));
    m_idleMinutes = new QSpinBox(box);
    m_idleMinutes->setObjectName(QStringLiteral("settingsIdleMinutes"));
    m_idleMinutes->setRange(0, 24 * 60);
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setSpecialValueText(tr("never"));
    m_idleMinutes->setValue(int(settings.integer(Settings::Key::IdleLockMinutes)));
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, [this](int minutes) {
        const auto saved = Settings(m_services.database).setInteger(Settings::Key::IdleLockMinutes, minutes);
        if (!saved)
            return showError(saved.error());
        Q_EMIT idleLockMinutesChanged(minutes);
    });
    idleRow->addWidget(m_idleMinutes);
    idleRow->addWidget(new QLabel(tr("without use of the API or of TokenPass's windows"), box), 1);
    layout->addLayout(idleRow);

    m_screenLock = new QCheckBox(tr("Lock when the screen locks or the computer sleeps"), box);
    m_screenLock->setObjectName(QStringLiteral("settingsLockOnScreenLock"));
    m_screenLock->setChecked(settings.boolean(Settings::Key::LockOnScreenLock));
    connect(m_screenLock, &QCheckBox::toggled, this, [this](bool on) {
        const auto saved = Settings(m_services.database).setBoolean(Settings::Key::LockOnScreenLock, on);
        if (!saved)
            return showError(saved.error());
        Q_EMIT lockOnScreenLockChanged(on);
    });
    layout->addWidget(m_screenLock);
    layout->addWidget(buildKeychain());
    return box;
}

QWidget* SettingsWindow::buildKeychain()
{
    auto* section = new QWidget(this);
    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);

    m_keychain = new QCheckBox(tr("Unlock with the system keychain"), section);
    m_keychain->setObjectName(QStringLiteral("settingsUnlockWithKeychain"));
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
    prompt->addWidget(m_keychainPassword, 1);
    m_keychainConfirm = new QPushButton(tr("Store"), m_keychainPrompt);
    m_keychainConfirm->setObjectName(QStringLiteral("settingsKeychainConfirm"));
    prompt->addWidget(m_keychainConfirm);
    auto* cancel = new QPushButton(tr("Cancel"), m_keychainPrompt);
    cancel->setObjectName(QStringLiteral("settingsKeychainCancel"));
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
    if (show)
        m_keychainPassword->setFocus();
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
                                                   "deleted from the keychain: %1")
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
    runOffGuiThread<Result<bool>>(
        this, [wallet, password] { return wallet->verifyPassword(*password); },
        [this, password, backoff](Result<bool>& verified) {
            if (!verified) {
                const bool wrongPassword = verified.failure() == Failure::InvalidPassword;
                if (backoff && wrongPassword)
                    (void)backoff->recordFailure();
                password->clear();
                m_keychainPrompt->setEnabled(true);
                return keychainDone(false,
                                    wrongPassword ? tr("That password is not correct.") : verified.error());
            }
            if (backoff)
                (void)backoff->recordSuccess();
            m_services.keychain->enable(
                *password, [self = QPointer<SettingsWindow>(this)](Result<bool> stored) {
                    if (self)
                        self->keychainDone(
                            stored.isOk(),
                            stored ? QString()
                                   : tr("The keychain did not store the password: %1").arg(stored.error()));
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
    Q_EMIT unlockWithKeychainChanged(m_services.keychain->enabled());
}

// --- Recovery words and password -----------------------------------------------------------------

QWidget* SettingsWindow::buildSecrets()
{
    auto* box = new QGroupBox(tr("Password and recovery words"), this);
    auto* layout = new QHBoxLayout(box);
    auto* exportButton = new QPushButton(tr("Show recovery words…"), box);
    exportButton->setObjectName(QStringLiteral("settingsExport"));
    connect(exportButton, &QPushButton::clicked, this, &SettingsWindow::exportRequested);
    auto* changeButton = new QPushButton(tr("Change password…"), box);
    changeButton->setObjectName(QStringLiteral("settingsChangePassword"));
    connect(changeButton, &QPushButton::clicked, this, &SettingsWindow::changePasswordRequested);
    const bool haveWallet = m_services.wallet && m_services.wallet->state() != wallet::WalletState::NoWallet;
    exportButton->setEnabled(haveWallet);
    changeButton->setEnabled(haveWallet);
    layout->addWidget(exportButton);
    layout->addWidget(changeButton);
    layout->addStretch(1);
    return box;
}

// --- Origin whitelist ----------------------------------------------------------------------------

QWidget* SettingsWindow::buildOrigins()
{
    auto* box = new QGroupBox(tr("Trusted web pages"), this);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(note(tr("Web pages listed here may use the password and wallet-management parts of "
                              "the API (create, unlock, export, backups). Enter exact origins such as "
                              "https://example.com or http://localhost:3000. Other pages can still ask for "
                              "access to a site, which you approve in a dialog."),
                           box));
    m_origins = new QListWidget(box);
    m_origins->setObjectName(QStringLiteral("settingsOriginList"));
    m_origins->setMaximumHeight(100);
    layout->addWidget(m_origins);

    auto* row = new QHBoxLayout;
    m_originInput = new QLineEdit(box);
    m_originInput->setObjectName(QStringLiteral("settingsOriginInput"));
    m_originInput->setPlaceholderText(QStringLiteral("https://example.com"));
    connect(m_originInput, &QLineEdit::returnPressed, this, &SettingsWindow::addOrigin);
    row->addWidget(m_originInput, 1);
    auto* add = new QPushButton(tr("Add"), box);
    add->setObjectName(QStringLiteral("settingsOriginAdd"));
    connect(add, &QPushButton::clicked, this, &SettingsWindow::addOrigin);
    row->addWidget(add);
    auto* remove = new QPushButton(tr("Remove"), box);
    remove->setObjectName(QStringLiteral("settingsOriginRemove"));
    connect(remove, &QPushButton::clicked, this, &SettingsWindow::removeOrigin);
    row->addWidget(remove);
    layout->addLayout(row);
    m_originMessage = errorLabel(box, "settingsOriginMessage");
    layout->addWidget(m_originMessage);
    reloadOrigins();
    return box;
}

void SettingsWindow::reloadOrigins()
{
    m_origins->clear();
    m_origins->addItems(access::OriginWhitelist(m_services.database).origins());
}

void SettingsWindow::saveOrigins(const QStringList& origins)
{
    const auto saved = access::OriginWhitelist(m_services.database).setOrigins(origins);
    if (!saved) {
        m_originMessage->setText(saved.error());
        return;
    }
    m_originMessage->clear();
    reloadOrigins();
    Q_EMIT originWhitelistChanged(*saved);
}

void SettingsWindow::addOrigin()
{
    const auto origin = access::OriginWhitelist::normalize(m_originInput->text());
    if (!origin) {
        m_originMessage->setText(origin.error());
        return;
    }
    QStringList origins = access::OriginWhitelist(m_services.database).origins();
    origins.append(*origin);
    saveOrigins(origins);
    m_originInput->clear();
}

void SettingsWindow::removeOrigin()
{
    QStringList origins = access::OriginWhitelist(m_services.database).origins();
    const auto selected = m_origins->selectedItems();
    for (const QListWidgetItem* item : selected)
        origins.removeAll(item->text());
    saveOrigins(origins);
}

// --- Port ------------------------------------------------------------------------------------------

QWidget* SettingsWindow::buildPort()
{
    auto* box = new QGroupBox(tr("Network"), this);
    auto* layout = new QFormLayout(box);
    m_port = new QSpinBox(box);
    m_port->setObjectName(QStringLiteral("settingsPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(int(Settings(m_services.database).integer(Settings::Key::ListenPort)));
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsWindow::savePort);
    layout->addRow(tr("API port:"), m_port);
    layout->addRow(note(tr("Takes effect the next time TokenPass starts (now listening on port %1). "
                           "--port and TOKENPASS_PORT override it. Sites expect 21000.")
                            .arg(m_services.runningPort),
                        box, "settingsPortNote"));
    return box;
}

void SettingsWindow::savePort(int port)
{
    const auto saved = Settings(m_services.database).setInteger(Settings::Key::ListenPort, port);
    if (!saved)
        showError(saved.error());
}

void SettingsWindow::hideEvent(QHideEvent* event)
{
    wipeField(m_keychainPassword); // a half-typed password does not wait in a hidden window
    QDialog::hideEvent(event);
}

} // namespace tokenpass::ui
