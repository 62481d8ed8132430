// Userinfo remembers access tokens whose signature verified (Provider::validAccessToken), but a
// remembered token is still refused once revoked or expired.

#include "OAuthFixture.h"

using namespace tokenpass;
using namespace tokenpass::test;

TEST_F(OAuthEndpoints, ARememberedAccessTokenIsStillRefusedWhenRevokedOrExpired)
{
    const QString clientId = registerClient();
    const HttpResult issued = exchange(clientId, code(clientId));
    ASSERT_EQ(issued.status, 200) << issued.body.constData();
    const QString access = issued.json().value(QStringLiteral("access_token")).toString();
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(access)}}).status, 200);
    ASSERT_EQ(
        post(QStringLiteral("/oauth/revoke"),
             "token=" + QUrl::toPercentEncoding(access) + "&client_id=" + QUrl::toPercentEncoding(clientId),
             kForm)
            .status,
        200);
    EXPECT_EQ(get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(access)}}).status, 401);

    // A second token, remembered, then past its exp.
    const HttpResult second = exchange(clientId, code(clientId));
    const QString other = second.json().value(QStringLiteral("access_token")).toString();
    ASSERT_EQ(get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(other)}}).status, 200);
    m_clock.advance(qint64(second.json().value(QStringLiteral("expires_in")).toDouble()) * 1000 + 1000);
    EXPECT_EQ(get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(other)}}).status, 401);
}
