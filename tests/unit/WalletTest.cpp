#include "wallet/Wallet.h"
#include "common/TestDataDir.h"
#include "common/Vectors.h"
#include "crypto/Bip32.h"
#include "crypto/Bsm.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "fs/AtomicFile.h"
#include "migrate/LegacySeed.h"
#include "wallet/BackupFile.h"
#include "wallet/BackupPayload.h"
#include "wallet/BackupRegistry.h"
#include "wallet/HostKeys.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace tokenpass;
using crypto::SecureBytes;
using wallet::Wallet;
using wallet::WalletState;

namespace {

SecureBytes secret(const char* text)
{
    return SecureBytes(QByteArrayView(text));
}

// The wallet of API.md §12: "abandon ... about" with password "correct horse battery".
const char* kMnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const char* kPassword = "correct horse battery";

// The v0.0.8 sample backup.bep of API.md §12 (no mnemonic inside, 600,000 iterations).
const char* kSampleBep =
    "BzFJKc4I/krSOCwD4ge9cNxbx8upfeqOYT5O/s835TeRwVp3U8QTWQD4MqhU3Zs8FmoBzCPrKizuVAO3ED3LCQr/nnLWR6cV/o/"
    "pTX+l/"
    "cLpdXsaRqRyelQcddeyzs2M1aHJ+/c5fic8UsnXAD91pVwn75BjONns4kwTGgNrxY5j+slJ4/"
    "+uTB6hcasxlnR8PE3NiMrYOuuvpS9TTUQV"
    "6wCFlzeiimbdVZ+eFwI+HC8OP3zNhvSpgIOXzctz3fLJSNBFcdxpsryz/"
    "KxrRcnYgKo+EGNKJcLrnuYt2EscenLFkFMguGGqeAwKE8QUzmN1"
    "ANKeOoopG2faqNMH4s1Atb+0RPdiRv8epp2pSuhZjQhKvqS9dKwPcZ5Wsls3OgB++gH/"
    "fN9EKGvXdicOJoin4nPeynIq75uExtRRT2b9cbGQ"
    "fDaJw+Yc90XzNU5KNcfyYb5MY3UWhDnsq3uxPhT52E/"
    "e5YKRqpDdimfuknZ9418iznh8hYflgIzCRb5lx6tSCeupYlR58z4+Rw+OkJiCefe9"
    "QkdD48XHW7TCoxvl7J9vvnSK1PbtvABDHVcQR5f+Nn3jyZ/"
    "Nz5OMyobaPwRDAEyAbQpQsdXEiPbPKIrtIGNcJca7IFFJkwFW0DrkHfRs0q/k"
    "WlQXfS1Hq3PSP7LmlT/Rup8k6YzYRbd13K8w85dgFH+18xxO8We7XPECc9CGZykXJbgPwtfaZkNR1qYHZSbH+NffeRwsnBaJwSfEujd/"
    "vidc2"
    "ltG6qmMoITLqViZQ+vyZ15KjCKs+P95YMJSGll6kXVDnNG/p+pM/"
    "o7tRVm7Joz2BP91Xl8Hs2L4sXyAZIVOpKwdV2IQkcn2lIIxNz3rmzJkw"
    "y0k8oTtC5U=";

int fileMode(const QString& path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

class WalletTest : public ::testing::Test
{
protected:
    QString bep() const { return m_dir.filePath(QStringLiteral("backup.bep")); }
    test::TestDataDir m_dir;
    Wallet m_wallet{m_dir.path()};
};

} // namespace

TEST_F(WalletTest, StartsWithNoWallet)
{
    EXPECT_EQ(m_wallet.state(), WalletState::NoWallet);
    EXPECT_EQ(m_wallet.backupPath(), bep());
    EXPECT_FALSE(m_wallet.unlock(secret(kPassword)));
    EXPECT_FALSE(m_wallet.hostKey(QStringLiteral("example.com")));
}

TEST_F(WalletTest, CreateWritesAPrivateV008CompatibleBackup)
{
    QSignalSpy states(&m_wallet, &Wallet::stateChanged);
    const auto created = m_wallet.create(secret(kPassword));
    ASSERT_TRUE(created) << qPrintable(created.error());
    EXPECT_EQ(m_wallet.state(), WalletState::Unlocked);
    EXPECT_EQ(states.count(), 1);
    EXPECT_EQ(fileMode(bep()), 0600);
    EXPECT_FALSE(QFileInfo::exists(bep() + QStringLiteral(".bak")));

    // The file opens with the reference format rules and holds what decision 9 asks for.
    const auto text = fs::readWholeFile(bep());
    ASSERT_TRUE(text);
    const auto decrypted = wallet::BackupFile::decrypt(QString::fromLatin1(*text), kPassword);
    ASSERT_TRUE(decrypted) << qPrintable(decrypted.error());
    EXPECT_EQ(decrypted->iterations, 600000);
    const auto payload = wallet::BackupPayload::parse(decrypted->plaintext.view());
    ASSERT_TRUE(payload) << qPrintable(payload.error());
    EXPECT_EQ(QString::fromUtf8(payload->mnemonic.view()).split(QLatin1Char(' ')).size(), 12);
    EXPECT_EQ(payload->otherFields.value(QStringLiteral("label")).toString(), QStringLiteral("TokenPass"));
    EXPECT_FALSE(payload->otherFields.value(QStringLiteral("createdAt")).toString().isEmpty());
    EXPECT_FALSE(payload->ids().isEmpty());

    const auto ids = m_wallet.identities();
    ASSERT_TRUE(ids);
    ASSERT_EQ(ids->size(), 1);
    EXPECT_EQ(ids->first().name, QStringLiteral("Primary Identity"));
    EXPECT_EQ(ids->first().rootPath, QStringLiteral("bap:0"));
}

TEST_F(WalletTest, CreateRefusesShortPasswordsAndExistingWallets)
{
    const auto tooShort = m_wallet.create(secret("1234567"));
    ASSERT_FALSE(tooShort);
    EXPECT_EQ(tooShort.error(), QStringLiteral("Password must be at least 8 characters"));
    EXPECT_FALSE(QFileInfo::exists(bep()));

    writeFile(bep(), QByteArray(kSampleBep));
    const auto again = m_wallet.create(secret(kPassword));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error(), QStringLiteral("Wallet already exists"));
    const auto text = fs::readWholeFile(bep());
    EXPECT_EQ(*text, QByteArray(kSampleBep)); // untouched
}

TEST_F(WalletTest, KnownMnemonicGivesTheReferenceKeys)
{
    const SecureBytes words = secret(kMnemonic);
    ASSERT_TRUE(m_wallet.create(secret(kPassword), &words));
    // API.md §12, host master = rootPk (the backup has a mnemonic).
    const auto host = m_wallet.hostKey(QStringLiteral("example.com"));
    ASSERT_TRUE(host) << qPrintable(host.error());
    EXPECT_EQ(host->address, QStringLiteral("15XZF3115R7Gi7rC6gBNb2QPu8g4FuKSoS"));
    EXPECT_EQ(host->publicKey,
              QStringLiteral("03750858d07100d904cdba39e02c5533fbcbbeb202e5ca73c952ae049b42fbb8e7"));
    EXPECT_EQ(host->invoice, QStringLiteral("2-tokenpass-example.com"));
    EXPECT_EQ(m_wallet.identities()->first().identityKey, QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh"));

    const auto sig = m_wallet.signMessage(QStringLiteral("example.com"), "Hello World");
    ASSERT_TRUE(sig);
    EXPECT_EQ(
        sig->signature,
        QStringLiteral(
            "H8krV3NogUe8MTAeg+kKdI+kb+uWzlk8EQx8KospOl+8T5dsBt//lii4SkBPlEwHnBSoma/1Sowpzc30UbZpl88="));
    EXPECT_EQ(*m_wallet.friendPublicKey(QStringLiteral("FriendBapIdExample")),
              QStringLiteral("020c96050ff7ff2d18cd8e49f5c96a6f1cb3e19477a2f8fd46c08df7815d13a8b4"));
}

TEST_F(WalletTest, TheV008SampleBackupUnlocksWithV008HostKeys)
{
    writeFile(bep(), QByteArray(kSampleBep));
    EXPECT_EQ(m_wallet.state(), WalletState::Locked);
    const auto wrong = m_wallet.unlock(secret("correct horse battery!"));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error(), QStringLiteral("Invalid password"));
    EXPECT_EQ(m_wallet.state(), WalletState::Locked);

    const auto unlocked = m_wallet.unlock(secret(kPassword));
    ASSERT_TRUE(unlocked) << qPrintable(unlocked.error());
    // No mnemonic in the file: v0.0.8 after a restart used HD.fromSeed(rootPk) (API.md §12).
    const auto host = m_wallet.hostKey(QStringLiteral("example.com"));
    ASSERT_TRUE(host);
    EXPECT_EQ(host->address, QStringLiteral("1GC2Mv37Nzy28xbEsFUetaZMt9sT4yvyBu"));
    EXPECT_EQ(host->publicKey,
              QStringLiteral("0359d7a32644390bca986b5ce42b22596b96f5203db068c77c92314d3a0da0edb4"));
    const auto ids = m_wallet.identities();
    ASSERT_EQ(ids->size(), 1);
    EXPECT_EQ(ids->first().identityKey, QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh"));
    EXPECT_EQ(ids->first().rootAddress, QStringLiteral("1ErQg5LWoBevMJPCp8DpucauA4JVKwkDBJ"));
}

TEST_F(WalletTest, LockWipesKeysAndUnlockRestoresTheSameOnes)
{
    ASSERT_TRUE(m_wallet.create(secret(kPassword)));
    const QString before = m_wallet.hostKey(QStringLiteral("a.example"))->address;
    m_wallet.lock();
    EXPECT_EQ(m_wallet.state(), WalletState::Locked);
    const auto locked = m_wallet.hostKey(QStringLiteral("a.example"));
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error(), QStringLiteral("Wallet is locked"));
    EXPECT_FALSE(m_wallet.signMessage(QStringLiteral("a.example"), "x"));
    EXPECT_FALSE(m_wallet.identities());

    ASSERT_TRUE(m_wallet.unlock(secret(kPassword)));
    EXPECT_EQ(m_wallet.hostKey(QStringLiteral("a.example"))->address, before);
}

TEST_F(WalletTest, UnlockAsyncReportsBySignal)
{
    ASSERT_TRUE(m_wallet.create(secret(kPassword)));
    m_wallet.lock();
    QSignalSpy finished(&m_wallet, &Wallet::unlockFinished);
    m_wallet.unlockAsync(secret("wrong password"));
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_EQ(finished.at(0).at(1).toString(), QStringLiteral("Invalid password"));
    m_wallet.unlockAsync(secret(kPassword));
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_TRUE(finished.at(1).at(0).toBool());
    EXPECT_EQ(m_wallet.state(), WalletState::Unlocked);
}

TEST_F(WalletTest, ChangePasswordKeepsEveryKey)
{
    const SecureBytes words = secret(kMnemonic);
    ASSERT_TRUE(m_wallet.create(secret(kPassword), &words));
    const QString hostBefore = m_wallet.hostKey(QStringLiteral("example.com"))->address;
    const QString friendBefore = *m_wallet.friendPublicKey(QStringLiteral("f"));

    EXPECT_EQ(m_wallet.changePassword(secret("not it at all"), secret("new password 1")).error(),
              QStringLiteral("Invalid password"));
    EXPECT_EQ(m_wallet.changePassword(secret(kPassword), secret("short")).error(),
              QStringLiteral("Password must be at least 8 characters"));
    const auto changed = m_wallet.changePassword(secret(kPassword), secret("new password 1"));
    ASSERT_TRUE(changed) << qPrintable(changed.error());

    m_wallet.lock();
    EXPECT_FALSE(m_wallet.unlock(secret(kPassword)));
    ASSERT_TRUE(m_wallet.unlock(secret("new password 1")));
    EXPECT_EQ(m_wallet.hostKey(QStringLiteral("example.com"))->address, hostBefore);
    EXPECT_EQ(hostBefore, QStringLiteral("15XZF3115R7Gi7rC6gBNb2QPu8g4FuKSoS"));
    EXPECT_EQ(*m_wallet.friendPublicKey(QStringLiteral("f")), friendBefore);
    EXPECT_EQ(m_wallet.identities()->first().identityKey, QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh"));
}

TEST_F(WalletTest, ExportNeedsThePasswordAndGivesSeedAndWords)
{
    const SecureBytes words = secret(kMnemonic);
    ASSERT_TRUE(m_wallet.create(secret(kPassword), &words));
    EXPECT_EQ(m_wallet.exportSecrets(secret("wrong password")).error(), QStringLiteral("Invalid password"));
    const auto exported = m_wallet.exportSecrets(secret(kPassword));
    ASSERT_TRUE(exported) << qPrintable(exported.error());
    EXPECT_EQ(exported->mnemonic.toByteArrayUnsafe(), QByteArray(kMnemonic));
    EXPECT_EQ(
        exported->seedHex.toByteArrayUnsafe(),
        QByteArray("740106fc1674038cd01656e01d0a823705bab339692a77463790011d32480f7444715938d2e3d9abc6bbaf82"
                   "6a887a303c7a0026ca22fa3eb9318625911c7569"));
}

TEST_F(WalletTest, IdentitiesAreSavedAndSurviveUnlock)
{
    ASSERT_TRUE(m_wallet.create(secret(kPassword)));
    QSignalSpy changed(&m_wallet, &Wallet::identitiesChanged);
    const auto work = m_wallet.createIdentity(QStringLiteral("Work"));
    ASSERT_TRUE(work) << qPrintable(work.error());
    EXPECT_EQ(work->rootPath, QStringLiteral("bap:1"));
    const auto guest = m_wallet.createGuestIdentity(QStringLiteral("shop.example"));
    ASSERT_TRUE(guest) << qPrintable(guest.error());
    EXPECT_EQ(guest->name, QStringLiteral("Guest @ shop.example"));
    EXPECT_EQ(guest->rootPath, QStringLiteral("bap:2"));
    ASSERT_EQ(guest->attributes.size(), 1);
    EXPECT_EQ(guest->attributes.first().name, QStringLiteral("guestFor"));
    EXPECT_EQ(guest->attributes.first().nonce.size(), 64);
    const auto named =
        m_wallet.setAttributes(work->identityKey, {{QStringLiteral("displayName"), QStringLiteral("Ann")},
                                                   {QStringLiteral("paymail"), QStringLiteral("ann@x.y")}});
    ASSERT_TRUE(named);
    EXPECT_EQ(named->attributes.size(), 2);
    EXPECT_NE(named->attributes.at(0).nonce, named->attributes.at(1).nonce);
    EXPECT_GE(changed.count(), 3);
    EXPECT_FALSE(m_wallet.createIdentity(QStringLiteral("  ")));
    EXPECT_FALSE(m_wallet.setAttributes(QStringLiteral("nobody"), {}));

    m_wallet.lock();
    ASSERT_TRUE(m_wallet.unlock(secret(kPassword)));
    const auto ids = m_wallet.identities();
    ASSERT_EQ(ids->size(), 3);
    EXPECT_EQ(ids->at(1).name, QStringLiteral("Work"));
    EXPECT_EQ(ids->at(1).attributes.size(), 2);
    EXPECT_EQ(ids->at(2).attributes.first().value, QStringLiteral("shop.example"));
}

TEST_F(WalletTest, DamagedBackupIsNamedAndNeverOverwritten)
{
    const QByteArray damaged = QByteArray(kSampleBep).left(40) + "!!!not base64!!!";
    writeFile(bep(), damaged);
    const auto r = m_wallet.unlock(secret(kPassword));
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().contains(bep())) << qPrintable(r.error());
    EXPECT_FALSE(m_wallet.create(secret(kPassword)));
    EXPECT_EQ(*fs::readWholeFile(bep()), damaged);
}

TEST_F(WalletTest, ImportOfAnEncryptedBackupUnlocksIt)
{
    const auto imported = m_wallet.importBackup(QByteArray(kSampleBep), secret(kPassword));
    ASSERT_TRUE(imported) << qPrintable(imported.error());
    EXPECT_EQ(m_wallet.hostKey(QStringLiteral("example.com"))->address,
              QStringLiteral("1GC2Mv37Nzy28xbEsFUetaZMt9sT4yvyBu"));
    EXPECT_FALSE(m_wallet.importBackup(QByteArray(kSampleBep), secret(kPassword))); // no silent overwrite
    EXPECT_EQ(m_wallet.importBackup(QByteArray(kSampleBep), secret("wrong password"), true).error(),
              QStringLiteral("Invalid password"));
}

TEST_F(WalletTest, FriendEncryptionRoundTripsAndHostModeIsForTheHostKey)
{
    ASSERT_TRUE(m_wallet.create(secret(kPassword)));
    const auto ct = m_wallet.encryptToFriend(QStringLiteral("FriendId"), QString(), "secret note");
    ASSERT_TRUE(ct);
    const auto pt = m_wallet.decryptFromFriend(QStringLiteral("FriendId"), QString(), *ct);
    ASSERT_TRUE(pt) << qPrintable(pt.error());
    EXPECT_EQ(pt->toByteArrayUnsafe(), QByteArray("secret note"));
    EXPECT_FALSE(m_wallet.decryptFromFriend(QStringLiteral("OtherId"), QString(), *ct));
    EXPECT_FALSE(m_wallet.encryptToFriend(QString(), QStringLiteral("02zz"), "x"));
    const auto hostCt = m_wallet.encryptToHost(QStringLiteral("example.com"), "hi");
    ASSERT_TRUE(hostCt);
    EXPECT_TRUE(hostCt->startsWith("BIE1"));
}

TEST_F(WalletTest, LegacyIterationWalletWithUnreadableIdsKeepsThemOnResave)
{
    // vectors tokenpass.backup.legacy100k: a 100,000-iteration file whose ids blob is a stub.
    const QJsonObject legacy = test::vectorAt(QStringLiteral("tokenpass.backup.legacy100k")).toObject();
    const QString passphrase = test::vectorAt(QStringLiteral("tokenpass.backup.passphrase")).toString();
    ASSERT_FALSE(legacy.isEmpty());
    writeFile(bep(), legacy.value(QStringLiteral("encryptedBase64")).toString().toLatin1());
    const SecureBytes password(passphrase.toUtf8());
    const auto unlocked = m_wallet.unlock(password);
    ASSERT_TRUE(unlocked) << qPrintable(unlocked.error());
    EXPECT_TRUE(m_wallet.identities()->isEmpty());
    EXPECT_TRUE(m_wallet.checkPassword(password));
    EXPECT_FALSE(m_wallet.checkPassword(secret("hunter3hunter3")));
    EXPECT_FALSE(m_wallet.createIdentity(QStringLiteral("x"))); // would overwrite what we cannot read

    ASSERT_TRUE(m_wallet.changePassword(password, secret("a new password")));
    const auto text = fs::readWholeFile(bep());
    const auto decrypted = wallet::BackupFile::decrypt(QString::fromLatin1(*text), "a new password");
    ASSERT_TRUE(decrypted) << qPrintable(decrypted.error());
    EXPECT_EQ(decrypted->iterations, 600000); // rewritten at today's count
    const auto payload = wallet::BackupPayload::parse(decrypted->plaintext.view());
    EXPECT_EQ(payload->ids(), QStringLiteral("QklFMQ==")); // untouched
    test::countVector(QStringLiteral("tokenpass.backup (wallet)"));
}

TEST_F(WalletTest, SwitchingWalletFilesLocksAndOpensTheOtherOne)
{
    const SecureBytes words = secret(kMnemonic);
    ASSERT_TRUE(m_wallet.create(secret(kPassword), &words));
    const QString second = m_dir.filePath(QStringLiteral("second.bep"));
    writeFile(second, QByteArray(kSampleBep));
    EXPECT_EQ(m_wallet.switchTo(second).error(), QStringLiteral("Backup not in known list - add it first"));
    EXPECT_EQ(m_wallet.state(), WalletState::Unlocked);

    ASSERT_TRUE(m_wallet.registry().add(second, QStringLiteral("Second")));
    QSignalSpy states(&m_wallet, &Wallet::stateChanged);
    ASSERT_TRUE(m_wallet.switchTo(second));
    EXPECT_EQ(m_wallet.state(), WalletState::Locked);
    EXPECT_EQ(states.count(), 1);
    EXPECT_EQ(m_wallet.backupPath(), second);
    ASSERT_TRUE(m_wallet.unlock(secret(kPassword)));
    // The sample file has no mnemonic: v0.0.8's after-login master, unlike the first wallet.
    EXPECT_EQ(m_wallet.hostKey(QStringLiteral("example.com"))->address,
              QStringLiteral("1GC2Mv37Nzy28xbEsFUetaZMt9sT4yvyBu"));

    ASSERT_TRUE(m_wallet.switchTo(bep()));
    ASSERT_TRUE(m_wallet.unlock(secret(kPassword)));
    EXPECT_EQ(m_wallet.hostKey(QStringLiteral("example.com"))->address,
              QStringLiteral("15XZF3115R7Gi7rC6gBNb2QPu8g4FuKSoS"));
}

TEST_F(WalletTest, ALegacySeedDbBecomesAWalletWithTheSameSeed)
{
    // vectors tokenpass.desktopV003toV005: a G2 seed.db whose vault holds the seed and the words.
    const QJsonObject g2 = test::vectorAt(QStringLiteral("tokenpass.desktopV003toV005")).toObject();
    const QString seedDb = m_dir.filePath(QStringLiteral("seed.db"));
    QJsonObject record = g2.value(QStringLiteral("seedDbRecord")).toObject();
    record.insert(QStringLiteral("_id"), QStringLiteral("abcdefghijklmnop"));
    writeFile(seedDb, QJsonDocument(record).toJson(QJsonDocument::Compact) + "\n");
    const QByteArray password = g2.value(QStringLiteral("password")).toString().toUtf8();

    const auto recovered = migrate::LegacySeedFile::recover(seedDb, password);
    ASSERT_TRUE(recovered.ok()) << qPrintable(recovered.error);
    const auto created = m_wallet.createFromSeed(SecureBytes(password), recovered.seed, &recovered.mnemonic);
    ASSERT_TRUE(created) << qPrintable(created.error());

    // The words and password restore exactly this seed, so they are kept and export shows them.
    const auto exported = m_wallet.exportSecrets(SecureBytes(password));
    ASSERT_TRUE(exported) << qPrintable(exported.error());
    EXPECT_EQ(exported->seedHex.toByteArrayUnsafe(),
              g2.value(QStringLiteral("bip39SeedHex")).toString().toLatin1());
    EXPECT_EQ(exported->mnemonic.toByteArrayUnsafe(),
              g2.value(QStringLiteral("mnemonic")).toString().toUtf8());

    // Words that do not give this seed are dropped rather than kept to mislead a restore.
    test::TestDataDir other;
    Wallet second(other.path());
    const SecureBytes wrongWords = secret(kMnemonic);
    ASSERT_TRUE(second.createFromSeed(secret("another password"), recovered.seed, &wrongWords));
    EXPECT_FALSE(second.exportSecrets(secret("another password")));
    test::countVector(QStringLiteral("tokenpass.desktopV003toV005 (wallet)"));
}

TEST_F(WalletTest, ALegacyHdBackupOpensWithTheXprvAsHostMaster)
{
    // A backup in the HD shape (API.md §4.3: xprv + mnemonic), made from BIP32 test vector 1.
    const QJsonObject v = test::vectorArray(QStringLiteral("bip32")).first().toObject();
    const QString xprv = v.value(QStringLiteral("xprv")).toString();
    const QByteArray payload =
        QStringLiteral(R"({"ids":"","xprv":"%1","mnemonic":"%2","createdAt":"2024-01-01T00:00:00.000Z"})")
            .arg(xprv, QLatin1String(kMnemonic))
            .toUtf8();
    const auto file = wallet::BackupFile::encrypt(payload, kPassword);
    ASSERT_TRUE(file) << qPrintable(file.error());
    writeFile(bep(), file->toLatin1());

    ASSERT_TRUE(m_wallet.unlock(secret(kPassword)));
    const auto node = crypto::Bip32Key::fromString(xprv);
    ASSERT_TRUE(node);
    const auto expected = wallet::HostKeys(node->privateKey().clone()).hostKey(u"example.com");
    ASSERT_TRUE(expected);
    EXPECT_EQ(m_wallet.hostKey(QStringLiteral("example.com"))->address, expected->publicKey().address());
    EXPECT_TRUE(m_wallet.identities()->isEmpty());
    // TokenPass opens such files but does not rewrite them.
    EXPECT_FALSE(m_wallet.createIdentity(QStringLiteral("x")));
    EXPECT_EQ(*fs::readWholeFile(bep()), file->toLatin1());
}
