#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tokenpass::store {
class UnlockBackoff;
}
namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::ui {

class PasswordPrompt;

// Changes the wallet password (issue 6): the current one, the new one twice (at least
// Wallet::kMinPasswordLength, with a strength hint). Wallet::changePassword re-encrypts the file
// on the thread pool, so the window stays responsive and refuses to close halfway. A wrong
// current password counts toward the shared unlock back-off, like any other guess.
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    // Runs on the GUI thread after a successful change, with the new password (for the keychain).
    using Changed = std::function<void(const crypto::SecureBytes& newPassword)>;

    ChangePasswordDialog(wallet::Wallet* wallet, store::UnlockBackoff* backoff, Changed changed = {},
                         QWidget* parent = nullptr);

    bool isBusy() const;

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    void passwordChanged();

private:
    void submit();
    void finished(const Result<bool>& changed, const crypto::SecureBytes& newPassword);
    void setBusy(bool busy);
    void updateState();

    wallet::Wallet* m_wallet;
    Changed m_changed;
    PasswordPrompt* m_prompt = nullptr; // the current password, the error line, wait and busy bar
    QLineEdit* m_new = nullptr;
    QLineEdit* m_confirm = nullptr;
    QLabel* m_strength = nullptr;
    QLabel* m_done = nullptr;
    QPushButton* m_changeButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QString m_jobError; // the last attempt's answer, shown until the next attempt
};

} // namespace tokenpass::ui
