#include "OAuthPages.h"

#include "access/ScopeWords.h"

#include <QUrl>

namespace tokenpass::server {

namespace {

const QString kStyle = QStringLiteral(
    "<style>body{font-family:system-ui,sans-serif;max-width:34em;margin:2em auto;padding:0 1em;color:#222}"
    ".warn{color:#a40}.error{color:#b00;font-weight:bold}label{display:block;margin:.8em 0}"
    "button{margin-right:1em;padding:.4em 1.2em}</style>");

QString head(const QString& title, const QString& refreshUrl = {})
{
    QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
    if (!refreshUrl.isEmpty())
        html += QStringLiteral("<meta http-equiv=\"refresh\" content=\"2;url=%1\">")
                    .arg(refreshUrl.toHtmlEscaped());
    return html + QStringLiteral("<title>TokenPass - %1</title>").arg(title.toHtmlEscaped()) + kStyle +
           QStringLiteral("</head><body>");
}

ApiResponse htmlResponse(int status, const QString& html)
{
    // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the
    // form's POST, which the Origin rule refuses (OAUTH.md §6.1).
    return ApiResponse::htmlPage(status, html, QByteArrayLiteral("same-origin"));
}

bool isLoopback(const QString& uri)
{
    const QString host = QUrl(uri).host();
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") ||
           host == QLatin1String("::1");
}

} // namespace

ApiResponse oauthPage(int status, const QString& title, const QString& message, const QString& refreshUrl)
{
    return htmlResponse(status,
                        head(title, refreshUrl) + QStringLiteral("<h1>%1</h1><p>%2</p></body></html>")
                                                      .arg(title.toHtmlEscaped(), message.toHtmlEscaped()));
}

ApiResponse oauthRedirect(const QString& location, int status)
{
    ApiResponse r = ApiResponse::empty(status);
    r.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
    r.headers.append({QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")});
    return r;
}

ApiResponse consentFormPage(const oauth::PendingConsent& pending, const QList<ConsentIdentity>& identities,
                            const QString& message, int status)
{
    const bool device = !pending.userCode.isEmpty();
    QString html = head(QStringLiteral("Sign-in request"));
    html +=
        QStringLiteral("<h1>Sign in with TokenPass</h1><p><b>%1</b> (unverified) asks to sign you in.</p>")
            .arg(pending.clientName.toHtmlEscaped());
    if (device)
        html += QStringLiteral("<p>Check that the device shows this code: <b id=\"user-code\">%1-%2</b></p>")
                    .arg(pending.userCode.left(4), pending.userCode.mid(4));
    else
        html += QStringLiteral("<p>You will be sent back to <b>%1</b>.</p>")
                    .arg(QUrl(pending.request.redirectUri).host().toHtmlEscaped());
    if (!pending.resource.isEmpty())
        html += isLoopback(pending.resource)
                    ? QStringLiteral("<p>For: %1</p>").arg(pending.resource.toHtmlEscaped())
                    : QStringLiteral(
                          "<p class=\"warn\">For: %1 &mdash; a remote service will receive the token.</p>")
                          .arg(pending.resource.toHtmlEscaped());
    // Each scope in plain words (core/access/ScopeWords, as the native dialog shows them).
    QStringList asked;
    for (const QString& scope : pending.scopes) {
        const access::ScopeWords words = access::scopeWords(scope);
        asked << QStringLiteral("<li><b>%1</b> (%2): %3</li>")
                     .arg(words.label.toHtmlEscaped(), scope.toHtmlEscaped(),
                          words.explanation.toHtmlEscaped());
    }
    html += pending.scopes.isEmpty()
                ? QStringLiteral("<p>It asks for: sign-in only</p>")
                : QStringLiteral("<p>It asks for:</p><ul id=\"scopes\">%1</ul>").arg(asked.join(QString()));
    if (!message.isEmpty())
        html += QStringLiteral("<p class=\"error\" id=\"message\">%1</p>").arg(message.toHtmlEscaped());
    html += QStringLiteral("<form method=\"post\" action=\"/oauth/authorize/decision\">"
                           "<input type=\"hidden\" name=\"csrf\" value=\"%1\">"
                           "<input type=\"hidden\" name=\"txn\" value=\"%2\">")
                .arg(QString::fromLatin1(pending.csrf), pending.txn.toHtmlEscaped());
    if (identities.size() > 1) {
        html += QStringLiteral("<label>Sign in as <select name=\"identity\">");
        for (qsizetype i = 0; i < identities.size(); ++i)
            html += QStringLiteral("<option value=\"%1\"%2>%3</option>")
                        .arg(identities[i].bapId.toHtmlEscaped(),
                             i == 0 ? QStringLiteral(" selected") : QString(),
                             identities[i].label.toHtmlEscaped());
        html += QStringLiteral("</select></label>");
    }
    // Deny comes first: pressing Enter in the password field submits the first button, and
    // Approve is never the default (DESIGN.md).
    html += QStringLiteral("<label>Wallet password <input type=\"password\" name=\"password\" "
                           "autocomplete=\"current-password\" autofocus></label>"
                           "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>"
                           "<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>"
                           "</form></body></html>");
    ApiResponse r = htmlResponse(status, html);
    r.headers.append({QByteArrayLiteral("Set-Cookie"),
                      "tp_consent=" + pending.cookie + "; HttpOnly; SameSite=Strict; Path=/oauth"});
    return r;
}

ApiResponse userCodeEntryPage(int status, const QString& message)
{
    QString html = head(QStringLiteral("Connect a device"));
    html += QStringLiteral("<h1>Connect a device</h1>");
    if (!message.isEmpty())
        html += QStringLiteral("<p class=\"error\" id=\"message\">%1</p>").arg(message.toHtmlEscaped());
    html += QStringLiteral("<form method=\"get\" action=\"/oauth/device\"><label>Code shown on the device "
                           "<input type=\"text\" name=\"user_code\" autocomplete=\"off\" autofocus></label>"
                           "<button type=\"submit\">Continue</button></form></body></html>");
    return htmlResponse(status, html);
}

} // namespace tokenpass::server
