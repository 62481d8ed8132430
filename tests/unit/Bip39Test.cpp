// BIP39 against vectors.json "bip39" (CRYPTO.md §8) plus the validation errors.
#include "common/Vectors.h"

#include "crypto/Bip32.h"
#include "crypto/Bip39.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <QFile>
#include <QSet>

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::vectorArray;

namespace {
QByteArray utf8(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString().toUtf8();
}

QByteArray bytes(const SecureBytes& s)
{
    return s.toByteArrayUnsafe();
}
} // namespace

TEST(Bip39Test, WordlistIsTheOfficialEnglishList)
{
    const QStringList& words = Bip39::englishWordlist();
    ASSERT_EQ(words.size(), 2048);
    EXPECT_EQ(words.first(), QStringLiteral("abandon"));
    EXPECT_EQ(words.last(), QStringLiteral("zoo"));
    // The canonical bitcoin/bips english.txt, one word per line with a final newline.
    const QByteArray file = words.join(QLatin1Char('\n')).toLatin1() + '\n';
    EXPECT_EQ(toHex(sha256(file)),
              QStringLiteral("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));

    QFile resource(QStringLiteral(":/tokenpass/bip39-english.txt"));
    ASSERT_TRUE(resource.open(QIODevice::ReadOnly));
    EXPECT_EQ(resource.readAll(), file);
}

TEST(Bip39Test, ReferenceVectors)
{
    const QJsonArray cases = vectorArray(QStringLiteral("bip39"));
    for (const QJsonValue& v : cases) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(c.value(QLatin1String("mnemonic")).toString().toStdString());
        const QByteArray entropy = hexField(c, QStringLiteral("entropyHex"));

        auto mnemonic = Bip39::entropyToMnemonic(entropy);
        ASSERT_TRUE(mnemonic.isOk()) << qPrintable(mnemonic.error());
        EXPECT_EQ(bytes(mnemonic.value()), utf8(c, "mnemonic"));

        auto back = Bip39::mnemonicToEntropy(utf8(c, "mnemonic"));
        ASSERT_TRUE(back.isOk()) << qPrintable(back.error());
        EXPECT_EQ(bytes(back.value()), entropy);

        auto seed = Bip39::mnemonicToSeed(utf8(c, "mnemonic"), utf8(c, "passphrase"));
        ASSERT_TRUE(seed.isOk()) << qPrintable(seed.error());
        EXPECT_EQ(bytes(seed.value()), hexField(c, QStringLiteral("seedHex")));

        auto master = Bip32Key::fromSeed(seed->view());
        ASSERT_TRUE(master.isOk());
        EXPECT_EQ(master->toXprv().value(), c.value(QLatin1String("bip32RootXprv")).toString());
        EXPECT_EQ(master->privateKey().bytes().toByteArrayUnsafe(),
                  hexField(c, QStringLiteral("bip32RootPrivHex")));
        EXPECT_EQ(master->chainCode().toByteArrayUnsafe(),
                  hexField(c, QStringLiteral("bip32RootChainCodeHex")));
        countVector(QStringLiteral("bip39"));
    }
}

TEST(Bip39Test, NonAsciiPassphraseIsNfkdNormalised)
{
    // "ä" precomposed (U+00E4) and decomposed (a + U+0308) must give the same seed.
    const QByteArray m =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    const QByteArray composed = QStringLiteral("p\u00e4ss").toUtf8();
    const QByteArray decomposed = QStringLiteral("pa\u0308ss").toUtf8();
    EXPECT_EQ(bytes(Bip39::mnemonicToSeed(m, composed).value()),
              bytes(Bip39::mnemonicToSeed(m, decomposed).value()));
    EXPECT_NE(bytes(Bip39::mnemonicToSeed(m, composed).value()),
              bytes(Bip39::mnemonicToSeed(m, "pass").value()));
}

TEST(Bip39Test, GeneratedMnemonicsRoundTrip)
{
    QSet<QByteArray> seen;
    for (const int bits : {128, 160, 192, 224, 256}) {
        auto m = Bip39::generateMnemonic(bits);
        ASSERT_TRUE(m.isOk()) << qPrintable(m.error());
        const QList<QByteArray> words = bytes(m.value()).split(' ');
        EXPECT_EQ(words.size(), (bits + bits / 32) / 11);
        auto entropy = Bip39::mnemonicToEntropy(m->view());
        ASSERT_TRUE(entropy.isOk()) << qPrintable(entropy.error());
        EXPECT_EQ(int(entropy->size()), bits / 8);
        EXPECT_EQ(bytes(Bip39::entropyToMnemonic(entropy->view()).value()), bytes(m.value()));
        seen.insert(bytes(m.value()));
    }
    EXPECT_EQ(seen.size(), 5);
    EXPECT_FALSE(Bip39::generateMnemonic(127).isOk());
    EXPECT_FALSE(Bip39::generateMnemonic(512).isOk());
    EXPECT_FALSE(Bip39::entropyToMnemonic(QByteArray(15, '\0')).isOk());
    EXPECT_FALSE(Bip39::entropyToMnemonic(QByteArray(33, '\0')).isOk());
}

TEST(Bip39Test, RejectsUnknownWord)
{
    auto r =
        Bip39::mnemonicToEntropy("abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                                 "abandon abandonx about");
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error(), QStringLiteral("Invalid mnemonic: word 11 is not in the BIP39 English wordlist"));
    EXPECT_FALSE(r.error().contains(QStringLiteral("abandonx"))); // never echo the secret
    EXPECT_FALSE(
        Bip39::mnemonicToSeed("abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                              "abandon abandonx about")
            .isOk());
}

TEST(Bip39Test, RejectsBadChecksum)
{
    // "about" -> "abandon" changes the checksum bits only.
    const QByteArray bad = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                           "abandon abandon";
    auto r = Bip39::mnemonicToEntropy(bad);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error(), QStringLiteral("Invalid mnemonic: checksum does not match"));
    EXPECT_FALSE(Bip39::mnemonicToSeed(bad, "TREZOR").isOk());
    EXPECT_FALSE(Bip39::isValid(bad));
    // The unchecked variant still derives (the reference bip39 package allows that).
    EXPECT_EQ(Bip39::mnemonicToSeedUnchecked(bad).size(), 64u);

    // A 24-word phrase with the last word changed.
    const QByteArray good24 =
        "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo "
        "zoo zoo vote";
    EXPECT_TRUE(Bip39::isValid(good24));
    QByteArray bad24 = good24;
    bad24.replace("vote", "zoo");
    EXPECT_FALSE(Bip39::isValid(bad24));
}

TEST(Bip39Test, RejectsBadWordCount)
{
    auto r =
        Bip39::mnemonicToEntropy("abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                                 "abandon about");
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error(), QStringLiteral("Invalid mnemonic: expected 12, 15, 18, 21 or 24 words, got 11"));
    EXPECT_FALSE(Bip39::mnemonicToEntropy("").isOk());
    EXPECT_FALSE(Bip39::mnemonicToEntropy(QByteArray(27, 'a').replace('a', "zoo ").trimmed()).isOk());
    // Double spaces are not the canonical form; normalizeInput fixes typed text.
    const QByteArray sloppy =
        "  Abandon abandon\tabandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon   ABOUT\n";
    EXPECT_FALSE(Bip39::isValid(sloppy));
    const SecureBytes fixed = Bip39::normalizeInput(QString::fromUtf8(sloppy));
    EXPECT_TRUE(Bip39::isValid(fixed.view()));
}

TEST(Bip39Test, HostileInputDoesNotCrash)
{
    EXPECT_FALSE(Bip39::isValid(QByteArray("\xff\xfe\x00\x01", 4)));
    EXPECT_FALSE(Bip39::isValid(QByteArray(100000, ' ')));
    EXPECT_FALSE(Bip39::isValid(QByteArray(5000, 'a')));
}
