#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace tokenpass::store {
class UnlockBackoff;
}

namespace tokenpass::ui {

class PasswordPrompt;

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

    bool isBusy() const;

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
    void updateButtons();

    Unlock m_unlock;
    QString m_repairNotice;
    PasswordPrompt* m_prompt = nullptr;
    QCheckBox* m_show = nullptr;
    QLabel* m_capsLock = nullptr;
    QPushButton* m_unlockButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace tokenpass::ui
