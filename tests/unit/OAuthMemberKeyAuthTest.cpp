// The bitcoin_auth rule (OAUTH.md §2.3) without HTTP: the bounded replay memory and the
// canonical form re-encoding.

#include "common/ManualClock.h"
#include "crypto/Keys.h"
#include "oauth/ClientRegistry.h"
#include "oauth/MemberKeyAuth.h"
#include "wallet/BitcoinAuth.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using oauth::MemberKeyAuth;
using wallet::BitcoinAuth;

namespace {

struct Fixture
{
    test::ManualClock clock;
    crypto::PrivateKey member = crypto::PrivateKey::generate();
    oauth::Client client{
        QStringLiteral("c1"),
        QJsonObject{{QStringLiteral("token_endpoint_auth_method"), QStringLiteral("bitcoin_auth")},
                    {QStringLiteral("member_pubkey"), member.publicKey().toHex()}},
        0};

    oauth::ClientCredentials credentials(const QByteArray& body, qint64 offsetMs = 0)
    {
        BitcoinAuth::CreateOptions options;
        options.timestamp = BitcoinAuth::isoTimestamp(clock.nowMs() + offsetMs);
        const QString path = QStringLiteral("/oauth/token");
        return {BitcoinAuth::createToken(member, {path, body}, options).value(), path, body};
    }
};

} // namespace

TEST(OAuthMemberKeyAuth, FullMemoryRefusesInsteadOfForgetting)
{
    Fixture f;
    MemberKeyAuth auth(f.clock, 2);
    const auto a = f.credentials("grant_type=refresh_token&n=1");
    const auto b = f.credentials("grant_type=refresh_token&n=2");
    ASSERT_TRUE(auth.authenticate(f.client, a));
    ASSERT_TRUE(auth.authenticate(f.client, b));
    EXPECT_EQ(auth.remembered(), 2);

    const auto c = f.credentials("grant_type=refresh_token&n=3");
    const auto refused = auth.authenticate(f.client, c);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().error, QStringLiteral("temporarily_unavailable"));
    EXPECT_EQ(refused.error().status, 503);
    // Nothing was forgotten: both earlier tokens are still replays.
    EXPECT_EQ(auth.authenticate(f.client, a).error().error, QStringLiteral("invalid_client"));
    EXPECT_EQ(auth.authenticate(f.client, b).error().error, QStringLiteral("invalid_client"));

    // Once a and b can no longer be fresh, their room is reused.
    f.clock.advance(MemberKeyAuth::kWindowMs + 1);
    EXPECT_TRUE(auth.authenticate(f.client, f.credentials("grant_type=refresh_token&n=3")));
    EXPECT_EQ(auth.remembered(), 1);
    // And the old tokens are refused as stale, not accepted again.
    EXPECT_FALSE(auth.authenticate(f.client, a));
}

TEST(OAuthMemberKeyAuth, RefusedTokensAreNotRemembered)
{
    Fixture f;
    MemberKeyAuth auth(f.clock, 1);
    auto wrongBody = f.credentials("a=1");
    wrongBody.rawBody = "a=2";
    EXPECT_FALSE(auth.authenticate(f.client, wrongBody));
    EXPECT_FALSE(auth.authenticate(f.client, f.credentials("a=1", -MemberKeyAuth::kWindowMs - 1)));
    EXPECT_EQ(auth.remembered(), 0);
    EXPECT_TRUE(auth.authenticate(f.client, f.credentials("a=1")));
}

TEST(OAuthMemberKeyAuth, PublicClientsPassWithoutAToken)
{
    Fixture f;
    MemberKeyAuth auth(f.clock);
    oauth::Client open{QStringLiteral("c2"),
                       QJsonObject{{QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")}},
                       0};
    EXPECT_TRUE(auth.authenticate(open, {}));
    EXPECT_FALSE(auth.authenticate(f.client, {}));
}

TEST(OAuthMemberKeyAuth, CanonicalFormIsUrlSearchParamsToString)
{
    EXPECT_EQ(MemberKeyAuth::canonicalForm("a=b%20c&d=%7e*~&e=http%3a%2F%2Fx"),
              QByteArray("a=b+c&d=%7E*%7E&e=http%3A%2F%2Fx"));
    EXPECT_EQ(MemberKeyAuth::canonicalForm(""), QByteArray());
    EXPECT_EQ(MemberKeyAuth::canonicalForm("a=%C3%A9"), QByteArray("a=%C3%A9"));
    EXPECT_FALSE(MemberKeyAuth::canonicalForm("a=%zz"));
    EXPECT_FALSE(MemberKeyAuth::canonicalForm("=1"));
}
