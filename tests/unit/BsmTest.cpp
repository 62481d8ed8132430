// Bitcoin Signed Message (CRYPTO.md §2): every bsm and bsmNegative vector, byte for byte, plus
// hostile signatures.
#include "common/Vectors.h"

#include "crypto/Bsm.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::str;
using tokenpass::test::vectorArray;

namespace {

QByteArray messageOf(const QJsonObject& o)
{
    if (o.contains(QLatin1String("messageRepeat"))) {
        const QJsonObject r = o.value(QLatin1String("messageRepeat")).toObject();
        return r.value(QLatin1String("unit"))
            .toString()
            .toUtf8()
            .repeated(r.value(QLatin1String("count")).toInt());
    }
    if (o.contains(QLatin1String("messageHex")))
        return hexField(o, QStringLiteral("messageHex"));
    return str(o, "messageUtf8").toUtf8();
}

const QString kAddressK3 = QStringLiteral("19GuvDvMMUZ8vq84wT79fvnvhMd5MnfTkR");

} // namespace

TEST(Bsm, ReferenceVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("bsm"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "key") + QLatin1Char('/') + str(o, "message")));
        auto key = PrivateKey::fromHex(str(o, "privHex"));
        ASSERT_TRUE(key);
        if (o.contains(QLatin1String("wif"))) {
            auto fromWif = PrivateKey::fromWif(str(o, "wif"));
            ASSERT_TRUE(fromWif);
            EXPECT_TRUE(fromWif->bytes().equals(key->bytes().view()));
        }
        EXPECT_EQ(key->publicKey().toHex(), str(o, "pubkey"));
        EXPECT_EQ(key->publicKey().address(), str(o, "address"));

        const QByteArray message = messageOf(o);
        EXPECT_EQ(message.size(), o.value(QLatin1String("messageLength")).toInt());
        if (o.contains(QLatin1String("messageSha256"))) {
            EXPECT_EQ(sha256Hex(message), str(o, "messageSha256"));
        }
        EXPECT_EQ(varint(std::uint64_t(message.size())), hexField(o, QStringLiteral("messageVarintHex")));
        if (o.contains(QLatin1String("preimageHex"))) {
            EXPECT_EQ(Bsm::preimage(message), hexField(o, QStringLiteral("preimageHex")));
        }
        const QByteArray hash = Bsm::magicHash(message);
        EXPECT_EQ(hash, hexField(o, QStringLiteral("magicHashHex")));

        // Signing is deterministic and must match the SDK byte for byte.
        const QString signature = Bsm::sign(message, *key);
        EXPECT_EQ(signature, str(o, "signature"));
        if (o.contains(QLatin1String("signatureHex"))) {
            EXPECT_EQ(Bsm::signCompact(message, *key), hexField(o, QStringLiteral("signatureHex")));
            const RecoverableSignature raw = key->signRecoverable(hash);
            EXPECT_EQ(raw.compact64.left(32), hexField(o, QStringLiteral("rHex")));
            EXPECT_EQ(raw.compact64.mid(32), hexField(o, QStringLiteral("sHex")));
            EXPECT_EQ(raw.recoveryId, o.value(QLatin1String("recid")).toInt());
            EXPECT_EQ(31 + raw.recoveryId, o.value(QLatin1String("headerByte")).toInt());
            EXPECT_EQ(key->signDer(hash), hexField(o, QStringLiteral("derHex")));
            EXPECT_TRUE(key->publicKey().verifyDer(hash, hexField(o, QStringLiteral("derHex"))));
        }
        if (o.value(QLatin1String("legacyBsv2SameSignature")).toBool()) {
            EXPECT_EQ(signature, str(o, "legacyBsv2Signature"));
        }

        const bool expected = o.value(QLatin1String("verify")).toBool();
        EXPECT_TRUE(expected);
        EXPECT_EQ(Bsm::verify(message, str(o, "signature"), str(o, "address")), expected);
        EXPECT_EQ(Bsm::verify(message, str(o, "signature"), str(o, "address"), Bsm::Mode::Lenient), expected);
        EXPECT_TRUE(Bsm::verifyWithPublicKey(message, str(o, "signature"), key->publicKey()));
        auto recovered = Bsm::recover(message, str(o, "signature"));
        ASSERT_TRUE(recovered) << qPrintable(recovered.error());
        EXPECT_TRUE(recovered->compressed);
        if (o.contains(QLatin1String("recoveredAddress"))) {
            EXPECT_EQ(recovered->publicKey.address(), str(o, "recoveredAddress"));
        }
        // The same signature over a different message never verifies against this address.
        EXPECT_FALSE(Bsm::verify(message + "!", str(o, "signature"), str(o, "address")));
        countVector(QStringLiteral("bsm"));
    }
}

TEST(Bsm, NegativeVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("bsmNegative"))) {
        const QJsonObject o = v.toObject();
        const QString c = str(o, "case");
        SCOPED_TRACE(qPrintable(c));
        const QByteArray message = str(o, "messageUtf8").toUtf8();
        const QString sig = str(o, "signature");
        const QString address = str(o, "address");
        const bool strict = Bsm::verify(message, sig, address, Bsm::Mode::Strict);
        const bool lenient = Bsm::verify(message, sig, address, Bsm::Mode::Lenient);
        if (o.contains(QLatin1String("verify"))) {
            EXPECT_EQ(strict, o.value(QLatin1String("verify")).toBool());
            EXPECT_EQ(lenient, o.value(QLatin1String("verify")).toBool());
        }
        if (o.contains(QLatin1String("verifyStrict"))) {
            EXPECT_EQ(strict, o.value(QLatin1String("verifyStrict")).toBool());
        }
        if (o.contains(QLatin1String("verifyBsv2"))) {
            EXPECT_EQ(strict, o.value(QLatin1String("verifyBsv2")).toBool());
        }
        if (o.contains(QLatin1String("verifyTokenPassLenient"))) {
            EXPECT_EQ(lenient, o.value(QLatin1String("verifyTokenPassLenient")).toBool());
        }
        if (o.contains(QLatin1String("recoveredUncompressedAddress"))) {
            auto recovered = Bsm::recover(message, sig);
            ASSERT_TRUE(recovered);
            EXPECT_FALSE(recovered->compressed);
            EXPECT_EQ(p2pkhAddress(recovered->publicKey.uncompressed()),
                      str(o, "recoveredUncompressedAddress"));
            EXPECT_EQ(recovered->publicKey.address(), address);
        }
        if (o.contains(QLatin1String("headerByte"))) {
            EXPECT_EQ(int(std::uint8_t(fromBase64(sig)->at(0))),
                      o.value(QLatin1String("headerByte")).toInt());
        }
        if (o.contains(QLatin1String("verifySdk"))) {
            // High-S: the SDK accepts it, and so do we after normalising (CRYPTO.md §1).
            auto recovered = Bsm::recover(message, sig);
            ASSERT_TRUE(recovered) << qPrintable(recovered.error());
            EXPECT_EQ(recovered->recoveryId, o.value(QLatin1String("recid")).toInt());
            EXPECT_EQ(recovered->publicKey.address(), address);
            EXPECT_EQ(Bsm::verifyWithPublicKey(message, sig, recovered->publicKey),
                      o.value(QLatin1String("verifySdk")).toBool());
            EXPECT_EQ(strict, o.value(QLatin1String("verifySdk")).toBool());
        }
        countVector(QStringLiteral("bsmNegative"));
    }
}

TEST(Bsm, HostileSignaturesFailCleanly)
{
    const QByteArray message("hello world");
    const QString good = QStringLiteral(
        "IDqh0lY8nb96LKi4Qr1scT3ujV4+vGeS4riPI78KPM9SLvR3djsSITig+JvoRNaxOm07H4B6Y5lXXrHXnWvoM/Q=");
    ASSERT_TRUE(Bsm::verify(message, good, kAddressK3));
    const QByteArray raw = *fromBase64(good);

    for (int header : {0, 26, 35, 255}) {
        QByteArray bad = raw;
        bad[0] = char(header);
        EXPECT_FALSE(Bsm::verify(message, toBase64(bad), kAddressK3)) << header;
        EXPECT_FALSE(Bsm::verify(message, toBase64(bad), kAddressK3, Bsm::Mode::Lenient)) << header;
        EXPECT_FALSE(Bsm::recover(message, toBase64(bad))) << header;
    }
    EXPECT_FALSE(Bsm::verify(message, toBase64(raw.left(64)), kAddressK3));
    EXPECT_FALSE(Bsm::verify(message, toBase64(raw + "x"), kAddressK3));
    EXPECT_FALSE(Bsm::verify(message, QString(), kAddressK3));
    EXPECT_FALSE(Bsm::verify(message, QStringLiteral("not base64!"), kAddressK3));
    // r = 0, r >= n, s = 0.
    QByteArray zeroR = raw;
    zeroR.replace(1, 32, QByteArray(32, '\0'));
    EXPECT_FALSE(Bsm::verify(message, toBase64(zeroR), kAddressK3));
    QByteArray bigR = raw;
    bigR.replace(1, 32, QByteArray(32, '\xff'));
    EXPECT_FALSE(Bsm::verify(message, toBase64(bigR), kAddressK3));
    QByteArray zeroS = raw;
    zeroS.replace(33, 32, QByteArray(32, '\0'));
    EXPECT_FALSE(Bsm::verify(message, toBase64(zeroS), kAddressK3));
    // Bad addresses: wrong checksum, wrong version, not Base58.
    QString badAddress = kAddressK3;
    badAddress[5] = QLatin1Char('X');
    EXPECT_FALSE(Bsm::verify(message, good, badAddress));
    EXPECT_FALSE(Bsm::verify(message, good, QString()));
    EXPECT_FALSE(Bsm::verify(message, good, QStringLiteral("0OIl")));
    const QByteArray h160 = base58CheckDecode(kAddressK3)->mid(1);
    EXPECT_FALSE(Bsm::verify(message, good, base58CheckEncode(QByteArray(1, '\x05') + h160)));
    // The same key as a testnet address is accepted.
    EXPECT_TRUE(Bsm::verify(message, good, base58CheckEncode(QByteArray(1, '\x6f') + h160)));
    // The wrong key.
    EXPECT_FALSE(Bsm::verifyWithPublicKey(message, good, PublicKey::generator()));
}

TEST(Bsm, SignVerifyRoundTripAndEncodings)
{
    const PrivateKey key = PrivateKey::generate();
    for (const QByteArray& message :
         {QByteArray(), QByteArray("x"), QByteArray(253, 'y'), QByteArray(70000, 'z')}) {
        const QString sig = Bsm::sign(message, key);
        EXPECT_EQ(sig.size(), 88);
        EXPECT_TRUE(Bsm::verify(message, sig, key.publicKey().address()));
        EXPECT_TRUE(Bsm::verify(message, sig, key.publicKey().address(Network::Testnet)));
        EXPECT_FALSE(Bsm::verify(message, sig, PrivateKey::generate().publicKey().address()));
    }
    // The SDK's base64 leniency: a stray trailing character does not change the signature.
    const QString sig = Bsm::sign("abc", key);
    QString noPadding = sig;
    noPadding.chop(1);
    EXPECT_TRUE(Bsm::verify("abc", noPadding, key.publicKey().address()));
}
