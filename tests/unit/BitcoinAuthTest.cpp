// bitcoin-auth tokens (CRYPTO.md §7) against vectors.json "bitcoinAuth": byte-exact creation for
// both schemes, every reference verification outcome, and the strict verifier (§12 item 4).
#include "common/Vectors.h"

#include "crypto/Brc77.h"
#include "crypto/Encoding.h"
#include "wallet/BitcoinAuth.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::crypto;
using namespace tokenpass::wallet;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::vectorArray;

namespace {

using Scheme = BitcoinAuth::Scheme;
using Encoding = BitcoinAuth::BodyEncoding;
using tokenpass::test::str;

Encoding encodingOf(const QString& name)
{
    if (name == QLatin1String("hex"))
        return Encoding::Hex;
    if (name == QLatin1String("base64"))
        return Encoding::Base64;
    return Encoding::Utf8;
}

qint64 ms(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// The API.md §12 example.com host key (mnemonic "abandon … about", password "correct horse battery").
PrivateKey exampleKey()
{
    return PrivateKey::fromWif(u"KyuFDuC35oqDbHYoLDz86s41KXUE5i438RCx4PpetKgcMWzvQPQ2").value();
}

BitcoinAuth::Request request(const QString& path, const QByteArray& body = {}, Encoding e = Encoding::Utf8)
{
    return BitcoinAuth::Request{path, body, e};
}

BitcoinAuth::CreateOptions options(Scheme scheme, const QString& timestamp, const QByteArray& keyId = {})
{
    BitcoinAuth::CreateOptions o;
    o.scheme = scheme;
    o.timestamp = timestamp;
    o.brc77KeyId = keyId;
    return o;
}

// What our strict verifier must say for each reference check, with "now" = the check's timestamp.
bool strictExpectation(const QString& caseName)
{
    return caseName == QLatin1String("same_time") || caseName == QLatin1String("verifier_4min_earlier");
}

} // namespace

TEST(BitcoinAuthTest, ReferenceVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("bitcoinAuth"))) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(str(c, "token").toStdString());
        const PrivateKey key = PrivateKey::fromWif(str(c, "privateKeyWif")).value();
        const Scheme scheme = str(c, "token").section(QLatin1Char('|'), 1, 1) == QLatin1String("bsm")
                                  ? Scheme::Bsm
                                  : Scheme::Brc77;
        const Encoding encoding = encodingOf(str(c, "bodyEncoding"));
        const QByteArray body = str(c, "body").toUtf8();
        if (c.contains(QLatin1String("pubkey"))) {
            EXPECT_EQ(key.publicKey().toHex(), str(c, "pubkey"));
        }

        // Creation: body hash, signed string and the whole token, byte for byte.
        const QString hash = BitcoinAuth::bodyHash(body, encoding).value();
        EXPECT_EQ(hash, str(c, "bodyHashHex"));
        if (c.contains(QLatin1String("signedString"))) {
            EXPECT_EQ(BitcoinAuth::signedString(str(c, "requestPath"), str(c, "timestamp"), hash),
                      str(c, "signedString"));
        }
        const QByteArray keyId = hexField(c, QStringLiteral("randomKeyIdHex"));
        const auto token = BitcoinAuth::createToken(key, request(str(c, "requestPath"), body, encoding),
                                                    options(scheme, str(c, "timestamp"), keyId));
        ASSERT_TRUE(token.isOk()) << qPrintable(token.error());
        EXPECT_EQ(token.value(), str(c, "token"));
        if (c.contains(QLatin1String("signature"))) {
            EXPECT_EQ(BitcoinAuth::parseToken(token.value()).value().signature, str(c, "signature"));
        }

        for (const QJsonValue& checkValue : c.value(QLatin1String("checks")).toArray()) {
            const QJsonObject check = checkValue.toObject();
            const QString caseName = str(check, "case");
            SCOPED_TRACE(caseName.toStdString());
            const QString checkedToken =
                check.contains(QLatin1String("token")) ? str(check, "token") : str(c, "token");
            const QJsonObject target = check.value(QLatin1String("target")).toObject();

            BitcoinAuth::ReferenceTarget ref;
            ref.requestPath = target.isEmpty() ? str(c, "requestPath") : str(target, "requestPath");
            ref.timestamp = target.isEmpty() ? str(c, "timestamp") : str(target, "timestamp");
            ref.body = target.isEmpty() ? body : str(target, "body").toUtf8();
            // TokenPass Wallet.verifyToken passes no bodyEncoding, so bitcoin-auth decodes as UTF-8.
            ref.bodyEncoding = caseName.startsWith(QLatin1String("tokenpass_verifyToken_wrapper"))
                                   ? Encoding::Utf8
                                   : encoding;
            ref.timePadMinutes = check.value(QLatin1String("timePad")).toInt(5);
            EXPECT_EQ(BitcoinAuth::verifyReference(checkedToken, ref),
                      check.value(QLatin1String("verify")).toBool());

            // The strict verifier: no verdict without a clock (the wrapper case has no timestamp).
            if (!ref.timestamp.isEmpty()) {
                const auto strict = BitcoinAuth::verifyStrict(
                    checkedToken, request(ref.requestPath, ref.body, ref.bodyEncoding), ms(ref.timestamp));
                EXPECT_EQ(strict.isOk(), strictExpectation(caseName)) << qPrintable(strict.error());
            }
            countVector(QStringLiteral("bitcoinAuth.checks"));
        }
        countVector(QStringLiteral("bitcoinAuth"));
    }
}

TEST(BitcoinAuthTest, ApiSpecSampleTokens)
{
    // API.md §12: deterministic bsm token and a brc77 token that must verify.
    const QString bsm =
        BitcoinAuth::createToken(exampleKey(), request(QStringLiteral("/api/test"), R"({"a":1})"),
                                 options(Scheme::Bsm, QStringLiteral("2026-01-01T00:00:00.000Z")))
            .value();
    EXPECT_EQ(bsm, QStringLiteral(
                       "03750858d07100d904cdba39e02c5533fbcbbeb202e5ca73c952ae049b42fbb8e7|bsm|2026-01-01T00:"
                       "00:00.000Z|/api/test|IJX0NG6/h/R8Sf/gSyPyFOriUkHExEDOfkaZftONpiCJEVMR6OpIORNYFrzLd"
                       "gTl4LUPcCmXlqdsFPZPTqZ9WYU="));
    const QString brc77 =
        QStringLiteral("03750858d07100d904cdba39e02c5533fbcbbeb202e5ca73c952ae049b42fbb8e7|brc77|2026-01-"
                       "01T00:00:00.000Z|/api/test|"
                       "QkIzAQN1CFjQcQDZBM26OeAsVTP7y76yAuXKc8lSrgSbQvu45wCPbJx1vhjM/++cJSWvhCJWut/"
                       "x20pexyliSSax9oOnYzBEAiAplfr3FLqSo"
                       "yXWjg0Xl9e6jV9NbLyxtNU0N43roRs9swIgemlo2Mt7iT6v4Fv9rqzE+pdqHVIiZ38iUO0P4G6z/uY=");
    const qint64 now = ms(QStringLiteral("2026-01-01T00:00:00.000Z"));
    for (const QString& token : {bsm, brc77}) {
        BitcoinAuth::ReferenceTarget ref{QStringLiteral("/api/test"),
                                         QStringLiteral("2026-01-01T00:00:00.000Z"), R"({"a":1})"};
        EXPECT_TRUE(BitcoinAuth::verifyReference(token, ref));
        const auto strict =
            BitcoinAuth::verifyStrict(token, request(QStringLiteral("/api/test"), R"({"a":1})"), now);
        ASSERT_TRUE(strict.isOk()) << qPrintable(strict.error());
        EXPECT_EQ(strict->pubkey, exampleKey().publicKey().toHex());
        EXPECT_FALSE(
            BitcoinAuth::verifyStrict(token, request(QStringLiteral("/api/test"), R"({"a":2})"), now).isOk());
    }
}

TEST(BitcoinAuthTest, FreshTokensVerifyStrictly)
{
    const PrivateKey key = exampleKey();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Scheme scheme : {Scheme::Bsm, Scheme::Brc77}) {
        BitcoinAuth::CreateOptions o;
        o.scheme = scheme;
        const QString token =
            BitcoinAuth::createToken(key, request(QStringLiteral("/api/backup/sync"), R"({"bapId":"X"})"), o)
                .value();
        const auto parsed = BitcoinAuth::parseToken(token).value();
        EXPECT_EQ(parsed.scheme, scheme);
        EXPECT_EQ(parsed.timestamp.size(), 24); // toISOString form
        EXPECT_TRUE(BitcoinAuth::verifyStrict(
                        token, request(QStringLiteral("/api/backup/sync"), R"({"bapId":"X"})"), now)
                        .isOk());
    }
    // Two BRC-77 tokens differ (random keyID); the default scheme is brc77 as in the library.
    const QString a = BitcoinAuth::createToken(key, request(QStringLiteral("/x"))).value();
    const QString b = BitcoinAuth::createToken(key, request(QStringLiteral("/x"))).value();
    EXPECT_TRUE(a.contains(QLatin1String("|brc77|")));
    EXPECT_NE(a.section(QLatin1Char('|'), 4), b.section(QLatin1Char('|'), 4));
    EXPECT_EQ(BitcoinAuth::isoTimestamp(ms(QStringLiteral("2026-01-22T10:11:12.345Z"))),
              QStringLiteral("2026-01-22T10:11:12.345Z"));
}

TEST(BitcoinAuthTest, PipeInPathIsRefused)
{
    const PrivateKey key = exampleKey();
    const auto r = BitcoinAuth::createToken(key, request(QStringLiteral("/api/a|b")),
                                            options(Scheme::Bsm, QStringLiteral("2026-01-01T00:00:00.000Z")));
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(BitcoinAuth::createToken(key, request(QStringLiteral("/a")),
                                          options(Scheme::Bsm, QStringLiteral("x|y")))
                     .isOk());

    // A hand-made token with '|' in the path has six parts: neither verifier accepts it.
    const QString good =
        BitcoinAuth::createToken(key, request(QStringLiteral("/api/a")),
                                 options(Scheme::Bsm, QStringLiteral("2026-01-01T00:00:00.000Z")))
            .value();
    QString forged = good;
    forged.replace(QLatin1String("|/api/a|"), QLatin1String("|/api/a|b|"));
    EXPECT_FALSE(BitcoinAuth::parseToken(forged).isOk());
    EXPECT_FALSE(BitcoinAuth::verifyReference(
        forged, {QStringLiteral("/api/a|b"), QStringLiteral("2026-01-01T00:00:00.000Z"), {}}));
    const qint64 now = ms(QStringLiteral("2026-01-01T00:00:00.000Z"));
    EXPECT_FALSE(BitcoinAuth::verifyStrict(forged, request(QStringLiteral("/api/a|b")), now).isOk());
    // The strict verifier also refuses a target path with '|', even before looking at the token.
    EXPECT_EQ(BitcoinAuth::verifyStrict(good, request(QStringLiteral("/api/a|b")), now).error(),
              QStringLiteral("Request path is empty or contains '|'"));
    EXPECT_TRUE(BitcoinAuth::verifyStrict(good, request(QStringLiteral("/api/a")), now).isOk());
}

TEST(BitcoinAuthTest, SwappedPubkeyOnBrc77)
{
    const PrivateKey key = exampleKey();
    const PrivateKey other = PrivateKey::fromHex(QStringLiteral("11").repeated(32)).value();
    const QString ts = QStringLiteral("2026-01-01T00:00:00.000Z");
    const qint64 now = ms(ts);
    for (const Scheme scheme : {Scheme::Brc77, Scheme::Bsm}) {
        const QString token =
            BitcoinAuth::createToken(key, request(QStringLiteral("/p")), options(scheme, ts)).value();
        QString swapped = token;
        swapped.replace(key.publicKey().toHex(), other.publicKey().toHex());
        // The reference gap: brc77 still verifies with someone else's pubkey; bsm does not.
        EXPECT_EQ(BitcoinAuth::verifyReference(swapped, {QStringLiteral("/p"), ts, {}}),
                  scheme == Scheme::Brc77);
        const auto strict = BitcoinAuth::verifyStrict(swapped, request(QStringLiteral("/p")), now);
        ASSERT_FALSE(strict.isOk());
        if (scheme == Scheme::Brc77) {
            EXPECT_EQ(strict.error(),
                      QStringLiteral("Signature was made by another key than the token's pubkey"));
        }
    }
    // A BRC-77 signature addressed to a specific verifier is not an auth token we can check.
    const QByteArray message = BitcoinAuth::signedString(u"/p", ts, u"").toUtf8();
    const QByteArray addressed = Brc77::sign(message, key, other.publicKey()).value();
    const QString token = key.publicKey().toHex() + QStringLiteral("|brc77|") + ts + QStringLiteral("|/p|") +
                          toBase64(addressed);
    EXPECT_FALSE(BitcoinAuth::verifyStrict(token, request(QStringLiteral("/p")), now).isOk());
    EXPECT_FALSE(BitcoinAuth::verifyReference(token, {QStringLiteral("/p"), ts, {}}));
}

TEST(BitcoinAuthTest, ExpiredAndFutureTimestamps)
{
    const QString ts = QStringLiteral("2026-01-01T00:00:00.000Z");
    const qint64 t = ms(ts);
    const QString token =
        BitcoinAuth::createToken(exampleKey(), request(QStringLiteral("/p")), options(Scheme::Brc77, ts))
            .value();
    const auto at = [&](qint64 now) {
        return BitcoinAuth::verifyStrict(token, request(QStringLiteral("/p")), now);
    };
    constexpr qint64 minute = 60 * 1000;
    EXPECT_TRUE(at(t).isOk());
    EXPECT_TRUE(at(t + 5 * minute).isOk()); // boundaries are inclusive
    EXPECT_TRUE(at(t - 5 * minute).isOk());
    EXPECT_EQ(at(t + 5 * minute + 1).error(), QStringLiteral("Token has expired"));
    EXPECT_EQ(at(t + 24 * 60 * minute).error(), QStringLiteral("Token has expired"));
    EXPECT_EQ(at(t - 5 * minute - 1).error(), QStringLiteral("Token timestamp is in the future"));
    EXPECT_TRUE(
        BitcoinAuth::verifyStrict(token, request(QStringLiteral("/p")), t + 9 * minute, 10 * minute).isOk());

    // The reference never expires old tokens and only rejects the far future.
    EXPECT_TRUE(BitcoinAuth::verifyReference(
        token, {QStringLiteral("/p"), QStringLiteral("2030-01-01T00:00:00.000Z"), {}}));
    EXPECT_FALSE(BitcoinAuth::verifyReference(
        token, {QStringLiteral("/p"), QStringLiteral("2025-12-31T23:54:00.000Z"), {}}));

    // Timestamps the strict verifier refuses although the reference parses them.
    for (const char* odd : {"2026-01-01T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00.000+00:00",
                            "2026-02-30T00:00:00.000Z", "garbage", ""}) {
        const QString oddToken =
            BitcoinAuth::createToken(exampleKey(), request(QStringLiteral("/p")),
                                     options(Scheme::Bsm, QString::fromLatin1(odd).isEmpty()
                                                              ? QStringLiteral("x")
                                                              : QString::fromLatin1(odd)))
                .value();
        QString t2 = oddToken;
        if (QByteArray(odd).isEmpty())
            t2.replace(QLatin1String("|x|"), QLatin1String("||"));
        EXPECT_FALSE(BitcoinAuth::verifyStrict(t2, request(QStringLiteral("/p")), t).isOk()) << odd;
    }
    // An unparsable token timestamp makes the reference's time rule pass (NaN comparisons are false).
    const QString garbage = BitcoinAuth::createToken(exampleKey(), request(QStringLiteral("/p")),
                                                     options(Scheme::Bsm, QStringLiteral("garbage")))
                                .value();
    EXPECT_TRUE(BitcoinAuth::verifyReference(garbage, {QStringLiteral("/p"), ts, {}}));
}

TEST(BitcoinAuthTest, BodyEncodings)
{
    EXPECT_EQ(BitcoinAuth::bodyHash("", Encoding::Hex).value(), QString());
    EXPECT_EQ(BitcoinAuth::bodyHash("deadbeef", Encoding::Hex).value(),
              QStringLiteral("5f78c33274e43fa9de5659265c1d917e25c03722dcb0b8d27db8d5feaa813953"));
    EXPECT_FALSE(BitcoinAuth::bodyHash("xyz", Encoding::Hex).isOk());
    EXPECT_FALSE(BitcoinAuth::bodyHash("!!", Encoding::Base64).isOk());
    EXPECT_FALSE(
        BitcoinAuth::createToken(exampleKey(), request(QStringLiteral("/p"), "zz", Encoding::Hex)).isOk());
    const QString token =
        BitcoinAuth::createToken(exampleKey(), request(QStringLiteral("/p"), "00", Encoding::Hex),
                                 options(Scheme::Bsm, QStringLiteral("2026-01-01T00:00:00.000Z")))
            .value();
    BitcoinAuth::ReferenceTarget ref{QStringLiteral("/p"), QStringLiteral("2026-01-01T00:00:00.000Z"), "0z",
                                     Encoding::Hex};
    EXPECT_FALSE(BitcoinAuth::verifyReference(token, ref));
    ref.body = "00";
    EXPECT_TRUE(BitcoinAuth::verifyReference(token, ref));
}

TEST(BitcoinAuthTest, HostileTokens)
{
    const QString ts = QStringLiteral("2026-01-01T00:00:00.000Z");
    const qint64 now = ms(ts);
    const QString pub = exampleKey().publicKey().toHex();
    const QStringList bad = {
        QString(),
        QStringLiteral("||||"),
        pub + QStringLiteral("|BSM|") + ts + QStringLiteral("|/p|AAAA"),
        pub + QStringLiteral("|bsm|") + ts + QStringLiteral("|/p|"),
        pub + QStringLiteral("|bsm|") + ts + QStringLiteral("|/p|!!!!"),
        pub + QStringLiteral("|bsm|") + ts + QStringLiteral("|/p|") + QStringLiteral("A").repeated(88),
        pub + QStringLiteral("|brc77|") + ts + QStringLiteral("|/p|QkIzAQ=="),
        pub + QStringLiteral("|brc77|") + ts + QStringLiteral("|/p|") + QStringLiteral("Q").repeated(10000),
        QStringLiteral("02zz|bsm|") + ts + QStringLiteral("|/p|AAAA"),
        pub.left(64) + QStringLiteral("|bsm|") + ts + QStringLiteral("|/p|AAAA"),
        QStringLiteral("|").repeated(100000),
    };
    for (const QString& token : bad) {
        EXPECT_FALSE(BitcoinAuth::verifyReference(token, {QStringLiteral("/p"), ts, {}}))
            << token.left(80).toStdString();
        EXPECT_FALSE(BitcoinAuth::verifyStrict(token, request(QStringLiteral("/p")), now).isOk())
            << token.left(80).toStdString();
    }
    // The strict verifier wants the 66-character compressed key; the reference also takes 04….
    const PrivateKey key = exampleKey();
    const QString good =
        BitcoinAuth::createToken(key, request(QStringLiteral("/p")), options(Scheme::Bsm, ts)).value();
    QString uncompressed = good;
    uncompressed.replace(pub, toHex(key.publicKey().uncompressed()));
    EXPECT_TRUE(BitcoinAuth::verifyReference(uncompressed, {QStringLiteral("/p"), ts, {}}));
    EXPECT_FALSE(BitcoinAuth::verifyStrict(uncompressed, request(QStringLiteral("/p")), now).isOk());
}
