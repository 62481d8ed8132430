// The secret store: the in-memory fake, and the real QtKeychain store against a throw-away
// GNOME Keyring. The keychain tests only talk to a keyring when TOKENPASS_TEST_KEYRING is set,
// which tests/platform/run-with-keyring.sh does inside its private D-Bus session; elsewhere they
// skip, so a developer's own keychain is never touched.
#include "platform/InMemorySecretStore.h"
#include "platform/KeychainSecretStore.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QUuid>

#include <optional>

using tokenpass::Result;
using tokenpass::crypto::SecureBytes;
using tokenpass::platform::InMemorySecretStore;
using tokenpass::platform::KeychainSecretStore;
using tokenpass::platform::SecretStore;

namespace {

// Runs the event loop until the store calls back (or 20 s pass: a keyring prompt would hang).
Result<bool> waitFor(const std::function<void(SecretStore::Done)>& call)
{
    std::optional<Result<bool>> outcome;
    QEventLoop loop;
    call([&](Result<bool> result) {
        outcome = std::move(result);
        loop.quit();
    });
    EXPECT_FALSE(outcome.has_value()) << "the callback must not run before the call returns";
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    return outcome ? std::move(*outcome) : Result<bool>::fail(QStringLiteral("timed out"));
}

Result<SecureBytes> waitForRead(SecretStore& store, const QString& account)
{
    std::optional<Result<SecureBytes>> outcome;
    QEventLoop loop;
    store.readPassword(account, [&](Result<SecureBytes> result) {
        outcome = std::move(result);
        loop.quit();
    });
    EXPECT_FALSE(outcome.has_value()) << "the callback must not run before the call returns";
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    return outcome ? std::move(*outcome) : Result<SecureBytes>::fail(QStringLiteral("timed out"));
}

// Stores, reads back, overwrites, removes: the contract every SecretStore keeps.
void exerciseStore(SecretStore& store, const QString& account)
{
    const SecureBytes password(QByteArrayView("correct horse \xc3\xa9 battery"));
    const auto stored =
        waitFor([&](SecretStore::Done d) { store.storePassword(account, password, std::move(d)); });
    ASSERT_TRUE(stored.isOk()) << qPrintable(stored.error());

    auto read = waitForRead(store, account);
    ASSERT_TRUE(read.isOk()) << qPrintable(read.error());
    EXPECT_TRUE(read->equals(password.view()));

    const SecureBytes changed(QByteArrayView("second"));
    ASSERT_TRUE(waitFor([&](SecretStore::Done d) { store.storePassword(account, changed, std::move(d)); }));
    read = waitForRead(store, account);
    ASSERT_TRUE(read.isOk()) << qPrintable(read.error());
    EXPECT_TRUE(read->equals("second"));

    const auto otherAccount = waitForRead(store, account + QStringLiteral("-other"));
    ASSERT_FALSE(otherAccount.isOk());
    EXPECT_EQ(otherAccount.error(), SecretStore::notFoundError());

    ASSERT_TRUE(waitFor([&](SecretStore::Done d) { store.removePassword(account, std::move(d)); }));
    const auto gone = waitForRead(store, account);
    ASSERT_FALSE(gone.isOk());
    EXPECT_EQ(gone.error(), SecretStore::notFoundError());
    // Removing again is not an error: the wanted state holds.
    EXPECT_TRUE(waitFor([&](SecretStore::Done d) { store.removePassword(account, std::move(d)); }));
}

} // namespace

TEST(InMemorySecretStore, KeepsTheSecretStoreContract)
{
    InMemorySecretStore store;
    exerciseStore(store, QStringLiteral("wallet-1"));
}

TEST(InMemorySecretStore, FailureIsReportedNeverAnEmptyPassword)
{
    InMemorySecretStore store;
    ASSERT_TRUE(waitFor([&](SecretStore::Done d) {
        store.storePassword(QStringLiteral("w"), SecureBytes(QByteArrayView("pw")), std::move(d));
    }));
    store.setFailure(QStringLiteral("locked"));
    const auto read = waitForRead(store, QStringLiteral("w"));
    ASSERT_FALSE(read.isOk());
    EXPECT_EQ(read.error(), QStringLiteral("locked"));
    EXPECT_FALSE(
        waitFor([&](SecretStore::Done d) { store.removePassword(QStringLiteral("w"), std::move(d)); }));
    EXPECT_TRUE(store.contains(QStringLiteral("w")));
}

TEST(KeychainSecretStore, StoresAndReadsAPasswordInARealKeyring)
{
    if (qEnvironmentVariable("TOKENPASS_TEST_KEYRING") != QStringLiteral("1"))
        GTEST_SKIP() << "needs a throw-away keyring: run through tests/platform/run-with-keyring.sh "
                        "(dbus-run-session + gnome-keyring-daemon); CTest does this in "
                        "platform.KeychainUnderDbusRunSession";
    // A service name of our own, so even a shared keyring never sees the app's real entries.
    KeychainSecretStore store(QStringLiteral("TokenPass-test-") +
                              QUuid::createUuid().toString(QUuid::WithoutBraces));
    exerciseStore(store, QStringLiteral("wallet-under-test"));
}
