#include "platform/KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <openssl/crypto.h>

namespace tokenpass::platform {

namespace {

QString describe(const QKeychain::Job& job)
{
    return QStringLiteral("system keychain: %1").arg(job.errorString());
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject* parent)
    : SecretStore(parent), m_service(std::move(service))
{}

void KeychainSecretStore::storePassword(const QString& account, const crypto::SecureBytes& password,
                                        Done done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    // QtKeychain takes a QByteArray; wipe our copy once it has its own. Its internal copy is
    // beyond our reach, which is part of the trade-off the Settings dialog explains.
    QByteArray bytes = password.toByteArrayUnsafe();
    job->setBinaryData(bytes);
    OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError)
            done(Result<bool>::fail(describe(*finished)));
        else
            done(Result<bool>::ok(true));
    });
    job->start();
}

void KeychainSecretStore::readPassword(const QString& account, ReadDone done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* finished) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
        if (read->error() == QKeychain::EntryNotFound) {
            done(Result<crypto::SecureBytes>::fail(notFoundError()));
            return;
        }
        if (read->error() != QKeychain::NoError) {
            done(Result<crypto::SecureBytes>::fail(describe(*read)));
            return;
        }
        QByteArray bytes = read->binaryData();
        done(Result<crypto::SecureBytes>::ok(crypto::SecureBytes::takeFrom(bytes)));
    });
    job->start();
}

void KeychainSecretStore::removePassword(const QString& account, Done done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
            done(Result<bool>::fail(describe(*finished)));
        else
            done(Result<bool>::ok(true));
    });
    job->start();
}

} // namespace tokenpass::platform
