#include "TrayController.h"

#include "AboutDialog.h"
#include "access/ScopeWords.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QVBoxLayout>
#include <QWidget>

namespace tokenpass::ui {

using wallet::WalletState;

TrayController::TrayController(QString dataDir, quint16 port, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_port(port),
      m_trayProbe([] { return QSystemTrayIcon::isSystemTrayAvailable(); })
{
    m_retryTimer.setInterval(kTrayRetryIntervalMs);
    connect(&m_retryTimer, &QTimer::timeout, this, &TrayController::retryTray);
    buildMenu();
    refresh();
}

void TrayController::setTrayProbe(TrayAvailable probe, int retryIntervalMs, int retryTimeoutMs)
{
    m_trayProbe = std::move(probe);
    m_retryTimer.setInterval(retryIntervalMs);
    m_retryTimeoutMs = retryTimeoutMs;
}

void TrayController::setIconStyle(IconStyle style)
{
    m_iconStyle = style;
    refresh();
}

TrayController::~TrayController()
{
    // The fallback window's button points at the menu; the window goes first.
    delete m_fallbackWindow;
    delete m_menu;
}

void TrayController::buildMenu()
{
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    auto add = [this](const QString& text, const char* name, void (TrayController::*signal)()) {
        QAction* action = m_menu->addAction(text);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, signal);
        return action;
    };
    m_setupAction = add(tr("Set up a wallet…"), "actionSetup", &TrayController::setupRequested);
    m_unlockAction = add(tr("Unlock…"), "actionUnlock", &TrayController::unlockRequested);
    m_lockAction = add(tr("Lock"), "actionLock", &TrayController::lockRequested);
    m_menu->addSeparator();
    m_pendingAction = add(tr("Pending approvals"), "actionPending", &TrayController::pendingRequested);
    m_sitesAction = add(tr("Connected sites…"), "actionSites", &TrayController::sitesRequested);
    add(tr("Settings…"), "actionSettings", &TrayController::settingsRequested);
    m_exportAction = add(tr("Show recovery words…"), "actionExport", &TrayController::exportRequested);
    m_launchAtLoginAction = m_menu->addAction(tr("Launch at login"));
    m_launchAtLoginAction->setObjectName(QStringLiteral("actionLaunchAtLogin"));
    m_launchAtLoginAction->setCheckable(true);
    // triggered, not toggled: only the person's click asks for a change, not setLaunchAtLogin().
    connect(m_launchAtLoginAction, &QAction::triggered, this, &TrayController::launchAtLoginToggled);
    m_menu->addSeparator();
    QAction* about = m_menu->addAction(tr("About TokenPass"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &TrayController::showAbout);
    add(tr("Quit TokenPass"), "actionQuit", &TrayController::quitRequested);
}

IconState TrayController::iconState() const
{
    if (m_pending > 0)
        return IconState::Attention;
    switch (m_state) {
    case WalletState::NoWallet:
        return IconState::NoWallet;
    case WalletState::Locked:
        return IconState::Locked;
    case WalletState::Unlocked:
        return IconState::Unlocked;
    }
    return IconState::NoWallet;
}

QString TrayController::toolTip() const
{
    QString state;
    switch (m_state) {
    case WalletState::NoWallet:
        state = tr("no wallet yet");
        break;
    case WalletState::Locked:
        state = tr("locked");
        break;
    case WalletState::Unlocked:
        state = tr("unlocked");
        break;
    }
    QString text = tr("TokenPass — %1, port %2").arg(state).arg(m_port);
    if (m_pending > 0)
        text += QLatin1Char('\n') + tr("%n approval(s) waiting", nullptr, m_pending);
    return text;
}

void TrayController::refresh()
{
    m_setupAction->setVisible(m_state == WalletState::NoWallet);
    m_unlockAction->setVisible(m_state == WalletState::Locked);
    m_lockAction->setVisible(m_state == WalletState::Unlocked);
    // Only what makes sense now (issue 19): no sites or words without a wallet, no empty queue.
    m_sitesAction->setVisible(m_state != WalletState::NoWallet);
    m_exportAction->setVisible(m_state != WalletState::NoWallet);
    m_pendingAction->setText(tr("Pending approvals (%1)").arg(m_pending));
    m_pendingAction->setVisible(m_pending > 0);
    m_pendingAction->setEnabled(m_pending > 0);

    for (QAction* action : m_menu->actions()) {
        if (m_unavailable.contains(action->objectName()))
            action->setVisible(false);
    }

    const QIcon icon = trayIcon(iconState(), m_iconStyle);
    if (m_tray) {
        m_tray->setIcon(icon);
        m_tray->setToolTip(toolTip());
    }
    if (m_fallbackWindow) {
        m_fallbackWindow->setWindowIcon(icon);
        m_fallbackStatus->setText(toolTip());
    }
}

void TrayController::setWalletState(WalletState state)
{
    m_state = state;
    refresh();
}

void TrayController::setPendingCount(int count)
{
    m_pending = qMax(0, count);
    refresh();
}

void TrayController::setActionAvailable(const QString& objectName, bool available)
{
    if (available) {
        m_unavailable.remove(objectName);
        if (QAction* action = m_menu->findChild<QAction*>(objectName))
            action->setVisible(true);
    } else {
        m_unavailable.insert(objectName);
    }
    refresh();
}

void TrayController::setPort(quint16 port)
{
    m_port = port;
    refresh();
}

void TrayController::setLaunchAtLogin(bool enabled)
{
    m_launchAtLoginAction->setChecked(enabled);
}

void TrayController::notifySignature(const QString& host, const QString& what)
{
    if (!m_signatureNotices)
        return;
    // The notice names the permission in plain words, as the consent dialog did (ScopeWords).
    const bool payment =
        what.startsWith(QLatin1String("txid")) || what.startsWith(QLatin1String("unsigned txid"));
    const access::ScopeWords words =
        access::scopeWords(payment ? QStringLiteral("transfer") : QStringLiteral("sign"));
    m_lastNotice = tr("%1 used “%2”: %3").arg(host, words.explanation, what);
    if (m_tray)
        m_tray->showMessage(tr("TokenPass signature"), m_lastNotice, QSystemTrayIcon::Information, 5000);
    else if (m_fallbackWindow)
        m_fallbackStatus->setText(toolTip() + QLatin1Char('\n') + m_lastNotice);
}

void TrayController::notifyAllowanceSpent(const QString& host, qint64 satoshis, qint64 left)
{
    m_lastNotice = tr("%1 spent %2 sat of its allowance; %3 left today.").arg(host).arg(satoshis).arg(left);
    if (m_tray)
        m_tray->showMessage(tr("TokenPass spending allowance"), m_lastNotice, QSystemTrayIcon::Information,
                            5000);
    else if (m_fallbackWindow)
        m_fallbackStatus->setText(toolTip() + QLatin1Char('\n') + m_lastNotice);
}

void TrayController::notifyDiskFull(const QString& folder)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_lastDiskFullNoticeMs != 0 && now - m_lastDiskFullNoticeMs < 60'000)
        return;
    m_lastDiskFullNoticeMs = now;
    m_lastNotice = tr("The disk is full, so TokenPass could not save a change. Nothing was changed. "
                      "Free some space on the disk that holds %1.")
                       .arg(QDir::toNativeSeparators(folder));
    if (m_tray)
        m_tray->showMessage(tr("TokenPass: the disk is full"), m_lastNotice, QSystemTrayIcon::Warning, 10000);
    else if (m_fallbackWindow)
        m_fallbackStatus->setText(toolTip() + QLatin1Char('\n') + m_lastNotice);
}

void TrayController::activate()
{
    if (m_pending > 0)
        Q_EMIT pendingRequested(); // a waiting site matters more than the usual action
    else if (m_state == WalletState::NoWallet)
        Q_EMIT setupRequested();
    else if (m_state == WalletState::Locked)
        Q_EMIT unlockRequested();
    else
        Q_EMIT sitesRequested();
}

void TrayController::show()
{
    if (m_tray || m_fallbackWindow || m_retryTimer.isActive())
        return;
    if (m_trayProbe()) {
        createTray();
        return;
    }
    // The panel may start after us (session autostart): keep looking for a while.
    m_retryElapsed.start();
    m_retryTimer.start();
}

void TrayController::retryTray()
{
    if (m_trayProbe()) {
        m_retryTimer.stop();
        createTray();
    } else if (m_retryElapsed.elapsed() >= m_retryTimeoutMs) {
        m_retryTimer.stop();
        createFallbackWindow();
    }
}

void TrayController::createTray()
{
    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            activate();
    });
    refresh();
    m_tray->show();
}

void TrayController::createFallbackWindow()
{
    // No tray (some panels, or none at all): a small window keeps every action reachable.
    m_fallbackWindow = new QWidget;
    m_fallbackWindow->setObjectName(QStringLiteral("fallbackWindow"));
    m_fallbackWindow->setWindowTitle(tr("TokenPass"));
    auto* layout = new QVBoxLayout(m_fallbackWindow);
    m_fallbackStatus = new QLabel(m_fallbackWindow);
    m_fallbackStatus->setObjectName(QStringLiteral("fallbackStatus"));
    layout->addWidget(m_fallbackStatus);
    layout->addWidget(
        new QLabel(tr("No system tray was found, so TokenPass lives in this window."), m_fallbackWindow));
    auto* menuButton = new QPushButton(tr("Menu"), m_fallbackWindow);
    menuButton->setObjectName(QStringLiteral("fallbackMenuButton"));
    menuButton->setMenu(m_menu);
    layout->addWidget(menuButton);
    refresh();
    m_fallbackWindow->show();
}

void TrayController::showAbout()
{
    if (!m_about) {
        m_about = new AboutDialog(m_dataDir, m_port);
        m_about->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
}

} // namespace tokenpass::ui
