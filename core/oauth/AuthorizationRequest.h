#pragma once

#include "oauth/ClientRegistry.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tokenpass::oauth {

// RFC 8707 §2: an absolute URI without a fragment (the code and device flows' `resource`).
bool validResource(const QString& resource);

// An authorization request (GET /oauth/authorize), validated in the order of OAUTH.md §5.2
// rule 2, stopping at the first failure.
struct AuthorizationRequest
{
    enum class Outcome
    {
        Valid,
        ErrorPage,     // unknown client or unmatched redirect_uri: an HTML page, never a redirect
        ErrorRedirect, // redirect to redirectUri with error, error_description, state and iss
    };

    Outcome outcome = Outcome::ErrorPage;
    QString error; // the RFC 6749 §4.1.2.1 code (invalid_request, invalid_scope, invalid_target, ...)
    QString description;

    Client client;
    QString redirectUri; // the presented one, once it matched a registered one
    QString state;
    QStringList scopes;
    QString codeChallenge;
    QString resource;
    QString nonce;
    QString prompt;

    // `params`: the query, each name at most once (a repeated one is invalid_request).
    static AuthorizationRequest validate(const QMap<QString, QStringList>& params,
                                         const ClientRegistry& clients);
};

} // namespace tokenpass::oauth
