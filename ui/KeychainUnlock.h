#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace tokenpass::store {
class Database;
}
namespace tokenpass::platform {
class SecretStore;
}
namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::ui {

// "Unlock with system keychain" (DESIGN.md "Lock model"; off by default): keeps the setting
// (Settings::Key::UnlockWithKeychain) and the stored password in step, and unlocks from the
// keychain when it is on. Everything OS-specific stays behind platform::SecretStore, so tests use
// InMemorySecretStore. The password is stored per wallet file: another file is another account.
class KeychainUnlock : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<bool>)>;

    KeychainUnlock(std::shared_ptr<store::Database> database, platform::SecretStore* store,
                   wallet::Wallet* wallet, QObject* parent = nullptr);

    bool enabled() const;
    QString account() const;

    // Turns it on: stores `password` (already verified by the caller), then saves the setting.
    // The setting stays off if the keychain refuses.
    void enable(const crypto::SecureBytes& password, Done done);
    // Turns it off: the setting goes off at once (deny by default), then the secret is deleted;
    // `done` reports whether the deletion worked.
    void disable(Done done);
    // After a password change, the stored one must follow, or the next keychain unlock fails.
    void passwordChanged(const crypto::SecureBytes& newPassword, Done done);

    // When on and the wallet is locked: reads the password and unlocks with it off the GUI
    // thread. `done(true)` once unlocked; `done(false)` when off, nothing is stored, the keychain
    // refuses, or the stored password no longer opens the wallet (the caller then asks the person).
    void tryUnlock(std::function<void(bool unlocked)> done);

private:
    std::shared_ptr<store::Database> m_database;
    platform::SecretStore* m_store;
    wallet::Wallet* m_wallet;
};

} // namespace tokenpass::ui
