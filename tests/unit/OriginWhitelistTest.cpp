#include "access/OriginWhitelist.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using access::OriginWhitelist;

TEST(OriginWhitelistTest, NormalizesExactOrigins)
{
    const auto ok = [](const char* in) {
        const auto r = OriginWhitelist::normalize(QString::fromLatin1(in));
        EXPECT_TRUE(r.isOk()) << in;
        return r ? *r : QString();
    };
    EXPECT_EQ(ok("https://example.com"), QStringLiteral("https://example.com"));
    EXPECT_EQ(ok("  HTTP://LocalHost:3000 "), QStringLiteral("http://localhost:3000"));
    EXPECT_EQ(ok("https://example.com:443"), QStringLiteral("https://example.com")); // browsers omit it
    EXPECT_EQ(ok("http://example.com:80"), QStringLiteral("http://example.com"));
    EXPECT_EQ(ok("http://example.com:443"), QStringLiteral("http://example.com:443"));
    EXPECT_EQ(ok("http://[::1]:8080"), QStringLiteral("http://[::1]:8080"));
    EXPECT_EQ(ok("chrome-extension://abcdefghijklmnop"),
              QStringLiteral("chrome-extension://abcdefghijklmnop"));
}

TEST(OriginWhitelistTest, RefusesWhatIsNotAnOrigin)
{
    for (const char* bad :
         {"", "example.com", "https://", "https://example.com/", "https://example.com/path",
          "https://user@example.com", "https://example.com?x=1", "https://exa mple.com",
          "https://example.com:0", "https://example.com:70000", "https://example.com:", "*://example.com",
          "https://*.example.com", "https://-example.com", "1http://example.com"}) {
        const auto r = OriginWhitelist::normalize(QString::fromLatin1(bad));
        EXPECT_FALSE(r.isOk()) << bad;
        EXPECT_FALSE(r.error().isEmpty()) << bad;
    }
}

TEST(OriginWhitelistTest, RoundTripsThroughSettingsAndRejectsAllOnOneBadEntry)
{
    test::TestDataDir dir;
    auto db = store::Database::open(dir.path());
    ASSERT_TRUE(db) << qPrintable(db.error());
    OriginWhitelist list(*db);
    EXPECT_TRUE(list.origins().isEmpty());
    EXPECT_FALSE(list.contains(QStringLiteral("https://a.example")));

    const auto saved =
        list.setOrigins({QStringLiteral("https://A.example"), QStringLiteral("https://a.example"),
                         QStringLiteral("http://b.example:8080")});
    ASSERT_TRUE(saved) << qPrintable(saved.error());
    EXPECT_EQ(*saved,
              (QStringList{QStringLiteral("https://a.example"), QStringLiteral("http://b.example:8080")}));
    EXPECT_TRUE(list.contains(QStringLiteral("https://a.example")));
    EXPECT_FALSE(list.contains(QStringLiteral("https://A.example"))); // the server compares exactly
    EXPECT_FALSE(list.contains(QStringLiteral("http://b.example")));

    // Another object on the same database (the server's) sees it; a bad entry changes nothing.
    OriginWhitelist other(*db);
    EXPECT_EQ(other.origins().size(), 2);
    EXPECT_FALSE(other.setOrigins({QStringLiteral("https://c.example"), QStringLiteral("nonsense")}));
    EXPECT_EQ(other.origins().size(), 2);
    ASSERT_TRUE(other.setOrigins({}));
    EXPECT_TRUE(list.origins().isEmpty());
}
