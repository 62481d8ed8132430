// TokenPass key handling against vectors.json "tokenpass" (accounts with host keys under both
// master readings, signAip, sessionBody, desktopV003toV005, legacyServer2023) and the API.md §12
// sample values (CRYPTO.md §10, API.md §4.1, §5.6).
#include "common/Vectors.h"

#include "crypto/Aes.h"
#include "crypto/Bip32.h"
#include "crypto/Bip39.h"
#include "crypto/Brc42.h"
#include "crypto/Brc78.h"
#include "crypto/Bsm.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "crypto/Identicon.h"
#include "wallet/BackupFile.h"
#include "wallet/HostKeys.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::crypto;
using namespace tokenpass::wallet;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::obj;
using tokenpass::test::str;
using tokenpass::test::vectorArray;
using tokenpass::test::vectorAt;

namespace {

QByteArray bytes(const SecureBytes& s)
{
    return s.toByteArrayUnsafe();
}

void expectKey(const PrivateKey& key, const QJsonObject& expected)
{
    EXPECT_EQ(key.toHexUnsafe(), str(expected, "privHex"));
    EXPECT_EQ(key.toWif(), str(expected, "wif"));
    EXPECT_EQ(key.publicKey().toHex(), str(expected, "pub"));
    EXPECT_EQ(key.publicKey().address(), str(expected, "address"));
}

PrivateKey hexKey(const QString& hex)
{
    return PrivateKey::fromHex(hex).value();
}

} // namespace

TEST(TokenPassKeysTest, Accounts)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("tokenpass.accounts"))) {
        const QJsonObject a = v.toObject();
        SCOPED_TRACE(str(a, "mnemonic").toStdString());

        // Registration (CRYPTO.md §10.2): seed = BIP39(mnemonic, passphrase = password), rootPk = HD master.
        const SecureBytes seed =
            Bip39::mnemonicToSeed(str(a, "mnemonic").toUtf8(), str(a, "password").toUtf8()).value();
        EXPECT_EQ(bytes(seed), hexField(a, QStringLiteral("bip39SeedHex")));
        const Bip32Key master = Bip32Key::fromSeed(seed.view()).value();
        EXPECT_EQ(master.toXprv().value(), str(a, "masterXprv"));
        const PrivateKey rootPk = master.privateKey().clone();
        EXPECT_EQ(rootPk.toHexUnsafe(), str(a, "rootPkHex"));
        EXPECT_EQ(rootPk.toWif(), str(a, "rootPkWif"));

        // The two host-master readings (CRYPTO.md §10.3).
        const HostKeys registration = HostKeys::forRootPk(rootPk, true);
        const HostKeys afterLogin = HostKeys::forRootPk(rootPk, false);
        EXPECT_EQ(registration.master().toHexUnsafe(), str(a, "rootPkHex"));
        EXPECT_EQ(afterLogin.master().toHexUnsafe(), str(a, "afterLoginMasterPrivHex"));
        EXPECT_EQ(afterLogin.master().toWif(), str(a, "afterLoginMasterWif"));
        EXPECT_EQ(HostKeys::hdMasterFromRootPk(rootPk).value().toHexUnsafe(),
                  str(a, "afterLoginMasterPrivHex"));

        for (const QJsonValue& hv : a.value(QLatin1String("hostKeys")).toArray()) {
            const QJsonObject h = hv.toObject();
            const QString host = str(h, "host");
            SCOPED_TRACE(host.toStdString());
            EXPECT_EQ(registration.hostInvoice(host), str(h, "invoiceNumber"));
            EXPECT_EQ(afterLogin.hostInvoice(host), str(h, "invoiceNumber"));
            const struct
            {
                const HostKeys& keys;
                const char* field;
            } readings[] = {{registration, "masterIsRootPk_registrationSession"},
                            {afterLogin, "masterIsHdFromRootPk_afterLogin"}};
            for (const auto& r : readings) {
                const QJsonObject expected = obj(h, r.field);
                const PrivateKey hostKey = r.keys.hostKey(host).value();
                expectKey(hostKey, expected);
                EXPECT_EQ(r.keys.keyForInvoice(str(h, "invoiceNumber")).value().toHexUnsafe(),
                          hostKey.toHexUnsafe());
                EXPECT_EQ(Bsm::sign(str(expected, "signMessage").toUtf8(), hostKey),
                          str(expected, "bsmSignature"));
                countVector(QStringLiteral("tokenpass.accounts.hostKeys"));
            }
        }

        for (const QJsonValue& fv : a.value(QLatin1String("friend")).toArray()) {
            const QJsonObject f = fv.toObject();
            const QString id = str(f, "friendBapId");
            EXPECT_EQ(sha256Hex(id.toUtf8()), str(f, "sha256Hex"));
            EXPECT_EQ(HostKeys::friendInvoice(id), str(f, "friendInvoice"));
            EXPECT_EQ(registration.friendPublicKey(id).value().toHex(),
                      str(f, "friendPubkey_masterIsRootPk"));
            EXPECT_EQ(HostKeys::encryptInvoice(id), str(f, "encryptInvoice"));
            EXPECT_EQ(registration.encryptPublicKey(id).value().toHex(),
                      str(f, "encryptSelfPub_masterIsRootPk"));
            EXPECT_EQ(registration.encryptPrivateKey(id).value().toHexUnsafe(),
                      str(f, "encryptSelfPrivHex_masterIsRootPk"));
            if (id == QLatin1String("default")) {
                // A missing friendBapId means "default" (JS `friendBapId || "default"`).
                EXPECT_EQ(HostKeys::encryptInvoice(u""), str(f, "encryptInvoice"));
                EXPECT_EQ(registration.encryptPublicKey(u"").value().toHex(),
                          str(f, "encryptSelfPub_masterIsRootPk"));
            }
        }

        for (const QJsonValue& ev : a.value(QLatin1String("encrypt")).toArray()) {
            const QJsonObject e = ev.toObject();
            const QString id = str(e, "friendBapId");
            const PublicKey recipient = registration.encryptPublicKey(id).value();
            const QByteArray ciphertext = Ecies::electrumEncrypt(str(e, "data").toUtf8(), recipient,
                                                                 hexKey(str(e, "randomEphemeralPrivHex")))
                                              .value();
            EXPECT_EQ(toHex(ciphertext), str(e, "ciphertextHex"));
            // /api/decrypt with the same friendBapId is the inverse.
            EXPECT_EQ(registration.encryptPrivateKey(id).value().toHexUnsafe(), str(e, "decryptWithPrivHex"));
            auto plain = Ecies::electrumDecrypt(ciphertext, registration.encryptPrivateKey(id).value());
            ASSERT_TRUE(plain.isOk());
            EXPECT_EQ(bytes(plain.value()), str(e, "data").toUtf8());
        }
        countVector(QStringLiteral("tokenpass.accounts"));
    }
}

TEST(TokenPassKeysTest, DecryptWithTheirPublicKey)
{
    // /api/decrypt {theirPublicKey}: the friend encrypts to ourMasterPub.deriveChild(theirPriv, invoice)
    // and we decrypt with master.deriveChild(theirPub, invoice) (API.md §5.6).
    const HostKeys ours(PrivateKey::fromHex(QStringLiteral("11").repeated(32)).value());
    const PrivateKey theirs = PrivateKey::fromHex(QStringLiteral("22").repeated(32)).value();
    const QString invoice = HostKeys::encryptInvoice(u"3SyWUZXvhidNcEHbAC3HkBnKoD2Q");
    const PublicKey target = Brc42::childPublicKey(ours.master().publicKey(), theirs, invoice).value();
    const QByteArray ciphertext = Ecies::electrumEncrypt("from a friend", target).value();
    const PrivateKey key =
        ours.decryptPrivateKey(u"3SyWUZXvhidNcEHbAC3HkBnKoD2Q", theirs.publicKey()).value();
    EXPECT_EQ(bytes(Ecies::electrumDecrypt(ciphertext, key).value()), QByteArray("from a friend"));
    // The self-derived key of the same friend id is a different key (the reference quirk, §12 item 9).
    EXPECT_NE(ours.encryptPrivateKey(u"3SyWUZXvhidNcEHbAC3HkBnKoD2Q").value().toHexUnsafe(),
              key.toHexUnsafe());
    EXPECT_FALSE(
        Ecies::electrumDecrypt(ciphertext, ours.encryptPrivateKey(u"3SyWUZXvhidNcEHbAC3HkBnKoD2Q").value())
            .isOk());
}

TEST(TokenPassKeysTest, SignAip)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.signAip")).toObject();
    ASSERT_FALSE(v.isEmpty());
    QStringList items;
    for (const QJsonValue& d : v.value(QLatin1String("data")).toArray())
        items.append(d.toString());
    EXPECT_EQ(items.join(QString()), str(v, "concatenatedHex"));
    const auto signature = HostKeys::signAip(hexKey(str(v, "hostKeyPrivHex")), items);
    ASSERT_TRUE(signature.isOk()) << qPrintable(signature.error());
    const QJsonArray ops = obj(v, "response").value(QLatin1String("signedOps")).toArray();
    ASSERT_EQ(ops.size(), 3);
    EXPECT_EQ(ops.at(0).toString(), QStringLiteral("BITCOIN_ECDSA"));
    EXPECT_EQ(signature->address, ops.at(1).toString());
    EXPECT_EQ(signature->signature, ops.at(2).toString());
    // It is the localhost host key of the first account under the rootPk master.
    EXPECT_EQ(str(v, "hostKeyPrivHex"), str(obj(vectorArray(QStringLiteral("tokenpass.accounts"))
                                                    .at(0)
                                                    .toObject()
                                                    .value(QLatin1String("hostKeys"))
                                                    .toArray()
                                                    .at(0)
                                                    .toObject(),
                                                "masterIsRootPk_registrationSession"),
                                            "privHex"));
    EXPECT_FALSE(
        HostKeys::signAip(hexKey(str(v, "hostKeyPrivHex")), {QStringLiteral("6a"), QStringLiteral("zz")})
            .isOk());
    EXPECT_FALSE(HostKeys::signAip(hexKey(str(v, "hostKeyPrivHex")), {QStringLiteral("abc")}).isOk());
    countVector(QStringLiteral("tokenpass.signAip"));
}

TEST(TokenPassKeysTest, SessionBody)
{
    // The BRC-78 request body the server decrypts with its session key (CRYPTO.md §10.6).
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.sessionBody")).toObject();
    ASSERT_FALSE(v.isEmpty());
    const PrivateKey server = hexKey(str(v, "serverSessionPrivHex"));
    const PrivateKey client = hexKey(str(v, "clientPrivHex"));
    EXPECT_EQ(server.publicKey().toHex(), str(v, "serverSessionPub"));
    const QByteArray ciphertext = hexField(obj(v, "requestBody"), QStringLiteral("ciphertext"));
    const QByteArray plaintext = str(v, "plaintextJson").toUtf8();
    EXPECT_EQ(Brc78::encrypt(plaintext, client, server.publicKey(),
                             hexField(v, QStringLiteral("randomKeyIdHex")),
                             hexField(v, QStringLiteral("randomIvHex")))
                  .value(),
              ciphertext);
    auto decrypted = Brc78::decrypt(ciphertext, server);
    ASSERT_TRUE(decrypted.isOk()) << qPrintable(decrypted.error());
    EXPECT_EQ(bytes(decrypted.value()), plaintext);
    EXPECT_FALSE(Brc78::decrypt(ciphertext, client).isOk());
    countVector(QStringLiteral("tokenpass.sessionBody"));
}

TEST(TokenPassKeysTest, DesktopV003toV005)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.desktopV003toV005")).toObject();
    ASSERT_FALSE(v.isEmpty());
    const QByteArray password = str(v, "password").toUtf8();
    const SecureBytes seed = Bip39::mnemonicToSeed(str(v, "mnemonic").toUtf8(), password).value();
    EXPECT_EQ(bytes(seed), hexField(v, QStringLiteral("bip39SeedHex")));

    // G2 master = PrivateKey(SHA-256(seed)), host invoice "2-sigma auth-<host>" (CRYPTO.md §10.10).
    const HostKeys g2 = HostKeys::forG2Seed(seed.view()).value();
    EXPECT_EQ(g2.generation(), HostKeys::Generation::G2);
    EXPECT_EQ(g2.master().toHexUnsafe(), str(v, "masterPrivHex"));
    for (const QJsonValue& hv : v.value(QLatin1String("hostKeys")).toArray()) {
        const QJsonObject h = hv.toObject();
        EXPECT_EQ(g2.hostInvoice(str(h, "host")), str(h, "invoiceNumber"));
        expectKey(g2.hostKey(str(h, "host")).value(), h);
    }
    EXPECT_EQ(g2.friendPublicKey(u"default").value().toHex(), str(v, "friendPubkey_default"));

    // seed.db: a bitcoin-backup VaultBackup under the plain password, 600k iterations.
    BackupFile::DecryptOptions options;
    options.iterations = {BackupFile::kIterations};
    auto record = BackupFile::decrypt(str(obj(v, "seedDbRecord"), "encrypted"), password, options);
    ASSERT_TRUE(record.isOk()) << qPrintable(record.error());
    EXPECT_EQ(record->kind, BackupKind::Vault);
    EXPECT_EQ(bytes(record->plaintext), str(v, "vaultPayloadJson").toUtf8());
    const QByteArray salt = fromBase64(str(obj(v, "seedDbRecord"), "encrypted")).value().left(28);
    EXPECT_EQ(salt,
              hexField(v, QStringLiteral("randomSaltHex")) + hexField(v, QStringLiteral("randomIvHex")));
    const QJsonObject vault = QJsonDocument::fromJson(QJsonDocument::fromJson(bytes(record->plaintext))
                                                          .object()
                                                          .value(QLatin1String("encryptedVault"))
                                                          .toString()
                                                          .toUtf8())
                                  .object();
    EXPECT_EQ(fromHex(str(vault, "hex")).value(), bytes(seed));
    EXPECT_EQ(str(vault, "mnemonic"), str(v, "mnemonic"));
    countVector(QStringLiteral("tokenpass.desktopV003toV005"));
}

TEST(TokenPassKeysTest, LegacyServer2023)
{
    const QJsonObject v = vectorAt(QStringLiteral("tokenpass.legacyServer2023")).toObject();
    ASSERT_FALSE(v.isEmpty());
    const QJsonObject atRest = obj(v, "seedAtRest");
    const QByteArray password = str(atRest, "password").toUtf8();
    EXPECT_EQ(sha256(password), hexField(atRest, QStringLiteral("keyHex")));
    const QJsonObject stored = obj(obj(atRest, "storedRecord"), "hex");
    EXPECT_EQ(str(stored, "iv"), str(atRest, "ivHex"));
    auto seed = HostKeys::decryptG1Seed(password, str(stored, "iv"), str(stored, "encryptedData"));
    ASSERT_TRUE(seed.isOk()) << qPrintable(seed.error());
    EXPECT_EQ(toHex(seed->view()), str(atRest, "plaintextIsUtf8OfSeedHexString"));

    // Wrong password and malformed records fail cleanly.
    EXPECT_FALSE(
        HostKeys::decryptG1Seed("hunter3hunter3", str(stored, "iv"), str(stored, "encryptedData")).isOk());
    EXPECT_FALSE(HostKeys::decryptG1Seed(password, u"00", str(stored, "encryptedData")).isOk());
    EXPECT_FALSE(HostKeys::decryptG1Seed(password, str(stored, "iv"), u"").isOk());
    EXPECT_FALSE(
        HostKeys::decryptG1Seed(password, str(stored, "iv"), str(stored, "encryptedData").left(64)).isOk());
    EXPECT_FALSE(HostKeys::decryptG1Seed(password, str(stored, "iv"), u"xyz").isOk());

    for (const QJsonValue& hv : v.value(QLatin1String("hostKeyPaths")).toArray()) {
        const QJsonObject h = hv.toObject();
        const int account = h.value(QLatin1String("account")).toInt();
        EXPECT_EQ(QStringLiteral("m/44'/0'/%1'/2/0").arg(account), str(h, "path"));
        const PrivateKey key = HostKeys::g1HostKey(seed->view(), account).value();
        EXPECT_EQ(key.toWif(), str(h, "wif"));
        EXPECT_EQ(key.publicKey().toHex(), str(h, "pub"));
        EXPECT_EQ(key.publicKey().address(), str(h, "address"));
    }
    EXPECT_FALSE(HostKeys::g1HostKey(seed->view(), -1).isOk());

    // The 2023 /encrypt: AES-256-CBC keyed with the raw host private key.
    const QJsonObject enc = obj(v, "walletEncrypt");
    const SecureBytes rawKey(hexField(enc, QStringLiteral("keyIsRaw32BytePrivateKeyHex")));
    const QJsonObject data = obj(obj(enc, "response"), "data");
    auto plain = aesCbcDecrypt(rawKey, hexField(data, QStringLiteral("iv")),
                               hexField(data, QStringLiteral("encryptedData")));
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(bytes(*plain), str(enc, "plaintextUtf8").toUtf8());
    countVector(QStringLiteral("tokenpass.legacyServer2023"));
}

TEST(TokenPassKeysTest, ApiSpecSampleValues)
{
    // API.md §12: mnemonic "abandon … about", password "correct horse battery".
    const SecureBytes seed =
        Bip39::mnemonicToSeed(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
            "abandon about",
            "correct horse battery")
            .value();
    EXPECT_EQ(toHex(seed.view()),
              QStringLiteral("740106fc1674038cd01656e01d0a823705bab339692a77463790011d32480f74"
                             "44715938d2e3d9abc6bbaf826a887a303c7a0026ca22fa3eb9318625911c7569"));
    const PrivateKey rootPk = Bip32Key::fromSeed(seed.view()).value().privateKey().clone();
    EXPECT_EQ(rootPk.toHexUnsafe(),
              QStringLiteral("83dc279e2e8e1b1c7d83c5bddba2e72498ced3cd499b2b2a3a4065b7ef61f2a4"));
    EXPECT_EQ(rootPk.toWif(), QStringLiteral("L1e2fKrNufGwhqCnMCvmu4tSaNNk64khduNVXRVwba3wSYygGCoV"));

    const HostKeys keys = HostKeys::forRootPk(rootPk, true);
    const PrivateKey example = keys.hostKey(u"example.com").value();
    EXPECT_EQ(example.toWif(), QStringLiteral("KyuFDuC35oqDbHYoLDz86s41KXUE5i438RCx4PpetKgcMWzvQPQ2"));
    EXPECT_EQ(example.publicKey().toHex(),
              QStringLiteral("03750858d07100d904cdba39e02c5533fbcbbeb202e5ca73c952ae049b42fbb8e7"));
    EXPECT_EQ(example.publicKey().address(), QStringLiteral("15XZF3115R7Gi7rC6gBNb2QPu8g4FuKSoS"));

    const HostKeys afterLogin = HostKeys::forRootPk(rootPk, false);
    EXPECT_EQ(afterLogin.master().toHexUnsafe(),
              QStringLiteral("4bc6c8c1afff0e457742b8957cacad72930e321a5bf83053297a08eb0842243a"));
    const PrivateKey example2 = afterLogin.hostKey(u"example.com").value();
    EXPECT_EQ(example2.toWif(), QStringLiteral("L2y4RSg8YRRFHiqMg73HssjPGNcXMUpDfJCLz3FUDebB3SZ5p3y2"));
    EXPECT_EQ(example2.publicKey().toHex(),
              QStringLiteral("0359d7a32644390bca986b5ce42b22596b96f5203db068c77c92314d3a0da0edb4"));
    EXPECT_EQ(example2.publicKey().address(), QStringLiteral("1GC2Mv37Nzy28xbEsFUetaZMt9sT4yvyBu"));

    EXPECT_EQ(
        Bsm::sign("Hello World", example),
        QStringLiteral(
            "H8krV3NogUe8MTAeg+kKdI+kb+uWzlk8EQx8KospOl+8T5dsBt//lii4SkBPlEwHnBSoma/1Sowpzc30UbZpl88="));
    EXPECT_EQ(
        Bsm::sign(QByteArray::fromHex("deadbeef"), example),
        QStringLiteral(
            "H+LTljo4vZ0/INuDi7aWi2iLXyEnd3P/hL27wcc39r0GIem9fAiv6//rfmwgRjG1cbK/jJPmT60tdZi32jln+2A="));
    EXPECT_EQ(keys.friendPublicKey(u"FriendBapIdExample").value().toHex(),
              QStringLiteral("020c96050ff7ff2d18cd8e49f5c96a6f1cb3e19477a2f8fd46c08df7815d13a8b4"));
    EXPECT_EQ(keys.encryptPublicKey(u"").value().toHex(),
              QStringLiteral("02e73c227ee401b7b605711f22f2957c2a8b3a9286d54197d40d60bb13853e7c8d"));
    EXPECT_EQ(
        toHex(Ecies::electrumEncrypt("hello", example.publicKey(), hexKey(QStringLiteral("11").repeated(32)))
                  .value()),
        QStringLiteral(
            "42494531034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa0d3797eeed49342"
            "4a2fa647e85b34f458eded0d2906bf024179c6e09609852f0878a5c6d1fe133f737d391e5ff306ac7"));

    // The security image is the identicon of the localhost host key's pubkey.
    const QString localhost = keys.hostKey(u"localhost").value().publicKey().toHex();
    EXPECT_EQ(localhost,
              QStringLiteral("0283168e7fac7bb1acb8e2fff16c5fd76e37fb0e5d888c28dfb328fd4b8ec7f6cd"));
    EXPECT_EQ(Identicon::hash(localhost), 896105567u);

    // The BRC-78 session decryption sample.
    const PrivateKey session = hexKey(QStringLiteral("22").repeated(32));
    EXPECT_EQ(session.publicKey().toHex(),
              QStringLiteral("02466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27"));
    const QByteArray body = QByteArray::fromHex("42421033023c72addb4fdf09af94f0c94d7fe92a386a7e70cf8a1d859163"
                                                "86bb2535c7b1b102466d7fcae563e5cb09a0d1870bb58034"
                                                "4804617879a14949cf22285f1bae3f272e58b25626d2c6937f50e086e696"
                                                "521c863d3c0b80201f3abd368cceff6fc64ee71bc6e31e5e2"
                                                "2435929ff9b8b4abb98894bcbb73fe7a347048cdd07a1ad99a80dd4964e6"
                                                "b8cfaee771efe02086aba1a4add8bed4a651c07b283cefd38"
                                                "4a8b837b75b709351266ad1c3c08ac9fff195e672fa728");
    auto decrypted = Brc78::decrypt(body, session);
    ASSERT_TRUE(decrypted.isOk()) << qPrintable(decrypted.error());
    EXPECT_EQ(bytes(decrypted.value()), QByteArray(R"({"password":"correct horse battery"})"));
    EXPECT_EQ(Brc78::sender(body).value().toHex(),
              hexKey(QStringLiteral("33").repeated(32)).publicKey().toHex());
}
