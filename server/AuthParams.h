#pragma once

#include "ApiTypes.h"
#include "access/Gatekeeper.h"
#include "crypto/SecureBytes.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace tokenpass::server {

// What POST /api/auth and GET /auth ask for (API.md §2.7, decision 13).
struct AuthParams
{
    QString host;
    std::shared_ptr<crypto::SecureBytes> password; // null: none sent (read by secretField)
    QString expiry = QStringLiteral("1h");         // §2.7 default
    QStringList scopes;
    QString icon;
    QString identityKey;

    // The POST /api/auth body (§2.7 schema; scope strings are trimmed, decision 3). False, with
    // the message for the 400, when it does not validate.
    static bool parse(const ApiRequest& request, AuthParams* out, QString* error);

    // The Connect the Gatekeeper judges for these parameters.
    access::Operation connectOperation(const QString& origin) const;
    // The same request, for the scopes the Gatekeeper allowed.
    AuthParams withScopes(const QStringList& granted) const;
};

} // namespace tokenpass::server
