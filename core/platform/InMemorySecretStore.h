#pragma once

#include "platform/SecretStore.h"

#include <QHash>

#include <map>

namespace tokenpass::platform {

// The test double: a map in memory. Callbacks are queued like the real store's, so code that
// forgets to wait for them fails under test too. setFailure() makes every call fail, to test
// the deny-by-default paths.
class InMemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    void storePassword(const QString& account, const crypto::SecureBytes& password, Done done) override;
    void readPassword(const QString& account, ReadDone done) override;
    void removePassword(const QString& account, Done done) override;

    void setFailure(const QString& error) { m_failure = error; }
    bool contains(const QString& account) const { return m_secrets.count(account) != 0; }

private:
    std::map<QString, crypto::SecureBytes> m_secrets;
    QString m_failure;
};

} // namespace tokenpass::platform
