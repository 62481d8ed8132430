// PrivateKey / PublicKey on libsecp256k1: the keys vectors, ECDSA (RFC 6979, low-S, high-S
// verification), recovery, tweaks, ECDH and hostile input (CRYPTO.md §1).
#include "common/Vectors.h"

#include "crypto/Hash.h"
#include "crypto/Keys.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::str;
using tokenpass::test::vectorArray;

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(text);
}

const char* const kN = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
const char* const kNPlus1 = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142";
const char* const kNMinus1 = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140";

PrivateKey key(const char* hexText)
{
    auto k = PrivateKey::fromHex(QString::fromLatin1(hexText));
    EXPECT_TRUE(k) << hexText;
    return std::move(k).value();
}

// (n - s) mod n for a 32-byte big-endian s: the high-S twin of a low-S signature.
QByteArray negateScalar(const QByteArray& s)
{
    const QByteArray n = hex(kN);
    QByteArray out(32, '\0');
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = int(std::uint8_t(n[i])) - int(std::uint8_t(s[i])) - borrow;
        borrow = d < 0 ? 1 : 0;
        out[i] = char(d + (borrow ? 256 : 0));
    }
    return out;
}

} // namespace

TEST(Keys, Vectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("keys"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "name")));
        auto priv = PrivateKey::fromHex(str(o, "privHex"));
        ASSERT_TRUE(priv) << qPrintable(priv.error());
        EXPECT_EQ(priv->toHexUnsafe(), str(o, "privHex"));
        EXPECT_EQ(priv->bytes().toByteArrayUnsafe(), hexField(o, QStringLiteral("privHex")));
        EXPECT_EQ(priv->toWif(), str(o, "wif"));
        EXPECT_EQ(priv->toWif(Network::Testnet), str(o, "wifTestnet"));

        const PublicKey pub = priv->publicKey();
        EXPECT_EQ(pub.compressed(), hexField(o, QStringLiteral("pubCompressed")));
        EXPECT_EQ(pub.uncompressed(), hexField(o, QStringLiteral("pubUncompressed")));
        EXPECT_EQ(pub.toHex(), str(o, "pubCompressed"));
        EXPECT_EQ(pub.address(), str(o, "address"));
        EXPECT_EQ(pub.address(Network::Testnet), str(o, "addressTestnet"));

        auto fromWif = PrivateKey::fromWif(str(o, "wif"));
        ASSERT_TRUE(fromWif);
        EXPECT_TRUE(fromWif->bytes().equals(priv->bytes().view()));
        auto fromBytes = PrivateKey::fromBytes(hexField(o, QStringLiteral("privHex")));
        ASSERT_TRUE(fromBytes);
        EXPECT_EQ(fromBytes->publicKey(), pub);

        // Both SEC1 encodings parse to the same key.
        auto parsedU = PublicKey::fromBytes(hexField(o, QStringLiteral("pubUncompressed")));
        ASSERT_TRUE(parsedU);
        EXPECT_EQ(*parsedU, pub);
        auto parsedHex = PublicKey::fromHex(str(o, "pubCompressed"));
        ASSERT_TRUE(parsedHex);
        EXPECT_EQ(*parsedHex, pub);
        countVector(QStringLiteral("keys"));
    }
}

TEST(Keys, GeneratorIsKeyOne)
{
    EXPECT_EQ(PublicKey::generator(),
              key("0000000000000000000000000000000000000000000000000000000000000001").publicKey());
}

TEST(Keys, OutOfRangeScalarsAreRejected)
{
    for (const char* bad : {"0000000000000000000000000000000000000000000000000000000000000000", kN, kNPlus1,
                            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}) {
        EXPECT_FALSE(PrivateKey::fromHex(QString::fromLatin1(bad))) << bad;
        EXPECT_FALSE(PrivateKey::fromBytes(hex(bad))) << bad;
    }
    EXPECT_TRUE(PrivateKey::fromHex(QString::fromLatin1(kNMinus1)));
    // Wrong lengths and non-hex.
    EXPECT_FALSE(PrivateKey::fromHex(u"01"));
    EXPECT_FALSE(PrivateKey::fromHex(QString(63, QLatin1Char('1'))));
    EXPECT_FALSE(PrivateKey::fromHex(QString(66, QLatin1Char('1'))));
    EXPECT_FALSE(PrivateKey::fromHex(QString(63, QLatin1Char('1')) + QLatin1Char('g')));
    EXPECT_FALSE(PrivateKey::fromBytes(QByteArray(31, '\x01')));
    EXPECT_FALSE(PrivateKey::fromBytes(QByteArray(33, '\x01')));
    EXPECT_FALSE(PrivateKey::fromBytes({}));
}

TEST(Keys, InvalidPointsAreRejected)
{
    const QByteArray gx = hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    const QByteArray gy = hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    const QByteArray ff(32, '\xff');
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x02') + ff)); // x >= p
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x03') + ff));
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x02') + QByteArray(32, '\0'))); // x = 0: not on curve
    EXPECT_FALSE(PublicKey::fromBytes(
        QByteArray(1, '\x02') + hex("0000000000000000000000000000000000000000000000000000000000000005")));
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x05') + gx)); // bad prefix
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x04') + gx)); // uncompressed prefix, compressed size
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x04') + gx + ff)); // point not on the curve
    QByteArray wrongY = gy;
    wrongY[31] = char(wrongY[31] ^ 1);
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x04') + gx + wrongY));
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x06') + gx + gy)); // hybrid encoding
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\x02') + gx.left(31)));
    EXPECT_FALSE(PublicKey::fromBytes({}));
    EXPECT_FALSE(PublicKey::fromBytes(QByteArray(1, '\0'))); // the point at infinity
    EXPECT_FALSE(PublicKey::fromHex(u"02zz"));
    EXPECT_TRUE(PublicKey::fromBytes(QByteArray(1, '\x04') + gx + gy));
    EXPECT_TRUE(PublicKey::fromBytes(QByteArray(1, '\x02') + gx));
}

TEST(Keys, SignAndVerifyDer)
{
    const PrivateKey k = key("e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262");
    const QByteArray digest = sha256("TokenPass");
    const QByteArray der = k.signDer(digest);
    ASSERT_GE(der.size(), 8);
    EXPECT_EQ(der, k.signDer(digest)); // RFC 6979: deterministic
    EXPECT_TRUE(k.publicKey().verifyDer(digest, der));
    EXPECT_FALSE(k.publicKey().verifyDer(sha256("TokenPasS"), der));
    EXPECT_FALSE(key(kNMinus1).publicKey().verifyDer(digest, der));
    EXPECT_TRUE(k.signDer(digest.left(31)).isEmpty());
    EXPECT_FALSE(k.publicKey().verifyDer(digest.left(31), der));
}

TEST(Keys, MalformedDerIsRejected)
{
    const PrivateKey k = key("0b1d1b7a5c5e2e4f7a3d9c8e1f2a4b6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6");
    const PublicKey pub = k.publicKey();
    const QByteArray digest = sha256("x");
    const QByteArray der = k.signDer(digest);
    ASSERT_TRUE(pub.verifyDer(digest, der));
    EXPECT_FALSE(pub.verifyDer(digest, {}));
    EXPECT_FALSE(pub.verifyDer(digest, der.left(der.size() - 1)));  // truncated
    EXPECT_FALSE(pub.verifyDer(digest, der + QByteArray(1, '\0'))); // trailing garbage
    QByteArray badTag = der;
    badTag[0] = 0x31;
    EXPECT_FALSE(pub.verifyDer(digest, badTag));
    QByteArray badLength = der;
    badLength[1] = char(badLength[1] + 5);
    EXPECT_FALSE(pub.verifyDer(digest, badLength));
    QByteArray badIntTag = der;
    badIntTag[2] = 0x03;
    EXPECT_FALSE(pub.verifyDer(digest, badIntTag));
    EXPECT_FALSE(pub.verifyDer(digest, QByteArray(72, '\x30')));
    EXPECT_FALSE(pub.verifyDer(digest, hex("3006020100020100"))); // r = s = 0
    EXPECT_FALSE(pub.verifyDer(digest, QByteArray(100000, '\xff')));
}

TEST(Keys, HighSIsNormalisedBeforeVerifying)
{
    // CRYPTO.md §1: @bsv/sdk accepts high-S; libsecp256k1 needs normalisation first.
    const PrivateKey k = key("e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262");
    const QByteArray digest = sha256("high s");
    const RecoverableSignature sig = k.signRecoverable(digest);
    ASSERT_EQ(sig.compact64.size(), 64);
    ASSERT_TRUE(k.publicKey().verifyCompact(digest, sig.compact64));
    const QByteArray highS = sig.compact64.left(32) + negateScalar(sig.compact64.mid(32));
    ASSERT_NE(highS, sig.compact64);
    EXPECT_TRUE(k.publicKey().verifyCompact(digest, highS));
    // Compact form with s >= n, r = 0, or wrong size is rejected.
    EXPECT_FALSE(k.publicKey().verifyCompact(digest, sig.compact64.left(32) + hex(kN)));
    EXPECT_FALSE(k.publicKey().verifyCompact(digest, QByteArray(32, '\0') + sig.compact64.mid(32)));
    EXPECT_FALSE(k.publicKey().verifyCompact(digest, sig.compact64.left(63)));
}

TEST(Keys, RecoverAndRejectBadRecoveryInput)
{
    const PrivateKey k = key("a93a4081ab54c2823a7ade091dcb499b624139eff26bdb25b8a68afdb87d21a9");
    const QByteArray digest = sha256("recover me");
    const RecoverableSignature sig = k.signRecoverable(digest);
    auto recovered = PublicKey::recover(digest, sig.compact64, sig.recoveryId);
    ASSERT_TRUE(recovered);
    EXPECT_EQ(*recovered, k.publicKey());
    auto other = PublicKey::recover(digest, sig.compact64, sig.recoveryId ^ 1);
    if (other) {
        EXPECT_NE(*other, k.publicKey());
    }
    // Out-of-range recovery ids must fail, not abort inside libsecp256k1.
    EXPECT_FALSE(PublicKey::recover(digest, sig.compact64, 4));
    EXPECT_FALSE(PublicKey::recover(digest, sig.compact64, -1));
    EXPECT_FALSE(PublicKey::recover(digest, sig.compact64.left(63), 0));
    EXPECT_FALSE(PublicKey::recover(digest.left(31), sig.compact64, 0));
    EXPECT_FALSE(PublicKey::recover(digest, hex(kN) + sig.compact64.mid(32), 0)); // r >= n
    EXPECT_FALSE(PublicKey::recover(digest, QByteArray(64, '\0'), 0));
}

TEST(Keys, TweaksAndTheirLimits)
{
    const PrivateKey one = key("0000000000000000000000000000000000000000000000000000000000000001");
    auto two = one.tweakAdd(hex("0000000000000000000000000000000000000000000000000000000000000001"));
    ASSERT_TRUE(two);
    EXPECT_EQ(two->toHexUnsafe(),
              QStringLiteral("0000000000000000000000000000000000000000000000000000000000000002"));
    auto twoPub = PublicKey::generator().tweakAdd(
        hex("0000000000000000000000000000000000000000000000000000000000000001"));
    ASSERT_TRUE(twoPub);
    EXPECT_EQ(*twoPub, two->publicKey());

    EXPECT_FALSE(one.tweakAdd(hex(kN)));       // tweak >= n
    EXPECT_FALSE(one.tweakAdd(hex(kNMinus1))); // 1 + (n-1) = 0
    EXPECT_FALSE(one.tweakAdd(QByteArray(31, '\x01')));
    EXPECT_FALSE(PublicKey::generator().tweakAdd(hex(kN)));
    EXPECT_FALSE(PublicKey::generator().tweakAdd(hex(kNMinus1))); // G + (n-1)G = infinity
    EXPECT_FALSE(PublicKey::generator().tweakAdd({}));
    // (n-1) + 2 wraps to 1.
    auto wrapped =
        key(kNMinus1).tweakAdd(hex("0000000000000000000000000000000000000000000000000000000000000002"));
    ASSERT_TRUE(wrapped);
    EXPECT_TRUE(wrapped->bytes().equals(one.bytes().view()));
}

TEST(Keys, SharedPointIsSymmetricAndCompressed)
{
    const PrivateKey a = key("e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262");
    const PrivateKey b = key("0b1d1b7a5c5e2e4f7a3d9c8e1f2a4b6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6");
    auto ab = a.sharedPoint(b.publicKey());
    auto ba = b.sharedPoint(a.publicKey());
    ASSERT_TRUE(ab && ba);
    // The eciesElectrum k3→k4 vector's S (CRYPTO.md §3.1).
    EXPECT_EQ(ab->toByteArrayUnsafe(),
              hex("02580a33f7494d5f04a07b5de06c1bbfa31ce6a515ae2347b93bcf1f94ea812579"));
    EXPECT_TRUE(ab->equals(ba->view()));
    // 1 · P = P.
    auto withOne =
        key("0000000000000000000000000000000000000000000000000000000000000001").sharedPoint(a.publicKey());
    ASSERT_TRUE(withOne);
    EXPECT_EQ(withOne->toByteArrayUnsafe(), a.publicKey().compressed());
}

TEST(Keys, GenerateAndClone)
{
    const PrivateKey k = PrivateKey::generate();
    const PrivateKey copy = k.clone();
    EXPECT_TRUE(copy.bytes().equals(k.bytes().view()));
    EXPECT_NE(k.publicKey(), PrivateKey::generate().publicKey());
}
