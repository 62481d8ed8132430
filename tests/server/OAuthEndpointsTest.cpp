// The OAuth provider over real HTTP (OAUTH.md §5): discovery, JWKS, registration, authorize
// through the Gatekeeper, and the token endpoint's grants and errors, byte for byte where the
// spec fixes the bytes.

#include "OAuthFixture.h"
#include "oauth/TokenFamilies.h"

using namespace tokenpass;
using namespace tokenpass::test;

TEST_F(OAuthEndpoints, OneMetadataDocumentAtBothWellKnownUrls)
{
    const HttpResult a = get(QStringLiteral("/.well-known/oauth-authorization-server"));
    const HttpResult b = get(QStringLiteral("/.well-known/openid-configuration"));
    ASSERT_EQ(a.status, 200);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(a.header("Access-Control-Allow-Origin"), QByteArray("*"));
    const QJsonObject m = a.json();
    EXPECT_EQ(m.value(QStringLiteral("issuer")).toString(), issuer());
    EXPECT_EQ(m.value(QStringLiteral("token_endpoint")).toString(),
              issuer() + QStringLiteral("/oauth/token"));
    EXPECT_EQ(m.value(QStringLiteral("registration_endpoint")).toString(),
              issuer() + QStringLiteral("/oauth/register"));
    EXPECT_EQ(m.value(QStringLiteral("jwks_uri")).toString(), issuer() + QStringLiteral("/oauth/jwks"));
    EXPECT_EQ(m.value(QStringLiteral("code_challenge_methods_supported")).toArray(),
              QJsonArray{QStringLiteral("S256")});
    EXPECT_TRUE(m.value(QStringLiteral("id_token_signing_alg_values_supported"))
                    .toArray()
                    .contains(QStringLiteral("ES256")));
    EXPECT_TRUE(m.value(QStringLiteral("authorization_response_iss_parameter_supported")).toBool());
    EXPECT_EQ(m.value(QStringLiteral("client_id_metadata_document_supported")), QJsonValue(false));
    // The issuer never follows the Host header.
    const HttpResult viaLocalhost = get(QStringLiteral("/.well-known/openid-configuration"),
                                        {{"Host", QByteArray("localhost:") + QByteArray::number(m_port)}});
    EXPECT_EQ(viaLocalhost.json().value(QStringLiteral("issuer")).toString(), issuer());
    EXPECT_EQ(get(QStringLiteral("/.well-known/openid-configuration"), {{"Host", "evil.example"}}).status,
              421);
}

TEST_F(OAuthEndpoints, JwksAtAllThreePathsWithThePublicKeyOnly)
{
    const HttpResult r = get(QStringLiteral("/oauth/jwks"));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), QByteArray("application/jwk-set+json"));
    EXPECT_EQ(r.body, get(QStringLiteral("/.well-known/jwks.json")).body);
    EXPECT_EQ(r.body, get(QStringLiteral("/api/auth/jwks")).body);
    const QJsonArray keys = r.json().value(QStringLiteral("keys")).toArray();
    ASSERT_EQ(keys.size(), 1);
    const QJsonObject jwk = keys[0].toObject();
    EXPECT_EQ(jwk.value(QStringLiteral("kty")).toString(), QStringLiteral("EC"));
    EXPECT_EQ(jwk.value(QStringLiteral("alg")).toString(), QStringLiteral("ES256"));
    EXPECT_FALSE(jwk.contains(QStringLiteral("d")));
    EXPECT_EQ(jwk.value(QStringLiteral("kid")).toString(),
              oauth::jwkThumbprint(QJsonObject{{QStringLiteral("crv"), jwk.value(QStringLiteral("crv"))},
                                               {QStringLiteral("kty"), jwk.value(QStringLiteral("kty"))},
                                               {QStringLiteral("x"), jwk.value(QStringLiteral("x"))},
                                               {QStringLiteral("y"), jwk.value(QStringLiteral("y"))}}));
    // Served while locked too: resource servers keep verifying.
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    EXPECT_EQ(get(QStringLiteral("/oauth/jwks")).body, r.body);
}

TEST_F(OAuthEndpoints, RegistrationAnswers201AndExactErrors)
{
    const HttpResult ok =
        post(QStringLiteral("/oauth/register"),
             R"({"redirect_uris":["http://localhost:35535/oauth/callback"],"client_name":"x"})");
    ASSERT_EQ(ok.status, 201);
    EXPECT_FALSE(ok.json().value(QStringLiteral("client_id")).toString().isEmpty());
    EXPECT_EQ(ok.json().value(QStringLiteral("token_endpoint_auth_method")).toString(),
              QStringLiteral("none"));

    const HttpResult bad =
        post(QStringLiteral("/api/oauth/register"), R"({"redirect_uris":["http://evil.example/cb"]})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(
        bad.body,
        QByteArray(
            R"({"error":"invalid_redirect_uri","error_description":"http redirect_uri must be 127.0.0.1, [::1] or localhost: http://evil.example/cb"})"));
    const HttpResult notJson = post(QStringLiteral("/oauth/register"), "redirect_uris=x");
    EXPECT_EQ(notJson.status, 400);
    EXPECT_EQ(notJson.json().value(QStringLiteral("error")).toString(),
              QStringLiteral("invalid_client_metadata"));
    // Five a minute, refused ones included (this test used three).
    EXPECT_EQ(post(QStringLiteral("/oauth/register"), R"({"redirect_uris":["http://[::1]/cb"]})").status,
              201);
    EXPECT_EQ(post(QStringLiteral("/oauth/register"), R"({"redirect_uris":["http://[::1]/cb"]})").status,
              201);
    const HttpResult limited =
        post(QStringLiteral("/oauth/register"), R"({"redirect_uris":["http://[::1]/cb"]})");
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.json().value(QStringLiteral("error")).toString(),
              QStringLiteral("temporarily_unavailable"));
}

TEST_F(OAuthEndpoints, AuthorizeErrorsBeforeTheRedirectIsTrustedShowAPage)
{
    const QString clientId = registerClient();
    HttpResult r = get(authorizePath(QStringLiteral("unknown")));
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.header("Location").isEmpty());
    EXPECT_TRUE(r.header("Content-Type").startsWith("text/html"));
    EXPECT_EQ(r.header("X-Frame-Options"), QByteArray("DENY"));
    r = get(
        authorizePath(clientId).replace(QStringLiteral("localhost%3A9999"), QStringLiteral("evil.example")));
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.header("Location").isEmpty());
}

TEST_F(OAuthEndpoints, AuthorizeErrorsAfterThatRedirectWithStateAndIss)
{
    const QString clientId = registerClient();
    const HttpResult r =
        get(authorizePath(clientId).replace(QStringLiteral("S256"), QStringLiteral("plain")));
    ASSERT_EQ(r.status, 302);
    EXPECT_TRUE(r.header("Location").startsWith("http://localhost:9999/cb?error=invalid_request&"));
    const QUrlQuery q = locationQuery(r);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+ate"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), issuer());
    const HttpResult scope =
        get(authorizePath(clientId).replace(QStringLiteral("bsv%3Atools"), QStringLiteral("admin")));
    EXPECT_EQ(locationQuery(scope).queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_scope"));
}

// GUI mode with no window listening: nobody can be asked. (Headless mode serves the consent
// form instead: OAuthConsentFormTest.)
TEST_F(OAuthEndpoints, AuthorizeWithoutAnyoneToAskIsAccessDenied)
{
    const QString clientId = registerClient();
    const HttpResult r = get(authorizePath(clientId));
    ASSERT_EQ(r.status, 302);
    const QUrlQuery q = locationQuery(r);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), issuer());
    EXPECT_FALSE(q.hasQueryItem(QStringLiteral("code")));
}

TEST_F(OAuthEndpoints, AuthorizeAsksThePersonThroughTheGatekeeper)
{
    const QString clientId = registerClient();
    QObject::connect(
        m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
        [this](const access::ApprovalRequest& request) {
            m_broker->approve(request.id, {std::nullopt, false, access::ConsentChoice{QString(), true}});
        },
        Qt::QueuedConnection);
    const HttpResult r = get(authorizePath(clientId));
    ASSERT_EQ(r.status, 302) << r.body.constData();
    const QUrlQuery q = locationQuery(r);
    EXPECT_FALSE(q.queryItemValue(QStringLiteral("code")).isEmpty());
    EXPECT_EQ(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+ate"));
    // "Remember this decision" was ticked: the next request is allowed without asking.
    m_broker->setHeadless(true);
    EXPECT_FALSE(
        locationQuery(get(authorizePath(clientId))).queryItemValue(QStringLiteral("code")).isEmpty());
}

TEST_F(OAuthEndpoints, CodeFlowIssuesTokensThatVerifyAgainstTheJwks)
{
    const QString clientId = registerClient();
    const HttpResult r = exchange(clientId, code(clientId));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.header("Cache-Control"), QByteArray("no-store"));
    EXPECT_EQ(r.header("Pragma"), QByteArray("no-cache"));
    const QJsonObject body = r.json();
    EXPECT_EQ(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    EXPECT_EQ(body.value(QStringLiteral("expires_in")).toInt(), 900); // bsv:* scope: 15 minutes
    EXPECT_EQ(body.value(QStringLiteral("scope")).toString(), QStringLiteral("openid bsv:tools"));
    EXPECT_FALSE(body.value(QStringLiteral("refresh_token")).toString().isEmpty());

    auto access = verify(body.value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access) << qPrintable(access.error());
    EXPECT_EQ(access->header.value(QStringLiteral("typ")).toString(), QStringLiteral("at+jwt"));
    EXPECT_EQ(access->claims.value(QStringLiteral("iss")).toString(), issuer());
    EXPECT_EQ(access->claims.value(QStringLiteral("aud")).toString(), QLatin1String(kResource));
    EXPECT_EQ(access->claims.value(QStringLiteral("client_id")).toString(), clientId);
    const auto identities = m_wallet->identities();
    ASSERT_TRUE(identities);
    EXPECT_EQ(access->claims.value(QStringLiteral("sub")).toString(), identities->first().identityKey);
    EXPECT_EQ(access->claims.value(QStringLiteral("bap_id")).toString(), identities->first().identityKey);
    EXPECT_EQ(access->claims.value(QStringLiteral("exp")).toInteger() -
                  access->claims.value(QStringLiteral("iat")).toInteger(),
              900);

    auto id = verify(body.value(QStringLiteral("id_token")).toString());
    ASSERT_TRUE(id) << qPrintable(id.error());
    EXPECT_EQ(id->claims.value(QStringLiteral("aud")).toString(), clientId);
    EXPECT_EQ(id->claims.value(QStringLiteral("nonce")).toString(), QStringLiteral("n-1"));
    EXPECT_EQ(id->claims.value(QStringLiteral("pubkey")).toString(),
              access->claims.value(QStringLiteral("pubkey")).toString());
    EXPECT_EQ(id->claims.value(QStringLiteral("pubkey_attestation")).toString().size(), 88);
}

TEST_F(OAuthEndpoints, CodeReuseIsInvalidGrantAndRevokesItsTokens)
{
    const QString clientId = registerClient();
    const QString c = code(clientId);
    const HttpResult first = exchange(clientId, c);
    ASSERT_EQ(first.status, 200);
    auto access = verify(first.json().value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(access);
    const QString jti = access->claims.value(QStringLiteral("jti")).toString();
    oauth::TokenFamilies families(m_db, m_clock);
    EXPECT_FALSE(families.accessTokenRevoked(jti));

    const HttpResult second = exchange(clientId, c);
    EXPECT_EQ(second.status, 400);
    EXPECT_EQ(
        second.body,
        QByteArray(
            R"({"error":"invalid_grant","error_description":"authorization code already used; its tokens are revoked"})"));
    EXPECT_TRUE(families.accessTokenRevoked(jti));
    EXPECT_EQ(refresh(clientId, first.json().value(QStringLiteral("refresh_token")).toString()).status, 400);
}

TEST_F(OAuthEndpoints, RefreshRotatesAndReuseRevokesTheFamily)
{
    const QString clientId = registerClient();
    const QString r1 =
        exchange(clientId, code(clientId)).json().value(QStringLiteral("refresh_token")).toString();
    const HttpResult rotated = refresh(clientId, r1);
    ASSERT_EQ(rotated.status, 200) << rotated.body.constData();
    const QString r2 = rotated.json().value(QStringLiteral("refresh_token")).toString();
    EXPECT_NE(r2, r1);
    EXPECT_FALSE(rotated.json().contains(QStringLiteral("id_token")));
    EXPECT_TRUE(verify(rotated.json().value(QStringLiteral("access_token")).toString()));

    const HttpResult reused = refresh(clientId, r1);
    EXPECT_EQ(reused.status, 400);
    EXPECT_EQ(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    EXPECT_EQ(refresh(clientId, r2).json().value(QStringLiteral("error")).toString(),
              QStringLiteral("invalid_grant"));
}

TEST_F(OAuthEndpoints, TokenEndpointErrors)
{
    const QString clientId = registerClient({QStringLiteral("authorization_code")});
    auto expectBody = [this](const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers,
                             int status, const QByteArray& expected) {
        const HttpResult r = post(QStringLiteral("/oauth/token"), body, headers);
        EXPECT_EQ(r.status, status) << body.constData();
        EXPECT_EQ(r.body, expected) << body.constData();
        EXPECT_EQ(r.header("Pragma"), QByteArray("no-cache"));
    };
    expectBody(
        "grant_type=authorization_code", {{"Content-Type", "application/json"}}, 400,
        R"({"error":"invalid_request","error_description":"The body must be application/x-www-form-urlencoded"})");
    expectBody(
        "grant_type=a%zz", kForm, 400,
        R"({"error":"invalid_request","error_description":"The body must be application/x-www-form-urlencoded"})");
    expectBody(
        "grant_type=password&client_id=" + clientId.toLatin1(), kForm, 400,
        R"({"error":"unsupported_grant_type","error_description":"grant_type must be authorization_code, refresh_token or device_code"})");
    expectBody("grant_type=authorization_code&grant_type=refresh_token", kForm, 400,
               R"({"error":"invalid_request","error_description":"grant_type was sent more than once"})");
    expectBody("grant_type=authorization_code&client_id=nobody&code=x", kForm, 401,
               R"({"error":"invalid_client","error_description":"unknown client"})");
    expectBody(
        "grant_type=refresh_token&refresh_token=x&client_id=" + clientId.toLatin1(), kForm, 400,
        R"({"error":"unauthorized_client","error_description":"the client did not register the refresh_token grant"})");
    expectBody(
        "grant_type=authorization_code&client_id=" + clientId.toLatin1(), kForm, 400,
        R"({"error":"invalid_request","error_description":"code, redirect_uri and code_verifier are required"})");
    // A wrong verifier.
    const HttpResult wrong =
        exchange(clientId, code(clientId), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX");
    EXPECT_EQ(
        wrong.body,
        QByteArray(
            R"({"error":"invalid_grant","error_description":"code_verifier does not match the code_challenge"})"));
    // No refresh grant registered: no refresh token.
    const HttpResult ok = exchange(clientId, code(clientId));
    ASSERT_EQ(ok.status, 200);
    EXPECT_FALSE(ok.json().contains(QStringLiteral("refresh_token")));
}

TEST_F(OAuthEndpoints, LockedWalletIsTemporarilyUnavailableAndKeepsTheCode)
{
    const QString clientId = registerClient();
    const QString c = code(clientId);
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    const HttpResult locked = exchange(clientId, c);
    EXPECT_EQ(locked.status, 503);
    EXPECT_EQ(locked.body,
              QByteArray(R"({"error":"temporarily_unavailable","error_description":"TokenPass is locked"})"));
    ASSERT_EQ(post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})").status, 200);
    EXPECT_EQ(exchange(clientId, c).status, 200);
}
