#pragma once

#include "Application.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace tokenpass::store {
class UnlockBackoff;
}
namespace tokenpass::platform {
class Autostart;
class SecretStore;
class SessionWatcher;
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

// The tray app: the shared object graph (Application) plus the tray, the dialogs and the lock
// triggers that need a desktop. Only `tokenpass` links it; `tokenpassd` never loads Qt Widgets.
// Created after the QApplication; destroyed before it.
class TrayApplication : public QObject
{
    Q_OBJECT
public:
    TrayApplication(QString dataDir, quint16 port, QObject* parent = nullptr);
    ~TrayApplication() override;

    // Starts the shared graph, then the tray. False (having printed why) if the data cannot be opened.
    bool start();
    void useSavedPort() { m_core.useSavedPort(); }
    Application& core() { return m_core; }
    // --minimized (started at login): stay in the tray; otherwise a locked wallet opens the unlock
    // window, so someone who just started the app sees it (issue 19).
    void setStartMinimized(bool minimized) { m_startMinimized = minimized; }
    // Tests: the unlock window, when one is open.
    ui::UnlockDialog* unlockDialog() const;

public Q_SLOTS:
    // Another launch asked us to show ourselves (single instance): do what a tray click does.
    void bringToFront();

private:
    void startGui();
    void startLockTriggersGui();
    void showUnlockDialog();
    void openUnlockDialog();
    // An OAuth consent while locked (OAUTH.md "Locked wallet"): the unlock dialog first; `done`
    // says whether the wallet opened.
    void unlockFirst(std::function<void(bool)> done);
    void showSetupWizard();
    void showSitesWindow();
    void showSettingsWindow();
    void showExportDialog();
    void showChangePasswordDialog();
    store::UnlockBackoff* backoff();

    Application m_core; // first in, last out: the dialogs below deny while its broker exists
    bool m_startMinimized = false;
    std::unique_ptr<ui::UserActivityFilter> m_inputFilter;
    std::unique_ptr<platform::SessionWatcher> m_sessionWatcher;
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
