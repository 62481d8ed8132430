// Hashes, HMAC, PBKDF2, hex/base64/Base58(Check), varint, WIF and addresses against vectors.json
// (CRYPTO.md §1) and published known answers.
#include "common/Vectors.h"

#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "crypto/Ripemd160.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::str;
using tokenpass::test::vectorArray;
using tokenpass::test::vectorAt;

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(text);
}

QByteArray portableRipemd160(QByteArrayView data)
{
    QByteArray out(20, '\0');
    detail::ripemd160Portable(reinterpret_cast<const std::uint8_t*>(data.data()), std::size_t(data.size()),
                              reinterpret_cast<std::uint8_t*>(out.data()));
    return out;
}

} // namespace

TEST(Hash, KnownAnswers)
{
    EXPECT_EQ(sha256({}), hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    EXPECT_EQ(sha512("abc"), hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
    EXPECT_EQ(sha256d("hello"), sha256(sha256("hello")));
    EXPECT_EQ(sha256Secure("abc").toByteArrayUnsafe(), sha256("abc"));
    EXPECT_EQ(sha512Secure("abc").toByteArrayUnsafe(), sha512("abc"));
    EXPECT_EQ(sha256Hex("abc"),
              QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    // RFC 4231 test case 1.
    const QByteArray key(20, '\x0b');
    EXPECT_EQ(hmacSha256(key, "Hi There").toByteArrayUnsafe(),
              hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    EXPECT_EQ(hmacSha512(key, "Hi There").toByteArrayUnsafe(),
              hex("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                  "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"));
    // An empty key and message are legal HMAC inputs.
    EXPECT_EQ(hmacSha256({}, {}).size(), 32u);
}

TEST(Hash, Pbkdf2KnownAnswers)
{
    EXPECT_EQ(pbkdf2Sha256("password", "salt", 1, 32).toByteArrayUnsafe(),
              hex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"));
    EXPECT_EQ(pbkdf2Sha256("password", "salt", 4096, 32).toByteArrayUnsafe(),
              hex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"));
    EXPECT_EQ(pbkdf2Sha512("password", "salt", 2, 64).toByteArrayUnsafe(),
              hex("e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"
                  "f76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e"));
    EXPECT_TRUE(pbkdf2Sha256("password", "salt", 0, 32).isEmpty());
}

TEST(Hash, Ripemd160KnownAnswers)
{
    struct Case
    {
        QByteArray input;
        const char* digest;
    };
    const Case cases[] = {
        {"", "9c1185a5c5e9fc54612808977ee8f548b2258d31"},
        {"abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"},
        {"message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36"},
        // 56 bytes: the length no longer fits in the first padding block.
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "12a053384a9c0c88e405a06c27dcf49ada62eb2b"},
        {QByteArray("1234567890").repeated(8), "9b752e45573d4b39f4dbd3323cab82bf63326bfb"},
        {QByteArray(1000000, 'a'), "52783243c1697bdbe16d37f97f68f08325dc1528"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(ripemd160(c.input), hex(c.digest)) << c.input.left(20).constData();
        EXPECT_EQ(portableRipemd160(c.input), hex(c.digest)) << c.input.left(20).constData();
    }
    // Every length across the block boundaries agrees between OpenSSL and the fallback.
    QByteArray data;
    for (int i = 0; i < 200; ++i) {
        EXPECT_EQ(portableRipemd160(data), ripemd160(data)) << "length " << i;
        data.append(char(i * 7));
    }
}

TEST(Encoding, KeysVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("keys"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "name")));
        const QByteArray pub = hexField(o, QStringLiteral("pubCompressed"));
        const QByteArray pubU = hexField(o, QStringLiteral("pubUncompressed"));
        const QByteArray h160 = hexField(o, QStringLiteral("hash160"));
        EXPECT_EQ(hash160(pub), h160);
        EXPECT_EQ(portableRipemd160(sha256(pub)), h160);
        EXPECT_EQ(p2pkhAddress(pub), str(o, "address"));
        EXPECT_EQ(p2pkhAddress(pub, Network::Testnet), str(o, "addressTestnet"));
        EXPECT_NE(p2pkhAddress(pubU), str(o, "address"));

        // The address is Base58Check(0x00 || hash160).
        const auto payload = base58CheckDecode(str(o, "address"));
        ASSERT_TRUE(payload.has_value());
        EXPECT_EQ(*payload, QByteArray(1, '\0') + h160);

        const SecureBytes priv(hexField(o, QStringLiteral("privHex")));
        EXPECT_EQ(wifEncode(priv), str(o, "wif"));
        EXPECT_EQ(wifEncode(priv, Network::Testnet), str(o, "wifTestnet"));
        auto decoded = wifDecode(str(o, "wif"));
        ASSERT_TRUE(decoded) << qPrintable(decoded.error());
        EXPECT_TRUE(decoded->equals(priv.view()));
        auto decodedTestnet = wifDecode(str(o, "wifTestnet"));
        ASSERT_TRUE(decodedTestnet);
        EXPECT_TRUE(decodedTestnet->equals(priv.view()));

        EXPECT_EQ(toHex(pub), str(o, "pubCompressed"));
        EXPECT_EQ(fromHex(str(o, "pubUncompressed")), pubU);
        // Counted once, in KeysTest.
    }
}

TEST(Encoding, MessagesVarint)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("messages"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(qPrintable(str(o, "name")));
        const QByteArray bytes = hexField(o, QStringLiteral("hex"));
        EXPECT_EQ(bytes.size(), o.value(QLatin1String("byteLength")).toInt());
        if (o.contains(QLatin1String("utf8"))) {
            EXPECT_EQ(str(o, "utf8").toUtf8(), bytes);
        }
        EXPECT_EQ(varint(std::uint64_t(bytes.size())), hexField(o, QStringLiteral("varintHex")));
        EXPECT_EQ(fromHex(toHex(bytes)), bytes);
        EXPECT_EQ(fromBase64(toBase64(bytes)), bytes);
        countVector(QStringLiteral("messages"));
    }
}

TEST(Encoding, HugeMessage)
{
    const QJsonObject o = vectorAt(QStringLiteral("hugeMessage")).toObject();
    const QByteArray message =
        str(o, "repeatUnit").toUtf8().repeated(o.value(QLatin1String("repeatCount")).toInt());
    ASSERT_EQ(message.size(), o.value(QLatin1String("byteLength")).toInt());
    EXPECT_EQ(message.size(), 70000);
    EXPECT_EQ(sha256Hex(message), str(o, "sha256"));
    EXPECT_EQ(varint(std::uint64_t(message.size())), hexField(o, QStringLiteral("varintHex")));
    countVector(QStringLiteral("hugeMessage"));
}

TEST(Encoding, VarintBoundaries)
{
    EXPECT_EQ(varint(0), hex("00"));
    EXPECT_EQ(varint(0xfc), hex("fc"));
    EXPECT_EQ(varint(0xfd), hex("fdfd00"));
    EXPECT_EQ(varint(0xffff), hex("fdffff"));
    EXPECT_EQ(varint(0x10000), hex("fe00000100"));
    EXPECT_EQ(varint(0xffffffffu), hex("feffffffff"));
    EXPECT_EQ(varint(0x100000000ull), hex("ff0000000001000000"));
}

TEST(Encoding, HexIsStrict)
{
    EXPECT_EQ(fromHex(QStringView(u"00ffAB")), hex("00ffab"));
    EXPECT_EQ(fromHex(QByteArrayView("00ffAB")), hex("00ffab"));
    EXPECT_EQ(fromHex(QStringView(u"")), QByteArray());
    EXPECT_FALSE(fromHex(QStringView(u"abc")).has_value());
    EXPECT_FALSE(fromHex(QStringView(u"zz")).has_value());
    EXPECT_FALSE(fromHex(QStringView(u"0x00")).has_value());
    EXPECT_FALSE(fromHex(QStringView(u"00 ")).has_value());
    EXPECT_FALSE(fromHex(QStringView(u"\u0660\u0661")).has_value()); // Arabic-Indic digits
    EXPECT_FALSE(fromHex(QByteArrayView("g0")).has_value());
    EXPECT_EQ(toHex(hex("00ABff")), QStringLiteral("00abff"));
}

TEST(Encoding, Base64LikeSdk)
{
    EXPECT_EQ(toBase64("hello world"), QStringLiteral("aGVsbG8gd29ybGQ="));
    EXPECT_EQ(fromBase64(u"aGVsbG8gd29ybGQ="), QByteArray("hello world"));
    EXPECT_EQ(fromBase64(u"aGVsbG8gd29ybGQ"), QByteArray("hello world")); // missing padding
    // CRYPTO.md §1: a trailing incomplete character is dropped silently.
    const auto a = fromBase64(u"QUJD");
    const auto b = fromBase64(u"QUJDx");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, QByteArray("ABC"));
    EXPECT_EQ(*a, *b);
    EXPECT_EQ(fromBase64(u"QUJDRA"), QByteArray("ABCD"));
    EXPECT_FALSE(fromBase64(u"QUJDRA===").has_value()); // at most two padding characters
    EXPECT_EQ(fromBase64(u""), QByteArray());
    EXPECT_FALSE(fromBase64(u"aGVs*G8=").has_value());
    EXPECT_FALSE(fromBase64(u"aGVs bG8=").has_value());
    EXPECT_FALSE(fromBase64(u"aG=VsbG8").has_value());
    EXPECT_FALSE(fromBase64(u"aGVsbG8\u00e9").has_value());
    const QByteArray all = [] {
        QByteArray b256;
        for (int i = 0; i < 256; ++i)
            b256.append(char(i));
        return b256;
    }();
    EXPECT_EQ(fromBase64(toBase64(all)), all);
}

TEST(Encoding, Base58)
{
    EXPECT_EQ(base58Encode(hex("")), QString());
    EXPECT_EQ(base58Encode(hex("0000")), QStringLiteral("11"));
    EXPECT_EQ(base58Encode(hex("000000287fb4cd")), QStringLiteral("111233QC4"));
    EXPECT_EQ(base58Encode(QByteArray("hello world")), QStringLiteral("StV1DL6CwTryKyV"));
    EXPECT_EQ(base58Decode(u"111233QC4"), hex("000000287fb4cd"));
    EXPECT_EQ(base58Decode(u"StV1DL6CwTryKyV"), QByteArray("hello world"));
    // 0, O, I and l are not in the alphabet.
    for (const char16_t* bad : {u"0", u"O", u"I", u"l", u"abc!", u"ab c"})
        EXPECT_FALSE(base58Decode(QStringView(bad)).has_value());
    EXPECT_FALSE(base58Decode(QString(5000, QLatin1Char('2'))).has_value());
    for (int i = 0; i < 50; ++i) {
        QByteArray data = randomBytes(i);
        if (i % 3 == 0)
            data.prepend(QByteArray(i % 4, '\0'));
        EXPECT_EQ(base58Decode(base58Encode(data)), data);
        EXPECT_EQ(base58CheckDecode(base58CheckEncode(data)), data);
    }
}

TEST(Encoding, Base58CheckRejectsBadChecksum)
{
    const QString address = QStringLiteral("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    ASSERT_TRUE(base58CheckDecode(address).has_value());
    QString tampered = address;
    tampered[tampered.size() - 1] = QLatin1Char('J');
    EXPECT_FALSE(base58CheckDecode(tampered).has_value());
    EXPECT_FALSE(base58CheckDecode(u"").has_value());
    EXPECT_FALSE(base58CheckDecode(u"1111").has_value()); // 4 zero bytes: checksum of nothing mismatches
}

TEST(Encoding, WifRejections)
{
    const QByteArray key = hex("a93a4081ab54c2823a7ade091dcb499b624139eff26bdb25b8a68afdb87d21a9");
    // Uncompressed WIF: Base58Check(0x80 || key) without the 0x01 flag (CRYPTO.md §1).
    const QString uncompressed = base58CheckEncode(QByteArray(1, '\x80') + key);
    auto r = wifDecode(uncompressed);
    EXPECT_FALSE(r);
    EXPECT_FALSE(r.error().isEmpty());
    // Wrong compression flag.
    EXPECT_FALSE(wifDecode(base58CheckEncode(QByteArray(1, '\x80') + key + QByteArray(1, '\x02'))));
    // Wrong version byte.
    EXPECT_FALSE(wifDecode(base58CheckEncode(QByteArray(1, '\x81') + key + QByteArray(1, '\x01'))));
    // Bad checksum.
    QString wif = QStringLiteral("L2tfeSVQQ2vKSUzSVx7jEtzERdjfjoFeXcBE6rpqxYnyHJQqsHCs");
    ASSERT_TRUE(wifDecode(wif));
    wif[10] = wif[10] == QLatin1Char('a') ? QLatin1Char('b') : QLatin1Char('a');
    EXPECT_FALSE(wifDecode(wif));
    // Out-of-range scalars: 0 and n.
    EXPECT_FALSE(
        wifDecode(base58CheckEncode(QByteArray(1, '\x80') + QByteArray(32, '\0') + QByteArray(1, '\x01'))));
    EXPECT_FALSE(wifDecode(base58CheckEncode(
        QByteArray(1, '\x80') + hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141") +
        QByteArray(1, '\x01'))));
    EXPECT_FALSE(wifDecode(u""));
    EXPECT_FALSE(wifDecode(u"not a wif"));
    EXPECT_TRUE(wifEncode(SecureBytes(std::size_t(31))).isEmpty());
}

TEST(Random, SizesAndDistinct)
{
    EXPECT_EQ(randomBytes(32).size(), 32);
    EXPECT_EQ(randomSecret(16).size(), 16u);
    EXPECT_TRUE(randomBytes(0).isEmpty());
    EXPECT_NE(randomBytes(32), randomBytes(32));
}
