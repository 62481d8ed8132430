#include "SettingsWindow.h"

#include "AppIcon.h"
#include "SecretFields.h"
#include "access/OriginWhitelist.h"
#include "platform/Autostart.h"
#include "store/Settings.h"
#include "wallet/Wallet.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
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
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsWindow::reject);
    layout->addWidget(buttons);
    setMinimumWidth(480);
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
