// BAP (CRYPTO.md §9, API.md §6) against vectors.json "bap" (spec, upstreamTestVectors, hd, type42),
// "tokenpass.accounts[].bap", and the API.md §12 sample backup.bep with its `ids` blob.
#include "common/Vectors.h"

#include "crypto/Bip32.h"
#include "crypto/Bsm.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "wallet/BackupFile.h"
#include "wallet/Bap.h"

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

Bap::SigningVersion versionOf(const QString& lib)
{
    return lib.startsWith(QLatin1String("bsv-bap@0.1.24")) ? Bap::SigningVersion::V0_1_24
                                                           : Bap::SigningVersion::V0_1_14;
}

QString signingAddress(const PrivateKey& pathKey, Bap::SigningVersion v)
{
    return Bap::signingKey(pathKey, v).value().publicKey().address();
}

// API.md §12: mnemonic "abandon … about", password "correct horse battery".
const char* const kSampleRootWif = "L1e2fKrNufGwhqCnMCvmu4tSaNNk64khduNVXRVwba3wSYygGCoV";
const char* const kSampleBackup =
    "BzFJKc4I/krSOCwD4ge9cNxbx8upfeqOYT5O/s835TeRwVp3U8QTWQD4MqhU3Zs8FmoBzCPrKizuVAO3ED3LCQr/nnLWR6cV/o/"
    "pTX+l/"
    "cLpdXsaRqRyelQcddeyzs2M1aHJ+/c5fic8UsnXAD91pVwn75BjONns4kwTGgNrxY5j+slJ4/"
    "+uTB6hcasxlnR8PE3NiMrYOuuvpS9TTUQV6wC"
    "FlzeiimbdVZ+eFwI+HC8OP3zNhvSpgIOXzctz3fLJSNBFcdxpsryz/"
    "KxrRcnYgKo+EGNKJcLrnuYt2EscenLFkFMguGGqeAwKE8QUzmN1ANKeOo"
    "opG2faqNMH4s1Atb+0RPdiRv8epp2pSuhZjQhKvqS9dKwPcZ5Wsls3OgB++gH/"
    "fN9EKGvXdicOJoin4nPeynIq75uExtRRT2b9cbGQfDaJw+Yc9"
    "0XzNU5KNcfyYb5MY3UWhDnsq3uxPhT52E/"
    "e5YKRqpDdimfuknZ9418iznh8hYflgIzCRb5lx6tSCeupYlR58z4+Rw+OkJiCefe9QkdD48XHW7TC"
    "oxvl7J9vvnSK1PbtvABDHVcQR5f+Nn3jyZ/Nz5OMyobaPwRDAEyAbQpQsdXEiPbPKIrtIGNcJca7IFFJkwFW0DrkHfRs0q/"
    "kWlQXfS1Hq3PSP7Lm"
    "lT/Rup8k6YzYRbd13K8w85dgFH+18xxO8We7XPECc9CGZykXJbgPwtfaZkNR1qYHZSbH+NffeRwsnBaJwSfEujd/"
    "vidc2ltG6qmMoITLqViZQ+v"
    "yZ15KjCKs+P95YMJSGll6kXVDnNG/p+pM/o7tRVm7Joz2BP91Xl8Hs2L4sXyAZIVOpKwdV2IQkcn2lIIxNz3rmzJkwy0k8oTtC5U=";
const char* const kSampleIdsJson =
    R"({"lastIdPath":"bap:0","ids":[{"name":"Primary Identity","description":"",)"
    R"("identityKey":"3WumfJKFTvnNjn6xHiVGPwYPNfLh","rootPath":"bap:0",)"
    R"("rootAddress":"1ErQg5LWoBevMJPCp8DpucauA4JVKwkDBJ","previousPath":"bap:0","currentPath":"bap:0",)"
    R"("idSeed":"","identityAttributes":{},"lastIdPath":""}]})";

// One Type-42 data set: bap.type42[i] and tokenpass.accounts[i].bap share this layout.
void checkType42(const PrivateKey& rootPk, const QJsonObject& independent, const QJsonArray& libs)
{
    const PrivateKey member = Bap::memberKey(rootPk, 0).value();
    EXPECT_EQ(str(independent, "rootPath"), Bap::identityPath(0));
    EXPECT_EQ(member.toHexUnsafe(), str(independent, "memberPrivHex"));
    EXPECT_EQ(member.toWif(), str(independent, "memberWif"));
    EXPECT_EQ(member.publicKey().toHex(), str(independent, "memberPub"));
    EXPECT_EQ(member.publicKey().address(), str(independent, "rootAddress"));
    EXPECT_EQ(Bap::bapIdFromAddress(str(independent, "rootAddress")), str(independent, "identityKey"));
    EXPECT_EQ(Bap::bapIdFromPublicKey(member.publicKey()), str(independent, "identityKey"));
    EXPECT_EQ(signingAddress(member, Bap::SigningVersion::V0_1_14),
              str(independent, "currentSigningAddress_v0_1_14_to_0_1_23"));
    EXPECT_EQ(signingAddress(member, Bap::SigningVersion::V0_1_24),
              str(independent, "currentSigningAddress_v0_1_24"));
    EXPECT_EQ(Bap::identityEncryptionKey(member).value().publicKey().toHex(),
              str(independent, "identityEncryptionPub"));
    EXPECT_EQ(Bap::masterEncryptionKey(rootPk).value().publicKey().toHex(),
              str(independent, "masterEncryptionPub"));

    for (const QJsonValue& libValue : libs) {
        const QJsonObject lib = libValue.toObject();
        SCOPED_TRACE(str(lib, "lib").toStdString());
        const Bap::SigningVersion version = versionOf(str(lib, "lib"));
        const QJsonObject id0 = obj(lib, "identity0");
        const BapIdentity identity = Bap::newIdentity(rootPk, 0, QStringLiteral("Primary Identity")).value();
        EXPECT_EQ(identity.rootPath, str(id0, "rootPath"));
        EXPECT_EQ(identity.currentPath, str(id0, "currentPath"));
        EXPECT_EQ(identity.rootAddress, str(id0, "rootAddress"));
        EXPECT_EQ(identity.identityKey, str(id0, "identityKey"));
        EXPECT_EQ(signingAddress(member, version), str(id0, "currentSigningAddress"));
        EXPECT_EQ(member.publicKey().toHex(), str(id0, "memberKeyPub"));
        EXPECT_EQ(member.toWif(), str(id0, "memberWif"));
        EXPECT_EQ(Bap::identityEncryptionKey(member).value().publicKey().toHex(), str(id0, "encryptionPub"));
        EXPECT_EQ(Bap::seedEncryptionKey(member, u"alice").value().publicKey().toHex(),
                  str(id0, "encryptionPubWithSeed_alice"));

        // Rotation: 0.1.24 uses "bap:0:1", 0.1.14 the bare "1"; either path is a literal invoice on rootPk.
        const QJsonObject inc = obj(id0, "afterIncrementPath");
        EXPECT_EQ(str(inc, "previousPath"), identity.currentPath);
        EXPECT_EQ(str(inc, "currentPath"),
                  version == Bap::SigningVersion::V0_1_24 ? QStringLiteral("bap:0:1") : QStringLiteral("1"));
        const PrivateKey rotated = Bap::pathKey(rootPk, str(inc, "currentPath")).value();
        EXPECT_EQ(signingAddress(rotated, version), str(inc, "currentSigningAddress"));

        const QJsonObject id1 = obj(lib, "identity1");
        const BapIdentity second = Bap::newIdentity(rootPk, 1, QStringLiteral("Second")).value();
        EXPECT_EQ(second.rootPath, str(id1, "rootPath"));
        EXPECT_EQ(second.rootAddress, str(id1, "rootAddress"));
        EXPECT_EQ(second.identityKey, str(id1, "identityKey"));
        EXPECT_EQ(signingAddress(Bap::memberKey(rootPk, 1).value(), version),
                  str(id1, "currentSigningAddress"));
    }
}

} // namespace

TEST(BapTest, SpecIdentityKey)
{
    const QJsonObject spec = vectorAt(QStringLiteral("bap.spec")).toObject();
    ASSERT_FALSE(spec.isEmpty());
    const QByteArray address = str(spec, "rootAddress").toUtf8();
    EXPECT_EQ(sha256(address), hexField(spec, QStringLiteral("sha256Hex")));
    EXPECT_EQ(ripemd160(sha256(address)), hexField(spec, QStringLiteral("ripemd160Hex")));
    EXPECT_EQ(Bap::bapIdFromAddress(str(spec, "rootAddress")), str(spec, "identityKey"));
    // PROTOCOL.md's worked example is wrong (CRYPTO.md §12 item 8); we must not match it.
    EXPECT_NE(Bap::bapIdFromAddress(str(spec, "rootAddress")),
              str(obj(spec, "specDocumentClaims"), "identityKey"));
    countVector(QStringLiteral("bap.spec"));
}

TEST(BapTest, UpstreamTestVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("bap.upstreamTestVectors"))) {
        const QJsonObject c = v.toObject();
        const Bip32Key root = Bip32Key::fromString(str(c, "HDPrivateKey")).value();
        const Bip32Key node = root.derive(str(c, "rootPath")).value();
        EXPECT_EQ(node.publicKey().address(), str(c, "rootAddress"));
        EXPECT_EQ(Bap::bapIdFromAddress(str(c, "rootAddress")), str(c, "idKey"));
        countVector(QStringLiteral("bap.upstreamTestVectors"));
    }
}

// Legacy HD mode (CRYPTO.md §9.2a): TokenPass only imports such backups, but every key in it is
// BIP32 + the same signing derivation, so the vectors pin both.
TEST(BapTest, HdModeVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("bap.hd"))) {
        const QJsonObject c = v.toObject();
        const Bip32Key hd = Bip32Key::fromString(str(c, "xprv")).value();
        const QJsonObject ind = obj(c, "independent");
        const Bip32Key rootNode = hd.derive(str(ind, "rootPath")).value();
        const Bip32Key currentNode = hd.derive(str(ind, "currentPath")).value();
        EXPECT_EQ(rootNode.publicKey().address(), str(ind, "rootAddress"));
        EXPECT_EQ(Bap::bapIdFromAddress(str(ind, "rootAddress")), str(ind, "identityKey"));
        EXPECT_EQ(currentNode.publicKey().address(), str(ind, "currentAddressPlain"));
        EXPECT_EQ(signingAddress(currentNode.privateKey(), Bap::SigningVersion::V0_1_14),
                  str(ind, "currentSigningAddress_v0_1_14_to_0_1_23"));
        EXPECT_EQ(signingAddress(currentNode.privateKey(), Bap::SigningVersion::V0_1_24),
                  str(ind, "currentSigningAddress_v0_1_24"));
        // HD.derive on a derived node is relative to it (bsv HD semantics).
        EXPECT_EQ(rootNode.derive(QString::fromLatin1(Bap::kEncryptionPath)).value().publicKey().toHex(),
                  str(ind, "encryptionPub"));
        EXPECT_EQ(hd.derive(QString::fromLatin1(Bap::kEncryptionPath)).value().publicKey().toHex(),
                  str(ind, "masterEncryptionPub"));

        for (const QJsonValue& libValue : c.value(QLatin1String("libs")).toArray()) {
            const QJsonObject lib = libValue.toObject();
            SCOPED_TRACE(str(lib, "lib").toStdString());
            const Bap::SigningVersion version = versionOf(str(lib, "lib"));
            const QJsonObject id0 = obj(lib, "identity0");
            EXPECT_EQ(hd.derive(str(id0, "rootPath")).value().publicKey().address(), str(id0, "rootAddress"));
            EXPECT_EQ(Bap::bapIdFromAddress(str(id0, "rootAddress")), str(id0, "identityKey"));
            const Bip32Key current = hd.derive(str(id0, "currentPath")).value();
            const Bip32Key previous = hd.derive(str(id0, "previousPath")).value();
            EXPECT_EQ(signingAddress(current.privateKey(), version), str(id0, "currentSigningAddress"));
            EXPECT_EQ(current.publicKey().address(), str(id0, "legacyCurrentAddressNoSigningDerivation"));
            // exportMember: 0.1.24 exports the root path key, 0.1.14 the current path key.
            EXPECT_EQ((version == Bap::SigningVersion::V0_1_24 ? previous : current).publicKey().toHex(),
                      str(id0, "memberKeyPub"));
            EXPECT_EQ(hd.derive(str(id0, "rootPath"))
                          .value()
                          .derive(QString::fromLatin1(Bap::kEncryptionPath))
                          .value()
                          .publicKey()
                          .toHex(),
                      str(id0, "encryptionPub"));

            // The ID record's AIP signature: BSM over 6a || "1BAP…" || "ID" || idKey || address, made
            // by the signing key of the previous path (CRYPTO.md §9.6).
            const QJsonArray tx = id0.value(QLatin1String("idTransactionHex")).toArray();
            ASSERT_EQ(tx.size(), 9);
            auto push = [&](int i) { return QByteArray::fromHex(tx.at(i).toString().toLatin1()); };
            EXPECT_EQ(push(0), QByteArray("1BAPSuaPnfGnSBM3GLV9yhxUdYe4vGbdMT"));
            EXPECT_EQ(push(2), str(id0, "identityKey").toLatin1());
            EXPECT_EQ(push(3), str(id0, "currentSigningAddress").toLatin1());
            const PrivateKey signer = Bap::signingKey(previous.privateKey(), version).value();
            EXPECT_EQ(push(7), signer.publicKey().address().toLatin1());
            const QByteArray message = QByteArray("\x6a") + push(0) + push(1) + push(2) + push(3);
            EXPECT_EQ(Bsm::signCompact(message, signer), push(8));

            const QJsonObject id1 = obj(lib, "identity1");
            const Bip32Key id1Root = hd.derive(str(id1, "rootPath")).value();
            EXPECT_EQ(id1Root.publicKey().address(), str(id1, "rootAddress"));
            EXPECT_EQ(Bap::bapIdFromAddress(str(id1, "rootAddress")), str(id1, "identityKey"));
            EXPECT_EQ(signingAddress(hd.derive(str(id1, "currentPath")).value().privateKey(), version),
                      str(id1, "currentSigningAddress"));

            // Attestation hash of urn:bap:id:<attribute>:<value>:<nonce>.
            const QJsonObject att = obj(lib, "attestation");
            const QStringList urn = str(att, "urn").split(QLatin1Char(':'));
            ASSERT_EQ(urn.size(), 6);
            EXPECT_EQ(urn.at(3), str(att, "attribute"));
            EXPECT_EQ(Bap::attestationUrn(urn.at(3), urn.at(4), urn.at(5)), str(att, "urn"));
            EXPECT_EQ(QStringLiteral("bap:attest:") + sha256Hex(str(att, "urn").toUtf8()) + QLatin1Char(':') +
                          str(id0, "identityKey"),
                      str(att, "attestationString"));
            EXPECT_EQ(Bap::attestationHash(urn.at(3), urn.at(4), urn.at(5), str(id0, "identityKey")),
                      str(att, "attestationHashHex"));
        }
        countVector(QStringLiteral("bap.hd"));
    }
}

TEST(BapTest, Type42Vectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("bap.type42"))) {
        const QJsonObject c = v.toObject();
        const PrivateKey rootPk = PrivateKey::fromWif(str(c, "rootPkWif")).value();
        EXPECT_EQ(rootPk.toHexUnsafe(), str(c, "rootPkHex"));
        checkType42(rootPk, obj(c, "independent"), c.value(QLatin1String("libs")).toArray());
        countVector(QStringLiteral("bap.type42"));
    }
}

TEST(BapTest, TokenPassAccountsBap)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("tokenpass.accounts"))) {
        const QJsonObject c = v.toObject();
        const PrivateKey rootPk = PrivateKey::fromHex(str(c, "rootPkHex")).value();
        const QJsonObject bap = obj(c, "bap");
        checkType42(rootPk, obj(bap, "independent"), bap.value(QLatin1String("libs")).toArray());
        countVector(QStringLiteral("tokenpass.accounts.bap"));
    }
}

TEST(BapTest, SampleBackupFromApiSpec)
{
    // The one real 600k decrypt of the API.md §12 sample file.
    auto backup = BackupFile::decrypt(QString::fromLatin1(kSampleBackup), "correct horse battery");
    ASSERT_TRUE(backup.isOk()) << qPrintable(backup.error());
    EXPECT_EQ(backup->kind, BackupKind::Type42Master);
    const QJsonObject payload = QJsonDocument::fromJson(backup->plaintext.toByteArrayUnsafe()).object();
    EXPECT_EQ(payload.keys().size(), 4);
    EXPECT_EQ(str(payload, "rootPk"), QString::fromLatin1(kSampleRootWif));
    EXPECT_EQ(str(payload, "label"), QStringLiteral("TokenPass"));
    EXPECT_EQ(str(payload, "createdAt"), QStringLiteral("2026-01-01T00:00:00.000Z"));
    // Field order ids, label, createdAt, rootPk: our payload builder writes the identical bytes.
    const PrivateKey rootPk = PrivateKey::fromWif(str(payload, "rootPk")).value();
    EXPECT_EQ(Bap::backupPayloadJson(str(payload, "ids"), u"TokenPass", str(payload, "createdAt"), rootPk)
                  .toByteArrayUnsafe(),
              backup->plaintext.toByteArrayUnsafe());

    auto ids = Bap::decryptIds(rootPk, str(payload, "ids"));
    ASSERT_TRUE(ids.isOk()) << qPrintable(ids.error());
    EXPECT_EQ(ids->toByteArrayUnsafe(), QByteArray(kSampleIdsJson));
    auto parsed = Bap::parseIdsJson(ids->view());
    ASSERT_TRUE(parsed.isOk()) << qPrintable(parsed.error());
    ASSERT_EQ(parsed->ids.size(), 1);
    EXPECT_EQ(parsed->lastIdPath, QStringLiteral("bap:0"));
    EXPECT_EQ(parsed->ids.first().identityKey, QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh"));

    // Our serialiser reproduces the reference export byte for byte from the derived identity.
    BapIds fresh;
    fresh.lastIdPath = QStringLiteral("bap:0");
    fresh.ids.append(Bap::newIdentity(rootPk, 0, QString::fromLatin1(Bap::kPrimaryIdentityName)).value());
    EXPECT_EQ(Bap::idsJson(fresh).toByteArrayUnsafe(), QByteArray(kSampleIdsJson));
    EXPECT_EQ(Bap::idsJson(parsed.value()).toByteArrayUnsafe(), QByteArray(kSampleIdsJson));

    // The other §12 quantities.
    const PrivateKey member = Bap::memberKey(rootPk, 0).value();
    EXPECT_EQ(member.toWif(), QStringLiteral("KyhTKodtBD6V1Rc56ZpZ3tSF93EFRuajgKesgTkTf1wktPmuUAsU"));
    EXPECT_EQ(member.publicKey().address(), QStringLiteral("1ErQg5LWoBevMJPCp8DpucauA4JVKwkDBJ"));
    EXPECT_EQ(signingAddress(member, Bap::SigningVersion::V0_1_14),
              QStringLiteral("1My8ygPjovwpbm2myLfsXZrHZQai71t2r"));

    // The blob is not readable with another root key.
    EXPECT_FALSE(Bap::decryptIds(Bap::memberKey(rootPk, 1).value(), str(payload, "ids")).isOk());
}

TEST(BapTest, IdsBlobRoundTripAndUnlockFlow)
{
    const PrivateKey rootPk = PrivateKey::fromWif(QString::fromLatin1(kSampleRootWif)).value();
    BapIds ids;
    ids.lastIdPath = QStringLiteral("bap:0");
    BapIdentity primary = Bap::newIdentity(rootPk, 0, QString::fromLatin1(Bap::kPrimaryIdentityName)).value();
    primary.attributes.append({QStringLiteral("displayName"), QStringLiteral("Ann \"A\" O'Neil\n🚀"),
                               QStringLiteral("00").repeated(32)});
    ids.ids.append(primary);
    const SecureBytes json = Bap::idsJson(ids);

    const QString blob = Bap::encryptIds(rootPk, json.view()).value();
    EXPECT_TRUE(blob.startsWith(QLatin1String("QklFMQ")));         // base64 of "BIE1"
    EXPECT_NE(blob, Bap::encryptIds(rootPk, json.view()).value()); // random ephemeral key

    // Register -> save -> unlock, with the fast iteration count.
    const SecureBytes payload =
        Bap::backupPayloadJson(blob, u"TokenPass", u"2026-01-01T00:00:00.000Z", rootPk);
    BackupFile::EncryptOptions e;
    e.iterations = 1000;
    const QString file = BackupFile::encrypt(payload.view(), "correct horse battery", e).value();
    BackupFile::DecryptOptions d;
    d.iterations = {1000};
    auto unlocked = BackupFile::decrypt(file, "correct horse battery", d);
    ASSERT_TRUE(unlocked.isOk()) << qPrintable(unlocked.error());
    const QJsonObject p = QJsonDocument::fromJson(unlocked->plaintext.toByteArrayUnsafe()).object();
    const PrivateKey again = PrivateKey::fromWif(str(p, "rootPk")).value();
    auto plain = Bap::decryptIds(again, str(p, "ids"));
    ASSERT_TRUE(plain.isOk());
    EXPECT_EQ(plain->toByteArrayUnsafe(), json.toByteArrayUnsafe());
    const BapIds back = Bap::parseIdsJson(plain->view()).value();
    ASSERT_EQ(back.ids.size(), 1);
    ASSERT_EQ(back.ids.first().attributes.size(), 1);
    EXPECT_EQ(back.ids.first().attributes.first().value, QStringLiteral("Ann \"A\" O'Neil\n🚀"));
}

TEST(BapTest, JsonMatchesJsonStringify)
{
    BapIdentity id;
    id.name = QStringLiteral("q\"b\\s/\b\f\n\r\t\x01\x1f é 🚀");
    id.name.append(QChar(0xD800)); // a lone surrogate
    id.attributes = {{QStringLiteral("b"), QStringLiteral("2"), QStringLiteral("n2")},
                     {QStringLiteral("a"), QStringLiteral("1"), QStringLiteral("n1")}};
    // JSON.stringify output for the same object (insertion order kept).
    const QByteArray expected =
        "{\"name\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f \xc3\xa9 \xf0\x9f\x9a\x80\\ud800\","
        "\"description\":\"\",\"identityKey\":\"\",\"rootPath\":\"\",\"rootAddress\":\"\","
        "\"previousPath\":\"\",\"currentPath\":\"\",\"idSeed\":\"\",\"identityAttributes\":"
        "{\"b\":{\"value\":\"2\",\"nonce\":\"n2\"},\"a\":{\"value\":\"1\",\"nonce\":\"n1\"}},"
        "\"lastIdPath\":\"\"}";
    EXPECT_EQ(Bap::identityJson(id), expected);
}

TEST(BapTest, RejectsMalformedIds)
{
    EXPECT_FALSE(Bap::parseIdsJson("not json").isOk());
    EXPECT_FALSE(Bap::parseIdsJson(R"({"lastIdPath":"bap:0"})").isOk());
    EXPECT_FALSE(Bap::parseIdsJson(R"({"ids":[1]})").isOk());
    // The legacy bare-array form.
    auto legacy = Bap::parseIdsJson(R"([{"name":"x","identityKey":"k"}])");
    ASSERT_TRUE(legacy.isOk());
    EXPECT_EQ(legacy->ids.first().identityKey, QStringLiteral("k"));
    EXPECT_TRUE(legacy->lastIdPath.isEmpty());

    const PrivateKey rootPk = PrivateKey::fromWif(QString::fromLatin1(kSampleRootWif)).value();
    EXPECT_FALSE(Bap::decryptIds(rootPk, u"not base64!").isOk());
    EXPECT_FALSE(Bap::decryptIds(rootPk, u"QklFMQ==").isOk());
    EXPECT_FALSE(Bap::decryptIds(rootPk, u"").isOk());
    QByteArray blob = fromBase64(Bap::encryptIds(rootPk, "{}").value()).value();
    blob[blob.size() - 40] = char(blob[blob.size() - 40] ^ 1);
    EXPECT_FALSE(Bap::decryptIds(rootPk, toBase64(blob)).isOk());
    EXPECT_FALSE(Bap::memberKey(rootPk, -1).isOk());
}
