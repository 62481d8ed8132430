#include "TrayApplication.h"

#include "ApprovalController.h"
#include "ChangePasswordDialog.h"
#include "ExportDialog.h"
#include "KeychainUnlock.h"
#include "ServerController.h"
#include "SettingsWindow.h"
#include "SetupWizard.h"
#include "ShowAndRaise.h"
#include "SitesModel.h"
#include "SitesWindow.h"
#include "Translations.h"
#include "TrayController.h"
#include "UnlockDialog.h"
#include "UserActivityFilter.h"
#include "access/ApiActivity.h"
#include "access/Gatekeeper.h"
#include "fs/DiskFullNotices.h"
#include "platform/Autostart.h"
#include "platform/KeychainSecretStore.h"
#include "platform/SessionWatcher.h"
#include "store/Settings.h"
#include "store/UnlockBackoff.h"
#include "wallet/IdleLock.h"
#include "wallet/Wallet.h"

#include <QApplication>
#include <QLocale>
#include <QMenu>

#include <cstdio>

namespace tokenpass::app {

TrayApplication::TrayApplication(QString dataDir, quint16 port, QObject* parent)
    : QObject(parent), m_core(std::move(dataDir), port, /*headless=*/false)
{}

TrayApplication::~TrayApplication()
{
    // Dialogs first: an open approval dialog answers "deny" while the broker still exists.
    delete m_unlockDialog.data();
    delete m_setupWizard.data();
    delete m_sitesWindow.data();
    delete m_settingsWindow.data();
    delete m_exportDialog.data();
    delete m_changePasswordDialog.data();
    if (m_inputFilter)
        qApp->removeEventFilter(m_inputFilter.get());
    m_sitesModel.reset();
    m_approvals.reset();
    // Then m_core, declared first: it stops the server and locks the wallet.
}

bool TrayApplication::start()
{
    if (!m_core.start())
        return false;
    startGui();
    return true;
}

ui::UnlockDialog* TrayApplication::unlockDialog() const
{
    return m_unlockDialog.data();
}

void TrayApplication::bringToFront()
{
    if (m_tray)
        m_tray->activate();
}

void TrayApplication::startGui()
{
    wallet::Wallet* wallet = m_core.wallet();
    // Issue 19: the UI language, the system's unless Settings names one; before any window exists.
    ui::Translations::install(
        ui::Translations::resolve(store::Settings(m_core.database()).string(store::Settings::Key::Language),
                                  QLocale::system().uiLanguages()));

    // Listening to the broker is what turns "nobody can be asked, deny" into a dialog.
    m_approvals = std::make_unique<ui::ApprovalController>(m_core.broker());
    m_approvals->setIdentitySource([wallet] {
        auto ids = wallet->identities();
        return ids ? *ids : QList<wallet::BapIdentity>{};
    });
    // API.md §2.21: the security image is the identicon of the localhost host key ("Anon" when locked).
    m_approvals->setIdenticonSeedSource([wallet] {
        if (!wallet->isUnlocked())
            return QStringLiteral("Anon");
        const auto key = wallet->hostKey(QStringLiteral("localhost"));
        return key ? key->publicKey : QStringLiteral("Anon");
    });

    const quint16 port = m_core.listeningPort();
    m_tray =
        std::make_unique<ui::TrayController>(m_core.dataDir(), port != 0 ? port : m_core.requestedPort());
    m_tray->setWalletState(wallet->state());

    // stateChanged can come from the thread pool (unlockAsync); the context object makes it queued.
    connect(wallet, &wallet::Wallet::stateChanged, m_tray.get(), &ui::TrayController::setWalletState);
    connect(m_approvals.get(), &ui::ApprovalController::pendingCountChanged, m_tray.get(),
            &ui::TrayController::setPendingCount);
    connect(m_tray.get(), &ui::TrayController::pendingRequested, m_approvals.get(),
            &ui::ApprovalController::showPending);
    connect(m_tray.get(), &ui::TrayController::unlockRequested, this, &TrayApplication::showUnlockDialog);
    connect(m_tray.get(), &ui::TrayController::setupRequested, this, &TrayApplication::showSetupWizard);
    connect(m_tray.get(), &ui::TrayController::sitesRequested, this, &TrayApplication::showSitesWindow);
    connect(m_tray.get(), &ui::TrayController::settingsRequested, this, &TrayApplication::showSettingsWindow);
    connect(m_tray.get(), &ui::TrayController::exportRequested, this, &TrayApplication::showExportDialog);
    connect(m_tray.get(), &ui::TrayController::lockRequested, this, [wallet] { wallet->lock(); });
    connect(m_tray.get(), &ui::TrayController::quitRequested, qApp, &QCoreApplication::quit);
    startLockTriggersGui();
    m_tray->show();
    // A save refused for a full disk, from any thread or file: the tray says so.
    connect(&fs::DiskFullNotices::instance(), &fs::DiskFullNotices::diskFull, m_tray.get(),
            &ui::TrayController::notifyDiskFull, Qt::QueuedConnection);
    // DESIGN.md "Lock model": with "unlock with system keychain" on, start unlocked, unasked.
    m_secretStore = std::make_unique<platform::KeychainSecretStore>();
    m_keychain = std::make_unique<ui::KeychainUnlock>(m_core.database(), m_secretStore.get(), wallet);
    // First start: with no wallet there is nothing else to do, so the setup comes to the person.
    // A normal start with a locked wallet asks for the password (the keychain first, when on);
    // --minimized, used at login, stays silent.
    if (wallet->state() == wallet::WalletState::NoWallet)
        showSetupWizard();
    else if (!m_startMinimized && wallet->state() == wallet::WalletState::Locked)
        showUnlockDialog();
    else
        m_keychain->tryUnlock([](bool) {});
}

void TrayApplication::startLockTriggersGui()
{
    wallet::Wallet* wallet = m_core.wallet();
    auto database = m_core.database();
    // UI input anywhere in the app counts as activity too.
    m_inputFilter = std::make_unique<ui::UserActivityFilter>();
    qApp->installEventFilter(m_inputFilter.get());
    connect(m_inputFilter.get(), &ui::UserActivityFilter::active, m_core.idleLock(),
            &wallet::IdleLock::touch);

    // Screen lock or suspend locks, unless the person turned it off (Settings).
    m_sessionWatcher = platform::SessionWatcher::create();
    const auto lockOnSession = [wallet, database] {
        if (wallet->isUnlocked() && store::Settings(database).boolean(store::Settings::Key::LockOnScreenLock))
            wallet->lock();
    };
    connect(m_sessionWatcher.get(), &platform::SessionWatcher::screenLocked, wallet, lockOnSession);
    connect(m_sessionWatcher.get(), &platform::SessionWatcher::suspending, wallet, lockOnSession);

    // After a signature, the tray says which host signed what (unless turned off).
    connect(m_core.activity(), &access::ApiActivity::signatureMade, m_tray.get(),
            [this, database](const QString& host, const QString& what) {
                m_tray->setSignatureNoticesEnabled(
                    store::Settings(database).boolean(store::Settings::Key::NotifySignatures));
                m_tray->notifySignature(host, what);
            });

    // A transaction signed within a site's spending allowance: the notice replaces the dialog.
    connect(m_core.gatekeeper(), &access::Gatekeeper::allowanceSpent, m_tray.get(),
            &ui::TrayController::notifyAllowanceSpent);

    // Launch at login: the check mark follows the platform's entry each time the menu opens.
    m_tray->setLaunchAtLogin(platform::Autostart().isEnabled());
    connect(m_tray->menu(), &QMenu::aboutToShow, m_tray.get(),
            [this] { m_tray->setLaunchAtLogin(platform::Autostart().isEnabled()); });
    connect(m_tray.get(), &ui::TrayController::launchAtLoginToggled, m_tray.get(), [this](bool enabled) {
        const auto result = platform::Autostart().setEnabled(enabled);
        if (!result)
            std::fprintf(stderr, "tokenpass: launch at login: %s\n", qPrintable(result.error()));
        m_tray->setLaunchAtLogin(platform::Autostart().isEnabled());
    });
}

void TrayApplication::showSetupWizard()
{
    if (m_core.wallet()->state() != wallet::WalletState::NoWallet && !m_setupWizard)
        return;
    if (!m_setupWizard) {
        m_setupWizard = new ui::SetupWizard(m_core.wallet());
        const quint16 port = m_core.listeningPort();
        m_setupWizard->setApiPort(port != 0 ? port : m_core.requestedPort());
        m_setupWizard->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::showAndRaise(m_setupWizard);
}

store::UnlockBackoff* TrayApplication::backoff()
{
    if (!m_backoff)
        m_backoff = std::make_unique<store::UnlockBackoff>(m_core.database());
    return m_backoff.get();
}

void TrayApplication::showUnlockDialog()
{
    if (m_core.wallet()->state() != wallet::WalletState::Locked)
        return;
    // The keychain first when it is on; asked only if it cannot unlock (off, refused, stale).
    if (m_keychain && m_keychain->enabled() && !m_unlockDialog) {
        m_keychain->tryUnlock([this](bool unlocked) {
            if (!unlocked)
                openUnlockDialog();
        });
        return;
    }
    openUnlockDialog();
}

void TrayApplication::openUnlockDialog()
{
    if (m_core.wallet()->state() != wallet::WalletState::Locked)
        return;
    if (!m_unlockDialog) {
        backoff();
        wallet::Wallet* wallet = m_core.wallet();
        m_unlockDialog = new ui::UnlockDialog(
            [wallet](crypto::SecureBytes password) { wallet->unlockAsync(std::move(password)); },
            m_backoff.get());
        m_unlockDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(wallet, &wallet::Wallet::unlockRepaired, m_unlockDialog.data(),
                &ui::UnlockDialog::unlockRepaired);
        connect(wallet, &wallet::Wallet::unlockFinished, m_unlockDialog.data(),
                &ui::UnlockDialog::unlockFinished);
    }
    ui::showAndRaise(m_unlockDialog);
}

void TrayApplication::showSitesWindow()
{
    if (!m_sitesModel) {
        m_sitesModel = std::make_unique<ui::SitesModel>(m_core.database());
        wallet::Wallet* wallet = m_core.wallet();
        m_sitesModel->setIdentitySource([wallet] { // names when the wallet can say, else the id
            auto ids = wallet->identities();
            return ids ? *ids : QList<wallet::BapIdentity>{};
        });
        if (server::ServerController* server = m_core.server()) {
            connect(m_sitesModel.get(), &ui::SitesModel::revokeClientRequested, server,
                    &server::ServerController::revokeOAuthClient);
            connect(server, &server::ServerController::oauthClientRevoked, m_sitesModel.get(),
                    &ui::SitesModel::clientRevoked);
        }
    }
    if (!m_sitesWindow) {
        m_sitesWindow = new ui::SitesWindow(m_sitesModel.get());
        m_sitesWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::showAndRaise(m_sitesWindow); // showEvent reloads, so sites that connected meanwhile are listed
}

void TrayApplication::showSettingsWindow()
{
    if (!m_settingsWindow) {
        if (!m_autostart)
            m_autostart = std::make_unique<platform::Autostart>();
        ui::SettingsWindow::Services services;
        services.database = m_core.database();
        services.wallet = m_core.wallet();
        services.autostart = m_autostart.get();
        services.keychain = m_keychain.get();
        services.backoff = backoff();
        services.runningPort = m_core.listeningPort();
        m_settingsWindow = new ui::SettingsWindow(services);
        m_settingsWindow->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsWindow.data(), &ui::SettingsWindow::exportRequested, this,
                &TrayApplication::showExportDialog);
        connect(m_settingsWindow.data(), &ui::SettingsWindow::changePasswordRequested, this,
                &TrayApplication::showChangePasswordDialog);
    }
    ui::showAndRaise(m_settingsWindow);
}

void TrayApplication::showExportDialog()
{
    if (!m_exportDialog) {
        m_exportDialog = new ui::ExportDialog(m_core.wallet(), backoff());
        m_exportDialog->setAttribute(Qt::WA_DeleteOnClose); // and the words are wiped on close
    }
    ui::showAndRaise(m_exportDialog);
}

void TrayApplication::showChangePasswordDialog()
{
    if (!m_changePasswordDialog) {
        ui::KeychainUnlock* keychain = m_keychain.get();
        // A stored keychain password must follow the change, or the next keychain unlock fails.
        m_changePasswordDialog = new ui::ChangePasswordDialog(
            m_core.wallet(), backoff(), [keychain](const crypto::SecureBytes& pw) {
                if (keychain)
                    keychain->passwordChanged(pw, [](Result<bool> stored) {
                        if (!stored)
                            std::fprintf(stderr, "tokenpass: the keychain kept the old password: %s\n",
                                         qPrintable(stored.error()));
                    });
            });
        m_changePasswordDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::showAndRaise(m_changePasswordDialog);
}

} // namespace tokenpass::app
