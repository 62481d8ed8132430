// BIP32 against vectors.json "bip32" (CRYPTO.md §8) plus parsing and derivation errors.
#include "common/Vectors.h"

#include "crypto/Bip32.h"
#include "crypto/Encoding.h"

#include <QRandomGenerator>

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::str;
using tokenpass::test::vectorArray;

namespace {
// A serialised extended key with chosen fields, for the malformed-input cases.
QString serialise(QByteArray version, int depth, QByteArray fingerprint, quint32 index, QByteArray keyData)
{
    QByteArray raw = version;
    raw.append(char(depth));
    raw.append(fingerprint);
    raw.append(char(index >> 24)).append(char(index >> 16)).append(char(index >> 8)).append(char(index));
    raw.append(QByteArray(32, '\x11'));
    raw.append(keyData);
    return base58CheckEncode(raw);
}
} // namespace

TEST(Bip32Test, ReferenceVectors)
{
    const QJsonArray cases = vectorArray(QStringLiteral("bip32"));
    for (const QJsonValue& v : cases) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE((str(c, "seedHex") + QLatin1Char(' ') + str(c, "path")).toStdString());
        auto master = Bip32Key::fromSeed(hexField(c, QStringLiteral("seedHex")));
        ASSERT_TRUE(master.isOk()) << qPrintable(master.error());
        auto node = master->derive(str(c, "path"));
        ASSERT_TRUE(node.isOk()) << qPrintable(node.error());
        EXPECT_EQ(node->toXprv().value(), str(c, "xprv"));
        EXPECT_EQ(node->toXpub(), str(c, "xpub"));
        EXPECT_EQ(node->privateKey().bytes().toByteArrayUnsafe(), hexField(c, QStringLiteral("privHex")));
        EXPECT_EQ(node->publicKey().toHex(), str(c, "pubCompressed"));
        EXPECT_EQ(node->publicKey().address(), str(c, "address"));

        // Round trips through the text forms.
        auto parsed = Bip32Key::fromString(str(c, "xprv"));
        ASSERT_TRUE(parsed.isOk()) << qPrintable(parsed.error());
        EXPECT_TRUE(parsed->isPrivate());
        EXPECT_EQ(parsed->toXprv().value(), str(c, "xprv"));
        EXPECT_EQ(parsed->toXpub(), str(c, "xpub"));
        auto pub = Bip32Key::fromString(str(c, "xpub"));
        ASSERT_TRUE(pub.isOk()) << qPrintable(pub.error());
        EXPECT_FALSE(pub->isPrivate());
        EXPECT_FALSE(pub->toXprv().isOk());
        EXPECT_EQ(pub->toXpub(), str(c, "xpub"));
        countVector(QStringLiteral("bip32"));
    }
}

TEST(Bip32Test, PublicDerivationMatchesPrivate)
{
    // BIP32 test vector 1: m/0'/1 from the xpub of m/0'.
    auto master = Bip32Key::fromSeed(QByteArray::fromHex("000102030405060708090a0b0c0d0e0f")).value();
    const Bip32Key hardened = master.derive(u"m/0'").value();
    const Bip32Key viaPrivate = hardened.derive(u"m/1/2/3").value();
    const Bip32Key viaPublic = hardened.neutered().derive(u"m/1/2/3").value();
    EXPECT_FALSE(viaPublic.isPrivate());
    EXPECT_EQ(viaPublic.toXpub(), viaPrivate.toXpub());
    EXPECT_EQ(
        master.derive(u"m/0'/1").value().toXpub(),
        QStringLiteral("xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq"
                       "527Hqck2AxYysAA7xmALppuCkwQ"));
    // Hardened children cannot come from a public node.
    auto r = hardened.neutered().derive(u"m/1'");
    ASSERT_FALSE(r.isOk());
    // "h" and "H" mean the same as "'"; derive is relative to the node (bsv HD semantics).
    EXPECT_EQ(master.derive(u"m/0h/1/2H").value().toXpub(), master.derive(u"m/0'/1/2'").value().toXpub());
    EXPECT_EQ(master.derive(u"m").value().toXpub(), master.toXpub());
}

TEST(Bip32Test, PathParsing)
{
    EXPECT_EQ(Bip32Key::parsePath(u"m").value(), QList<std::uint32_t>{});
    EXPECT_EQ(Bip32Key::parsePath(u"m/0'/1/2147483647'").value(),
              (QList<std::uint32_t>{0x80000000u, 1u, 0xffffffffu}));
    for (const char16_t* bad : {u"", u"M/0", u"0/1", u"m/", u"m//1", u"m/1/", u"m/-1", u"m/+1", u"m/1x",
                                u"m/''", u"m/2147483648", u"m/99999999999", u"m/0x10", u"m/1 ", u"/m/1"}) {
        EXPECT_FALSE(Bip32Key::parsePath(bad).isOk()) << QString::fromUtf16(bad).toStdString();
    }
    auto master = Bip32Key::fromSeed(QByteArray(16, '\1')).value();
    EXPECT_FALSE(master.derive(u"m/a").isOk());
}

TEST(Bip32Test, SeedLengthLimits)
{
    EXPECT_FALSE(Bip32Key::fromSeed(QByteArray(15, '\1')).isOk());
    EXPECT_TRUE(Bip32Key::fromSeed(QByteArray(16, '\1')).isOk());
    EXPECT_TRUE(Bip32Key::fromSeed(QByteArray(64, '\1')).isOk());
    EXPECT_FALSE(Bip32Key::fromSeed(QByteArray(65, '\1')).isOk());
}

TEST(Bip32Test, RejectsMalformedExtendedKeys)
{
    const QByteArray xprv = QByteArray::fromHex("0488ade4");
    const QByteArray xpub = QByteArray::fromHex("0488b21e");
    const QByteArray zero4(4, '\0');
    const QByteArray priv = QByteArray(1, '\0') + QByteArray(32, '\x01');
    const QByteArray pub =
        QByteArray::fromHex("0339a36013301597daef41fbe593a02cc513d0b55527ec2df1050e2e8ff49c85c2");

    EXPECT_TRUE(Bip32Key::fromString(serialise(xprv, 0, zero4, 0, priv)).isOk());
    EXPECT_TRUE(Bip32Key::fromString(serialise(xpub, 0, zero4, 0, pub)).isOk());

    // Unknown version, key data that does not match the version, zero and out-of-range keys.
    EXPECT_FALSE(Bip32Key::fromString(serialise(QByteArray::fromHex("04358394"), 0, zero4, 0, priv)).isOk());
    EXPECT_FALSE(Bip32Key::fromString(serialise(xprv, 0, zero4, 0, pub)).isOk());
    EXPECT_FALSE(Bip32Key::fromString(serialise(xpub, 0, zero4, 0, priv)).isOk());
    EXPECT_FALSE(Bip32Key::fromString(serialise(xprv, 0, zero4, 0, QByteArray(33, '\0'))).isOk());
    EXPECT_FALSE(
        Bip32Key::fromString(serialise(xprv, 0, zero4, 0, QByteArray(1, '\0') + QByteArray(32, '\xff')))
            .isOk());
    EXPECT_FALSE(
        Bip32Key::fromString(serialise(xpub, 0, zero4, 0, QByteArray(1, '\x04') + pub.mid(1))).isOk());
    EXPECT_FALSE(
        Bip32Key::fromString(serialise(xpub, 0, zero4, 0, QByteArray(1, '\x02') + QByteArray(32, '\xff')))
            .isOk());
    // Depth 0 with a parent fingerprint or an index (BIP32 test vector 5).
    EXPECT_FALSE(Bip32Key::fromString(serialise(xprv, 0, QByteArray(4, '\x01'), 0, priv)).isOk());
    EXPECT_FALSE(Bip32Key::fromString(serialise(xprv, 0, zero4, 1, priv)).isOk());
    // Wrong length, bad checksum, garbage.
    EXPECT_FALSE(Bip32Key::fromString(base58CheckEncode(QByteArray(77, '\x04'))).isOk());
    QString good = serialise(xprv, 0, zero4, 0, priv);
    good[good.size() - 1] = good.back() == QLatin1Char('a') ? QLatin1Char('b') : QLatin1Char('a');
    EXPECT_FALSE(Bip32Key::fromString(good).isOk());
    EXPECT_FALSE(Bip32Key::fromString(u"").isOk());
    EXPECT_FALSE(Bip32Key::fromString(u"xprv0OIl").isOk());
}

TEST(Bip32Test, DepthAndFingerprints)
{
    auto master = Bip32Key::fromSeed(QByteArray::fromHex("000102030405060708090a0b0c0d0e0f")).value();
    const Bip32Key child = master.derive(u"m/0'/1").value();
    EXPECT_EQ(child.depth(), 2);
    EXPECT_EQ(child.childIndex(), 1u);
    EXPECT_EQ(child.parentFingerprint(), master.derive(u"m/0'").value().fingerprint());
    EXPECT_EQ(toHex(master.fingerprint()), QStringLiteral("3442193e"));
}

TEST(Bip32Test, RandomInputNeverCrashes)
{
    QRandomGenerator rng(42);
    const QString alphabet =
        QStringLiteral("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz/'hm0");
    for (int i = 0; i < 2000; ++i) {
        QString s;
        const int n = int(rng.bounded(120));
        for (int j = 0; j < n; ++j)
            s.append(alphabet.at(int(rng.bounded(alphabet.size()))));
        EXPECT_FALSE(Bip32Key::fromString(s).isOk());
        (void)Bip32Key::parsePath(s);
        // Valid Base58Check of the right length but random content.
        QByteArray raw(78, '\0');
        for (auto& b : raw)
            b = char(rng.bounded(256));
        raw.replace(0, 4, i % 2 ? QByteArray::fromHex("0488ade4") : QByteArray::fromHex("0488b21e"));
        auto key = Bip32Key::fromString(base58CheckEncode(raw));
        if (key.isOk()) {
            // Random key data that happens to be a valid key still round-trips and derives.
            EXPECT_EQ(Bip32Key::fromString(key->toXpub()).value().toXpub(), key->toXpub());
            (void)key->derive(u"m/0/1'");
        }
    }
}
