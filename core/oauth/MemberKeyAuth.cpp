#include "oauth/MemberKeyAuth.h"

#include "oauth/ClientRegistry.h"
#include "wallet/BitcoinAuth.h"

#include <QDateTime>
#include <QMutexLocker>

#include <cctype>

namespace tokenpass::oauth {

namespace {

using AuthResult = OAuthResult<bool>;

AuthResult invalidClient(const QString& why)
{
    return AuthResult::fail(QStringLiteral("invalid_client"), why, 401);
}

bool keptAsIs(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' ||
           c == '-' || c == '.' || c == '_';
}

void appendEncoded(QByteArray& out, const QByteArray& bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const char c : bytes) {
        if (keptAsIs(c)) {
            out.append(c);
        } else if (c == ' ') {
            out.append('+');
        } else {
            out.append('%');
            out.append(hex[(uchar(c) >> 4) & 0xF]);
            out.append(hex[uchar(c) & 0xF]);
        }
    }
}

// '+' is a space, %XX a byte; nullopt for a broken escape.
std::optional<QByteArray> decoded(QByteArrayView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.append(' ');
        } else if (text[i] == '%') {
            if (i + 2 >= text.size() || !isxdigit(uchar(text[i + 1])) || !isxdigit(uchar(text[i + 2])))
                return std::nullopt;
            out.append(char(QByteArray(text.data() + i + 1, 2).toInt(nullptr, 16)));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

qint64 isoToMs(const QString& timestamp)
{
    return QDateTime::fromString(timestamp, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

} // namespace

MemberKeyAuth::MemberKeyAuth(const Clock& clock, int capacity) : m_clock(clock), m_capacity(capacity) {}

std::optional<QByteArray> MemberKeyAuth::canonicalForm(QByteArrayView rawBody)
{
    QByteArray out;
    if (rawBody.isEmpty())
        return out;
    for (const QByteArray& pair : QByteArray(rawBody.data(), rawBody.size()).split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        const auto name = decoded(QByteArrayView(pair).first(eq));
        const auto value = decoded(QByteArrayView(pair).sliced(eq + 1));
        if (!name || !value)
            return std::nullopt;
        if (!out.isEmpty())
            out.append('&');
        appendEncoded(out, *name);
        out.append('=');
        appendEncoded(out, *value);
    }
    return out;
}

void MemberKeyAuth::prune(qint64 nowMs)
{
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = it.value() < nowMs ? m_seen.erase(it) : std::next(it);
}

int MemberKeyAuth::remembered() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_seen.size());
}

OAuthResult<bool> MemberKeyAuth::authenticate(const Client& client, const ClientCredentials& credentials)
{
    const QString method = client.metadata.value(QStringLiteral("token_endpoint_auth_method")).toString();
    if (method != QLatin1String("bitcoin_auth"))
        return AuthResult::ok(true);
    if (credentials.authToken.isEmpty())
        return invalidClient(QStringLiteral("This client authenticates with an X-Auth-Token header"));
    const auto parsed = wallet::BitcoinAuth::parseToken(credentials.authToken);
    if (!parsed)
        return invalidClient(QStringLiteral("Unreadable X-Auth-Token: %1").arg(parsed.error()));
    const QString member = client.metadata.value(QStringLiteral("member_pubkey")).toString();
    if (member.isEmpty() || parsed->pubkey.compare(member, Qt::CaseInsensitive) != 0)
        return invalidClient(QStringLiteral("The X-Auth-Token is not signed by the client's member key"));

    const qint64 now = m_clock.nowMs();
    wallet::BitcoinAuth::Request signedRequest{credentials.requestPath, credentials.rawBody};
    auto verified = wallet::BitcoinAuth::verifyStrict(credentials.authToken, signedRequest, now, kWindowMs);
    if (!verified) {
        // The sigma client signs URLSearchParams.toString() of the fields; a body sent with
        // another (equivalent) encoding is checked in that form too.
        const auto canonical = canonicalForm(credentials.rawBody);
        if (canonical && *canonical != credentials.rawBody) {
            signedRequest.body = *canonical;
            auto again =
                wallet::BitcoinAuth::verifyStrict(credentials.authToken, signedRequest, now, kWindowMs);
            if (again)
                verified = std::move(again);
        }
    }
    if (!verified)
        return invalidClient(QStringLiteral("X-Auth-Token refused: %1").arg(verified.error()));

    // Only verified signatures by registered member keys reach the memory, so strangers cannot
    // fill it. An entry is kept until the token's timestamp leaves the window.
    const QString key = verified->pubkey.toLower() + QLatin1Char('|') + verified->signature;
    const qint64 freshUntil = isoToMs(verified->timestamp) + kWindowMs;
    QMutexLocker lock(&m_mutex);
    if (m_seen.contains(key) && m_seen.value(key) >= now)
        return invalidClient(QStringLiteral("This X-Auth-Token was already used"));
    if (m_seen.size() >= m_capacity)
        prune(now);
    if (m_seen.size() >= m_capacity)
        return AuthResult::fail(QStringLiteral("temporarily_unavailable"),
                                QStringLiteral("Too many member-key authentications in the last %1 minutes; "
                                               "try again later")
                                    .arg(2 * kWindowMs / 60000),
                                503);
    m_seen.insert(key, freshUntil);
    return AuthResult::ok(true);
}

} // namespace tokenpass::oauth
