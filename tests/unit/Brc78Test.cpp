// BRC-78 encrypted messages (CRYPTO.md §6): every brc78 vector with its child keys and symmetric
// key, the empty-message rule, and malformed ciphertexts.
#include "common/Vectors.h"

#include "crypto/Aes.h"
#include "crypto/Brc42.h"
#include "crypto/Brc78.h"
#include "crypto/Encoding.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::priv;
using tokenpass::test::str;
using tokenpass::test::vectorArray;

TEST(Brc78, ReferenceVectors)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("brc78"))) {
        const QJsonObject o = v.toObject();
        SCOPED_TRACE(
            qPrintable(str(o, "senderPrivHex").left(6) + QLatin1Char('/') + str(o, "plaintextName")));
        const PrivateKey sender = priv(o, "senderPrivHex");
        const PrivateKey recipient = priv(o, "recipientPrivHex");
        EXPECT_EQ(sender.publicKey().toHex(), str(o, "senderPub"));
        EXPECT_EQ(recipient.publicKey().toHex(), str(o, "recipientPub"));
        const QByteArray plaintext = hexField(o, QStringLiteral("plaintextHex"));
        const QByteArray keyId = hexField(o, QStringLiteral("randomKeyIdHex"));
        const QByteArray iv = hexField(o, QStringLiteral("randomIvHex"));
        EXPECT_EQ(toBase64(keyId), str(o, "keyIdBase64"));
        const QString invoice = Brc78::invoiceNumber(keyId);
        EXPECT_EQ(invoice, str(o, "invoiceNumber"));

        // Child keys and the symmetric key, from both sides.
        auto senderChild = Brc42::childPrivateKey(sender, recipient.publicKey(), invoice);
        ASSERT_TRUE(senderChild);
        EXPECT_EQ(senderChild->toHexUnsafe(), str(o, "senderChildPrivHex"));
        auto recipientChild = Brc42::childPublicKey(recipient.publicKey(), sender, invoice);
        ASSERT_TRUE(recipientChild);
        EXPECT_EQ(recipientChild->toHex(), str(o, "recipientChildPub"));
        auto keyForSender = Brc78::symmetricKey(sender, recipient.publicKey(), keyId);
        auto keyForRecipient = Brc78::symmetricKey(recipient, sender.publicKey(), keyId);
        ASSERT_TRUE(keyForSender && keyForRecipient);
        EXPECT_EQ(keyForSender->toByteArrayUnsafe(), hexField(o, QStringLiteral("symmetricKeyHex")));
        EXPECT_TRUE(keyForRecipient->equals(keyForSender->view()));

        const QByteArray expected = hexField(o, QStringLiteral("ciphertextHex"));
        EXPECT_TRUE(o.value(QLatin1String("symmetricPartEqualsOpenSslAes256Gcm")).toBool());
        // The GCM part with OpenSSL equals the SDK's (including the empty message).
        EXPECT_EQ(iv + aesGcmEncrypt(*keyForSender, iv, plaintext), expected.mid(4 + 33 + 33 + 32));
        EXPECT_EQ(expected.left(4 + 33 + 33 + 32), QByteArray::fromHex("42421033") +
                                                       sender.publicKey().compressed() +
                                                       recipient.publicKey().compressed() + keyId);
        auto embeddedSender = Brc78::sender(expected);
        ASSERT_TRUE(embeddedSender);
        EXPECT_EQ(*embeddedSender, sender.publicKey());

        auto encrypted = Brc78::encrypt(plaintext, sender, recipient.publicKey(), keyId, iv);
        auto decrypted = Brc78::decrypt(expected, recipient);
        if (plaintext.isEmpty()) {
            // CRYPTO.md §6: the SDK cannot decrypt an empty message, so we refuse to make one and
            // reject it on decrypt with the SDK's error.
            EXPECT_FALSE(o.value(QLatin1String("decryptOk")).toBool());
            EXPECT_FALSE(encrypted);
            ASSERT_FALSE(decrypted);
            EXPECT_EQ(decrypted.error(), str(o, "sdkDecryptError"));
        } else {
            EXPECT_TRUE(o.value(QLatin1String("decryptOk")).toBool());
            ASSERT_TRUE(encrypted) << qPrintable(encrypted.error());
            EXPECT_EQ(*encrypted, expected);
            EXPECT_EQ(toBase64(*encrypted), str(o, "ciphertextBase64"));
            ASSERT_TRUE(decrypted) << qPrintable(decrypted.error());
            EXPECT_EQ(decrypted->toByteArrayUnsafe(), plaintext);
            // Not addressed to the sender: the recipient check fails before any decryption.
            if (sender.publicKey() != recipient.publicKey()) {
                auto wrong = Brc78::decrypt(expected, sender);
                ASSERT_FALSE(wrong);
                EXPECT_TRUE(
                    wrong.error().startsWith(QStringLiteral("The encrypted message expects a recipient")));
            }
        }
        countVector(QStringLiteral("brc78"));
    }
}

TEST(Brc78, TamperedAndTruncated)
{
    const PrivateKey sender = PrivateKey::generate();
    const PrivateKey recipient = PrivateKey::generate();
    auto sealed = Brc78::encrypt("password=hunter2", sender, recipient.publicKey());
    ASSERT_TRUE(sealed);
    const QByteArray good = *sealed;
    auto opened = Brc78::decrypt(good, recipient);
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened->toByteArrayUnsafe(), QByteArray("password=hunter2"));
    for (qsizetype n = 0; n < good.size(); ++n)
        EXPECT_FALSE(Brc78::decrypt(good.left(n), recipient)) << n;
    for (qsizetype i = 0; i < good.size(); ++i) {
        QByteArray bad = good;
        bad[i] = char(bad[i] ^ 0x40);
        EXPECT_FALSE(Brc78::decrypt(bad, recipient)) << i;
    }
    // An invalid sender point.
    QByteArray badSender = good;
    badSender.replace(4, 33, QByteArray(1, '\x02') + QByteArray(32, '\xff'));
    EXPECT_FALSE(Brc78::decrypt(badSender, recipient));
    EXPECT_FALSE(Brc78::sender(badSender));
    // Random key IDs and IVs: two encryptions differ.
    auto again = Brc78::encrypt("password=hunter2", sender, recipient.publicKey());
    ASSERT_TRUE(again);
    EXPECT_NE(*again, good);
    // Wrong fixed sizes are refused.
    EXPECT_FALSE(
        Brc78::encrypt("x", sender, recipient.publicKey(), QByteArray(31, 'k'), QByteArray(32, 'i')));
    EXPECT_FALSE(
        Brc78::encrypt("x", sender, recipient.publicKey(), QByteArray(32, 'k'), QByteArray(12, 'i')));
    EXPECT_FALSE(Brc78::encrypt({}, sender, recipient.publicKey()));
}
