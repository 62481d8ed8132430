#pragma once

#include "AppIcon.h"
#include "wallet/Wallet.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>

class QAction;
class QLabel;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace tokenpass::ui {

class AboutDialog;

// Owns the tray icon and its menu (DESIGN.md "Lock model": the icon and tooltip show the state).
// It is a view: it is told the wallet state and the number of pending approvals, and it asks for
// everything else through signals, so it never touches the wallet or the broker itself. When the
// desktop has no tray, it keeps looking for one for a while (the panel may start after us), then
// falls back to a small window so the app is never unreachable.
class TrayController : public QObject
{
    Q_OBJECT
public:
    // How long show() keeps looking for a tray before it opens the fallback window.
    static constexpr int kTrayRetryIntervalMs = 1000;
    static constexpr int kTrayRetryTimeoutMs = 25000;
    using TrayAvailable = std::function<bool()>;

    TrayController(QString dataDir, quint16 port, QObject* parent = nullptr);
    ~TrayController() override;

    // Tests replace QSystemTrayIcon::isSystemTrayAvailable and shorten the wait.
    void setTrayProbe(TrayAvailable probe, int retryIntervalMs = kTrayRetryIntervalMs,
                      int retryTimeoutMs = kTrayRetryTimeoutMs);
    void setIconStyle(IconStyle style);

    void show();
    bool usesTray() const { return m_tray != nullptr; }
    bool waitingForTray() const { return m_retryTimer.isActive(); }
    QWidget* fallbackWindow() const { return m_fallbackWindow; }
    // The last notice shown (or that would have been shown with no tray), for tests.
    QString lastNotice() const { return m_lastNotice; }

    // For tests and the fallback window: the one menu both the tray and the window use.
    QMenu* menu() const { return m_menu; }
    QString toolTip() const;
    IconState iconState() const;
    wallet::WalletState walletState() const { return m_state; }
    int pendingCount() const { return m_pending; }
    // Hides a menu action whose window does not exist yet, so no item silently does nothing.
    void setActionAvailable(const QString& objectName, bool available);

public Q_SLOTS:
    void setWalletState(tokenpass::wallet::WalletState state);
    void setPendingCount(int count);
    void setPort(quint16 port);
    // The "Launch at login" check mark, as the platform autostart reports it (no signal).
    void setLaunchAtLogin(bool enabled);
    // "notifySignatures": whether notifySignature() shows anything.
    void setSignatureNoticesEnabled(bool enabled) { m_signatureNotices = enabled; }
    // After a signature: a tray message naming the host and what it signed (issue 6).
    void notifySignature(const QString& host, const QString& what);
    // A save failed because the disk is full (at most one notification a minute).
    void notifyDiskFull(const QString& folder);
    // A transaction signed within the site's spending allowance, without the dialog (issue 17):
    // always shown, since it replaces the question.
    void notifyAllowanceSpent(const QString& host, qint64 satoshis, qint64 left);
    // What a left click on the tray icon does: set up, unlock, or show the connected sites.
    void activate();

Q_SIGNALS:
    void setupRequested();
    void unlockRequested();
    void lockRequested();
    void pendingRequested();
    void sitesRequested();
    void settingsRequested();
    void exportRequested(); // "Show recovery words…" (ExportDialog)
    void launchAtLoginToggled(bool enabled);
    void quitRequested();

private:
    void showAbout();
    void buildMenu();
    void refresh();
    void retryTray();
    void createTray();
    void createFallbackWindow();

    QString m_dataDir;
    quint16 m_port;
    wallet::WalletState m_state = wallet::WalletState::NoWallet;
    int m_pending = 0;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_setupAction = nullptr;
    QAction* m_unlockAction = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_pendingAction = nullptr;
    QAction* m_sitesAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_launchAtLoginAction = nullptr;
    IconStyle m_iconStyle = IconStyle::Auto;
    TrayAvailable m_trayProbe;
    QTimer m_retryTimer;
    QElapsedTimer m_retryElapsed;
    int m_retryTimeoutMs = kTrayRetryTimeoutMs;
    bool m_signatureNotices = true;
    QString m_lastNotice;
    qint64 m_lastDiskFullNoticeMs = 0;
    QWidget* m_fallbackWindow = nullptr;
    QLabel* m_fallbackStatus = nullptr;
    QSet<QString> m_unavailable;
    QPointer<AboutDialog> m_about;
};

} // namespace tokenpass::ui
