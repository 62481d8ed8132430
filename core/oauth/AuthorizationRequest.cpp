#include "oauth/AuthorizationRequest.h"

#include "oauth/Pkce.h"
#include "oauth/RedirectUris.h"
#include "oauth/Scopes.h"

#include <QUrl>

namespace tokenpass::oauth {

namespace {

QString single(const QMap<QString, QStringList>& params, const QString& name, bool* repeated)
{
    const QStringList values = params.value(name);
    if (values.size() > 1)
        *repeated = true;
    return values.value(0);
}

} // namespace

// RFC 8707 §2: an absolute URI without a fragment.
bool validResource(const QString& resource)
{
    const QUrl url(resource, QUrl::StrictMode);
    return url.isValid() && !url.isRelative() && !url.scheme().isEmpty() &&
           !resource.contains(QLatin1Char('#'));
}

AuthorizationRequest AuthorizationRequest::validate(const QMap<QString, QStringList>& params,
                                                    const ClientRegistry& clients)
{
    AuthorizationRequest r;
    bool repeated = false;
    const QString clientId = single(params, QStringLiteral("client_id"), &repeated);
    const auto client = clients.find(clientId);
    if (!client || repeated) {
        r.error = QStringLiteral("invalid_client");
        r.description = QStringLiteral("Unknown client_id");
        return r;
    }
    r.client = *client;
    const QString redirectUri = single(params, QStringLiteral("redirect_uri"), &repeated);
    bool matched = false;
    for (const QString& registered : client->redirectUris())
        matched = matched || (!redirectUri.isEmpty() && RedirectUris::matches(registered, redirectUri));
    if (!matched || repeated) {
        r.error = QStringLiteral("invalid_request");
        r.description = QStringLiteral("redirect_uri is not registered for this client");
        return r;
    }
    r.redirectUri = redirectUri;

    // From here on, errors go back to the client's redirect_uri.
    r.outcome = Outcome::ErrorRedirect;
    r.state = single(params, QStringLiteral("state"), &repeated);
    const QString responseType = single(params, QStringLiteral("response_type"), &repeated);
    const QString method = single(params, QStringLiteral("code_challenge_method"), &repeated);
    r.codeChallenge = single(params, QStringLiteral("code_challenge"), &repeated);
    r.resource = single(params, QStringLiteral("resource"), &repeated);
    const QString scope = single(params, QStringLiteral("scope"), &repeated);
    r.nonce = single(params, QStringLiteral("nonce"), &repeated);
    r.prompt = single(params, QStringLiteral("prompt"), &repeated);
    auto fail = [&r](const char* error, const QString& description) {
        r.error = QString::fromLatin1(error);
        r.description = description;
        return r;
    };
    if (repeated)
        return fail("invalid_request", QStringLiteral("a parameter was sent more than once"));
    if (responseType != QLatin1String("code"))
        return fail("unsupported_response_type", QStringLiteral("response_type must be \"code\""));
    if (r.state.isEmpty())
        return fail("invalid_request", QStringLiteral("state is required"));
    if (method != QLatin1String("S256") || !Pkce::validChallenge(r.codeChallenge))
        return fail("invalid_request", QStringLiteral("PKCE with code_challenge_method S256 is required"));
    if (!r.resource.isEmpty() && !validResource(r.resource))
        return fail("invalid_target", QStringLiteral("resource must be an absolute URI without a fragment"));
    r.scopes = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    r.scopes.removeDuplicates();
    for (const QString& s : r.scopes)
        if (!supportedScopes().contains(s))
            return fail("invalid_scope", QStringLiteral("unknown scope: %1").arg(s));
    if (r.nonce.size() > 512 || r.state.size() > 2048)
        return fail("invalid_request", QStringLiteral("state or nonce is too long"));
    r.outcome = Outcome::Valid;
    r.error.clear();
    return r;
}

} // namespace tokenpass::oauth
