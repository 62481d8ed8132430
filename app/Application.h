#pragma once

#include "Clock.h"
#include "CommandLine.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace tokenpass::store {
class AuditPruneSchedule;
class Database;
class UnlockBackoff;
} // namespace tokenpass::store
namespace tokenpass::wallet {
class IdleLock;
class Wallet;
} // namespace tokenpass::wallet
namespace tokenpass::access {
class ApiActivity;
class ApprovalBroker;
class Gatekeeper;
} // namespace tokenpass::access
namespace tokenpass::platform {
class SessionWatcher;
}
namespace tokenpass::server {
class ServerController;
}
namespace tokenpass::platform {
class Autostart;
class SecretStore;
} // namespace tokenpass::platform
namespace tokenpass::ui {
class ApprovalController;
class ChangePasswordDialog;
class ExportDialog;
class KeychainUnlock;
class SettingsWindow;
class SetupWizard;
class SitesModel;
class SitesWindow;
class TrayController;
class UnlockDialog;
class UserActivityFilter;
} // namespace tokenpass::ui

namespace tokenpass::app {

// The object graph both modes share (DESIGN.md "app/"): database, wallet, approval broker and the
// server thread, plus the tray in GUI mode. main() only decides the mode and runs the event loop.
// Created after the Qt application object; destroyed (wallet locked, server stopped) before it.
class Application : public QObject
{
    Q_OBJECT
public:
    Application(QString dataDir, quint16 port, bool headless, QObject* parent = nullptr);
    ~Application() override;

    // Opens the data (importing a TokenPass Desktop install once), starts the server and, in GUI
    // mode, the tray. Returns false, having printed why, when the process cannot serve its
    // purpose: the data cannot be opened, or headless without a listening server.
    bool start();
    // Tests: the idle lock's time (before start()), and the idle lock itself.
    void setClock(const Clock& clock) { m_clock = &clock; }
    wallet::IdleLock* idleLock() const { return m_idleLock.get(); }
    // No --port and no TOKENPASS_PORT: start() takes the port saved in Settings (if any).
    void useSavedPort() { m_useSavedPort = true; }
    // --minimized (started at login): stay in the tray; otherwise a locked wallet opens the unlock
    // window, so someone who just started the app sees it (issue 19).
    void setStartMinimized(bool minimized) { m_startMinimized = minimized; }
    // Tests: the unlock window, when one is open.
    ui::UnlockDialog* unlockDialog() const;

public Q_SLOTS:
    // Another launch asked us to show ourselves (single instance): do what a tray click does.
    void bringToFront();

    // The port the API listens on (the one chosen by the system for port 0), or 0 if it does not.
    quint16 listeningPort() const;

private:
    void importLegacyInstall();
    void startGui();
    void showUnlockDialog();
    void showSetupWizard();
    void showSitesWindow();
    void startIdleLock();
    void startLockTriggersGui();
    void openUnlockDialog();
    void showSettingsWindow();
    void showExportDialog();
    void showChangePasswordDialog();
    store::UnlockBackoff* backoff();

    QString m_dataDir;
    quint16 m_port;
    bool m_headless;
    bool m_useSavedPort = false;
    bool m_startMinimized = false;
    std::shared_ptr<store::Database> m_database;
    std::unique_ptr<store::AuditPruneSchedule> m_auditPrune; // issue 13: the log must not grow forever
    std::unique_ptr<wallet::Wallet> m_wallet;
    std::unique_ptr<access::ApprovalBroker> m_broker;
    std::unique_ptr<access::Gatekeeper> m_gatekeeper; // after the broker: removes its hooks first
    std::unique_ptr<access::ApiActivity> m_activity;  // the server's "used" and "signed", for the GUI
    const Clock* m_clock = &Clock::system();
    std::unique_ptr<wallet::IdleLock> m_idleLock;
    std::unique_ptr<ui::UserActivityFilter> m_inputFilter;
    std::unique_ptr<platform::SessionWatcher> m_sessionWatcher;
    std::unique_ptr<server::ServerController> m_server;
    std::unique_ptr<store::UnlockBackoff> m_backoff;
    std::unique_ptr<ui::ApprovalController> m_approvals;
    std::unique_ptr<ui::TrayController> m_tray;
    QPointer<ui::UnlockDialog> m_unlockDialog;
    QPointer<ui::SetupWizard> m_setupWizard;
    std::unique_ptr<ui::SitesModel> m_sitesModel;
    QPointer<ui::SitesWindow> m_sitesWindow;
    std::unique_ptr<platform::SecretStore> m_secretStore;
    std::unique_ptr<platform::Autostart> m_autostart;
    std::unique_ptr<ui::KeychainUnlock> m_keychain;
    QPointer<ui::SettingsWindow> m_settingsWindow;
    QPointer<ui::ExportDialog> m_exportDialog;
    QPointer<ui::ChangePasswordDialog> m_changePasswordDialog;
};

} // namespace tokenpass::app
