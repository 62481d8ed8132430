#include "KeychainUnlock.h"

#include "OffThread.h"
#include "platform/SecretStore.h"
#include "store/Settings.h"
#include "wallet/Wallet.h"

#include <QPointer>

namespace tokenpass::ui {

using crypto::SecureBytes;
using store::Settings;

KeychainUnlock::KeychainUnlock(std::shared_ptr<store::Database> database, platform::SecretStore* store,
                               wallet::Wallet* wallet, QObject* parent)
    : QObject(parent), m_database(std::move(database)), m_store(store), m_wallet(wallet)
{}

bool KeychainUnlock::enabled() const
{
    return Settings(m_database).boolean(Settings::Key::UnlockWithKeychain);
}

QString KeychainUnlock::account() const
{
    return QStringLiteral("wallet:") + m_wallet->backupPath();
}

void KeychainUnlock::enable(const SecureBytes& password, Done done)
{
    auto database = m_database;
    m_store->storePassword(account(), password, [database, done = std::move(done)](Result<bool> stored) {
        if (!stored)
            return done(stored);
        done(Settings(database).setBoolean(Settings::Key::UnlockWithKeychain, true));
    });
}

void KeychainUnlock::disable(Done done)
{
    const auto saved = Settings(m_database).setBoolean(Settings::Key::UnlockWithKeychain, false);
    m_store->removePassword(
        account(), [saved, done = std::move(done)](Result<bool> removed) { done(saved ? removed : saved); });
}

void KeychainUnlock::passwordChanged(const SecureBytes& newPassword, Done done)
{
    if (!enabled())
        return done(Result<bool>::ok(true));
    m_store->storePassword(account(), newPassword, std::move(done));
}

void KeychainUnlock::tryUnlock(std::function<void(bool unlocked)> done)
{
    if (!enabled() || m_wallet->state() != wallet::WalletState::Locked)
        return done(false);
    QPointer<KeychainUnlock> self(this);
    m_store->readPassword(account(), [self, done](Result<SecureBytes> password) {
        if (!self || !password)
            return done(false);
        auto secret = std::make_shared<SecureBytes>(std::move(*password));
        wallet::Wallet* wallet = self->m_wallet;
        runOffThread(
            self.data(), [wallet, secret] { return wallet->unlock(*secret).isOk(); },
            [done, secret](bool& unlocked) {
                secret->clear();
                done(unlocked);
            });
    });
}

} // namespace tokenpass::ui
