#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace tokenpass::ui {

class AboutDialog;

// Owns the tray icon and its menu. When the desktop has no tray, it falls back to a small
// window so the app is never unreachable.
class TrayController : public QObject
{
    Q_OBJECT
public:
    TrayController(QString dataDir, quint16 port, QObject* parent = nullptr);
    ~TrayController() override;

    void show();
    bool usesTray() const { return m_tray != nullptr; }

Q_SIGNALS:
    void quitRequested();

private:
    void showAbout();
    QMenu* buildMenu(QWidget* parent);

    QString m_dataDir;
    quint16 m_port;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QWidget* m_fallbackWindow = nullptr;
    QPointer<AboutDialog> m_about;
};

} // namespace tokenpass::ui
