#pragma once

#include "AppIcon.h"
#include "wallet/Wallet.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

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
// desktop has no tray, it falls back to a small window so the app is never unreachable.
class TrayController : public QObject
{
    Q_OBJECT
public:
    TrayController(QString dataDir, quint16 port, QObject* parent = nullptr);
    ~TrayController() override;

    void show();
    bool usesTray() const { return m_tray != nullptr; }

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
    void quitRequested();

private:
    void showAbout();
    void buildMenu();
    void refresh();

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
    QWidget* m_fallbackWindow = nullptr;
    QLabel* m_fallbackStatus = nullptr;
    QSet<QString> m_unavailable;
    QPointer<AboutDialog> m_about;
};

} // namespace tokenpass::ui
