#include "TrayController.h"

#include "AboutDialog.h"
#include "AppIcon.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QVBoxLayout>
#include <QWidget>

namespace tokenpass::ui {

TrayController::TrayController(QString dataDir, quint16 port, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_port(port)
{
}

TrayController::~TrayController()
{
    delete m_menu;
    delete m_fallbackWindow;
}

QMenu* TrayController::buildMenu(QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("trayMenu"));
    QAction* about = menu->addAction(tr("About TokenPass"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &TrayController::showAbout);
    menu->addSeparator();
    QAction* quit = menu->addAction(tr("Quit TokenPass"));
    quit->setObjectName(QStringLiteral("actionQuit"));
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);
    return menu;
}

void TrayController::show()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_menu = buildMenu(nullptr);
        m_tray = new QSystemTrayIcon(appIcon(IconState::NoWallet), this);
        m_tray->setToolTip(tr("TokenPass — listening on port %1").arg(m_port));
        m_tray->setContextMenu(m_menu);
        m_tray->show();
        return;
    }
    // No tray (some panels, or none at all): a small window keeps every action reachable.
    m_fallbackWindow = new QWidget;
    m_fallbackWindow->setObjectName(QStringLiteral("fallbackWindow"));
    m_fallbackWindow->setWindowTitle(tr("TokenPass"));
    m_fallbackWindow->setWindowIcon(appIcon(IconState::NoWallet));
    auto* layout = new QVBoxLayout(m_fallbackWindow);
    auto* label = new QLabel(tr("TokenPass is running on port %1.\nNo system tray was found, so it lives "
                                "in this window.")
                                 .arg(m_port),
                             m_fallbackWindow);
    layout->addWidget(label);
    auto* menuButton = new QPushButton(tr("Menu"), m_fallbackWindow);
    menuButton->setObjectName(QStringLiteral("fallbackMenuButton"));
    menuButton->setMenu(buildMenu(m_fallbackWindow));
    layout->addWidget(menuButton);
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
