#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace tokenpass::store {
class UnlockBackoff;
}

namespace tokenpass::ui {

class CountdownLabel;

// Unlock the wallet, after Bitcoin Core's AskPassphraseDialog: a password field with a Caps Lock
// hint and a show toggle, a busy bar while PBKDF2 runs elsewhere (the dialog never blocks), the
// back-off countdown after repeated failures (API.md decision 8), and a field that is emptied as
// soon as the password has been taken into a SecureBytes.
class UnlockDialog : public QDialog
{
    Q_OBJECT
public:
    // Starts an unlock; the answer comes back through unlockFinished(). In the app this is
    // Wallet::unlockAsync; tests pass a fake.
    using Unlock = std::function<void(crypto::SecureBytes password)>;

    UnlockDialog(Unlock unlock, store::UnlockBackoff* backoff, QWidget* parent = nullptr);

    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void unlockFinished(bool ok, const QString& error, tokenpass::Failure why = tokenpass::Failure::Other);
    // The unlock had to repair the wallet file (Wallet::unlockRepaired): shown when it finishes.
    void unlockRepaired(const QString& notice);
    void reject() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void submit();
    void setBusy(bool busy);
    void refreshBackoff();
    void updateButtons();

    Unlock m_unlock;
    QString m_repairNotice;
    store::UnlockBackoff* m_backoff;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_show = nullptr;
    QLabel* m_capsLock = nullptr;
    QLabel* m_message = nullptr;
    QProgressBar* m_progress = nullptr;
    CountdownLabel* m_wait = nullptr;
    QPushButton* m_unlockButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    bool m_busy = false;
};

} // namespace tokenpass::ui
