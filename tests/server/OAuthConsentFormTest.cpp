// The headless consent form (OAUTH.md §6) over real HTTP, driven as independent checks drive it:
// GET authorize, read the hidden inputs, echo them with the cookie, the password and the decision,
// Origin = the issuer. Every §6.3 outcome, the headers of §6.1, and the "oauth:" host reserved
// in POST /api/auth and GET /auth.

#include "OAuthFixture.h"
#include "oauth/ConsentRequests.h"

#include <QRegularExpression>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

constexpr char kPassword[] = "correct horse battery";

// The page's hidden inputs and the cookie it set.
struct Form
{
    HttpResult page;
    QByteArray cookie; // "tp_consent=…"
    QString csrf;
    QString txn;
};

QString hidden(const QByteArray& html, const char* name)
{
    const QRegularExpression re(
        QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"([^\"]*)\">").arg(QLatin1String(name)));
    return re.match(QString::fromUtf8(html)).captured(1);
}

} // namespace

class OAuthConsentForm : public OAuthEndpoints
{
protected:
    void SetUp() override
    {
        OAuthEndpoints::SetUp();
        m_broker->setHeadless(true);
        m_client = registerClient();
    }
    Form open(const QString& path)
    {
        Form f;
        f.page = get(path);
        f.cookie = f.page.header("Set-Cookie").split(';').value(0);
        f.csrf = hidden(f.page.body, "csrf");
        f.txn = hidden(f.page.body, "txn");
        return f;
    }
    Form openAuthorize() { return open(authorizePath(m_client)); }
    HttpResult decide(const Form& f, const QByteArray& password, const QByteArray& decision,
                      const QByteArray& origin = {}, const QByteArray& cookie = {}, const QString& csrf = {})
    {
        QList<QPair<QByteArray, QByteArray>> headers = kForm;
        headers.append({"Origin", origin.isEmpty() ? issuer().toLatin1() : origin});
        const QByteArray c = cookie.isNull() ? f.cookie : cookie;
        if (!c.isEmpty())
            headers.append({"Cookie", c});
        const QByteArray body = "csrf=" + QUrl::toPercentEncoding(csrf.isNull() ? f.csrf : csrf) +
                                "&txn=" + QUrl::toPercentEncoding(f.txn) +
                                "&password=" + QUrl::toPercentEncoding(QString::fromLatin1(password)) +
                                "&decision=" + decision;
        return post(QStringLiteral("/oauth/authorize/decision"), body, headers);
    }
    // Wrong passwords beyond the unlock back-off's free ones wait 1 s, 2 s, ...
    void waitOutBackoff() { m_clock.advance(5000); }

    QString m_client;
};

TEST_F(OAuthConsentForm, AuthorizeServesTheFormWithItsHeadersAndCookie)
{
    const Form f = openAuthorize();
    ASSERT_EQ(f.page.status, 200) << f.page.body.constData();
    EXPECT_EQ(f.page.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    EXPECT_EQ(f.page.header("Cache-Control"), QByteArray("no-store"));
    EXPECT_EQ(f.page.header("X-Frame-Options"), QByteArray("DENY"));
    EXPECT_TRUE(f.page.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    EXPECT_EQ(f.page.header("Referrer-Policy"), QByteArray("same-origin"));
    EXPECT_TRUE(QRegularExpression(
                    QStringLiteral("^tp_consent=[0-9a-f]{32}; HttpOnly; SameSite=Strict; Path=/oauth$"))
                    .match(QString::fromLatin1(f.page.header("Set-Cookie")))
                    .hasMatch())
        << f.page.header("Set-Cookie").constData();
    EXPECT_TRUE(f.page.header("Location").isEmpty());
    const QByteArray& html = f.page.body;
    EXPECT_EQ(html.count("<form "), 1);
    EXPECT_TRUE(html.contains("<form method=\"post\" action=\"/oauth/authorize/decision\">"));
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(f.csrf).hasMatch())
        << qPrintable(f.csrf);
    EXPECT_FALSE(f.txn.isEmpty());
    EXPECT_TRUE(html.contains("<input type=\"password\" name=\"password\""));
    EXPECT_TRUE(html.contains("<button type=\"submit\" name=\"decision\" value=\"approve\">"));
    EXPECT_TRUE(html.contains("<button type=\"submit\" name=\"decision\" value=\"deny\">"));
    EXPECT_TRUE(html.contains("Test Agent"));
    // Two opens: two requests, each with its own cookie and csrf.
    const Form g = openAuthorize();
    EXPECT_NE(g.cookie, f.cookie);
    EXPECT_NE(g.csrf, f.csrf);
}

TEST_F(OAuthConsentForm, ApproveWithTheRightPasswordRedirectsWithCodeStateAndIss)
{
    const Form f = openAuthorize();
    const HttpResult r = decide(f, kPassword, "approve");
    ASSERT_EQ(r.status, 303) << r.body.constData();
    EXPECT_TRUE(r.header("Location").startsWith("http://localhost:9999/cb?code="));
    const QUrlQuery q = locationQuery(r);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+ate"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), issuer());
    const HttpResult tokens =
        exchange(m_client, q.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
    ASSERT_EQ(tokens.status, 200) << tokens.body.constData();
    // No identity sent: the primary one.
    auto access = verify(tokens.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access);
    EXPECT_EQ(access->claims.value(QStringLiteral("sub")).toString(),
              m_wallet->identities()->first().identityKey);
    // The request is spent: the same form again is refused, never redirected.
    const HttpResult again = decide(f, kPassword, "approve");
    EXPECT_EQ(again.status, 400);
    EXPECT_TRUE(again.header("Location").isEmpty());
    // The form approves once; it leaves no standing grant, so the next authorize asks again.
    EXPECT_EQ(openAuthorize().page.status, 200);
}

TEST_F(OAuthConsentForm, DenyRedirectsWithAccessDenied)
{
    const HttpResult r = decide(openAuthorize(), "", "deny");
    ASSERT_EQ(r.status, 303);
    EXPECT_TRUE(r.header("Location").startsWith("http://localhost:9999/cb?error=access_denied&"));
    const QUrlQuery q = locationQuery(r);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+ate"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), issuer());
    EXPECT_FALSE(q.hasQueryItem(QStringLiteral("code")));
}

TEST_F(OAuthConsentForm, WrongPasswordShowsTheFormAgainAndFiveDropTheRequest)
{
    Form f = openAuthorize();
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const HttpResult r = decide(f, "wrong password", "approve");
        ASSERT_EQ(r.status, 200) << attempt << r.body.constData();
        EXPECT_TRUE(r.header("Location").isEmpty());
        EXPECT_TRUE(r.body.contains("Wrong password"));
        const QString next = hidden(r.body, "csrf");
        EXPECT_NE(next, f.csrf);
        EXPECT_EQ(hidden(r.body, "txn"), f.txn);
        // The old csrf was single-use.
        EXPECT_EQ(decide(f, kPassword, "approve").status, 403);
        f.csrf = next;
        waitOutBackoff();
    }
    const HttpResult fifth = decide(f, "wrong password", "approve");
    EXPECT_EQ(fifth.status, 403);
    EXPECT_TRUE(fifth.body.contains("Too many wrong passwords"));
    EXPECT_TRUE(fifth.header("Location").isEmpty());
    waitOutBackoff();
    waitOutBackoff();
    const HttpResult gone = decide(f, kPassword, "approve");
    EXPECT_EQ(gone.status, 400);
    EXPECT_TRUE(gone.header("Location").isEmpty());
}

TEST_F(OAuthConsentForm, WrongOrMissingCsrfOrCookieIsRefusedWithoutARedirect)
{
    const Form f = openAuthorize();
    const Form other = openAuthorize();
    const QString wrongCsrf = QString(f.csrf).replace(
        0, 1, f.csrf.startsWith(QLatin1Char('0')) ? QStringLiteral("1") : QStringLiteral("0"));
    for (const HttpResult& r : {decide(f, kPassword, "approve", {}, {}, wrongCsrf),
                                decide(f, kPassword, "approve", {}, {}, QStringLiteral("")),
                                decide(f, kPassword, "approve", {}, QByteArray("")),
                                decide(f, kPassword, "approve", {}, other.cookie),
                                decide(f, kPassword, "approve", {}, {}, other.csrf)}) {
        EXPECT_EQ(r.status, 403) << r.body.constData();
        EXPECT_TRUE(r.header("Location").isEmpty());
    }
    // None of those spent the request: the right form still approves.
    EXPECT_EQ(decide(f, kPassword, "approve").status, 303);
}

TEST_F(OAuthConsentForm, ForeignOriginIsForbidden)
{
    const Form f = openAuthorize();
    for (const QByteArray& origin : {QByteArray("http://evil.example"), QByteArray("null"),
                                     QByteArray("http://localhost:") + QByteArray::number(m_port)}) {
        const HttpResult r = decide(f, kPassword, "approve", origin);
        EXPECT_EQ(r.status, 403) << origin.constData();
        EXPECT_TRUE(r.header("Location").isEmpty());
    }
    EXPECT_EQ(decide(f, kPassword, "approve").status, 303);
}

TEST_F(OAuthConsentForm, AnExpiredRequestIsRefused)
{
    const Form f = openAuthorize();
    m_clock.advance(oauth::ConsentRequests::kLifetimeMs);
    const HttpResult r = decide(f, kPassword, "approve");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.header("Location").isEmpty());
}

TEST_F(OAuthConsentForm, PendingRequestsAreBoundedOldestDropped)
{
    const Form first = openAuthorize();
    for (int i = 0; i < oauth::ConsentRequests::kMaxOpen; ++i)
        ASSERT_EQ(openAuthorize().page.status, 200);
    EXPECT_EQ(decide(first, kPassword, "approve").status, 400);
}

TEST_F(OAuthConsentForm, ALockedWalletIsUnlockedByTheFormsPassword)
{
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    const Form f = openAuthorize();
    ASSERT_EQ(f.page.status, 200);
    const HttpResult r = decide(f, kPassword, "approve");
    ASSERT_EQ(r.status, 303) << r.body.constData();
    EXPECT_TRUE(locationQuery(r).hasQueryItem(QStringLiteral("code")));
    EXPECT_TRUE(m_wallet->isUnlocked());
}

TEST_F(OAuthConsentForm, AnUnknownIdentityIsRefusedAndTheFormShownAgain)
{
    const Form f = openAuthorize();
    QList<QPair<QByteArray, QByteArray>> headers = kForm;
    headers.append({"Origin", issuer().toLatin1()});
    headers.append({"Cookie", f.cookie});
    const HttpResult r = post(QStringLiteral("/oauth/authorize/decision"),
                              "csrf=" + f.csrf.toLatin1() + "&txn=" + f.txn.toLatin1() +
                                  "&password=correct+horse+battery&decision=approve&identity=nobody",
                              headers);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body.contains("Choose one of the listed identities"));
    EXPECT_TRUE(r.header("Location").isEmpty());
}

TEST_F(OAuthConsentForm, OAuthHostsAreReservedInApiAuthAndTheAuthPage)
{
    const HttpResult r = post(QStringLiteral("/api/auth"), R"({"host":"oauth:)" + m_client.toLatin1() +
                                                               R"(","password":"correct horse battery"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(
        r.body,
        QByteArray(
            R"x({"error":"Host must not start with \"oauth:\" (reserved for OAuth clients)","success":false})x"));
    EXPECT_EQ(get(QStringLiteral("/auth?host=oauth:") + m_client).status, 400);
    // Nothing was granted to the client: authorize still shows the form.
    EXPECT_EQ(openAuthorize().page.status, 200);
}

// OAUTH.md "Decided": the form offers "a private identity for this app" besides the BAP
// identities; tokens then speak for a key of this client only (bap_id null), and a later app may
// continue as it, listed by the name of the app it was used with.
TEST_F(OAuthConsentForm, APrivateIdentityForThisAppIsOfferedAndUsed)
{
    const QString mine = QStringLiteral("private:") + m_client;
    const Form f = openAuthorize();
    ASSERT_EQ(f.page.status, 200);
    EXPECT_TRUE(
        f.page.body.contains("<option value=\"" + mine.toUtf8() + "\">A private identity for this app"))
        << f.page.body.constData();
    const auto send = [this](const Form& form, const QString& identity) {
        QList<QPair<QByteArray, QByteArray>> headers = kForm;
        headers.append({"Origin", issuer().toLatin1()});
        headers.append({"Cookie", form.cookie});
        return post(QStringLiteral("/oauth/authorize/decision"),
                    "csrf=" + form.csrf.toLatin1() + "&txn=" + form.txn.toLatin1() +
                        "&password=correct+horse+battery&decision=approve&identity=" +
                        QUrl::toPercentEncoding(identity),
                    headers);
    };

    // Another app's private identity that was never used is not on the list.
    const HttpResult refused = send(f, QStringLiteral("private:someone-else"));
    EXPECT_EQ(refused.status, 200);
    EXPECT_TRUE(refused.body.contains("Choose one of the listed identities"));

    const Form g = openAuthorize();
    const HttpResult r = send(g, mine);
    ASSERT_EQ(r.status, 303) << r.body.constData();
    const HttpResult tokens =
        exchange(m_client, locationQuery(r).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
    ASSERT_EQ(tokens.status, 200) << tokens.body.constData();
    const auto access = verify(tokens.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access);
    const QString primary = m_wallet->identities()->first().identityKey;
    EXPECT_NE(access->claims.value(QStringLiteral("sub")).toString(), primary);
    EXPECT_TRUE(access->claims.value(QStringLiteral("bap_id")).isNull());
    const QString pubkey = access->claims.value(QStringLiteral("pubkey")).toString();
    EXPECT_EQ(pubkey.size(), 66);

    // A second app may continue as the first app's private identity; it gets the same key.
    const QString other = registerClient();
    const Form h = open(authorizePath(other));
    EXPECT_TRUE(
        h.page.body.contains("<option value=\"" + mine.toUtf8() + "\">The private identity used with"))
        << h.page.body.constData();
    EXPECT_TRUE(h.page.body.contains("<option value=\"private:" + other.toUtf8() + "\">"));
    const HttpResult continued = send(h, mine);
    ASSERT_EQ(continued.status, 303) << continued.body.constData();
    const HttpResult second =
        exchange(other, locationQuery(continued).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
    ASSERT_EQ(second.status, 200) << second.body.constData();
    const auto secondAccess = verify(second.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(secondAccess);
    EXPECT_EQ(secondAccess->claims.value(QStringLiteral("pubkey")).toString(), pubkey);
}

// A remembered consent cannot issue a code while the wallet is locked: the form asks for the
// password (which unlocks), instead of redirecting with temporarily_unavailable.
TEST_F(OAuthConsentForm, ARememberedConsentOnALockedWalletShowsTheForm)
{
    rememberConsent(m_client, {QStringLiteral("openid"), QStringLiteral("bsv:tools")});
    const HttpResult remembered = get(authorizePath(m_client));
    ASSERT_EQ(remembered.status, 302) << remembered.body.constData(); // unlocked: no question
    EXPECT_TRUE(locationQuery(remembered).hasQueryItem(QStringLiteral("code")));

    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    const Form f = openAuthorize();
    ASSERT_EQ(f.page.status, 200) << f.page.header("Location").constData();
    const HttpResult r = decide(f, kPassword, "approve");
    ASSERT_EQ(r.status, 303) << r.body.constData();
    EXPECT_TRUE(locationQuery(r).hasQueryItem(QStringLiteral("code")));
    EXPECT_TRUE(m_wallet->isUnlocked());
}
