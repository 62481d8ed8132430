// Hostile web pages (API.md decision 4): simple cross-site requests that need no preflight,
// tokens carried to another origin, tokens asked for another site, and reading which sites a
// person uses.

#include "SecurityFixture.h"

#include <QDir>

using namespace tokenpass::test;

namespace {

const QByteArray kEvil = "https://evil.example";
const QByteArray kOriginNotAllowed = R"({"error":"Origin not allowed","success":false})";

// What a <form> or fetch(..., {mode:"no-cors"}) can send without a preflight.
QList<Headers> simpleRequestHeaders(const QByteArray& origin)
{
    return {{{"Origin", origin}, {"Content-Type", "text/plain;charset=UTF-8"}},
            {{"Origin", origin}, {"Content-Type", "application/x-www-form-urlencoded"}},
            {{"Origin", origin}, {"Content-Type", "multipart/form-data; boundary=x"}}};
}

} // namespace

class CrossOrigin : public SecurityFixture
{
protected:
    // A simple request: JSON smuggled as text/plain, or a real form body.
    QList<HttpResult> simplePosts(const QByteArray& path, const QByteArray& json, const QByteArray& form,
                                  const QByteArray& origin = kEvil)
    {
        QList<HttpResult> out;
        for (const Headers& headers : simpleRequestHeaders(origin)) {
            out.append(rawRequest("POST", path, ourHost(), json, headers));
            out.append(rawRequest("POST", path, ourHost(), form, headers));
        }
        return out;
    }
};

TEST_F(CrossOrigin, SimpleRequestCannotRegister)
{
    for (const QByteArray& origin : {kEvil, QByteArray("null"), QByteArray("http://localhost:3000")}) {
        for (const HttpResult& r : simplePosts("/api/register", R"({"password":"attacker chosen pw"})",
                                               "password=attacker+chosen+pw", origin)) {
            EXPECT_EQ(r.status, 403) << origin.constData();
            EXPECT_EQ(r.body, kOriginNotAllowed);
            expectHardenedJson(r, "register");
            expectUnreadableCrossOrigin(r, "register");
        }
    }
    EXPECT_FALSE(walletExists());
    EXPECT_FALSE(QDir(m_dir.path()).exists(QStringLiteral("backup.bep")));
}

TEST_F(CrossOrigin, SimpleRequestCannotLoginOrExport)
{
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
    for (const HttpResult& r : simplePosts("/api/login", R"({"password":"correct horse battery"})",
                                           "password=correct+horse+battery")) {
        EXPECT_EQ(r.status, 403);
        EXPECT_EQ(r.body, kOriginNotAllowed);
        expectHardenedJson(r, "login");
        expectUnreadableCrossOrigin(r, "login");
    }
    EXPECT_FALSE(walletUnlocked());

    ASSERT_EQ(post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})").status, 200);
    for (const HttpResult& r : simplePosts("/api/export", R"({"password":"correct horse battery"})",
                                           "password=correct+horse+battery")) {
        EXPECT_EQ(r.status, 403);
        EXPECT_EQ(r.body, kOriginNotAllowed);
        EXPECT_FALSE(r.body.contains("mnemonic"));
        expectHardenedJson(r, "export");
    }
    // Refused before the password is looked at: the back-off did not move.
    EXPECT_EQ(post(QStringLiteral("/api/export"), R"({"password":"correct horse battery"})").status, 200);
}

TEST_F(CrossOrigin, SimpleRequestCannotSign)
{
    registerWallet();
    // No token: a simple request cannot carry an Authorization header.
    for (const HttpResult& r : simplePosts("/api/sign", R"({"message":"pay the attacker"})", "message=x")) {
        // 400 for a form body (not JSON), 401 for smuggled JSON: never a signature.
        EXPECT_TRUE(r.status == 400 || r.status == 401) << r.status << " " << r.body.constData();
        EXPECT_FALSE(r.body.contains("sig")) << r.body.constData();
        expectHardenedJson(r, "sign");
    }
    // The JSON one reaches the token check: exactly code 2.
    const HttpResult r = rawRequest("POST", "/api/sign", ourHost(), R"({"message":"pay the attacker"})",
                                    simpleRequestHeaders(kEvil).first());
    EXPECT_EQ(
        r.body,
        QByteArray(
            R"({"error":"Please provide an access token in the Authorization header.","code":2,"success":false})"));
}

TEST_F(CrossOrigin, SimpleRequestGetsNoToken)
{
    registerWallet();
    grant(QStringLiteral("bank.example"), {QStringLiteral("sign")});
    // Asking for another site's token, even with the right password: refused outright.
    for (const Headers& headers : simpleRequestHeaders(kEvil)) {
        const HttpResult json = rawRequest(
            "POST", "/api/auth", ourHost(),
            R"({"host":"bank.example","password":"correct horse battery","scopes":["sign"]})", headers);
        EXPECT_EQ(json.status, 403);
        EXPECT_EQ(json.body,
                  QByteArray(R"({"error":"Host does not match the requesting origin","success":false})"));
        const HttpResult form = rawRequest("POST", "/api/auth", ourHost(), "host=bank.example", headers);
        EXPECT_EQ(form.status, 400);
        EXPECT_EQ(form.body, QByteArray(R"({"error":"Invalid JSON body","success":false})"));
    }
    // Asking for its own host: the person is asked; nobody approves here, so no token (401
    // "waiting" or 403 "denied", whichever the broker answers first).
    const HttpResult own =
        rawRequest("POST", "/api/auth", ourHost(), R"({"host":"evil.example","scopes":["sign"]})",
                   simpleRequestHeaders(kEvil).first());
    EXPECT_TRUE(own.body ==
                    QByteArray(R"({"error":"Waiting for approval in TokenPass","code":1,"success":false})") ||
                own.body == QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"))
        << own.status << " " << own.body.constData();
    EXPECT_FALSE(own.body.contains("accessToken"));
    const HttpResult status = get(QStringLiteral("/api/status"));
    EXPECT_FALSE(status.body.contains("evil.example")) << status.body.constData();
    EXPECT_FALSE(status.body.contains("bank.example")) << status.body.constData();
}

TEST_F(CrossOrigin, TokenFromOneOriginIsCode3FromAnother)
{
    const QString token =
        tokenFor(QStringLiteral("app.example"), {QStringLiteral("sign"), QStringLiteral("encrypt")},
                 "https://app.example");
    ASSERT_FALSE(token.isEmpty());
    const QByteArray code3 = R"({"error":"Invalid access token.","code":3,"success":false})";
    const QByteArray json = "application/json";
    for (const QByteArray& other : {kEvil, QByteArray("https://app.example:8443"), QByteArray("null"),
                                    QByteArray("https://app.example.evil.example")}) {
        const Headers headers{{"Origin", other}, {"Authorization", bearer(token)}, {"Content-Type", json}};
        const HttpResult sign = rawRequest("POST", "/api/sign", ourHost(), R"({"message":"hi"})", headers);
        EXPECT_EQ(sign.status, 401) << other.constData();
        EXPECT_EQ(sign.body, code3) << other.constData();
        expectHardenedJson(sign, "sign from another origin");
        const HttpResult encrypt = rawRequest("POST", "/api/encrypt", ourHost(), R"({"data":"hi"})", headers);
        EXPECT_EQ(encrypt.body, code3) << other.constData();
        const HttpResult revoke = rawRequest("DELETE", "/api/auth", ourHost(), {}, headers);
        EXPECT_EQ(revoke.body, code3) << other.constData();
    }
    // Its own origin still works, so the refusals were about the origin.
    const HttpResult own = rawRequest(
        "POST", "/api/sign", ourHost(), R"({"message":"hi"})",
        {{"Origin", "https://app.example"}, {"Authorization", bearer(token)}, {"Content-Type", json}});
    EXPECT_EQ(own.status, 200) << own.body.constData();
    EXPECT_TRUE(own.json().contains(QStringLiteral("sig")));
}

TEST_F(CrossOrigin, AuthClaimingAnotherSitesHostIs403)
{
    registerWallet();
    grant(QStringLiteral("bank.example"), {QStringLiteral("sign")}); // the victim site is approved
    const QByteArray mismatch = R"({"error":"Host does not match the requesting origin","success":false})";
    const Headers browser{{"Origin", kEvil}, {"Content-Type", "application/json"}};
    for (const QByteArray& body :
         {QByteArray(R"({"host":"bank.example","scopes":["sign"]})"),
          QByteArray(R"({"host":"bank.example","scopes":["sign"],"password":"correct horse battery"})"),
          QByteArray(R"({"host":"evil.example.bank.example","scopes":["sign"]})"),
          QByteArray(R"({"host":"localhost","scopes":["sign"]})")}) {
        const HttpResult r = rawRequest("POST", "/api/auth", ourHost(), body, browser);
        EXPECT_EQ(r.status, 403) << body.constData();
        EXPECT_EQ(r.body, mismatch) << body.constData();
        expectHardenedJson(r, "auth host claim");
    }
    const HttpResult status = get(QStringLiteral("/api/status"));
    EXPECT_FALSE(status.body.contains("\"host\":\"bank.example\",\"scopes\"")) << status.body.constData();
}

TEST_F(CrossOrigin, StatusAndLookupsRevealNoSitesToAForeignOrigin)
{
    registerWallet();
    const QString token = tokenFor(QStringLiteral("bank.example"), {QStringLiteral("sign")}, QByteArray());
    ASSERT_EQ(
        post(QStringLiteral("/api/sign"), R"({"message":"x"})", {{"Authorization", bearer(token)}}).status,
        200); // leaves a host key
    tokenFor(QStringLiteral("clinic.example"), {QStringLiteral("encrypt")}, QByteArray());

    const HttpResult native = get(QStringLiteral("/api/status"));
    ASSERT_TRUE(native.body.contains("bank.example")) << native.body.constData(); // it is there to leak

    for (const QByteArray& origin : {kEvil, QByteArray("null"), QByteArray("http://localhost:3000")}) {
        const HttpResult r = rawRequest("GET", "/api/status", ourHost(), {}, {{"Origin", origin}});
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.body, QByteArray(R"({"seed":true,"unlocked":true,"keys":[],"states":[]})"))
            << origin.constData();
        expectHardenedJson(r, "status");
        // Identities (bapId, names) and the backup path: refused to browsers.
        for (const QByteArray& path :
             {QByteArray("/api/identity"), QByteArray("/api/settings"), QByteArray("/api/backups")}) {
            const HttpResult lookup = rawRequest("GET", path, ourHost(), {}, {{"Origin", origin}});
            EXPECT_EQ(lookup.status, 403) << path.constData() << " " << lookup.body.constData();
            EXPECT_EQ(lookup.body, kOriginNotAllowed) << path.constData();
            expectUnreadableCrossOrigin(lookup, path.constData());
        }
    }
}
