#pragma once

// Shared by the Settings, Export and Change password window tests: a real wallet (created from
// the API.md §12 words, PBKDF2 cut to 1,000 rounds so the tests stay fast), its database and the
// persisted unlock back-off on a manual clock.

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/UnlockBackoff.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <QWidget>

#include <gtest/gtest.h>

#include <memory>

namespace tokenpass::test {

inline constexpr char kWalletWords[] =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
inline constexpr char kWalletPassword[] = "correct horse battery";

inline crypto::SecureBytes secret(const char* text)
{
    return crypto::SecureBytes(QByteArrayView(text));
}

class WalletWindowFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        wallet::BackupFile::setIterationsForTesting(1000);
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_backoff = std::make_unique<store::UnlockBackoff>(m_db, m_clock);
        m_wallet = std::make_unique<wallet::Wallet>(m_dir.path());
        const crypto::SecureBytes words = secret(kWalletWords);
        const auto created = m_wallet->create(secret(kWalletPassword), &words);
        ASSERT_TRUE(created) << qPrintable(created.error());
    }
    void TearDown() override { wallet::BackupFile::setIterationsForTesting(0); }

    template <typename T> static T* child(QWidget& window, const char* name)
    {
        auto* w = window.findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    TestDataDir m_dir;
    ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<store::UnlockBackoff> m_backoff;
    std::unique_ptr<wallet::Wallet> m_wallet;
};

} // namespace tokenpass::test
