#include "SettingsWindow.h"

#include "AppIcon.h"
#include "SecretFields.h"
#include "Translations.h"
#include "access/OriginWhitelist.h"
#include "platform/Autostart.h"
#include "store/Settings.h"
#include "wallet/Wallet.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tokenpass::ui {

using store::Settings;

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
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    buttons->button(QDialogButtonBox::Close)
        ->setAccessibleDescription(tr("Closes the window; your changes are already saved."));
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsWindow::reject);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

QString SettingsWindow::saveFailed(const QString& why)
{
    return tr("The change could not be saved: %1. Check that the disk has free space, then try again.")
        .arg(why);
}

void SettingsWindow::showError(const QString& text)
{
    m_error->setText(text);
}

QLabel* SettingsWindow::note(const QString& text, QWidget* parent, const char* name)
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

QLabel* SettingsWindow::errorLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    return label;
}

// --- General -------------------------------------------------------------------------------------

QWidget* SettingsWindow::buildGeneral()
{
    auto* box = new QGroupBox(tr("General"), this);
    auto* layout = new QVBoxLayout(box);

    m_launchAtLogin = new QCheckBox(tr("Start TokenPass when I log in"), box);
    m_launchAtLogin->setObjectName(QStringLiteral("settingsLaunchAtLogin"));
    m_launchAtLogin->setAccessibleDescription(
        tr("Starts TokenPass in the system tray each time you log in to this computer."));
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
    m_notify->setAccessibleDescription(
        tr("Shows a system notification each time a site has something signed."));
    m_notify->setChecked(settings.boolean(Settings::Key::NotifySignatures));
    connect(m_notify, &QCheckBox::toggled, this, [this](bool on) {
        const auto saved = Settings(m_services.database).setBoolean(Settings::Key::NotifySignatures, on);
        if (!saved)
            return showError(saveFailed(saved.error()));
        Q_EMIT notifySignaturesChanged(on);
    });
    layout->addWidget(m_notify);

    // Issue 19: the language, from the system unless chosen here; read at start.
    auto* languageRow = new QHBoxLayout;
    auto* languageLabel = new QLabel(tr("&Language:"), box);
    m_language = new QComboBox(box);
    m_language->setObjectName(QStringLiteral("settingsLanguage"));
    languageLabel->setBuddy(m_language);
    m_language->setAccessibleDescription(
        tr("The language of TokenPass's windows; it changes the next time TokenPass starts."));
    const QString systemCode = Translations::resolve(QString(), QLocale::system().uiLanguages());
    m_language->addItem(tr("System default (%1)").arg(Translations::nativeName(systemCode)), QString());
    m_language->addItem(Translations::nativeName(QStringLiteral("en")), QStringLiteral("en"));
    for (const QString& code : Translations::available())
        m_language->addItem(Translations::nativeName(code), code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.string(Settings::Key::Language))));
    connect(m_language, &QComboBox::currentIndexChanged, this, [this](int index) {
        const auto saved = Settings(m_services.database)
                               .setString(Settings::Key::Language, m_language->itemData(index).toString());
        if (!saved)
            return showError(saveFailed(saved.error()));
    });
    languageRow->addWidget(languageLabel);
    languageRow->addWidget(m_language, 1);
    layout->addLayout(languageRow);
    layout->addWidget(
        note(tr("A new language shows the next time TokenPass starts."), box, "settingsLanguageNote"));
    return box;
}

void SettingsWindow::setLaunchAtLogin(bool on)
{
    const auto done = m_services.autostart->setEnabled(on);
    if (!done) {
        m_launchAtLogin->setChecked(!on);
        return showError(tr("Start at login could not be changed: %1. Check that your autostart folder can "
                            "be written, then "
                            "try again.")
                             .arg(done.error()));
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
    auto* idleLabel = new QLabel(tr("Lock &after"), box);
    idleRow->addWidget(idleLabel);
    m_idleMinutes = new QSpinBox(box);
    idleLabel->setBuddy(m_idleMinutes);
    m_idleMinutes->setAccessibleName(tr("Lock after this many minutes without use"));
    m_idleMinutes->setObjectName(QStringLiteral("settingsIdleMinutes"));
    m_idleMinutes->setAccessibleDescription(
        tr("0 means never. Using the API or TokenPass's windows counts as use."));
    m_idleMinutes->setRange(0, 24 * 60);
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setSpecialValueText(tr("never"));
    m_idleMinutes->setValue(int(settings.integer(Settings::Key::IdleLockMinutes)));
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, [this](int minutes) {
        const auto saved = Settings(m_services.database).setInteger(Settings::Key::IdleLockMinutes, minutes);
        if (!saved)
            return showError(saveFailed(saved.error()));
        Q_EMIT idleLockMinutesChanged(minutes);
    });
    idleRow->addWidget(m_idleMinutes);
    idleRow->addWidget(new QLabel(tr("without use of the API or of TokenPass's windows"), box), 1);
    layout->addLayout(idleRow);

    m_screenLock = new QCheckBox(tr("Lock when the screen locks or the computer sleeps"), box);
    m_screenLock->setObjectName(QStringLiteral("settingsLockOnScreenLock"));
    m_screenLock->setAccessibleDescription(
        tr("Locks the wallet when your screen locks or the computer goes to sleep."));
    m_screenLock->setChecked(settings.boolean(Settings::Key::LockOnScreenLock));
    connect(m_screenLock, &QCheckBox::toggled, this, [this](bool on) {
        const auto saved = Settings(m_services.database).setBoolean(Settings::Key::LockOnScreenLock, on);
        if (!saved)
            return showError(saveFailed(saved.error()));
        Q_EMIT lockOnScreenLockChanged(on);
    });
    layout->addWidget(m_screenLock);
    layout->addWidget(buildKeychain());
    return box;
}

// --- Recovery words and password -----------------------------------------------------------------

QWidget* SettingsWindow::buildSecrets()
{
    auto* box = new QGroupBox(tr("Password and recovery words"), this);
    auto* layout = new QHBoxLayout(box);
    auto* exportButton = new QPushButton(tr("Show recovery words…"), box);
    exportButton->setObjectName(QStringLiteral("settingsExport"));
    exportButton->setAccessibleDescription(
        tr("Opens a window that shows the 12 recovery words after asking for the password."));
    connect(exportButton, &QPushButton::clicked, this, &SettingsWindow::exportRequested);
    auto* changeButton = new QPushButton(tr("Change password…"), box);
    changeButton->setObjectName(QStringLiteral("settingsChangePassword"));
    changeButton->setAccessibleDescription(
        tr("Opens a window to encrypt the wallet file under a new password."));
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
    m_origins->setAccessibleName(tr("Trusted web pages"));
    m_origins->setAccessibleDescription(
        tr("Web pages that may use the password and wallet-management parts of the API."));
    layout->addWidget(m_origins);

    auto* row = new QHBoxLayout;
    m_originInput = new QLineEdit(box);
    m_originInput->setObjectName(QStringLiteral("settingsOriginInput"));
    m_originInput->setAccessibleName(tr("Web page to trust"));
    m_originInput->setAccessibleDescription(
        tr("An exact origin such as https://example.com; Enter adds it."));
    m_originInput->setPlaceholderText(QStringLiteral("https://example.com")); // untranslated: an address
    connect(m_originInput, &QLineEdit::returnPressed, this, &SettingsWindow::addOrigin);
    row->addWidget(m_originInput, 1);
    auto* add = new QPushButton(tr("Add"), box);
    add->setObjectName(QStringLiteral("settingsOriginAdd"));
    add->setAccessibleDescription(tr("Adds the web page typed in the field to the trusted list."));
    connect(add, &QPushButton::clicked, this, &SettingsWindow::addOrigin);
    row->addWidget(add);
    auto* remove = new QPushButton(tr("Remove"), box);
    remove->setObjectName(QStringLiteral("settingsOriginRemove"));
    remove->setAccessibleDescription(tr("Removes the selected web pages from the trusted list."));
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
        m_originMessage->setText(saveFailed(saved.error()));
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
        m_originMessage->setText(tr("“%1” is not a web page address TokenPass can trust: %2. Type it like "
                                    "https://example.com.")
                                     .arg(m_originInput->text(), origin.error()));
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
    m_port->setAccessibleDescription(
        tr("The port the API listens on from the next start. Sites expect 21000."));
    m_port->setRange(1, 65535);
    m_port->setValue(int(Settings(m_services.database).integer(Settings::Key::ListenPort)));
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsWindow::savePort);
    layout->addRow(tr("API &port:"), m_port);
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
        showError(saveFailed(saved.error()));
}

void SettingsWindow::hideEvent(QHideEvent* event)
{
    wipeField(m_keychainPassword); // a half-typed password does not wait in a hidden window
    QDialog::hideEvent(event);
}

} // namespace tokenpass::ui
