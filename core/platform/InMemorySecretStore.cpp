#include "platform/InMemorySecretStore.h"

#include <QTimer>

#include <memory>

namespace tokenpass::platform {

void InMemorySecretStore::storePassword(const QString& account, const crypto::SecureBytes& password,
                                        Done done)
{
    Result<bool> result = Result<bool>::ok(true);
    if (!m_failure.isEmpty())
        result = Result<bool>::fail(m_failure);
    else
        m_secrets[account] = password.clone();
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

void InMemorySecretStore::readPassword(const QString& account, ReadDone done)
{
    // shared_ptr: the queued functor must be copyable, SecureBytes is move-only.
    auto result = std::make_shared<Result<crypto::SecureBytes>>(
        Result<crypto::SecureBytes>::fail(m_failure.isEmpty() ? notFoundError() : m_failure));
    if (m_failure.isEmpty()) {
        const auto it = m_secrets.find(account);
        if (it != m_secrets.end())
            *result = Result<crypto::SecureBytes>::ok(it->second.clone());
    }
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(std::move(*result)); });
}

void InMemorySecretStore::removePassword(const QString& account, Done done)
{
    Result<bool> result = Result<bool>::ok(true);
    if (!m_failure.isEmpty())
        result = Result<bool>::fail(m_failure);
    else
        m_secrets.erase(account);
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

} // namespace tokenpass::platform
