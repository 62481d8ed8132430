#include "Application.h"

#include "ApprovalController.h"
#include "ChangePasswordDialog.h"
#include "ExportDialog.h"
#include "KeychainUnlock.h"
#include "ServerController.h"
#include "ServiceObjects.h"
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
#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "fs/AtomicFile.h"
#include "fs/DiskFullNotices.h"
#include "migrate/LegacyImport.h"
#include "platform/Autostart.h"
#include "platform/KeychainSecretStore.h"
#include "platform/SessionWatcher.h"
#include "store/AuditPruneSchedule.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "store/UnlockBackoff.h"
#include "wallet/IdleLock.h"
#include "wallet/Wallet.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QMenu>

#include <cstdio>

namespace tokenpass::app {

Application::Application(QString dataDir, quint16 port, bool headless, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_port(port), m_headless(headless)
{}

Application::~Application()
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
    // DESIGN.md "Lock model": quitting locks. Stop serving first, so no request races the wipe.
    if (m_server)
        m_server->stop();
    if (m_wallet)
        m_wallet->lock();
}

void Application::bringToFront()
{
    if (m_tray)
        m_tray->activate();
}

ui::UnlockDialog* Application::unlockDialog() const
{
    return m_unlockDialog.data();
}

quint16 Application::listeningPort() const
{
    return m_server && m_server->running() ? m_server->port() : 0;
}

void Application::importLegacyInstall()
{
    // API.md decision 10: a TokenPass Desktop state.db/keys.db is imported once, read-only.
    migrate::LegacyImport importer(m_database);
    const auto report = importer.importOnce(m_dataDir);
    if (!report)
        std::fprintf(stderr, "tokenpass: could not import the previous TokenPass state: %s\n",
                     qPrintable(report.error()));
    else if (!report->alreadyDone && (report->stateFileFound || report->keysFileFound))
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(report->summary()));
}

bool Application::start()
{
    // What a killed save left behind (the single-instance lock is ours, so no save is running).
    fs::removeLeftoverTemporaries(m_dataDir);
    auto database = store::Database::open(m_dataDir);
    if (!database) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(database.error()));
        return false;
    }
    m_database = *database;
    importLegacyInstall();
    m_auditPrune = std::make_unique<store::AuditPruneSchedule>(m_database, *m_clock);
    m_auditPrune->start();
    if (m_useSavedPort) {
        store::Settings settings(m_database);
        if (settings.isSet(store::Settings::Key::ListenPort))
            m_port = quint16(settings.integer(store::Settings::Key::ListenPort));
    }

    server::ServiceObjects core = server::ServiceObjects::make(m_dataDir, m_database, *m_clock);
    // DESIGN.md "Command line": with no display, consent is denied unless a grant exists.
    core.broker->setHeadless(m_headless);
    m_server = std::make_unique<server::ServerController>(core.services());
    m_wallet = std::move(core.wallet);
    m_broker = std::move(core.broker);
    m_gatekeeper = std::move(core.gatekeeper);
    m_activity = std::move(core.activity);

    server::ServerOptions options;
    options.port = m_port;
    options.originWhitelist = server::ServerOptions::whitelistFromEnvironment();
    const bool listening = m_server->start(options);
    if (listening)
        std::fprintf(stderr, "tokenpass: listening on http://127.0.0.1:%u/api/ (data folder %s)\n",
                     unsigned(m_server->port()), qPrintable(m_dataDir));
    else
        std::fprintf(stderr, "tokenpass: the local API is not available: %s\n",
                     qPrintable(m_server->lastError()));

    startIdleLock();

    if (m_headless) {
        if (!listening)
            return false; // headless, the server is the whole point
        std::fprintf(stderr, "tokenpass: running headless. Press Ctrl+C to stop.\n");
        return true;
    }
    startGui();
    return true;
}

void Application::startGui()
{
    wallet::Wallet* wallet = m_wallet.get();
    // Issue 19: the UI language, the system's unless Settings names one; before any window exists.
    ui::Translations::install(ui::Translations::resolve(
        store::Settings(m_database).string(store::Settings::Key::Language), QLocale::system().uiLanguages()));

    // Listening to the broker is what turns "nobody can be asked, deny" into a dialog.
    m_approvals = std::make_unique<ui::ApprovalController>(m_broker.get());
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

    m_tray = std::make_unique<ui::TrayController>(m_dataDir, m_server->running() ? m_server->port() : m_port);
    m_tray->setWalletState(wallet->state());

    // stateChanged can come from the thread pool (unlockAsync); the context object makes it queued.
    connect(wallet, &wallet::Wallet::stateChanged, m_tray.get(), &ui::TrayController::setWalletState);
    connect(m_approvals.get(), &ui::ApprovalController::pendingCountChanged, m_tray.get(),
            &ui::TrayController::setPendingCount);
    connect(m_tray.get(), &ui::TrayController::pendingRequested, m_approvals.get(),
            &ui::ApprovalController::showPending);
    connect(m_tray.get(), &ui::TrayController::unlockRequested, this, &Application::showUnlockDialog);
    connect(m_tray.get(), &ui::TrayController::setupRequested, this, &Application::showSetupWizard);
    connect(m_tray.get(), &ui::TrayController::sitesRequested, this, &Application::showSitesWindow);
    connect(m_tray.get(), &ui::TrayController::settingsRequested, this, &Application::showSettingsWindow);
    connect(m_tray.get(), &ui::TrayController::exportRequested, this, &Application::showExportDialog);
    connect(m_tray.get(), &ui::TrayController::lockRequested, this, [wallet] { wallet->lock(); });
    connect(m_tray.get(), &ui::TrayController::quitRequested, qApp, &QCoreApplication::quit);
    startLockTriggersGui();
    m_tray->show();
    // A save refused for a full disk, from any thread or file: the tray says so.
    connect(&fs::DiskFullNotices::instance(), &fs::DiskFullNotices::diskFull, m_tray.get(),
            &ui::TrayController::notifyDiskFull, Qt::QueuedConnection);
    // DESIGN.md "Lock model": with "unlock with system keychain" on, start unlocked, unasked.
    m_secretStore = std::make_unique<platform::KeychainSecretStore>();
    m_keychain = std::make_unique<ui::KeychainUnlock>(m_database, m_secretStore.get(), wallet);
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

void Application::startIdleLock()
{
    // DESIGN.md "Lock model": idle means no API use and no UI input for the set minutes.
    m_idleLock = std::make_unique<wallet::IdleLock>(*m_clock);
    auto database = m_database;
    m_idleLock->setIdleMinutesSource(
        [database] { return store::Settings(database).integer(store::Settings::Key::IdleLockMinutes); });
    wallet::Wallet* wallet = m_wallet.get();
    connect(m_activity.get(), &access::ApiActivity::used, m_idleLock.get(), &wallet::IdleLock::touch);
    connect(m_idleLock.get(), &wallet::IdleLock::idle, wallet, [wallet] {
        if (wallet->isUnlocked())
            wallet->lock();
    });
    // An unlock starts a fresh stretch, however long the wallet sat locked.
    connect(wallet, &wallet::Wallet::stateChanged, m_idleLock.get(), [this](wallet::WalletState state) {
        if (state == wallet::WalletState::Unlocked)
            m_idleLock->touch();
    });
}

void Application::startLockTriggersGui()
{
    wallet::Wallet* wallet = m_wallet.get();
    auto database = m_database;
    // UI input anywhere in the app counts as activity too.
    m_inputFilter = std::make_unique<ui::UserActivityFilter>();
    qApp->installEventFilter(m_inputFilter.get());
    connect(m_inputFilter.get(), &ui::UserActivityFilter::active, m_idleLock.get(), &wallet::IdleLock::touch);

    // Screen lock or suspend locks, unless the person turned it off (Settings).
    m_sessionWatcher = platform::SessionWatcher::create();
    const auto lockOnSession = [wallet, database] {
        if (wallet->isUnlocked() && store::Settings(database).boolean(store::Settings::Key::LockOnScreenLock))
            wallet->lock();
    };
    connect(m_sessionWatcher.get(), &platform::SessionWatcher::screenLocked, wallet, lockOnSession);
    connect(m_sessionWatcher.get(), &platform::SessionWatcher::suspending, wallet, lockOnSession);

    // After a signature, the tray says which host signed what (unless turned off).
    connect(m_activity.get(), &access::ApiActivity::signatureMade, m_tray.get(),
            [this, database](const QString& host, const QString& what) {
                m_tray->setSignatureNoticesEnabled(
                    store::Settings(database).boolean(store::Settings::Key::NotifySignatures));
                m_tray->notifySignature(host, what);
            });

    // A transaction signed within a site's spending allowance: the notice replaces the dialog.
    connect(m_gatekeeper.get(), &access::Gatekeeper::allowanceSpent, m_tray.get(),
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

void Application::showSetupWizard()
{
    if (m_wallet->state() != wallet::WalletState::NoWallet && !m_setupWizard)
        return;
    if (!m_setupWizard) {
        m_setupWizard = new ui::SetupWizard(m_wallet.get());
        m_setupWizard->setApiPort(listeningPort() ? listeningPort() : m_port);
        m_setupWizard->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::showAndRaise(m_setupWizard);
}

store::UnlockBackoff* Application::backoff()
{
    if (!m_backoff)
        m_backoff = std::make_unique<store::UnlockBackoff>(m_database);
    return m_backoff.get();
}

void Application::showUnlockDialog()
{
    if (m_wallet->state() != wallet::WalletState::Locked)
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

void Application::openUnlockDialog()
{
    if (m_wallet->state() != wallet::WalletState::Locked)
        return;
    if (!m_unlockDialog) {
        backoff();
        wallet::Wallet* wallet = m_wallet.get();
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

void Application::showSitesWindow()
{
    if (!m_sitesModel) {
        m_sitesModel = std::make_unique<ui::SitesModel>(m_database);
        wallet::Wallet* wallet = m_wallet.get();
        m_sitesModel->setIdentitySource([wallet] { // names when the wallet can say, else the id
            auto ids = wallet->identities();
            return ids ? *ids : QList<wallet::BapIdentity>{};
        });
    }
    if (!m_sitesWindow) {
        m_sitesWindow = new ui::SitesWindow(m_sitesModel.get());
        m_sitesWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::showAndRaise(m_sitesWindow); // showEvent reloads, so sites that connected meanwhile are listed
}

void Application::showSettingsWindow()
{
    if (!m_settingsWindow) {
        if (!m_autostart)
            m_autostart = std::make_unique<platform::Autostart>();
        ui::SettingsWindow::Services services;
        services.database = m_database;
        services.wallet = m_wallet.get();
        services.autostart = m_autostart.get();
        services.keychain = m_keychain.get();
        services.backoff = backoff();
        services.runningPort = listeningPort();
        m_settingsWindow = new ui::SettingsWindow(services);
        m_settingsWindow->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsWindow.data(), &ui::SettingsWindow::exportRequested, this,
                &Application::showExportDialog);
        connect(m_settingsWindow.data(), &ui::SettingsWindow::changePasswordRequested, this,
                &Application::showChangePasswordDialog);
    }
    ui::showAndRaise(m_settingsWindow);
}

void Application::showExportDialog()
{
    if (!m_exportDialog) {
        m_exportDialog = new ui::ExportDialog(m_wallet.get(), backoff());
        m_exportDialog->setAttribute(Qt::WA_DeleteOnClose); // and the words are wiped on close
    }
    ui::showAndRaise(m_exportDialog);
}

void Application::showChangePasswordDialog()
{
    if (!m_changePasswordDialog) {
        ui::KeychainUnlock* keychain = m_keychain.get();
        // A stored keychain password must follow the change, or the next keychain unlock fails.
        m_changePasswordDialog = new ui::ChangePasswordDialog(
            m_wallet.get(), backoff(), [keychain](const crypto::SecureBytes& pw) {
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
