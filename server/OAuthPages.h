#pragma once

#include "ApiTypes.h"
#include "oauth/ConsentRequests.h"

#include <QString>
#include <QStringList>

namespace tokenpass::server {

// The HTML the OAuth routes answer with (OAUTH.md §5.2 rule 2, §6): pages that cannot be framed,
// leak no referrer off the origin, and are never cached (the guard adds no-store).

// A page with a title and a message; refreshUrl: reloaded every 2 s (the GUI waiting page).
ApiResponse oauthPage(int status, const QString& title, const QString& message,
                      const QString& refreshUrl = {});
// 302 to a client's redirect_uri (or an error there).
ApiResponse oauthRedirect(const QString& location, int status = 302);

// One identity the consent form offers; the first is the primary one.
struct ConsentIdentity
{
    QString bapId;
    QString label;
};

// The headless consent form (OAUTH.md §6.1–6.2) for `pending`, with its cookie set:
//   <form method="post" action="/oauth/authorize/decision">
//     hidden csrf, hidden txn, [select identity], password password,
//     button decision=deny, button decision=approve
// `message` is shown above the form (a wrong password, ...).
ApiResponse consentFormPage(const oauth::PendingConsent& pending, const QList<ConsentIdentity>& identities,
                            const QString& message, int status = 200);

// The device page without a (valid) user_code: a field to enter it (OAUTH.md §4).
ApiResponse userCodeEntryPage(int status, const QString& message);

} // namespace tokenpass::server
