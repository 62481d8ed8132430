// backup.bep (API.md §4.3, CRYPTO.md §10.1) against vectors.json "tokenpass.backup" plus the
// hostile-input cases. Only one real 600k PBKDF2 runs here; the rest use low iteration counts.
#include "common/Vectors.h"

#include "crypto/Encoding.h"
#include "wallet/BackupFile.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::crypto;
using namespace tokenpass::wallet;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::vectorAt;

namespace {
constexpr int kFast = 1000;
const QByteArray kPass = "hunter2hunter2";
const QByteArray kType42 = R"({"ids":"QklFMQ==","label":"TokenPass","createdAt":"2025-01-01T00:00:00.000Z",)"
                           R"("rootPk":"L5QSE3KMF3tZ15CGa3Gxc5qX7a11o9fEfJadgiDBaHEq8wtbuRah"})";

BackupFile::DecryptOptions fast()
{
    BackupFile::DecryptOptions o;
    o.iterations = {kFast};
    return o;
}

BackupFile::EncryptOptions fastEncrypt()
{
    BackupFile::EncryptOptions o;
    o.iterations = kFast;
    return o;
}

QString fastFile(QByteArrayView plaintext, QByteArrayView pass = kPass)
{
    const QByteArray salt(16, '\x5a');
    const QByteArray iv(12, '\xa5');
    return BackupFile::encryptWithKey(BackupFile::deriveKey(pass, salt, kFast), salt, iv, plaintext);
}
} // namespace

TEST(BackupFileTest, ReferenceVector600k)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.backup")).toObject();
    ASSERT_FALSE(v.isEmpty());
    const QByteArray pass = v.value(QLatin1String("passphrase")).toString().toUtf8();
    const QByteArray payload = v.value(QLatin1String("payloadJson")).toString().toUtf8();
    const QByteArray salt = hexField(v, QStringLiteral("randomSaltHex"));
    const QByteArray iv = hexField(v, QStringLiteral("randomIvHex"));
    const QString file = v.value(QLatin1String("encryptedBase64")).toString();
    ASSERT_EQ(v.value(QLatin1String("pbkdf2Iterations")).toInt(), BackupFile::kIterations);

    // The layout with the vector's AES key: base64(salt || iv || GCM ciphertext || tag).
    const SecureBytes key(hexField(v, QStringLiteral("aesKeyHex")));
    EXPECT_EQ(BackupFile::encryptWithKey(key, salt, iv, payload), file);

    // The full path: PBKDF2 600k (its key must be the vector's, or GCM would not authenticate).
    auto r = BackupFile::decrypt(file, pass);
    ASSERT_TRUE(r.isOk()) << qPrintable(r.error());
    EXPECT_EQ(r->plaintext.toByteArrayUnsafe(), payload);
    EXPECT_EQ(r->kind, BackupKind::Type42Master);
    EXPECT_EQ(r->iterations, 600000);
    countVector(QStringLiteral("tokenpass.backup"));
}

TEST(BackupFileTest, ReferenceVectorLegacy100kViaFallback)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.backup")).toObject();
    const QJsonObject legacy = v.value(QLatin1String("legacy100k")).toObject();
    ASSERT_EQ(legacy.value(QLatin1String("pbkdf2Iterations")).toInt(), BackupFile::kLegacyIterations);
    const QByteArray pass = v.value(QLatin1String("passphrase")).toString().toUtf8();
    const QByteArray payload = v.value(QLatin1String("payloadJson")).toString().toUtf8();

    // The first count fails authentication, so decrypt falls back to the next one.
    BackupFile::DecryptOptions options;
    options.iterations = {kFast, BackupFile::kLegacyIterations};
    auto r = BackupFile::decrypt(legacy.value(QLatin1String("encryptedBase64")).toString(), pass, options);
    ASSERT_TRUE(r.isOk()) << qPrintable(r.error());
    EXPECT_EQ(r->iterations, 100000);
    EXPECT_EQ(r->plaintext.toByteArrayUnsafe(), payload);

    // Our encrypt reproduces the legacy file from the same salt and IV.
    BackupFile::EncryptOptions e;
    e.iterations = BackupFile::kLegacyIterations;
    e.salt = hexField(legacy, QStringLiteral("randomSaltHex"));
    e.iv = hexField(legacy, QStringLiteral("randomIvHex"));
    EXPECT_EQ(BackupFile::encrypt(payload, pass, e).value(),
              legacy.value(QLatin1String("encryptedBase64")).toString());
    countVector(QStringLiteral("tokenpass.backup"));
}

TEST(BackupFileTest, EncryptIsDeterministicGivenSaltAndIv)
{
    BackupFile::EncryptOptions e = fastEncrypt();
    e.salt = QByteArray(16, '\x5a');
    e.iv = QByteArray(12, '\xa5');
    EXPECT_EQ(BackupFile::encrypt(kType42, kPass, e).value(), fastFile(kType42));

    // Random salt and IV otherwise; both files decrypt.
    const QString a = BackupFile::encrypt(kType42, kPass, fastEncrypt()).value();
    const QString b = BackupFile::encrypt(kType42, kPass, fastEncrypt()).value();
    EXPECT_NE(a, b);
    EXPECT_EQ(BackupFile::decrypt(a, kPass, fast()).value().plaintext.toByteArrayUnsafe(), kType42);
    EXPECT_EQ(BackupFile::decrypt(b, kPass, fast()).value().plaintext.toByteArrayUnsafe(), kType42);
    EXPECT_EQ(fromBase64(a)->size(), 16 + 12 + kType42.size() + 16);
}

TEST(BackupFileTest, MissingCreatedAtIsAppended)
{
    BackupFile::EncryptOptions e = fastEncrypt();
    e.createdAt = QStringLiteral("2026-01-01T00:00:00.000Z");
    const QString file = BackupFile::encrypt(R"({"rootPk":"K","ids":"x"} )", kPass, e).value();
    EXPECT_EQ(BackupFile::decrypt(file, kPass, fast()).value().plaintext.toByteArrayUnsafe(),
              QByteArray(R"({"rootPk":"K","ids":"x","createdAt":"2026-01-01T00:00:00.000Z"})"));

    // Without an explicit value it is now, as toISOString() writes it.
    const QString now = BackupFile::encrypt(R"({"wif":"K"})", kPass, fastEncrypt()).value();
    const QByteArray plain = BackupFile::decrypt(now, kPass, fast()).value().plaintext.toByteArrayUnsafe();
    EXPECT_TRUE(QRegularExpression(
                    QStringLiteral(R"(^\{"wif":"K","createdAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\}$)"))
                    .match(QString::fromUtf8(plain))
                    .hasMatch())
        << plain.toStdString();

    // A falsy createdAt would be replaced in place by the reference; we refuse it instead.
    EXPECT_FALSE(BackupFile::encrypt(R"({"wif":"K","createdAt":""})", kPass, fastEncrypt()).isOk());
}

TEST(BackupFileTest, PassphraseRules)
{
    auto r = BackupFile::encrypt(kType42, "1234567", fastEncrypt());
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error(),
              QStringLiteral("Invalid passphrase: Passphrase must be at least 8 characters long."));
    r = BackupFile::encrypt(kType42, "", fastEncrypt());
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error(), QStringLiteral("Invalid passphrase: Passphrase must be a non-empty string."));
    EXPECT_TRUE(BackupFile::encrypt(kType42, "12345678", fastEncrypt()).isOk());
    // Length is in UTF-16 code units, as JS string.length: 8 x "ä" passes (16 UTF-8 bytes),
    // 4 astral characters are 8 units, 3 astral + 1 ASCII are 7.
    EXPECT_TRUE(BackupFile::encrypt(kType42, QStringLiteral("ääääääää").toUtf8(), fastEncrypt()).isOk());
    EXPECT_TRUE(BackupFile::encrypt(kType42, QStringLiteral("🚀🚀🚀🚀").toUtf8(), fastEncrypt()).isOk());
    EXPECT_FALSE(BackupFile::encrypt(kType42, QStringLiteral("🚀🚀🚀a").toUtf8(), fastEncrypt()).isOk());
    EXPECT_FALSE(BackupFile::encrypt(kType42, QStringLiteral("äääää").toUtf8(), fastEncrypt()).isOk());
}

TEST(BackupFileTest, RejectsUnknownPayloadShapesOnEncrypt)
{
    const QString expected = QStringLiteral(
        "Invalid payload: Payload must be an object matching BapMasterBackup, BapMemberBackup, WifBackup, "
        "OneSatBackup, VaultBackup, YoursWalletBackup, or YoursWalletZipBackup structure.");
    for (const QByteArray& bad : {QByteArray(R"({"ids":"x"})"), QByteArray(R"({"rootPk":1,"ids":"x"})"),
                                  QByteArray(R"({"rootPk":"K","ids":"x","xprv":"X"})"), QByteArray("[]"),
                                  QByteArray(R"("wif")"), QByteArray("not json"), QByteArray("")}) {
        auto r = BackupFile::encrypt(bad, kPass, fastEncrypt());
        ASSERT_FALSE(r.isOk()) << bad.toStdString();
        EXPECT_EQ(r.error(), expected);
    }
    for (const QByteArray& good :
         {QByteArray(R"({"xprv":"X","ids":"x","mnemonic":"m"})"), QByteArray(R"({"wif":"K","id":"x"})"),
          QByteArray(R"({"ordPk":"a","payPk":"b","identityPk":"c"})"),
          QByteArray(R"({"encryptedVault":"{}"})"), QByteArray(R"({"payPk":"a","ordPk":"b","mnemonic":1})"),
          QByteArray(R"({"chromeStorage":{},"accountData":1})")}) {
        EXPECT_TRUE(BackupFile::encrypt(good, kPass, fastEncrypt()).isOk()) << good.toStdString();
    }
}

TEST(BackupFileTest, ClassifiesDecryptedShapes)
{
    struct Case
    {
        QByteArray json;
        BackupKind kind;
    };
    const Case cases[] = {
        {R"({"xprv":"X","ids":"x","mnemonic":"m","createdAt":"t"})", BackupKind::HdMaster},
        {R"({"rootPk":"K","ids":"x"})", BackupKind::Type42Master},
        {R"({"wif":"K","id":"x"})", BackupKind::Member},
        {R"({"payPk":"a","ordPk":"b","ordDerivationPath":"m"})", BackupKind::YoursWallet},
        {R"({"chromeStorage":1,"accountData":1})", BackupKind::YoursWalletZip},
        {R"({"ordPk":"a","payPk":"b","identityPk":"c"})", BackupKind::OneSat},
        {R"({"encryptedVault":"v","scheme":"tokenpass-seed-v1"})", BackupKind::Vault},
        {R"({"wif":"K"})", BackupKind::Wif},
        {"L5QSE3KMF3tZ15CGa3Gxc5qX7a11o9fEfJadgiDBaHEq8wtbuRah", BackupKind::RawWif},
    };
    for (const Case& c : cases) {
        auto r = BackupFile::decrypt(fastFile(c.json), kPass, fast());
        ASSERT_TRUE(r.isOk()) << c.json.toStdString() << ": " << qPrintable(r.error());
        EXPECT_EQ(r->kind, c.kind) << c.json.toStdString();
        EXPECT_EQ(r->plaintext.toByteArrayUnsafe(), c.json);
    }
    // Valid JSON of the wrong shape fails at once with the reference message.
    for (const QByteArray& bad :
         {QByteArray(R"({"foo":1})"), QByteArray("[1]"), QByteArray("123"), QByteArray(R"("str")"),
          QByteArray("null"), QByteArray(R"({"wif":"K","rootPk":"x"})")}) {
        auto r = BackupFile::decrypt(fastFile(bad), kPass, fast());
        ASSERT_FALSE(r.isOk()) << bad.toStdString();
        EXPECT_EQ(r.error(), QStringLiteral("Invalid backup structure after JSON parse."))
            << bad.toStdString();
    }
}

TEST(BackupFileTest, WrongPassword)
{
    const QString file = fastFile(kType42);
    auto r = BackupFile::decrypt(file, "hunter2hunter3", fast());
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error(), QStringLiteral("Decryption failed: Invalid passphrase or corrupted data across all "
                                        "attempted iteration counts."));
    // Right password but wrong iteration count is the same failure.
    BackupFile::DecryptOptions other;
    other.iterations = {kFast + 1};
    EXPECT_FALSE(BackupFile::decrypt(file, kPass, other).isOk());
    EXPECT_FALSE(BackupFile::decrypt(file, "", fast()).isOk());
}

TEST(BackupFileTest, TruncatedOrCorruptFiles)
{
    const QString file = fastFile(kType42);
    const QByteArray raw = fromBase64(file).value();
    // Every single-byte corruption (salt, IV, ciphertext or tag) fails authentication.
    for (int i = 0; i < raw.size(); i += 7) {
        QByteArray bad = raw;
        bad[i] = char(bad[i] ^ 0x01);
        EXPECT_FALSE(BackupFile::decrypt(toBase64(bad), kPass, fast()).isOk()) << i;
    }
    // Truncations at every length, including inside the tag and below salt+iv.
    for (int n = 0; n < raw.size(); n += 5) {
        auto r = BackupFile::decrypt(toBase64(raw.left(n)), kPass, fast());
        EXPECT_FALSE(r.isOk()) << n;
    }
    EXPECT_EQ(BackupFile::decrypt(toBase64(raw.left(27)), kPass, fast()).error(),
              QStringLiteral("Decryption failed: Encrypted data is too short."));
    EXPECT_EQ(BackupFile::decrypt(u"", kPass, fast()).error(),
              QStringLiteral("Invalid encryptedString: Must be a non-empty string."));
    EXPECT_EQ(BackupFile::decrypt(u"   \n", kPass, fast()).error(),
              QStringLiteral("Invalid encryptedString: Must be a non-empty string."));
    EXPECT_EQ(BackupFile::decrypt(u"not*base64!", kPass, fast()).error(),
              QStringLiteral("Decryption failed: Invalid Base64 input."));
    EXPECT_EQ(BackupFile::decrypt(u"A", kPass, fast()).error(),
              QStringLiteral("Decryption failed: Invalid Base64 input (decoded to empty)."));
    // A trailing newline (an editor saved the file) is tolerated.
    EXPECT_TRUE(BackupFile::decrypt(file + QStringLiteral("\n"), kPass, fast()).isOk());
    // Non-UTF-8 plaintext is not JSON, so the reference would hand it back as a bare WIF.
    auto binary = BackupFile::decrypt(fastFile(QByteArray("\xff\xfe\x00", 3)), kPass, fast());
    ASSERT_TRUE(binary.isOk());
    EXPECT_EQ(binary->kind, BackupKind::RawWif);
}

TEST(BackupFileTest, IterationHookForTestsAndFuzzers)
{
    BackupFile::setIterationsForTesting(kFast);
    const QString file = BackupFile::encrypt(kType42, kPass).value();
    auto r = BackupFile::decrypt(file, kPass);
    BackupFile::setIterationsForTesting(0);
    ASSERT_TRUE(r.isOk()) << qPrintable(r.error());
    EXPECT_EQ(r->iterations, kFast);
    EXPECT_EQ(r->plaintext.toByteArrayUnsafe(), kType42);
    // The file really was made with kFast iterations.
    EXPECT_TRUE(BackupFile::decrypt(file, kPass, fast()).isOk());
}

TEST(BackupFileTest, RandomInputNeverCrashes)
{
    QRandomGenerator rng(7);
    const QString file = fastFile(kType42);
    for (int i = 0; i < 300; ++i) {
        QByteArray raw(int(rng.bounded(200)), '\0');
        for (auto& b : raw)
            b = char(rng.bounded(256));
        EXPECT_FALSE(BackupFile::decrypt(toBase64(raw), kPass, fast()).isOk());
        // Random text, including characters outside base64.
        QString text = file;
        text[int(rng.bounded(file.size()))] = QChar(char16_t(rng.bounded(0x3000)));
        (void)BackupFile::decrypt(text, kPass, fast());
        // Random plaintexts through the shape check.
        (void)BackupFile::classify(raw);
    }
}
