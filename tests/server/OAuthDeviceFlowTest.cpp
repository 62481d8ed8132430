// The device authorization grant (RFC 8628, OAUTH.md §4) over real HTTP: the request, polling
// (authorization_pending, slow_down with +5 s, expired_token, access_denied), the verification
// page serving the §6 consent form, and the tokens once approved.

#include "OAuthFixture.h"
#include "oauth/DeviceCodes.h"

#include <QRegularExpression>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

constexpr char kDeviceGrant[] = "urn:ietf:params:oauth:grant-type:device_code";

QString hidden(const QByteArray& html, const char* name)
{
    const QRegularExpression re(
        QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"([^\"]*)\">").arg(QLatin1String(name)));
    return re.match(QString::fromUtf8(html)).captured(1);
}

} // namespace

class OAuthDeviceFlow : public OAuthEndpoints
{
protected:
    void SetUp() override
    {
        OAuthEndpoints::SetUp();
        m_broker->setHeadless(true);
        // A device-only client: no redirect_uris.
        const HttpResult r = post(
            QStringLiteral("/oauth/register"),
            R"({"client_name":"Test CLI","grant_types":["urn:ietf:params:oauth:grant-type:device_code","refresh_token"]})");
        ASSERT_EQ(r.status, 201) << r.body.constData();
        m_client = r.json().value(QStringLiteral("client_id")).toString();
    }
    QJsonObject start()
    {
        const HttpResult r =
            post(QStringLiteral("/oauth/device_authorization"),
                 "client_id=" + m_client.toLatin1() +
                     "&scope=openid+bsv%3Atools&resource=http%3A%2F%2F127.0.0.1%3A3000%2Fmcp",
                 kForm);
        EXPECT_EQ(r.status, 200) << r.body.constData();
        return r.json();
    }
    HttpResult poll(const QString& deviceCode)
    {
        return post(QStringLiteral("/oauth/token"),
                    QByteArray("grant_type=") + QUrl::toPercentEncoding(QLatin1String(kDeviceGrant)) +
                        "&device_code=" + QUrl::toPercentEncoding(deviceCode) +
                        "&client_id=" + m_client.toLatin1(),
                    kForm);
    }
    static QString error(const HttpResult& r) { return r.json().value(QStringLiteral("error")).toString(); }
    // Opens the verification page and sends the decision with the right password.
    HttpResult decideOnPage(const QString& userCode, const QByteArray& decision)
    {
        const HttpResult page = get(QStringLiteral("/oauth/device?user_code=") + userCode);
        EXPECT_EQ(page.status, 200) << page.body.constData();
        QList<QPair<QByteArray, QByteArray>> headers = kForm;
        headers.append({"Origin", issuer().toLatin1()});
        headers.append({"Cookie", page.header("Set-Cookie").split(';').value(0)});
        return post(QStringLiteral("/oauth/authorize/decision"),
                    "csrf=" + hidden(page.body, "csrf").toLatin1() +
                        "&txn=" + hidden(page.body, "txn").toLatin1() +
                        "&password=correct+horse+battery&decision=" + decision,
                    headers);
    }

    QString m_client;
};

TEST_F(OAuthDeviceFlow, MetadataAdvertisesTheEndpointAndGrant)
{
    const QJsonObject m = get(QStringLiteral("/.well-known/oauth-authorization-server")).json();
    EXPECT_EQ(m.value(QStringLiteral("device_authorization_endpoint")).toString(),
              issuer() + QStringLiteral("/oauth/device_authorization"));
    EXPECT_TRUE(
        m.value(QStringLiteral("grant_types_supported")).toArray().contains(QLatin1String(kDeviceGrant)));
}

TEST_F(OAuthDeviceFlow, AuthorizationAnswersCodesInTheRfcShape)
{
    const QJsonObject d = start();
    EXPECT_GE(d.value(QStringLiteral("device_code")).toString().size(), 43); // 256 bits, base64url
    const QString userCode = d.value(QStringLiteral("user_code")).toString();
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"))
                    .match(userCode)
                    .hasMatch())
        << qPrintable(userCode);
    EXPECT_EQ(d.value(QStringLiteral("verification_uri")).toString(),
              issuer() + QStringLiteral("/oauth/device"));
    EXPECT_EQ(d.value(QStringLiteral("verification_uri_complete")).toString(),
              issuer() + QStringLiteral("/oauth/device?user_code=") + userCode);
    EXPECT_EQ(d.value(QStringLiteral("expires_in")).toInt(), 600);
    EXPECT_EQ(d.value(QStringLiteral("interval")).toInt(), 5);

    // A code-flow-only client may not; an unknown one is invalid_client.
    const QString codeClient = registerClient();
    EXPECT_EQ(error(post(QStringLiteral("/oauth/device_authorization"), "client_id=" + codeClient.toLatin1(),
                         kForm)),
              QStringLiteral("unauthorized_client"));
    EXPECT_EQ(post(QStringLiteral("/oauth/device_authorization"), "client_id=nobody", kForm).status, 401);
    EXPECT_EQ(error(post(QStringLiteral("/oauth/device_authorization"),
                         "client_id=" + m_client.toLatin1() + "&resource=relative", kForm)),
              QStringLiteral("invalid_target"));
}

TEST_F(OAuthDeviceFlow, PendingThenSlowDownThenApprovedTokensOnce)
{
    const QJsonObject d = start();
    const QString deviceCode = d.value(QStringLiteral("device_code")).toString();
    HttpResult r = poll(deviceCode);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(error(r), QStringLiteral("authorization_pending"));
    EXPECT_EQ(r.header("Cache-Control"), QByteArray("no-store"));
    r = poll(deviceCode); // at once: faster than the interval
    EXPECT_EQ(error(r), QStringLiteral("slow_down"));
    m_clock.advance(6000); // the interval is now 10 s: still too fast
    EXPECT_EQ(error(poll(deviceCode)), QStringLiteral("slow_down"));
    m_clock.advance(16000); // interval 15 s
    EXPECT_EQ(error(poll(deviceCode)), QStringLiteral("authorization_pending"));

    // Lower case and without the dash is the same code; the page shows it.
    const QString typed = d.value(QStringLiteral("user_code")).toString().remove(QLatin1Char('-')).toLower();
    const HttpResult page = get(QStringLiteral("/oauth/device?user_code=") + typed);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(page.body.contains(d.value(QStringLiteral("user_code")).toString().toLatin1()));
    EXPECT_TRUE(page.body.contains("<form method=\"post\" action=\"/oauth/authorize/decision\">"));
    EXPECT_TRUE(page.header("Set-Cookie").startsWith("tp_consent="));

    const HttpResult approved = decideOnPage(typed, "approve");
    EXPECT_EQ(approved.status, 200) << approved.body.constData();
    EXPECT_TRUE(approved.body.contains("Device connected"));

    m_clock.advance(16000);
    r = poll(deviceCode);
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_FALSE(r.json().value(QStringLiteral("refresh_token")).toString().isEmpty());
    auto access = verify(r.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access);
    EXPECT_EQ(access->claims.value(QStringLiteral("aud")).toString(), QLatin1String(kResource));
    EXPECT_EQ(access->claims.value(QStringLiteral("client_id")).toString(), m_client);
    EXPECT_TRUE(verify(r.json().value(QStringLiteral("id_token")).toString()));
    m_clock.advance(16000);
    EXPECT_EQ(error(poll(deviceCode)), QStringLiteral("invalid_grant")); // single use
}

TEST_F(OAuthDeviceFlow, DenyIsAccessDenied)
{
    const QJsonObject d = start();
    const HttpResult denied = decideOnPage(d.value(QStringLiteral("user_code")).toString(), "deny");
    EXPECT_EQ(denied.status, 200);
    EXPECT_TRUE(denied.body.contains("denied"));
    EXPECT_EQ(error(poll(d.value(QStringLiteral("device_code")).toString())),
              QStringLiteral("access_denied"));
}

TEST_F(OAuthDeviceFlow, AnExpiredCodeIsExpiredToken)
{
    const QJsonObject d = start();
    m_clock.advance(oauth::DeviceCodes::kLifetimeMs);
    EXPECT_EQ(error(poll(d.value(QStringLiteral("device_code")).toString())),
              QStringLiteral("expired_token"));
    EXPECT_EQ(
        get(QStringLiteral("/oauth/device?user_code=") + d.value(QStringLiteral("user_code")).toString())
            .status,
        400);
}

TEST_F(OAuthDeviceFlow, ThePageAsksForTheCodeAndLocksAfterFiveWrongOnes)
{
    const HttpResult entry = get(QStringLiteral("/oauth/device"));
    EXPECT_EQ(entry.status, 200);
    EXPECT_TRUE(entry.body.contains("name=\"user_code\""));
    const QJsonObject d = start();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(get(QStringLiteral("/oauth/device?user_code=BCDF-GHJK")).status, 400);
    // Locked out now, even for the right code; a minute later it works again.
    EXPECT_EQ(
        get(QStringLiteral("/oauth/device?user_code=") + d.value(QStringLiteral("user_code")).toString())
            .status,
        429);
    m_clock.advance(oauth::DeviceCodes::kLockoutMs);
    EXPECT_EQ(
        get(QStringLiteral("/oauth/device?user_code=") + d.value(QStringLiteral("user_code")).toString())
            .status,
        200);
}
