#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QObject>
#include <QString>

#include <functional>

namespace tokenpass::platform {

// Where the optional "unlock with system keychain" password lives (DESIGN.md "Lock model"):
// KeychainSecretStore (Secret Service / KWallet, macOS Keychain, Windows Credential Manager) in
// the app, InMemorySecretStore in tests. The OS stores answer asynchronously (a D-Bus prompt may
// be open), so every call takes a callback that runs later on this object's thread, never
// before the call returns. Deny by default: any failure is an error, never an empty password.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<bool>)>;
    using ReadDone = std::function<void(Result<crypto::SecureBytes>)>;

    using QObject::QObject;

    virtual void storePassword(const QString& account, const crypto::SecureBytes& password, Done done) = 0;
    // Fails with notFoundError() when nothing is stored for the account.
    virtual void readPassword(const QString& account, ReadDone done) = 0;
    // Succeeds when nothing was stored: afterwards there is no password either way.
    virtual void removePassword(const QString& account, Done done) = 0;

    static QString notFoundError() { return QStringLiteral("no password is stored for this wallet"); }
};

} // namespace tokenpass::platform
