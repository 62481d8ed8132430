#include "wallet/BackupPayload.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using tokenpass::wallet::BackupPayload;

TEST(BackupPayload, SplitsSecretsFromOtherFieldsAndKeepsUnknownOnes)
{
    const QByteArray json =
        R"({"ids":"QklFMQ==","label":"TokenPass","createdAt":"2026-01-01T00:00:00.000Z",)"
        R"("rootPk":"L1e2fKrNufGwhqCnMCvmu4tSaNNk64khduNVXRVwba3wSYygGCoV","mnemonic":"a b c",)"
        R"("extra":{"n":1}})";
    const auto payload = BackupPayload::parse(json);
    ASSERT_TRUE(payload) << qPrintable(payload.error());
    EXPECT_EQ(payload->rootPkWif.toByteArrayUnsafe(),
              QByteArray("L1e2fKrNufGwhqCnMCvmu4tSaNNk64khduNVXRVwba3wSYygGCoV"));
    EXPECT_EQ(payload->mnemonic.toByteArrayUnsafe(), QByteArray("a b c"));
    EXPECT_TRUE(payload->hasMnemonic());
    EXPECT_FALSE(payload->otherFields.contains(QStringLiteral("rootPk")));
    EXPECT_EQ(payload->ids(), QStringLiteral("QklFMQ=="));

    // v0.0.6 field order, unknown fields kept, valid JSON.
    const QByteArray out = payload->toJson().toByteArrayUnsafe();
    EXPECT_TRUE(out.startsWith(R"({"ids":"QklFMQ==","rootPk":"L1e2)")) << out.constData();
    EXPECT_TRUE(
        out.contains(R"("mnemonic":"a b c","label":"TokenPass","createdAt":"2026-01-01T00:00:00.000Z")"));
    const QJsonObject reparsed = QJsonDocument::fromJson(out).object();
    EXPECT_EQ(reparsed.value(QStringLiteral("extra")).toObject().value(QStringLiteral("n")).toInt(), 1);
    EXPECT_EQ(reparsed.size(), 6);
}

TEST(BackupPayload, EscapesSecretsCorrectly)
{
    BackupPayload payload;
    payload.mnemonic = tokenpass::crypto::SecureBytes(QByteArrayView("quote\" back\\ nl\n"));
    payload.rootPkWif = tokenpass::crypto::SecureBytes(QByteArrayView("K"));
    const QJsonObject reparsed = QJsonDocument::fromJson(payload.toJson().toByteArrayUnsafe()).object();
    EXPECT_EQ(reparsed.value(QStringLiteral("mnemonic")).toString(), QStringLiteral("quote\" back\\ nl\n"));
}

TEST(BackupPayload, RefusesWhatIsNotAWallet)
{
    EXPECT_FALSE(BackupPayload::parse("[1,2]"));
    EXPECT_FALSE(BackupPayload::parse("not json"));
    const auto member = BackupPayload::parse(R"({"wif":"K","id":"x"})");
    ASSERT_FALSE(member);
    EXPECT_EQ(member.error(), QStringLiteral("The backup holds no wallet key (rootPk or xprv)"));
    EXPECT_TRUE(BackupPayload::parse(R"({"xprv":"xprv9s21","ids":""})"));
}
