#pragma once

#include "platform/SecretStore.h"

namespace tokenpass::platform {

// The OS keychain through QtKeychain: the Secret Service (GNOME Keyring, KeePassXC) or KWallet on
// Linux, the login Keychain on macOS, the Credential Manager on Windows. The insecure plain-file
// fallback stays off: without a keychain the feature is unavailable, not silently weaker.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    // `service` groups our entries in the keychain; tests pass their own name.
    explicit KeychainSecretStore(QString service = QStringLiteral("TokenPass"), QObject* parent = nullptr);

    void storePassword(const QString& account, const crypto::SecureBytes& password, Done done) override;
    void readPassword(const QString& account, ReadDone done) override;
    void removePassword(const QString& account, Done done) override;

private:
    QString m_service;
};

} // namespace tokenpass::platform
