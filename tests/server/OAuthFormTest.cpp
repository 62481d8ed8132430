// The strict application/x-www-form-urlencoded parser of the token endpoint (server/OAuthForm.h).

#include "OAuthForm.h"

#include <gtest/gtest.h>

using tokenpass::server::parseForm;

TEST(OAuthForm, DecodesPlusAndPercentEscapes)
{
    const auto form = parseForm("grant_type=authorization_code&scope=openid+profile&state=a%2Bb%26c%3D&e=");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->value(QStringLiteral("grant_type")), QStringList{QStringLiteral("authorization_code")});
    EXPECT_EQ(form->value(QStringLiteral("scope")), QStringList{QStringLiteral("openid profile")});
    EXPECT_EQ(form->value(QStringLiteral("state")), QStringList{QStringLiteral("a+b&c=")});
    EXPECT_EQ(form->value(QStringLiteral("e")), QStringList{QString()});
    EXPECT_EQ(form->value(QStringLiteral("n%C3%A9")), QStringList());
    EXPECT_EQ(parseForm("n%C3%A9=%E2%82%AC")->value(QString::fromUtf8("n\xC3\xA9")),
              QStringList{QString::fromUtf8("\xE2\x82\xAC")});
}

TEST(OAuthForm, KeepsRepeatedNamesSoCallersCanRefuseThem)
{
    const auto form = parseForm("a=1&a=2");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->value(QStringLiteral("a")), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
}

TEST(OAuthForm, RefusesWhatIsNotStrictlyAForm)
{
    EXPECT_TRUE(parseForm("")->isEmpty());
    for (const char* bad : {"a=1&&b=2", "a", "=1", "a=%", "a=%4", "a=%zz", "a=1&", "&a=1", "a=%C3%28"})
        EXPECT_FALSE(parseForm(bad)) << bad;
}
