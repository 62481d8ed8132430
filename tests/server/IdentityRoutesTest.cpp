// /api/identity, /api/identity/guest, /api/settings (API.md §2.15, §2.16, §2.20).

#include "ServerHarness.h"

#include <QJsonArray>

using namespace tokenpass;
using namespace tokenpass::test;

class IdentityRoutes : public ServerHarness
{
};

TEST_F(IdentityRoutes, LockedSaysNotUnlocked)
{
    const HttpResult r = get(QStringLiteral("/api/identity"));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Wallet not unlocked"})"));
}

TEST_F(IdentityRoutes, ListCreateGuestAndInspect)
{
    registerWallet();
    const HttpResult list = get(QStringLiteral("/api/identity"));
    ASSERT_EQ(list.status, 200) << list.body.constData();
    EXPECT_TRUE(list.body.startsWith(R"({"identities":[{"idKey":")"));
    EXPECT_EQ(list.json().value(QStringLiteral("count")).toInt(), 1);

    const HttpResult noName = post(QStringLiteral("/api/identity"), R"({})");
    EXPECT_EQ(noName.status, 400);
    EXPECT_EQ(noName.body, QByteArray(R"({"error":"Name is required"})"));

    const HttpResult created = post(QStringLiteral("/api/identity"), R"({"name":"Work"})");
    ASSERT_EQ(created.status, 200) << created.body.constData();
    const QString idKey = created.json().value(QStringLiteral("idKey")).toString();
    EXPECT_FALSE(idKey.isEmpty());

    const HttpResult guest = post(QStringLiteral("/api/identity/guest"), R"({"host":"example.com"})");
    ASSERT_EQ(guest.status, 200) << guest.body.constData();
    EXPECT_EQ(guest.json().value(QStringLiteral("name")).toString(), QStringLiteral("Guest @ example.com"));
    EXPECT_EQ(guest.json().value(QStringLiteral("counter")).toInt(), 2);

    const HttpResult one = get(QStringLiteral("/api/identity?idKey=") + idKey);
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.json().value(QStringLiteral("name")).toString(), QStringLiteral("Work"));
    EXPECT_EQ(get(QStringLiteral("/api/identity?idKey=nope")).body,
              QByteArray(R"({"error":"Identity not found"})"));

    const HttpResult browser =
        post(QStringLiteral("/api/identity"), R"({"name":"X"})", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(browser.status, 403);
}

TEST_F(IdentityRoutes, Settings)
{
    const HttpResult r = get(QStringLiteral("/api/settings"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json().value(QStringLiteral("currentBackupPath")).toString(), m_wallet->backupPath());
    EXPECT_EQ(post(QStringLiteral("/api/settings"), R"({})").body, QByteArray(R"({"success":true})"));
}
