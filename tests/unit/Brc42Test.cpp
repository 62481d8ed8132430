// BRC-42 key derivation (CRYPTO.md §4): the official SDK vectors and the generated ones with
// every intermediate.
#include "common/Vectors.h"

#include "crypto/Brc42.h"
#include "crypto/Hash.h"

#include <gtest/gtest.h>

using namespace tokenpass::crypto;
using tokenpass::test::countVector;
using tokenpass::test::hexField;
using tokenpass::test::priv;
using tokenpass::test::pub;
using tokenpass::test::str;
using tokenpass::test::vectorArray;
using tokenpass::test::vectorAt;

TEST(Brc42, OfficialPrivate)
{
    const QJsonArray cases =
        vectorAt(QStringLiteral("brc42.official")).toObject().value(QLatin1String("private")).toArray();
    ASSERT_EQ(cases.size(), 5);
    for (const QJsonValue& v : cases) {
        const QJsonObject o = v.toObject();
        auto child = Brc42::childPrivateKey(priv(o, "recipientPrivateKey"), pub(o, "senderPublicKey"),
                                            str(o, "invoiceNumber"));
        ASSERT_TRUE(child) << qPrintable(child.error());
        EXPECT_EQ(child->toHexUnsafe(), str(o, "childPrivateKey"));
        countVector(QStringLiteral("brc42.official"));
    }
}

TEST(Brc42, OfficialPublic)
{
    const QJsonArray cases =
        vectorAt(QStringLiteral("brc42.official")).toObject().value(QLatin1String("public")).toArray();
    ASSERT_EQ(cases.size(), 5);
    for (const QJsonValue& v : cases) {
        const QJsonObject o = v.toObject();
        auto child = Brc42::childPublicKey(pub(o, "recipientPublicKey"), priv(o, "senderPrivateKey"),
                                           str(o, "invoiceNumber"));
        ASSERT_TRUE(child) << qPrintable(child.error());
        EXPECT_EQ(child->toHex(), str(o, "childPublicKey"));
        countVector(QStringLiteral("brc42.official"));
    }
}

TEST(Brc42, Generated)
{
    for (const QJsonValue& v : vectorArray(QStringLiteral("brc42.generated"))) {
        const QJsonObject o = v.toObject();
        const QString invoice = str(o, "invoiceNumber");
        SCOPED_TRACE(qPrintable(invoice));
        const PrivateKey sender = priv(o, "senderPrivHex");
        const PrivateKey recipient = priv(o, "recipientPrivHex");
        EXPECT_EQ(sender.publicKey().toHex(), str(o, "senderPub"));
        EXPECT_EQ(recipient.publicKey().toHex(), str(o, "recipientPub"));
        if (o.value(QLatin1String("selfDerivation")).toBool()) {
            EXPECT_EQ(sender.publicKey(), recipient.publicKey());
        }
        EXPECT_EQ(invoice.toUtf8(), hexField(o, QStringLiteral("invoiceUtf8Hex")));

        // The shared point is the same from both sides, and is the HMAC key.
        auto shared = sender.sharedPoint(recipient.publicKey());
        auto sharedBack = recipient.sharedPoint(sender.publicKey());
        ASSERT_TRUE(shared && sharedBack);
        EXPECT_EQ(shared->toByteArrayUnsafe(), hexField(o, QStringLiteral("sharedSecretCompressedHex")));
        EXPECT_TRUE(shared->equals(sharedBack->view()));
        EXPECT_EQ(hmacSha256(shared->view(), invoice.toUtf8()).toByteArrayUnsafe(),
                  hexField(o, QStringLiteral("hmacSha256Hex")));
        auto tweak = Brc42::invoiceTweak(recipient, sender.publicKey(), invoice.toUtf8());
        ASSERT_TRUE(tweak);
        EXPECT_EQ(tweak->toByteArrayUnsafe(), hexField(o, QStringLiteral("hmacSha256Hex")));

        // The recipient derives the private half, the sender the public half.
        auto childPriv = Brc42::childPrivateKey(recipient, sender.publicKey(), invoice);
        ASSERT_TRUE(childPriv) << qPrintable(childPriv.error());
        EXPECT_EQ(childPriv->toHexUnsafe(), str(o, "childPrivHex"));
        EXPECT_EQ(childPriv->toWif(), str(o, "childPrivWif"));
        auto childPub = Brc42::childPublicKey(recipient.publicKey(), sender, invoice);
        ASSERT_TRUE(childPub) << qPrintable(childPub.error());
        EXPECT_EQ(childPub->toHex(), str(o, "childPub"));
        EXPECT_EQ(childPriv->publicKey(), *childPub);
        EXPECT_EQ(childPub->address(), str(o, "childAddress"));

        auto viaUtf8 = Brc42::childPublicKeyUtf8(recipient.publicKey(), sender, invoice.toUtf8());
        ASSERT_TRUE(viaUtf8);
        EXPECT_EQ(*viaUtf8, *childPub);
        // A different invoice gives a different key.
        auto other = Brc42::childPrivateKey(recipient, sender.publicKey(), invoice + QLatin1Char(' '));
        ASSERT_TRUE(other);
        EXPECT_NE(other->publicKey(), *childPub);
        countVector(QStringLiteral("brc42.generated"));
    }
}

TEST(Brc42, Anyone)
{
    EXPECT_EQ(Brc42::anyonePrivateKey().toHexUnsafe(),
              QStringLiteral("0000000000000000000000000000000000000000000000000000000000000001"));
    EXPECT_EQ(Brc42::anyonePrivateKey().publicKey(), Brc42::anyonePublicKey());
    // Anyone can compute the public child of a key derived for "anyone".
    const PrivateKey owner = PrivateKey::generate();
    auto childPriv = Brc42::childPrivateKey(owner, Brc42::anyonePublicKey(), u"2-message signing-x");
    auto childPub =
        Brc42::childPublicKey(owner.publicKey(), Brc42::anyonePrivateKey(), u"2-message signing-x");
    ASSERT_TRUE(childPriv && childPub);
    EXPECT_EQ(childPriv->publicKey(), *childPub);
}

TEST(Brc42, EmptyAndUnicodeInvoices)
{
    const PrivateKey a = PrivateKey::generate();
    const PrivateKey b = PrivateKey::generate();
    for (const QString& invoice : {QString(), QStringLiteral("ünïcødé ✓ \U0001F680")}) {
        auto childPriv = Brc42::childPrivateKey(a, b.publicKey(), invoice);
        auto childPub = Brc42::childPublicKey(a.publicKey(), b, invoice);
        ASSERT_TRUE(childPriv && childPub);
        EXPECT_EQ(childPriv->publicKey(), *childPub);
    }
}
