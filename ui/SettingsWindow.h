#pragma once

#include <QDialog>
#include <QStringList>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QWidget;

namespace tokenpass::store {
class Database;
class UnlockBackoff;
} // namespace tokenpass::store
namespace tokenpass::platform {
class Autostart;
}
namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::ui {

class KeychainUnlock;

// The Settings window (issue 6). Every change is saved the moment it is made (store::Settings,
// the platform Autostart, the keychain), and the window says so; there is no OK/Cancel to forget.
// The only delayed one is the port, which the server takes at start, and the window says that too.
// Other parts of the app learn of a change through the signals below.
class SettingsWindow : public QDialog
{
    Q_OBJECT
public:
    struct Services
    {
        std::shared_ptr<store::Database> database;
        wallet::Wallet* wallet = nullptr;
        platform::Autostart* autostart = nullptr; // null: shown as unavailable
        KeychainUnlock* keychain = nullptr;       // null: shown as unavailable
        store::UnlockBackoff* backoff = nullptr;  // the unlock back-off, shared with every password prompt
        quint16 runningPort = 0;                  // what the server listens on now
    };

    explicit SettingsWindow(Services services, QWidget* parent = nullptr);

    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void idleLockMinutesChanged(int minutes);
    void lockOnScreenLockChanged(bool on);
    void notifySignaturesChanged(bool on);
    void originWhitelistChanged(const QStringList& origins);
    void unlockWithKeychainChanged(bool on);
    void exportRequested();
    void changePasswordRequested();

protected:
    void hideEvent(QHideEvent* event) override;
    // Escape in the keychain prompt cancels the prompt, not the window (SettingsKeychain.cpp).
    void keyPressEvent(QKeyEvent* event) override;

private:
    QWidget* buildGeneral();
    QWidget* buildLocking();
    QWidget* buildKeychain();
    QWidget* buildSecrets();
    QWidget* buildOrigins();
    QWidget* buildPort();

    void setLaunchAtLogin(bool on);
    void keychainClicked(bool on);
    void confirmKeychainPassword();
    void keychainDone(bool on, const QString& error);
    void showKeychainPrompt(bool show);
    void addOrigin();
    void removeOrigin();
    void saveOrigins(const QStringList& origins);
    void reloadOrigins();
    void savePort(int port);
    void showError(const QString& text);
    static QString saveFailed(const QString& why);
    // A grey explanation under a setting, and a red error line.
    static QLabel* note(const QString& text, QWidget* parent, const char* name = nullptr);
    static QLabel* errorLabel(QWidget* parent, const char* name);

    Services m_services;
    QCheckBox* m_launchAtLogin = nullptr;
    QCheckBox* m_notify = nullptr;
    QComboBox* m_language = nullptr;
    QSpinBox* m_idleMinutes = nullptr;
    QCheckBox* m_screenLock = nullptr;
    QCheckBox* m_keychain = nullptr;
    QWidget* m_keychainPrompt = nullptr;
    QLineEdit* m_keychainPassword = nullptr;
    QPushButton* m_keychainConfirm = nullptr;
    QLabel* m_keychainMessage = nullptr;
    QListWidget* m_origins = nullptr;
    QLineEdit* m_originInput = nullptr;
    QLabel* m_originMessage = nullptr;
    QSpinBox* m_port = nullptr;
    QLabel* m_error = nullptr;
    bool m_busy = false;
};

} // namespace tokenpass::ui
