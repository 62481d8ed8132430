// Legacy seed.db recovery (API.md §4.8) against the G2 and G1 reference vectors.
#include "migrate/LegacySeed.h"
#include "common/TestDataDir.h"
#include "common/Vectors.h"
#include "crypto/Aes.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "wallet/BackupFile.h"

#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace tokenpass;
using crypto::SecureBytes;
using migrate::LegacySeedFile;
using migrate::LegacySeedFormat;
using migrate::LegacySeedStatus;
using test::vectorAt;

namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QByteArray bytes(const SecureBytes& s)
{
    return s.view().toByteArray();
}

// A seed.db as NeDB writes it: an index line is not used there, but a record line and a
// trailing newline are.
QByteArray nedbLine(const QJsonObject& record)
{
    QJsonObject withId = record;
    withId.insert(QStringLiteral("_id"), QStringLiteral("S1eedRec0rd00001"));
    return QJsonDocument(withId).toJson(QJsonDocument::Compact) + '\n';
}

class LegacySeedTest : public ::testing::Test
{
protected:
    QString writeSeedDb(const QByteArray& content)
    {
        const QString path = m_dir.filePath(QStringLiteral("seed.db"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
        return path;
    }
    QByteArray readBack(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    test::TestDataDir m_dir;
};

} // namespace

TEST_F(LegacySeedTest, DesktopV003toV005VaultWithRawPassword)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.desktopV003toV005")).toObject();
    ASSERT_FALSE(v.isEmpty());
    const QByteArray content = nedbLine(v.value(QLatin1String("seedDbRecord")).toObject());
    const QString path = writeSeedDb(content);

    // This vector was encrypted with the raw password (as /api/migrate left files).
    const auto seed = LegacySeedFile::recover(path, str(v, "password").toUtf8());
    ASSERT_TRUE(seed.ok()) << qPrintable(seed.error);
    EXPECT_EQ(seed.format, LegacySeedFormat::G2);
    EXPECT_FALSE(seed.hashedPassphrase);
    EXPECT_EQ(bytes(seed.seedHex), str(v, "bip39SeedHex").toLatin1());
    EXPECT_EQ(crypto::toHex(seed.seed.view()), str(v, "bip39SeedHex"));
    EXPECT_EQ(bytes(seed.mnemonic), str(v, "mnemonic").toUtf8());
    EXPECT_TRUE(seed.error.isEmpty());

    const auto wrong = LegacySeedFile::recover(path, "hunter3hunter3");
    EXPECT_EQ(wrong.status, LegacySeedStatus::WrongPassword);
    EXPECT_TRUE(wrong.error.contains(path));
    EXPECT_TRUE(wrong.seed.isEmpty());
    EXPECT_TRUE(wrong.mnemonic.isEmpty());

    EXPECT_EQ(readBack(path), content); // never written
    test::countVector(QStringLiteral("tokenpass.desktopV003toV005"));
}

TEST_F(LegacySeedTest, DesktopV003toV005VaultWithHashedPassword)
{
    // The G2 web UI sent hex(sha256(password)) as the passphrase; build such a file from the
    // vector's vault payload (100 000 iterations keeps the test quick; both counts are tried).
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.desktopV003toV005")).toObject();
    const QByteArray password = str(v, "password").toUtf8();
    const QByteArray passphrase = crypto::sha256Hex(password).toLatin1();
    wallet::BackupFile::EncryptOptions options;
    options.iterations = wallet::BackupFile::kLegacyIterations;
    auto encrypted = wallet::BackupFile::encrypt(str(v, "vaultPayloadJson").toUtf8(), passphrase, options);
    ASSERT_TRUE(encrypted) << qPrintable(encrypted.error());
    const QString path = writeSeedDb(nedbLine({{QStringLiteral("encrypted"), *encrypted}}));

    const auto seed = LegacySeedFile::recover(path, password);
    ASSERT_TRUE(seed.ok()) << qPrintable(seed.error);
    EXPECT_TRUE(seed.hashedPassphrase);
    EXPECT_EQ(bytes(seed.seedHex), str(v, "bip39SeedHex").toLatin1());
    EXPECT_EQ(bytes(seed.mnemonic), str(v, "mnemonic").toUtf8());

    // A password differing by one character opens neither reading.
    EXPECT_EQ(LegacySeedFile::recover(path, "hunter2hunter3").status, LegacySeedStatus::WrongPassword);
}

TEST_F(LegacySeedTest, G2FileThatHoldsNoVault)
{
    wallet::BackupFile::EncryptOptions options;
    options.iterations = wallet::BackupFile::kLegacyIterations;
    auto encrypted = wallet::BackupFile::encrypt(
        R"({"wif":"KxbTNL1QusfvccKcUG5JBPqA8U5TSK7ZcAuz7zPtVCHKrZKXSeXX","createdAt":"2025-01-01T00:00:00.000Z"})",
        "hunter2hunter2", options);
    ASSERT_TRUE(encrypted);
    const QString path = writeSeedDb(nedbLine({{QStringLiteral("encrypted"), *encrypted}}));
    const auto seed = LegacySeedFile::recover(path, "hunter2hunter2");
    EXPECT_EQ(seed.status, LegacySeedStatus::NotASeedFile);
    EXPECT_TRUE(seed.error.contains(path));
    EXPECT_TRUE(seed.seed.isEmpty());
}

TEST_F(LegacySeedTest, LegacyServer2023CbcRecord)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.legacyServer2023")).toObject();
    ASSERT_FALSE(v.isEmpty());
    const QJsonObject atRest = v.value(QLatin1String("seedAtRest")).toObject();
    const QByteArray content = nedbLine(atRest.value(QLatin1String("storedRecord")).toObject());
    const QString path = writeSeedDb(content);

    const auto seed = LegacySeedFile::recover(path, str(atRest, "password").toUtf8());
    ASSERT_TRUE(seed.ok()) << qPrintable(seed.error);
    EXPECT_EQ(seed.format, LegacySeedFormat::G1);
    EXPECT_EQ(bytes(seed.seedHex), str(atRest, "plaintextIsUtf8OfSeedHexString").toLatin1());
    EXPECT_EQ(seed.seed.size(), 64u);
    EXPECT_TRUE(seed.mnemonic.isEmpty()); // G1 did not keep it

    const auto wrong = LegacySeedFile::recover(path, "hunter3hunter3");
    EXPECT_EQ(wrong.status, LegacySeedStatus::WrongPassword);
    EXPECT_EQ(wrong.format, LegacySeedFormat::G1);
    EXPECT_TRUE(wrong.seedHex.isEmpty());
    EXPECT_EQ(readBack(path), content);
    test::countVector(QStringLiteral("tokenpass.legacyServer2023"));
}

TEST_F(LegacySeedTest, IdxRecordWithEncryptedMnemonic)
{
    // The IDX form adds {"mnemonic":{iv, encryptedData}} under the same key (API.md §4.8).
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.legacyServer2023")).toObject();
    const QJsonObject g2 = vectorAt(QStringLiteral("tokenpass.desktopV003toV005")).toObject();
    const QJsonObject atRest = v.value(QLatin1String("seedAtRest")).toObject();
    const QByteArray password = str(atRest, "password").toUtf8();
    const SecureBytes key = crypto::sha256Secure(password);
    const QByteArray iv = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
    const QByteArray words = crypto::aesCbcEncrypt(key, iv, str(g2, "mnemonic").toUtf8());
    QJsonObject record = atRest.value(QLatin1String("storedRecord")).toObject();
    record.insert(QStringLiteral("mnemonic"),
                  QJsonObject{{QStringLiteral("iv"), crypto::toHex(iv)},
                              {QStringLiteral("encryptedData"), crypto::toHex(words)}});
    const QString path = writeSeedDb(nedbLine(record));
    const auto seed = LegacySeedFile::recover(path, password);
    ASSERT_TRUE(seed.ok()) << qPrintable(seed.error);
    EXPECT_EQ(bytes(seed.mnemonic), str(g2, "mnemonic").toUtf8());
}

TEST_F(LegacySeedTest, NotASeedFileMissingAndDamaged)
{
    const QString missing = m_dir.filePath(QStringLiteral("seed.db"));
    const auto none = LegacySeedFile::recover(missing, "hunter2hunter2");
    EXPECT_EQ(none.status, LegacySeedStatus::FileMissing);
    EXPECT_TRUE(none.error.contains(missing));

    // A state.db is a NeDB file, but not a seed file.
    QString path = writeSeedDb("{\"host\":\"global\",\"_id\":\"G000000000000001\"}\n");
    EXPECT_EQ(LegacySeedFile::recover(path, "hunter2hunter2").status, LegacySeedStatus::NotASeedFile);
    // A backup.bep-like base64 blob is not NeDB at all.
    path = writeSeedDb("AGdnbKloKuujc+Ly4Z2AyYG6zq2iFu0bko5IEqBhlQvqG0RRyoO0UI0G5gAhBl/n4qa1IOv9T9v0TBUs");
    EXPECT_EQ(LegacySeedFile::recover(path, "hunter2hunter2").status, LegacySeedStatus::NotASeedFile);
    // Damaged records of both forms.
    path = writeSeedDb(nedbLine({{QStringLiteral("encrypted"), QStringLiteral("not base64 !")}}));
    EXPECT_EQ(LegacySeedFile::recover(path, "hunter2hunter2").status, LegacySeedStatus::NotASeedFile);
    path = writeSeedDb(nedbLine(
        {{QStringLiteral("hex"), QJsonObject{{QStringLiteral("iv"), QStringLiteral("00")},
                                             {QStringLiteral("encryptedData"), QStringLiteral("zz")}}}}));
    const auto damaged = LegacySeedFile::recover(path, "hunter2hunter2");
    EXPECT_EQ(damaged.status, LegacySeedStatus::NotASeedFile);
    EXPECT_TRUE(damaged.error.contains(path));
    // A directory cannot be read.
    EXPECT_EQ(LegacySeedFile::recover(m_dir.path(), "x").status, LegacySeedStatus::Unreadable);
}
