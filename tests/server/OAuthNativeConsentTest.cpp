// Issue 16 item 3 end to end over real HTTP (port 0): GUI mode, where /oauth/authorize and the
// device page ask the native consent dialog through the ApprovalBroker and the Gatekeeper. A
// scripted answer stands in for the dialog (the identity chosen, "remember" ticked or not); the
// tokens must speak for the chosen identity, and a remembered consent must skip the dialog.

#include "OAuthFixture.h"

#include <QRegularExpression>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

constexpr char kDeviceGrant[] = "urn:ietf:params:oauth:grant-type:device_code";

class OAuthNativeConsent : public OAuthEndpoints
{
protected:
    // The dialog's answer for every question: Allow with `identity`, "remember" as given.
    void answerWith(const QString& identity, bool remember)
    {
        QObject::disconnect(m_answering);
        m_answering = QObject::connect(
            m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
            [this, identity, remember](const access::ApprovalRequest& request) {
                m_asked.append(request);
                m_broker->approve(request.id,
                                  {std::nullopt, false, access::ConsentChoice{identity, remember}});
            },
            Qt::QueuedConnection);
    }
    // Authorize, exchange, and return the verified access token's claims.
    QJsonObject signIn(const QString& clientId)
    {
        const HttpResult r = get(authorizePath(clientId));
        EXPECT_EQ(r.status, 302) << r.body.constData();
        const QString c = locationQuery(r).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        EXPECT_FALSE(c.isEmpty()) << r.header("Location").constData();
        const HttpResult t = exchange(clientId, c);
        EXPECT_EQ(t.status, 200) << t.body.constData();
        auto access = verify(t.json().value(QStringLiteral("access_token")).toString());
        EXPECT_TRUE(access) << qPrintable(access.error());
        return access ? access->claims : QJsonObject();
    }

    QMetaObject::Connection m_answering;
    QList<access::ApprovalRequest> m_asked;
};

} // namespace

TEST_F(OAuthNativeConsent, TheTokenSpeaksForTheIdentityChosenInTheDialog)
{
    auto second = m_wallet->createIdentity(QStringLiteral("Work"));
    ASSERT_TRUE(second) << qPrintable(second.error());
    const QString clientId = registerClient();
    answerWith(second->identityKey, false);

    const QJsonObject claims = signIn(clientId);
    ASSERT_EQ(m_asked.size(), 1);
    // What the dialog was shown.
    const QVariantMap& shown = m_asked[0].details;
    EXPECT_EQ(m_asked[0].host, QStringLiteral("oauth:") + clientId);
    EXPECT_EQ(shown.value(QStringLiteral("oauthClientName")).toString(), QStringLiteral("Test Agent"));
    EXPECT_EQ(shown.value(QStringLiteral("oauthClientId")).toString(), clientId);
    EXPECT_EQ(shown.value(QStringLiteral("oauthRedirectHost")).toString(), QStringLiteral("localhost"));
    EXPECT_EQ(shown.value(QStringLiteral("oauthResource")).toString(), QLatin1String(kResource));
    EXPECT_EQ(shown.value(QStringLiteral("scopes")).toStringList(),
              (QStringList{QStringLiteral("openid"), QStringLiteral("bsv:tools")}));
    // The token's identity claims are the chosen identity's.
    EXPECT_EQ(claims.value(QStringLiteral("bap_id")).toString(), second->identityKey);
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), second->identityKey);
    const auto identities = m_wallet->identities();
    ASSERT_TRUE(identities);
    EXPECT_NE(claims.value(QStringLiteral("bap_id")).toString(), identities->first().identityKey);
    auto signature = m_wallet->signAsIdentity(second->identityKey, "x");
    ASSERT_TRUE(signature);
    EXPECT_EQ(claims.value(QStringLiteral("pubkey")).toString(), signature->publicKey);

    // Not remembered: the next sign-in asks again.
    signIn(clientId);
    EXPECT_EQ(m_asked.size(), 2);
}

TEST_F(OAuthNativeConsent, APrivateIdentityRememberedSkipsTheDialogNextTime)
{
    const QString clientId = registerClient();
    answerWith(access::privateIdentityFor(clientId), true);

    const QJsonObject first = signIn(clientId);
    ASSERT_EQ(m_asked.size(), 1);
    // The per-client key of host "oauth:<client_id>": no BAP id, sub = its address.
    const auto key = m_wallet->hostKey(QStringLiteral("oauth:") + clientId);
    ASSERT_TRUE(key);
    EXPECT_EQ(first.value(QStringLiteral("pubkey")).toString(), key->publicKey);
    EXPECT_EQ(first.value(QStringLiteral("bitcoin_address")).toString(), key->address);
    EXPECT_EQ(first.value(QStringLiteral("sub")).toString(), key->address);
    EXPECT_TRUE(first.value(QStringLiteral("bap_id")).isNull());
    EXPECT_EQ(first.value(QStringLiteral("pubkey_attestation")).toString().size(), 88);

    // Remembered: the same client, same scopes, is let in without a dialog, as the same identity.
    const QJsonObject second = signIn(clientId);
    EXPECT_EQ(m_asked.size(), 1);
    EXPECT_EQ(second.value(QStringLiteral("pubkey")).toString(), key->publicKey);

    // Wider scopes ask again (prompt=consent too).
    const HttpResult wider = get(authorizePath(clientId).replace(
        QStringLiteral("scope=openid+bsv%3Atools"), QStringLiteral("scope=openid+profile+bsv%3Atools")));
    EXPECT_EQ(wider.status, 302) << wider.body.constData();
    EXPECT_EQ(m_asked.size(), 2);
    get(authorizePath(clientId, QStringLiteral("&prompt=consent")));
    EXPECT_EQ(m_asked.size(), 3);
}

TEST_F(OAuthNativeConsent, ADeniedOrUnansweredDialogIsAccessDenied)
{
    const QString clientId = registerClient();
    const auto denying = QObject::connect(
        m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
        [this](const access::ApprovalRequest& request) { m_broker->deny(request.id); }, Qt::QueuedConnection);
    const HttpResult r = get(authorizePath(clientId));
    ASSERT_EQ(r.status, 302) << r.body.constData();
    EXPECT_EQ(locationQuery(r).queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    EXPECT_FALSE(access::OAuthConsents(m_db, m_clock).find(clientId));

    // Nobody answers: the dialog's timeout is a denial too (shortened here below the hold).
    QObject::disconnect(denying);
    m_broker->setTimeout(access::ApprovalKind::Connect, 50);
    const HttpResult timedOut = get(authorizePath(clientId));
    ASSERT_EQ(timedOut.status, 302) << timedOut.body.constData();
    EXPECT_EQ(locationQuery(timedOut).queryItemValue(QStringLiteral("error")),
              QStringLiteral("access_denied"));
}

TEST_F(OAuthNativeConsent, TheDeviceDialogShowsTheUserCodeAndIssuesForTheChosenIdentity)
{
    const HttpResult reg = post(
        QStringLiteral("/oauth/register"),
        R"({"client_name":"Test CLI","grant_types":["urn:ietf:params:oauth:grant-type:device_code","refresh_token"]})");
    ASSERT_EQ(reg.status, 201) << reg.body.constData();
    const QString clientId = reg.json().value(QStringLiteral("client_id")).toString();
    // Even a remembered consent does not spare a device its dialog (the code must be compared).
    rememberConsent(clientId, {QStringLiteral("openid"), QStringLiteral("bsv:tools")});
    answerWith(access::privateIdentityFor(clientId), true);

    const HttpResult started =
        post(QStringLiteral("/oauth/device_authorization"),
             "client_id=" + clientId.toLatin1() +
                 "&scope=openid+bsv%3Atools&resource=http%3A%2F%2F127.0.0.1%3A3000%2Fmcp",
             kForm);
    ASSERT_EQ(started.status, 200) << started.body.constData();
    const QString userCode = started.json().value(QStringLiteral("user_code")).toString();
    const HttpResult page = get(QStringLiteral("/oauth/device?user_code=") + userCode);
    EXPECT_EQ(page.status, 200) << page.body.constData();
    EXPECT_TRUE(page.body.contains("Device connected")) << page.body.constData();
    ASSERT_EQ(m_asked.size(), 1);
    EXPECT_EQ(m_asked[0].details.value(QStringLiteral("oauthUserCode")).toString(),
              QString(userCode).remove(QLatin1Char('-')).toUpper());

    m_clock.advance(6000);
    const HttpResult token = post(
        QStringLiteral("/oauth/token"),
        QByteArray("grant_type=") + QUrl::toPercentEncoding(QLatin1String(kDeviceGrant)) + "&device_code=" +
            QUrl::toPercentEncoding(started.json().value(QStringLiteral("device_code")).toString()) +
            "&client_id=" + clientId.toLatin1(),
        kForm);
    ASSERT_EQ(token.status, 200) << token.body.constData();
    auto access = verify(token.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access) << qPrintable(access.error());
    const auto key = m_wallet->hostKey(QStringLiteral("oauth:") + clientId);
    ASSERT_TRUE(key);
    EXPECT_EQ(access->claims.value(QStringLiteral("pubkey")).toString(), key->publicKey);
}

// The dialog stays open longer than the hold: the browser gets the waiting page, which reloads
// /oauth/authorize/wait until the decision is in, and then follows the redirect with the code.
TEST_F(OAuthNativeConsent, TheBrowserWaitsOnAPageThatRedirectsOnceDecided)
{
    const QString clientId = registerClient();
    quint64 asked = 0;
    QObject::connect(m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
                     [&asked](const access::ApprovalRequest& request) { asked = request.id; });
    const HttpResult waiting = get(authorizePath(clientId));
    ASSERT_EQ(waiting.status, 200) << waiting.body.constData();
    EXPECT_TRUE(waiting.body.contains("Waiting for approval"));
    const QString id = QRegularExpression(QStringLiteral("/oauth/authorize/wait\\?id=([0-9a-f]+)"))
                           .match(QString::fromUtf8(waiting.body))
                           .captured(1);
    ASSERT_FALSE(id.isEmpty()) << waiting.body.constData();
    EXPECT_EQ(get(QStringLiteral("/oauth/authorize/wait?id=") + id).status, 200); // still open
    ASSERT_NE(asked, 0u);

    m_broker->approve(
        asked, {std::nullopt, false, access::ConsentChoice{access::privateIdentityFor(clientId), false}});
    spin(100);
    const HttpResult done = get(QStringLiteral("/oauth/authorize/wait?id=") + id);
    ASSERT_EQ(done.status, 302) << done.body.constData();
    const HttpResult t =
        exchange(clientId, locationQuery(done).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
    ASSERT_EQ(t.status, 200) << t.body.constData();
    auto access = verify(t.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access) << qPrintable(access.error());
    const auto key = m_wallet->hostKey(QStringLiteral("oauth:") + clientId);
    ASSERT_TRUE(key);
    EXPECT_EQ(access->claims.value(QStringLiteral("pubkey")).toString(), key->publicKey);
}
